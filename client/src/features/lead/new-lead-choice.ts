import {
  LEAD_COMPANY_FIELDS,
  normalizeEmail,
  LEAD_FIELDS as SHARED_LEAD_FIELDS,
  validateLeadDraft,
} from "@leadline/shared";
import type { AttachmentInput, CreateLeadInput, LeadSource } from "../../gql/graphql";
import { localMoment } from "./date-time";
import { LEAD_FIELDS, type LeadFieldName, type LeadFieldValues } from "./lead-fields";

/**
 * What the new-lead form decides from the rep's choices (seeds 002 and 003),
 * kept apart from React so it can be tested on its own: which fields it shows
 * and requires, what it refuses before sending, and the input it sends.
 */

/** No company (seed 003: a person), one the tenant has, or a new one (seed 002). */
export type CompanyChoice = "none" | "existing" | "new";

export interface LeadChoice {
  company: CompanyChoice;
  /** The existing company picked; null until one is. */
  companyId: string | null;
  /** An existing contact of that company, or null for a new contact (the lead's own person fields). */
  contactId: string | null;
  /** An active user chosen as owner; null leaves the server's default (a rep's own lead is theirs). */
  ownerId: string | null;
}

export const NO_CHOICE: LeadChoice = { company: "none", companyId: null, contactId: null, ownerId: null };

const COMPANY_KEYS = new Set<LeadFieldName>(LEAD_COMPANY_FIELDS.map((f) => f.key));
/** The person a chosen contact supplies: not asked for when one is picked. */
const PERSON_KEYS = new Set<LeadFieldName>(["firstName", "lastName", "middleName", "email", "phone"]);

/** Whether the lead's person is an existing contact (only of an existing company, seed 002). */
export function usesExistingContact(choice: LeadChoice): boolean {
  return choice.company === "existing" && choice.contactId !== null;
}

/** The text fields the form shows for this choice, in form order. */
export function shownFields(choice: LeadChoice): LeadFieldName[] {
  return LEAD_FIELDS.map((f) => f.name).filter(
    (name) =>
      !(COMPANY_KEYS.has(name) && choice.company !== "new") && !(PERSON_KEYS.has(name) && usesExistingContact(choice)),
  );
}

/**
 * Seed 002's mandatory fields for the choice made: a new company's name,
 * website and TIN; a new contact's first and last name when the lead is for
 * a company. Every lead has a name; without a company seed 003's form applies
 * (a name and a phone or an email, which the shared validator checks).
 */
export function requiredFields(choice: LeadChoice): LeadFieldName[] {
  const required: LeadFieldName[] = ["name"];
  if (choice.company === "new") required.push("companyName", "companyWebsite", "companyTin");
  if (choice.company !== "none" && !usesExistingContact(choice)) required.push("firstName", "lastName");
  return required;
}

/** What the choice itself lacks, and required fields left blank, by field. */
export function choiceErrors(choice: LeadChoice, values: LeadFieldValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (choice.company === "existing" && !choice.companyId) errors.existingCompanyId = "choose a company";
  for (const name of requiredFields(choice)) if (!values[name].trim()) errors[name] = "is required";
  return errors;
}

/**
 * The rest of a new lead, all optional: seed 002's partner company and its
 * representative, seed 000's customer (by email), expiry and files.
 */
export interface LeadExtras {
  /** Picked by typeahead: its name stays in the box. */
  partnerCompany: { id: string; name: string } | null;
  partnerRepresentativeId: string | null;
  /** As typed; the server finds (or, in a service-journey pipeline, invites) the customer by it. */
  customerEmail: string;
  /** A datetime-local value, in the viewer's own time; "" for none. */
  expiresAt: string;
  /** Files already uploaded (staged for this lead), in the order picked. */
  attachments: AttachmentInput[];
}

export const NO_EXTRAS: LeadExtras = {
  partnerCompany: null,
  partnerRepresentativeId: null,
  customerEmail: "",
  expiresAt: "",
  attachments: [],
};

/**
 * The extras' fields as the server names them: the lead's fields with their
 * own controls (references and dates, from the shared list) and create's
 * customer and files (attachments errors are `attachments.<i>.<part>`).
 */
export const EXTRAS_FIELDS: readonly string[] = [
  ...SHARED_LEAD_FIELDS.filter((f) => f.editable && (f.kind === "ref" || f.kind === "date")).map((f) => f.key),
  "customerEmail",
  "attachments",
];

/** Whether an error (by its field) belongs to the extras, which are folded away unless given or refused. */
export function isExtrasField(field: string): boolean {
  return EXTRAS_FIELDS.some((name) => field === name || field.startsWith(`${name}.`));
}

/** What the extras get wrong before sending, by field: the shared rules (expiry in the future, an email's form). */
export function extrasErrors(extras: LeadExtras, now: Date): Record<string, string> {
  const errors: Record<string, string> = {};
  const expiresAt = localMoment(extras.expiresAt);
  if (expiresAt && Number.isNaN(expiresAt.getTime())) errors.expiresAt = "is not a date and time";
  else if (expiresAt) {
    const checked = validateLeadDraft({ expiresAt }, { mode: "update", defaultCountry: null, now });
    for (const error of checked.errors) errors[error.field] ??= error.message;
  }
  if (extras.customerEmail.trim()) {
    const email = normalizeEmail(extras.customerEmail);
    if (!email.ok) errors.customerEmail = email.message;
  }
  return errors;
}

/** A user the representative menu may offer: their roles and the partner company they belong to, if any. */
export interface PartnerUser {
  id: string;
  roles: readonly string[];
  partnerCompany?: { id: string } | null;
}

/**
 * Seed 002's partner representative: an employee of the partner company.
 * The server takes any active user; the menu offers those holding the
 * PARTNER role (the one lead access follows: a partner sees the leads they
 * represent), and once a partner company is chosen, only its own people and
 * partners tied to no company.
 */
export function partnerRepresentatives<U extends PartnerUser>(users: readonly U[], partnerCompanyId: string | null) {
  return users.filter(
    (user) =>
      user.roles.includes("PARTNER") &&
      (!partnerCompanyId || !user.partnerCompany || user.partnerCompany.id === partnerCompanyId),
  );
}

/** The createLead input for the choice: only the fields shown, the picked records' ids, and the extras given. */
export function createLeadInput(
  choice: LeadChoice,
  values: LeadFieldValues,
  source: LeadSource,
  extras: LeadExtras = NO_EXTRAS,
): CreateLeadInput {
  const input: CreateLeadInput = { name: values.name.trim(), source };
  for (const name of shownFields(choice)) {
    const value = values[name].trim();
    if (value && name !== "name") (input as Record<LeadFieldName, string>)[name] = value;
  }
  if (choice.company === "existing" && choice.companyId) {
    input.existingCompanyId = choice.companyId;
    if (choice.contactId) input.existingContactId = choice.contactId;
  }
  if (choice.ownerId) input.ownerId = choice.ownerId;
  if (extras.partnerCompany) input.partnerCompanyId = extras.partnerCompany.id;
  if (extras.partnerRepresentativeId) input.partnerRepresentativeId = extras.partnerRepresentativeId;
  if (extras.customerEmail.trim()) input.customerEmail = extras.customerEmail.trim();
  const expiresAt = localMoment(extras.expiresAt);
  // The server's DateTime is an ISO instant: the local time the rep chose, in UTC.
  if (expiresAt && !Number.isNaN(expiresAt.getTime())) input.expiresAt = expiresAt.toISOString();
  if (extras.attachments.length) input.attachments = extras.attachments;
  return input;
}
