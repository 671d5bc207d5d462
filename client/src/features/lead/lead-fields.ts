import { FieldErrors, normalizeEmail, normalizePhone, normalizeTin, normalizeWebsite } from "@leadline/shared";

/** The lead's editable text fields, in form order; `name` is required on create. */
export const LEAD_FIELDS = [
  { name: "name", label: "Name", type: "text", wide: false },
  { name: "firstName", label: "First name", type: "text", wide: false },
  { name: "lastName", label: "Last name", type: "text", wide: false },
  { name: "middleName", label: "Middle name", type: "text", wide: false },
  { name: "email", label: "Email", type: "email", wide: false },
  { name: "phone", label: "Phone", type: "tel", wide: false },
  { name: "jobTitle", label: "Job title", type: "text", wide: false },
  { name: "companyName", label: "Company name", type: "text", wide: false },
  { name: "companyWebsite", label: "Company website", type: "text", wide: false },
  { name: "companyTin", label: "Company TIN", type: "text", wide: false },
  { name: "city", label: "City", type: "text", wide: false },
  { name: "category", label: "Category", type: "text", wide: false },
  { name: "product", label: "Service / product", type: "text", wide: false },
  { name: "marketingCampaign", label: "Marketing campaign", type: "text", wide: false },
  { name: "salesDirection", label: "Sales direction", type: "text", wide: false },
  { name: "contentChannel", label: "Content channel", type: "text", wide: false },
  { name: "description", label: "Description", type: "textarea", wide: true },
] as const;

export type LeadFieldName = (typeof LEAD_FIELDS)[number]["name"];
export type LeadFieldValues = Record<LeadFieldName, string>;

/** A phone without a country prefix is read in the tenant's country, which only the server knows. */
const PHONE_CHECK_COUNTRY = "US";

/**
 * The checks the server makes with the same @leadline/shared rules, run
 * before sending so the rep sees them at once; the server still decides
 * (uniqueness and the tenant's phone country are its alone).
 */
export function validateLeadFields(values: Partial<LeadFieldValues>, requireName: boolean): Record<string, string> {
  const errors = new FieldErrors();
  const name = values.name?.trim() ?? "";
  if (requireName && !name) errors.add("name", "is required");
  if (name.length > 200) errors.add("name", "must be at most 200 characters");
  if (requireName && !values.email?.trim() && !values.phone?.trim()) {
    // Seed 003: a new lead needs a way to reach the person.
    errors.add("email", "give an email or a phone number");
    errors.add("phone", "give a phone number or an email");
  }
  if (values.email?.trim()) errors.take("email", normalizeEmail(values.email));
  if (values.phone?.trim().startsWith("+")) errors.take("phone", normalizePhone(values.phone, PHONE_CHECK_COUNTRY));
  if (values.companyWebsite?.trim()) errors.take("companyWebsite", normalizeWebsite(values.companyWebsite));
  if (values.companyTin?.trim()) errors.take("companyTin", normalizeTin(values.companyTin));
  const byField: Record<string, string> = {};
  for (const error of errors.list) byField[error.field] ??= error.message;
  return byField;
}
