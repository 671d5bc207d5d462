import { describe, expect, it } from "vitest";
import { validateDealDraft } from "./conversion.js";
import { FieldErrors } from "./lead-input.js";

const check = (draft: Parameters<typeof validateDealDraft>[0]) => {
  const errors = new FieldErrors();
  const deal = validateDealDraft(draft, "Acme lead", errors);
  return { deal, fields: errors.list.map((e) => e.field) };
};

describe("a conversion's deal", () => {
  it("is absent unless asked for, and deal fields without createDeal are named", () => {
    expect(check({})).toEqual({ deal: null, fields: [] });
    expect(check({ amount: 10, currency: "USD" }).fields).toEqual(["amount", "currency"]);
  });

  it("defaults its name to the lead's and its stage to qualification", () => {
    expect(check({ createDeal: true }).deal).toMatchObject({ name: "Acme lead", stage: "qualification", amount: null });
  });

  it("accepts an amount of 0, ISO 4217 currencies in any case, and probabilities 0–100", () => {
    const { deal, fields } = check({ createDeal: true, amount: 0, currency: "eur", probability: 100 });
    expect(fields).toEqual([]);
    expect(deal).toMatchObject({ amount: 0, currency: "EUR", probability: 100 });
  });

  it("names every bad field at once", () => {
    expect(
      check({ createDeal: true, amount: -1, currency: "XYZ", probability: 101, closeDate: "not a date" }).fields,
    ).toEqual(["amount", "currency", "probability", "closeDate"]);
    expect(check({ createDeal: true, probability: 50.5 }).fields).toEqual(["probability"]);
    expect(check({ createDeal: true, amount: 5 }).fields).toEqual(["currency"]);
  });
});
