import { describe, expect, it } from "vitest";
import { emptyLeadValues } from "./LeadFieldInputs";
import {
  choiceErrors,
  createLeadInput,
  type LeadChoice,
  NO_CHOICE,
  requiredFields,
  shownFields,
} from "./new-lead-choice";

const values = (given: Partial<ReturnType<typeof emptyLeadValues>>) => ({ ...emptyLeadValues(), ...given });
const existing: LeadChoice = { company: "existing", companyId: "c1", contactId: null, ownerId: null };

describe("the new-lead form's choices", () => {
  it("asks a person's lead for a name only, and sends no company or contact ids", () => {
    expect(requiredFields(NO_CHOICE)).toEqual(["name"]);
    expect(shownFields(NO_CHOICE)).not.toContain("companyName");
    const input = createLeadInput(
      NO_CHOICE,
      values({ name: " Ann ", email: "ann@example.com", companyName: "typed then hidden" }),
      "CALL",
    );
    expect(input).toEqual({ name: "Ann", source: "CALL", email: "ann@example.com" });
  });

  it("requires a new company's name, website and TIN, and a new contact's first and last name (seed 002)", () => {
    const choice: LeadChoice = { ...NO_CHOICE, company: "new" };
    expect(requiredFields(choice)).toEqual([
      "name",
      "companyName",
      "companyWebsite",
      "companyTin",
      "firstName",
      "lastName",
    ]);
    expect(choiceErrors(choice, values({ name: "Deal", companyName: "Acme" }))).toEqual({
      companyWebsite: "is required",
      companyTin: "is required",
      firstName: "is required",
      lastName: "is required",
    });
    const input = createLeadInput(
      choice,
      values({ name: "Deal", companyName: "Acme", companyTin: "123456789" }),
      "EMAIL",
    );
    expect(input).toMatchObject({ companyName: "Acme", companyTin: "123456789" });
    expect(input.existingCompanyId).toBeUndefined();
  });

  it("sends an existing company's id and never the new-company fields with it", () => {
    expect(
      choiceErrors({ ...existing, companyId: null }, values({ name: "X", firstName: "A", lastName: "B" })),
    ).toEqual({
      existingCompanyId: "choose a company",
    });
    expect(shownFields(existing)).not.toContain("companyName");
    const input = createLeadInput(existing, values({ name: "X", companyName: "stale", firstName: "Al" }), "CALL");
    expect(input).toEqual({ name: "X", source: "CALL", firstName: "Al", existingCompanyId: "c1" });
  });

  it("takes the person from an existing contact: their fields are neither shown, required nor sent", () => {
    const choice: LeadChoice = { ...existing, contactId: "p1", ownerId: "u9" };
    expect(requiredFields(choice)).toEqual(["name"]);
    expect(shownFields(choice)).not.toContain("email");
    expect(shownFields(choice)).toContain("jobTitle");
    const input = createLeadInput(choice, values({ name: "Renewal", email: "old@example.com", city: "Porto" }), "CALL");
    expect(input).toEqual({
      name: "Renewal",
      source: "CALL",
      city: "Porto",
      existingCompanyId: "c1",
      existingContactId: "p1",
      ownerId: "u9",
    });
  });
});
