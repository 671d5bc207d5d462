import {
  cleanText,
  type FieldError,
  FieldErrors,
  normalizeEmail,
  normalizePhone,
  normalizeTin,
  normalizeWebsite,
} from "./lead-input.js";

/**
 * How a field is read and checked: free text (trimmed, with a length limit),
 * one of the contact formats lead-input.ts normalizes, a date, or the id of
 * another record (a reference the server resolves).
 */
export type LeadFieldKind = "text" | "email" | "phone" | "website" | "tin" | "date" | "ref";

export interface LeadFieldSpec {
  readonly key: string;
  readonly kind: LeadFieldKind;
  /** Longest accepted value, in characters (text fields). */
  readonly limit?: number;
  readonly label: string;
  /** Which seed rule the field comes from, or what it is for. */
  readonly rule: string;
  /** Shown on the GraphQL input field (create and update). */
  readonly inputDescription?: string;
  /** Shown on the field of the GraphQL Lead type. */
  readonly readDescription?: string;
  /** A field of the create and update inputs both; name and outcome are not (create requires a name; outcome is set later). */
  readonly editable: boolean;
  /** A new company's detail: refused when the lead is linked to a company record; merges fill them together. */
  readonly company?: true;
  /** Edited in the lead form (New lead and the lead page); dates and references have their own controls. */
  readonly form?: "text" | "textarea";
}

/**
 * The lead's fields a person types in, once: the server's input types,
 * validation and merge, and the client's form and checks all read this list.
 * Order is the form's order.
 */
export const LEAD_FIELDS = [
  {
    key: "name",
    kind: "text",
    limit: 200,
    label: "Name",
    rule: "seed 002: every lead has a name (required on create)",
    editable: false,
    form: "text",
  },
  {
    key: "firstName",
    kind: "text",
    limit: 100,
    label: "First name",
    rule: "seed 002: the person",
    editable: true,
    form: "text",
  },
  {
    key: "lastName",
    kind: "text",
    limit: 100,
    label: "Last name",
    rule: "seed 002: the person",
    editable: true,
    form: "text",
  },
  {
    key: "middleName",
    kind: "text",
    limit: 100,
    label: "Middle name",
    rule: "seed 002: the person",
    editable: true,
    form: "text",
  },
  {
    key: "email",
    kind: "email",
    label: "Email",
    rule: "seed 003: a new lead gives an email or a phone",
    editable: true,
    form: "text",
  },
  {
    key: "phone",
    kind: "phone",
    label: "Phone",
    rule: "seed 003: a new lead gives an email or a phone; stored as E.164",
    inputDescription: "Any common format; stored as E.164 (tenant default country).",
    readDescription: "E.164.",
    editable: true,
    form: "text",
  },
  {
    key: "jobTitle",
    kind: "text",
    limit: 200,
    label: "Job title",
    rule: "seed 002: the person",
    editable: true,
    form: "text",
  },
  {
    key: "companyName",
    kind: "text",
    limit: 200,
    label: "Company name",
    rule: "seed 002: a new company, unique in the tenant",
    inputDescription: "A new company's name; must not exist in the tenant.",
    editable: true,
    company: true,
    form: "text",
  },
  {
    key: "companyWebsite",
    kind: "website",
    label: "Company website",
    rule: "seed 002: a new company's website; its registrable domain is unique in the tenant",
    inputDescription: "A new company's website; its domain must not exist in the tenant.",
    editable: true,
    company: true,
    form: "text",
  },
  {
    key: "companyTin",
    kind: "tin",
    label: "Company TIN",
    rule: "seed 002: 9, 10 or 12 digits, unique in the tenant",
    inputDescription: "A new company's TIN: 9, 10 or 12 digits, new to the tenant.",
    editable: true,
    company: true,
    form: "text",
  },
  {
    key: "city",
    kind: "text",
    limit: 200,
    label: "City",
    rule: "seed 002: where the person is",
    editable: true,
    form: "text",
  },
  {
    key: "category",
    kind: "text",
    limit: 200,
    label: "Category",
    rule: "seed 002: what they want",
    editable: true,
    form: "text",
  },
  {
    key: "product",
    kind: "text",
    limit: 200,
    label: "Service / product",
    rule: "seed 002: what they want",
    editable: true,
    form: "text",
  },
  {
    key: "marketingCampaign",
    kind: "text",
    limit: 200,
    label: "Marketing campaign",
    rule: "seed 002: marketing",
    editable: true,
    form: "text",
  },
  {
    key: "salesDirection",
    kind: "text",
    limit: 200,
    label: "Sales direction",
    rule: "seed 002: marketing",
    editable: true,
    form: "text",
  },
  {
    key: "contentChannel",
    kind: "text",
    limit: 200,
    label: "Content channel",
    rule: "seed 002: marketing",
    editable: true,
    form: "text",
  },
  {
    key: "description",
    kind: "text",
    limit: 10_000,
    label: "Description",
    rule: "seed 002: free notes on the request",
    editable: true,
    form: "textarea",
  },
  {
    key: "partnerRepresentativeId",
    kind: "ref",
    label: "Partner representative",
    rule: "seed 002: an active user of the tenant",
    editable: true,
  },
  {
    key: "partnerCompanyId",
    kind: "ref",
    label: "Partner company",
    rule: "seed 002: a company of the tenant",
    editable: true,
  },
  {
    key: "expiresAt",
    kind: "date",
    label: "Expires at",
    rule: "seed 004: a lead may expire; the moment must be in the future",
    editable: true,
  },
  {
    key: "outcome",
    kind: "text",
    limit: 2_000,
    label: "Outcome",
    rule: "seed 005: how the lead ended, set on update",
    editable: false,
  },
] as const satisfies readonly LeadFieldSpec[];

