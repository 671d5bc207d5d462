import { isSupportedCountry } from "libphonenumber-js/max";
import { type FieldError, FieldErrors, normalizeEmail } from "./lead-input.js";

/** What machine channels do with a lead that likely exists already (manual entry asks instead). */
export const INTAKE_DUPLICATE_POLICIES = ["KEEP_BOTH", "MERGE"] as const;
export type IntakeDuplicatePolicy = (typeof INTAKE_DUPLICATE_POLICIES)[number];

/** How a tenant works: its clocks and the region phone numbers are read in. */
export interface TenantSettingsValues {
  name: string;
  timeZone: string;
  defaultCountry: string;
  claimWindowMinutes: number;
  slaFirstResponseMinutes: number;
  slaAtRiskPercent: number;
  invitationTtlDays: number;
  intakeDuplicatePolicy: IntakeDuplicatePolicy;
  /** The sender name on outbound email; empty: the workspace name. */
  mailFromName: string;
  /** A shared inbox that also gets the replies to outbound email; empty: only the lead's own reply address. */
  mailReplyTo: string;
}

/** What an admin may change of them; absent (or null) fields stay as they are. */
export type TenantSettingsChange = { [K in keyof TenantSettingsValues]?: TenantSettingsValues[K] | null };

/** Bounds of the tenant's clocks: long enough for any real policy, short enough to be a mistake past them. */
export const TENANT_SETTING_LIMITS = {
  nameLength: 200,
  /** Claim window and first-response SLA, in minutes (fractions allowed): up to 30 days. */
  maxMinutes: 30 * 24 * 60,
  /** Invitation validity, in days. */
  maxInvitationDays: 365,
} as const;

/** The IANA zone's canonical name (Intl knows the zones PostgreSQL knows), or null for any other name. */
function canonicalTimeZone(zone: string): string | null {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * The change as it is stored (trimmed, the country upper-cased, the zone by its canonical name), or the list of
 * what is wrong with it, field by field. `null` for a field counts as absent:
 * every setting always has a value.
 */
export function normalizeTenantSettings(
  input: TenantSettingsChange,
): { ok: true; value: Partial<TenantSettingsValues> } | { ok: false; errors: FieldError[] } {
  const errors = new FieldErrors();
  const value: Partial<TenantSettingsValues> = {};
  if (input.name != null) {
    const name = input.name.trim();
    if (!name) errors.add("name", "must not be empty");
    else if (name.length > TENANT_SETTING_LIMITS.nameLength)
      errors.add("name", `must be at most ${TENANT_SETTING_LIMITS.nameLength} characters`);
    else value.name = name;
  }
  if (input.timeZone != null) {
    const zone = canonicalTimeZone(input.timeZone.trim());
    if (zone) value.timeZone = zone;
    else errors.add("timeZone", "must be an IANA time zone such as Europe/Berlin or UTC");
  }
  if (input.defaultCountry != null) {
    const country = input.defaultCountry.trim().toUpperCase();
    if (isSupportedCountry(country)) value.defaultCountry = country;
    else errors.add("defaultCountry", "must be an ISO 3166 country code such as US or DE");
  }
  const minutes = (field: "claimWindowMinutes" | "slaFirstResponseMinutes") => {
    const n = input[field];
    if (n == null) return;
    if (Number.isFinite(n) && n > 0 && n <= TENANT_SETTING_LIMITS.maxMinutes) value[field] = n;
    else errors.add(field, `must be more than 0 and at most ${TENANT_SETTING_LIMITS.maxMinutes} minutes (30 days)`);
  };
  minutes("claimWindowMinutes");
  minutes("slaFirstResponseMinutes");
  if (input.slaAtRiskPercent != null) {
    const p = input.slaAtRiskPercent;
    if (Number.isInteger(p) && p >= 1 && p <= 99) value.slaAtRiskPercent = p;
    else errors.add("slaAtRiskPercent", "must be a whole percentage from 1 to 99");
  }
  if (input.invitationTtlDays != null) {
    const d = input.invitationTtlDays;
    if (Number.isFinite(d) && d > 0 && d <= TENANT_SETTING_LIMITS.maxInvitationDays) value.invitationTtlDays = d;
    else
      errors.add(
        "invitationTtlDays",
        `must be more than 0 and at most ${TENANT_SETTING_LIMITS.maxInvitationDays} days`,
      );
  }
  if (input.mailFromName != null) {
    const name = input.mailFromName.trim();
    if (name.length > TENANT_SETTING_LIMITS.nameLength)
      errors.add("mailFromName", `must be at most ${TENANT_SETTING_LIMITS.nameLength} characters`);
    else if (/["\r\n<>]/.test(name))
      errors.add("mailFromName", "must not contain quotes, angle brackets or line breaks");
    else value.mailFromName = name;
  }
  if (input.mailReplyTo != null) {
    const address = input.mailReplyTo.trim();
    if (address === "") value.mailReplyTo = "";
    else {
      const email = normalizeEmail(address);
      if (email.ok) value.mailReplyTo = email.value;
      else errors.add("mailReplyTo", "must be an email address, or empty for none");
    }
  }
  if (input.intakeDuplicatePolicy != null) {
    const policy = input.intakeDuplicatePolicy;
    if ((INTAKE_DUPLICATE_POLICIES as readonly string[]).includes(policy)) value.intakeDuplicatePolicy = policy;
    else errors.add("intakeDuplicatePolicy", `must be one of ${INTAKE_DUPLICATE_POLICIES.join(", ")}`);
  }
  return errors.list.length ? { ok: false, errors: errors.list } : { ok: true, value };
}
