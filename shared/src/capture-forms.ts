import { LEAD_FIELD_BY_KEY, LEAD_FIELDS, type LeadFieldSpec } from "./lead-fields.js";

/** Every capture form asks for these (seed 004): who the person is, how to reach them, where they work. */
export const FORM_BASE_FIELDS = ["name", "email", "phone", "companyName", "jobTitle"] as const;

/** What a form may add: the lead's typed-in fields (not dates, references or the outcome). */
export const FORM_FIELD_KEYS: readonly string[] = LEAD_FIELDS.filter(
  (f) => f.kind !== "date" && f.kind !== "ref" && f.key !== "outcome",
).map((f) => f.key);

/** The fields a form shows, in order: the base ones, then those it configured (unknown keys left out). */
export function formFieldsOf(form: { fields: readonly string[] }): LeadFieldSpec[] {
  const keys = [...new Set<string>([...FORM_BASE_FIELDS, ...form.fields])];
  return keys
    .filter((k) => FORM_FIELD_KEYS.includes(k))
    .map((k) => LEAD_FIELD_BY_KEY[k as keyof typeof LEAD_FIELD_BY_KEY]);
}

/** The longest thank-you message a form keeps. */
export const THANK_YOU_LIMIT = 1_000;
