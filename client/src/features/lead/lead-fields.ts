import { LEAD_FORM_FIELDS, type LeadFormKey, validateLeadDraft } from "@leadline/shared";

/** The input type each form control gets, by the field's kind. */
const INPUT_TYPE = { text: "text", email: "email", phone: "tel", website: "text", tin: "text" } as const;

/** The lead's editable text fields, in form order, from the shared list; `name` is required on create. */
export const LEAD_FIELDS = LEAD_FORM_FIELDS.map((field) => ({
  name: field.key,
  label: field.label,
  type: field.form === "textarea" ? ("textarea" as const) : INPUT_TYPE[field.kind],
  wide: field.form === "textarea",
}));

export type LeadFieldName = LeadFormKey;
export type LeadFieldValues = Record<LeadFieldName, string>;

/**
 * The checks the server makes, by the same shared validator, run before
 * sending so the rep sees them at once; the server still decides (uniqueness
 * and the tenant's phone country are its alone, so a phone without a country
 * prefix is left to it).
 */
export function validateLeadFields(
  values: Partial<LeadFieldValues>,
  requireName: boolean,
  /** false when a chosen contact gives the lead its email or phone. */
  requireReachable = true,
): Record<string, string> {
  const { errors } = validateLeadDraft(values, {
    mode: requireName ? "create" : "update",
    defaultCountry: null,
    now: new Date(),
    requireReachable,
  });
  const byField: Record<string, string> = {};
  for (const error of errors) byField[error.field] ??= error.message;
  return byField;
}
