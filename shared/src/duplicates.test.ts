import { describe, expect, it } from "vitest";
import { isNameOnlyProbe, judgeDuplicate, normalizeDuplicateProbe, similarityText } from "./duplicates.js";
import { FieldErrors } from "./lead-input.js";

const none = {
  email: false,
  phone: false,
  tin: false,
  domain: false,
  nameSimilarity: null,
  companySimilarity: null,
  nameOnlyProbe: false,
};

describe("normalizeDuplicateProbe", () => {
  it("brings every key to the stored form", () => {
    const errors = new FieldErrors();
    const probe = normalizeDuplicateProbe(
      {
        email: " Ada@Example.COM ",
        phone: "+1 (415) 555-0100",
        companyWebsite: "https://www.shop.acme.co.uk/about/",
        companyTin: "123-456 789",
        name: "  Ada   LOVELACE ",
        companyName: "Analytical  Engines",
      },
      "US",
      errors,
    );
    expect(errors.list).toEqual([]);
    expect(probe).toEqual({
      email: "ada@example.com",
      phone: "+14155550100",
      domain: "acme.co.uk",
      tin: "123456789",
      name: "ada lovelace",
      companyName: "analytical engines",
    });
  });

  it("reads national phone numbers in the tenant's country", () => {
    const errors = new FieldErrors();
    expect(normalizeDuplicateProbe({ phone: "4155550100" }, "US", errors).phone).toBe("+14155550100");
    expect(normalizeDuplicateProbe({ phone: "030 1234567" }, "DE", errors).phone).toBe("+49301234567");
    expect(errors.list).toEqual([]);
  });

  it("names each value it cannot normalize; blanks are simply absent", () => {
    const errors = new FieldErrors();
    const probe = normalizeDuplicateProbe(
      { email: "nope", phone: "12", companyWebsite: "not a site", companyTin: "12", name: " " },
      "US",
      errors,
    );
    expect(errors.list.map((e) => e.field)).toEqual(["email", "phone", "companyWebsite", "companyTin"]);
    expect(probe.name).toBeNull();
  });

  it("knows a name-only probe", () => {
    expect(isNameOnlyProbe({ email: null, phone: null, domain: null, tin: null, name: "a", companyName: null })).toBe(
      true,
    );
    expect(isNameOnlyProbe({ email: null, phone: null, domain: null, tin: null, name: "a", companyName: "b" })).toBe(
      false,
    );
    expect(similarityText(" A  B ")).toBe("a b");
  });
});

describe("judgeDuplicate", () => {
  it("treats the same email or phone as near certain, and combines evidence", () => {
    expect(judgeDuplicate({ ...none, email: true })).toEqual({ reasons: ["email"], confidence: 0.95 });
    expect(judgeDuplicate({ ...none, phone: true })).toEqual({ reasons: ["phone"], confidence: 0.9 });
    expect(judgeDuplicate({ ...none, email: true, phone: true })).toEqual({
      reasons: ["email", "phone"],
      confidence: 1,
    });
  });

  it("counts the same company alone as a weaker match", () => {
    expect(judgeDuplicate({ ...none, tin: true })).toEqual({ reasons: ["tin"], confidence: 0.6 });
    expect(judgeDuplicate({ ...none, domain: true, nameSimilarity: 0.2 })).toEqual({
      reasons: ["domain"],
      confidence: 0.5,
    });
  });

  it("matches a misspelt name at the same company, less surely than an email", () => {
    const verdict = judgeDuplicate({ ...none, nameSimilarity: 0.6154, companySimilarity: 1 });
    expect(verdict?.reasons).toEqual(["company", "name~0.61"]);
    expect(verdict?.confidence).toBeCloseTo(0.9 * 0.6154, 2);
    expect(verdict?.confidence).toBeLessThan(0.95);
    const fuzzy = judgeDuplicate({ ...none, nameSimilarity: 1, companySimilarity: 0.6667 });
    expect(fuzzy?.reasons).toEqual(["company~0.66", "name"]);
    // Same domain and a similar name: both pieces of evidence add up.
    expect(judgeDuplicate({ ...none, domain: true, nameSimilarity: 0.8 })).toEqual({
      reasons: ["domain", "name~0.80"],
      confidence: 0.86,
    });
  });

  it("ignores a company name alone, a name alone and weak similarities", () => {
    expect(judgeDuplicate({ ...none, companySimilarity: 1 })).toBeNull();
    expect(judgeDuplicate({ ...none, nameSimilarity: 1 })).toBeNull();
    expect(judgeDuplicate({ ...none, nameSimilarity: 0.9, companySimilarity: 0.4 })).toBeNull();
    expect(judgeDuplicate({ ...none, nameSimilarity: 0.3, companySimilarity: 1 })).toBeNull();
  });

  it("lets a name-only probe match similar names, weakly", () => {
    expect(judgeDuplicate({ ...none, nameOnlyProbe: true, nameSimilarity: 1 })).toEqual({
      reasons: ["name"],
      confidence: 0.5,
    });
    expect(judgeDuplicate({ ...none, nameOnlyProbe: true, nameSimilarity: 0.45 })).toBeNull();
  });
});
