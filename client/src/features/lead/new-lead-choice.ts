import { LEAD_COMPANY_FIELDS } from "@leadline/shared";
import type { CreateLeadInput, LeadSource } from "../../gql/graphql";
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

/** The createLead input for the choice: only the fields shown, and the picked records' ids. */
export function createLeadInput(choice: LeadChoice, values: LeadFieldValues, source: LeadSource): CreateLeadInput {
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
  return input;
}
