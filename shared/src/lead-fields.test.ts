import { describe, expect, it } from "vitest";
import { LEAD_EDITABLE_FIELDS, LEAD_FIELDS, validateLeadDraft } from "./lead-fields.js";

const now = new Date("2030-01-01T00:00:00Z");
const fields = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);

describe("validateLeadDraft", () => {
  it("requires a name and an email or a phone on create", () => {
    const { errors } = validateLeadDraft({ name: " " }, { mode: "create", defaultCountry: "US", now });
    expect(fields(errors)).toEqual([
      "name: is required",
      "email: give an email or a phone number",
      "phone: give a phone number or an email",
    ]);
  });

  it("does not call a too long name missing", () => {
    const { errors } = validateLeadDraft(
      { name: "x".repeat(201), email: "a@b.co" },
      { mode: "create", defaultCountry: "US", now },
    );
    expect(fields(errors)).toEqual(["name: must be at most 200 characters"]);
  });

  it("normalizes and keeps absent keys absent on update", () => {
    const { values, errors } = validateLeadDraft(
      { email: " A@B.co ", companyWebsite: "www.Example.co.uk/x/", companyTin: "123-456-789", city: "  " },
      { mode: "update", defaultCountry: "US", now },
    );
    expect(errors).toEqual([]);
    expect(values).toEqual({
      email: "a@b.co",
      companyWebsite: "https://example.co.uk/x",
      companyDomain: "example.co.uk",
      companyTin: "123456789",
      city: null,
    });
  });

  it("refuses a past expiry and over-long text", () => {
    const { values, errors } = validateLeadDraft(
      { expiresAt: new Date("2020-01-01"), description: "x".repeat(10_001) },
      { mode: "update", defaultCountry: "US", now },
    );
    expect(fields(errors)).toEqual([
      "description: must be at most 10000 characters",
      "expiresAt: must be in the future",
    ]);
    expect(values).toEqual({});
  });

  it("lists each key once, with a limit on every text field", () => {
    const keys = LEAD_FIELDS.map((f) => f.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of LEAD_FIELDS) if (f.kind === "text") expect(f.limit).toBeGreaterThan(0);
    expect(LEAD_EDITABLE_FIELDS.map((f) => f.key)).not.toContain("name");
  });
});
