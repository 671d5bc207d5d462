import { describe, expect, it } from "vitest";
import { toLocalInput } from "./date-time";
import { emptyLeadValues } from "./LeadFieldInputs";
import {
  choiceErrors,
  createLeadInput,
  extrasErrors,
  isExtrasField,
  type LeadChoice,
  NO_CHOICE,
  NO_EXTRAS,
  partnerRepresentatives,
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

describe("the new-lead form's partner, customer, expiry and files", () => {
  const now = new Date("2030-06-01T12:00:00Z");

  it("sends the partner, customer, expiry (the local time as an instant) and files given, and nothing when none are", () => {
    expect(createLeadInput(NO_CHOICE, values({ name: "Ann" }), "CALL", NO_EXTRAS)).toEqual({
      name: "Ann",
      source: "CALL",
    });
    const file = { url: "/files/f1", name: "brief.pdf", fileType: "application/pdf", size: 2048 };
    const input = createLeadInput(NO_CHOICE, values({ name: "Ann" }), "PARTNER", {
      partnerCompany: { id: "pc1", name: "Partner Co" },
      partnerRepresentativeId: "u7",
      customerEmail: " buyer@example.com ",
      expiresAt: "2030-07-01T09:30",
      attachments: [file],
    });
    expect(input).toEqual({
      name: "Ann",
      source: "PARTNER",
      partnerCompanyId: "pc1",
      partnerRepresentativeId: "u7",
      customerEmail: "buyer@example.com",
      // datetime-local values are the browser's own time: the instant is that moment in this zone.
      expiresAt: new Date(2030, 6, 1, 9, 30).toISOString(),
      attachments: [file],
    });
    expect(toLocalInput(new Date(input.expiresAt as string))).toBe("2030-07-01T09:30");
  });

  it("refuses an expiry that is not in the future and a malformed customer email, by the shared rules", () => {
    expect(extrasErrors(NO_EXTRAS, now)).toEqual({});
    expect(
      extrasErrors(
        { ...NO_EXTRAS, expiresAt: toLocalInput(new Date(now.getTime() - 60_000)), customerEmail: "x@" },
        now,
      ),
    ).toEqual({ expiresAt: "must be in the future", customerEmail: "is not a valid email address" });
    expect(extrasErrors({ ...NO_EXTRAS, expiresAt: "soon" }, now)).toEqual({ expiresAt: "is not a date and time" });
    expect(extrasErrors({ ...NO_EXTRAS, expiresAt: toLocalInput(new Date(now.getTime() + 3_600_000)) }, now)).toEqual(
      {},
    );
  });

  it("offers partners as representatives: those of the chosen partner company, or of none", () => {
    const users = [
      { id: "p1", roles: ["PARTNER"], partnerCompany: { id: "pc1" } },
      { id: "p2", roles: ["PARTNER"], partnerCompany: { id: "pc2" } },
      { id: "p3", roles: ["PARTNER"], partnerCompany: null },
      { id: "s1", roles: ["SALES"], partnerCompany: null },
    ];
    expect(partnerRepresentatives(users, null).map((u) => u.id)).toEqual(["p1", "p2", "p3"]);
    expect(partnerRepresentatives(users, "pc1").map((u) => u.id)).toEqual(["p1", "p3"]);
  });

  it("knows which refusals belong to the folded section", () => {
    for (const field of ["partnerCompanyId", "partnerRepresentativeId", "expiresAt", "customerEmail", "attachments"]) {
      expect(isExtrasField(field)).toBe(true);
    }
    expect(isExtrasField("attachments.0.url")).toBe(true);
    expect(isExtrasField("email")).toBe(false);
    expect(isExtrasField("existingCompanyId")).toBe(false);
  });
});
