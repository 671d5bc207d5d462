import { type FieldErrors, normalizeEmail, normalizePhone, normalizeTin, normalizeWebsite } from "./lead-input.js";

/** createLead's answer to the merge prompt: merge into the best match, or create anyway. */
export const DUPLICATE_RESOLUTIONS = ["MERGE", "KEEP_BOTH"] as const;
export type DuplicateResolution = (typeof DUPLICATE_RESOLUTIONS)[number];

/** What a caller may describe a person by (DuplicateProbeInput); free text, any common format. */
export interface DuplicateProbeFields {
  email?: string | null;
  phone?: string | null;
  name?: string | null;
  companyName?: string | null;
  companyWebsite?: string | null;
  companyTin?: string | null;
}

/**
 * A probe in the form leads are stored and indexed in: email lower-case,
 * phone E.164, website as its registrable domain, TIN as digits, and names
 * as `similarityText` (what the trigram indexes on lower(name) compare).
 */
export interface DuplicateProbe {
  email: string | null;
  phone: string | null;
  domain: string | null;
  tin: string | null;
  name: string | null;
  companyName: string | null;
}

/** Lower-case, trimmed, inner whitespace collapsed: how names are compared; blank is null. */
export function similarityText(raw: string | null | undefined): string | null {
  const text = raw?.trim().replace(/\s+/g, " ").toLowerCase();
  return text ? text : null;
}

/**
 * Normalizes a probe with the same rules as lead input, so `+1 (415) 555-0100`
 * and `4155550100` (US tenant) or `https://www.acme.com/x` and `acme.com` meet.
 * A value that cannot be normalized is named in `errors`.
 */
export function normalizeDuplicateProbe(
  fields: DuplicateProbeFields,
  defaultCountry: string,
  errors: FieldErrors,
): DuplicateProbe {
  const given = (value: string | null | undefined) => (value?.trim() ? value : null);
  const email = given(fields.email);
  const phone = given(fields.phone);
  const website = given(fields.companyWebsite);
  const tin = given(fields.companyTin);
  return {
    email: email === null ? null : (errors.take("email", normalizeEmail(email)) ?? null),
    phone: phone === null ? null : (errors.take("phone", normalizePhone(phone, defaultCountry)) ?? null),
    domain: website === null ? null : (errors.take("companyWebsite", normalizeWebsite(website))?.domain ?? null),
    tin: tin === null ? null : (errors.take("companyTin", normalizeTin(tin)) ?? null),
    name: similarityText(fields.name),
    companyName: similarityText(fields.companyName),
  };
}

export function isEmptyProbe(probe: DuplicateProbe): boolean {
  return Object.values(probe).every((value) => value === null);
}

/** Only a name to go on: then name similarity alone may make a (weak) match. */
export function isNameOnlyProbe(probe: DuplicateProbe): boolean {
  const { name, ...rest } = probe;
  return name !== null && Object.values(rest).every((value) => value === null);
}

/**
 * The matching rules in one place. Trigram similarity is pg_trgm's
 * `similarity()` of the lower-cased texts (0–1).
 */
export const DUPLICATE_RULES = {
  /** Most matches returned, best first. */
  limit: 10,
  /** Exact keys, as the probability each alone means "the same person". */
  weights: { email: 0.95, phone: 0.9, tin: 0.6, domain: 0.5 },
  /** A name at least this similar counts when the company matches too (a transposition in a short name is ~0.47). */
  nameWithCompany: 0.4,
  /** A company name at least this similar counts as the same company. */
  company: 0.5,
  /** With nothing but a name, a name at least this similar is a weak match. */
  nameOnly: 0.5,
  /** A person found by name at the company: weight = personAtCompany × name similarity × company evidence. */
  personAtCompany: 0.9,
  /** Name-only matches: weight = nameOnlyWeight × name similarity. */
  nameOnlyWeight: 0.5,
} as const;

/** How one candidate compares with a probe. Similarities are null when either side has no value. */
export interface DuplicateEvidence {
  email: boolean;
  phone: boolean;
  tin: boolean;
  domain: boolean;
  nameSimilarity: number | null;
  companySimilarity: number | null;
  nameOnlyProbe: boolean;
}

export interface DuplicateVerdict {
  /** Why, strongest first: "email", "phone", "tin", "domain", "company" or "company~0.67", "name" or "name~0.82". */
  reasons: string[];
  /** 0–1, two decimals. */
  confidence: number;
}

/**
 * Whether a candidate is a duplicate, why, and how sure. Each piece of
 * evidence is a probability that the two records are the same person, and
 * they combine as independent evidence (noisy-OR):
 *
 *   confidence = 1 − Π (1 − wᵢ)
 *
 * with w = 0.95 for the same email, 0.9 phone, 0.6 TIN, 0.5 company domain;
 * a similar name (≥ 0.4) at the same company adds 0.9 × name similarity ×
 * company evidence, where company evidence is 1 for the same TIN or domain,
 * else the company-name similarity when ≥ 0.5. A company name alone, or a
 * name alone when the probe carries anything else, is no match: many people
 * share a name, and a company has many people. A probe with only a name
 * matches similar names (≥ 0.5) at 0.5 × similarity.
 */
export function judgeDuplicate(evidence: DuplicateEvidence): DuplicateVerdict | null {
  const rules = DUPLICATE_RULES;
  const reasons: string[] = [];
  const weights: number[] = [];
  for (const key of ["email", "phone", "tin", "domain"] as const) {
    if (evidence[key]) {
      reasons.push(key);
      weights.push(rules.weights[key]);
    }
  }
  const name = evidence.nameSimilarity ?? 0;
  const companyByName = (evidence.companySimilarity ?? 0) >= rules.company ? (evidence.companySimilarity ?? 0) : 0;
  const company = evidence.tin || evidence.domain ? 1 : companyByName;
  if (company > 0 && name >= rules.nameWithCompany) {
    if (!evidence.tin && !evidence.domain) reasons.push(similar("company", companyByName));
    reasons.push(similar("name", name));
    weights.push(rules.personAtCompany * name * company);
  } else if (evidence.nameOnlyProbe && name >= rules.nameOnly) {
    reasons.push(similar("name", name));
    weights.push(rules.nameOnlyWeight * name);
  }
  if (weights.length === 0) return null;
  const confidence = 1 - weights.reduce((miss, w) => miss * (1 - w), 1);
  return { reasons, confidence: Math.round(confidence * 100) / 100 };
}

/** "name" for an exact match, "name~0.82" for a similar one. */
function similar(key: string, similarity: number): string {
  const rounded = Math.floor(similarity * 100) / 100;
  return rounded >= 1 ? key : `${key}~${rounded.toFixed(2)}`;
}
