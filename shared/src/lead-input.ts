import { type CountryCode, parsePhoneNumberFromString } from "libphonenumber-js/max";
import { parse as parseDomain } from "tldts";

export { INTAKE_CHANNELS, type IntakeChannel, LEAD_SOURCES, type LeadSource } from "./lead-sources.js";

export interface FieldError {
  field: string;
  message: string;
}

export type Normalized<T> = { ok: true; value: T } | { ok: false; message: string };

// Deliberately pragmatic: one @, no spaces, a dotted domain with a 2+ letter TLD.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)*\.[a-z]{2,}$/i;

export function normalizeEmail(raw: string): Normalized<string> {
  const value = raw.trim().toLowerCase();
  if (value.length > 254 || !EMAIL_PATTERN.test(value)) return { ok: false, message: "is not a valid email address" };
  return { ok: true, value };
}

/** E.164, reading numbers without a country prefix in the tenant's default country. */
export function normalizePhone(raw: string, defaultCountry: string): Normalized<string> {
  const parsed = parsePhoneNumberFromString(raw.trim(), defaultCountry.toUpperCase() as CountryCode);
  if (!parsed?.isValid()) return { ok: false, message: "is not a valid phone number" };
  return { ok: true, value: parsed.number };
}

export interface Website {
  /** Canonical URL: https, lower-case host without `www.`, no trailing slash. */
  url: string;
  /** Registrable domain (example.co.uk), what duplicates and uniqueness compare. */
  domain: string;
}

export function normalizeWebsite(raw: string): Normalized<Website> {
  const trimmed = raw.trim();
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z\d+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  } catch {
    return { ok: false, message: "is not a valid website" };
  }
  const parsed = parseDomain(url.hostname);
  if ((url.protocol !== "http:" && url.protocol !== "https:") || !parsed.domain || !parsed.isIcann) {
    return { ok: false, message: "is not a valid website" };
  }
  const host = url.hostname.toLowerCase().replace(/^www\./, "");
  const path = url.pathname.replace(/\/+$/, "");
  return { ok: true, value: { url: `https://${host}${path}`, domain: parsed.domain } };
}

/** Taxpayer identification number: 9, 10 or 12 digits (seed 002); separators are ignored. */
export function normalizeTin(raw: string): Normalized<string> {
  const digits = raw.replace(/[\s-]/g, "");
  if (!/^\d+$/.test(digits) || ![9, 10, 12].includes(digits.length)) {
    return { ok: false, message: "must contain 9, 10 or 12 digits" };
  }
  return { ok: true, value: digits };
}

/** Collects field errors while normalizing, so one response names every bad field. */
export class FieldErrors {
  readonly list: FieldError[] = [];
  add(field: string, message: string): void {
    this.list.push({ field, message });
  }
  take<T>(field: string, result: Normalized<T>): T | undefined {
    if (result.ok) return result.value;
    this.add(field, result.message);
    return undefined;
  }
  get empty(): boolean {
    return this.list.length === 0;
  }
}

/** Trims a free-text value; blank becomes null so "clear this field" is one rule. */
export function cleanText(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

/**
 * cleanText with a length limit, and optionally required: each refusal is one
 * error, so a value that is too long is never also called missing. Returns
 * undefined when refused.
 */
export function boundedText(
  errors: { add(field: string, message: string): void },
  field: string,
  value: string | null | undefined,
  limit: number,
  required = false,
): string | null | undefined {
  const cleaned = cleanText(value);
  if (cleaned && cleaned.length > limit) {
    errors.add(field, `must be at most ${limit} characters`);
    return undefined;
  }
  if (required && !cleaned) {
    errors.add(field, "is required");
    return undefined;
  }
  return cleaned;
}

/** Why a value holding U+0000 is refused: PostgreSQL text cannot store it. */
export const NUL_CHARACTER_MESSAGE = "must not contain the NUL character (U+0000)";

/**
 * The path (`leads.2.name`) of the first string in a parsed request that holds
 * U+0000, or null. Keys count as strings too. Every HTTP entry refuses such a
 * request whole, before anything reads it.
 */
export function findNulCharacter(value: unknown, path = ""): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path || "body" : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes("\u0000")) return at;
    const found = findNulCharacter(inner, at);
    if (found) return found;
  }
  return null;
}