type Spec = (typeof LEAD_FIELDS)[number];

export type LeadFieldKey = Spec["key"];
/** The fields create and update both accept. */
export type LeadEditableKey = Extract<Spec, { editable: true }>["key"];
/** The fields the lead form edits as text. */
export type LeadFormKey = Extract<Spec, { form: string }>["key"];
export type LeadTextKey = Extract<Spec, { kind: "text" }>["key"];
export type LeadFieldKindOf<K extends LeadFieldKey> = Extract<Spec, { key: K }>["kind"];

/** The value a kind carries: dates are Dates, everything else a string (references are ids). */
export type LeadFieldValue<Kind extends LeadFieldKind> = Kind extends "date" ? Date : string;

export const LEAD_EDITABLE_FIELDS = LEAD_FIELDS.filter((f): f is Extract<Spec, { editable: true }> => f.editable);
/** A new company's details, as create accepts them. */
export const LEAD_COMPANY_FIELDS = LEAD_FIELDS.filter((f): f is Extract<Spec, { company: true }> => "company" in f);
export type LeadCompanyKey = (typeof LEAD_COMPANY_FIELDS)[number]["key"];
export const LEAD_FORM_FIELDS = LEAD_FIELDS.filter((f): f is Extract<Spec, { form: string }> => "form" in f);

export const LEAD_FIELD_BY_KEY: { readonly [K in LeadFieldKey]: Extract<Spec, { key: K }> } = Object.fromEntries(
  LEAD_FIELDS.map((f) => [f.key, f]),
) as never;

/** A draft as a form or an API caller gives it: undefined is "not given", null or blank is "clear". */
export type LeadDraft = { [K in LeadFieldKey]?: LeadFieldValue<LeadFieldKindOf<K>> | null };

/** The normalized values; a website brings its registrable domain (what duplicate detection compares). */
export type LeadDraftValues = LeadDraft & { companyDomain?: string | null };

export interface LeadDraftOptions {
  /** create: name required and an email or a phone; update: only what is given is checked. */
  mode: "create" | "update";
  /** The tenant's country for phones without a prefix; null when unknown (the client): such phones are left to the server. */
  defaultCountry: string | null;
  now: Date;
  /**
   * On create, whether the draft must give an email or a phone itself (default
   * true); the server passes false when a chosen contact may supply them.
   */
  requireReachable?: boolean;
}

/**
 * The one check of a lead draft, on the server and (before sending) in the
 * client. Keys absent from the draft stay absent from the values, so an
 * update touches only what it names; a refused field is absent too.
 */
export function validateLeadDraft(
  draft: LeadDraft,
  options: LeadDraftOptions,
): { values: LeadDraftValues; errors: FieldError[] } {
  const errors = new FieldErrors();
  const values: Record<string, unknown> = {};
  for (const field of LEAD_FIELDS) {
    const raw = draft[field.key];
    if (raw === undefined) continue;
    if (field.kind === "date" || field.kind === "ref") {
      if (field.kind === "date" && raw instanceof Date && raw <= options.now) {
        errors.add(field.key, "must be in the future");
      } else values[field.key] = raw;
      continue;
    }
    const cleaned = cleanText(raw as string | null);
    if (cleaned === null) {
      values[field.key] = null;
      if (field.kind === "website") values.companyDomain = null;
      continue;
    }
    if (cleaned === undefined) continue;
    switch (field.kind) {
      case "text":
        if (cleaned.length > field.limit) errors.add(field.key, `must be at most ${field.limit} characters`);
        else values[field.key] = cleaned;
        break;
      case "email":
        values[field.key] = errors.take(field.key, normalizeEmail(cleaned));
        break;
      case "phone":
        if (options.defaultCountry !== null) {
          values[field.key] = errors.take(field.key, normalizePhone(cleaned, options.defaultCountry));
        } else if (cleaned.startsWith("+")) {
          // Without the tenant's country only an international number can be checked here.
          values[field.key] = errors.take(field.key, normalizePhone(cleaned, "US"));
        } else values[field.key] = cleaned;
        break;
      case "website": {
        const website = errors.take(field.key, normalizeWebsite(cleaned));
        values[field.key] = website?.url;
        values.companyDomain = website?.domain;
        break;
      }
      case "tin":
        values[field.key] = errors.take(field.key, normalizeTin(cleaned));
        break;
    }
  }
  for (const key of Object.keys(values)) if (values[key] === undefined) delete values[key];
  const refused = (key: string) => errors.list.some((e) => e.field === key);
  if ((options.mode === "create" || draft.name !== undefined) && !values.name && !refused("name")) {
    errors.add("name", "is required");
  }
  if (
    options.mode === "create" &&
    options.requireReachable !== false &&
    !values.email &&
    !values.phone &&
    !refused("email") &&
    !refused("phone")
  ) {
    // Seed 003: a new lead needs a way to reach the person.
    errors.add("email", "give an email or a phone number");
    errors.add("phone", "give a phone number or an email");
  }
  return { values: values as LeadDraftValues, errors: errors.list };
}

/** First-touch attribution a lead keeps (seed 004): the UTM parameters, the page and the referrer. */
export const ATTRIBUTION_KEYS = [
  "utmSource",
  "utmMedium",
  "utmCampaign",
  "utmTerm",
  "utmContent",
  "sourceUrl",
  "referrer",
] as const;
export type AttributionKey = (typeof ATTRIBUTION_KEYS)[number];
export type AttributionValues = { [K in AttributionKey]?: string | null };
