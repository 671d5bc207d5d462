import type { FieldError } from "@leadline/shared";

/**
 * Why an operation was refused, machine-readable: clients switch on this,
 * never on the message. Each reason maps to exactly one of the contract's
 * codes at the edge (graphql/errors.ts: ERROR_CODE_OF), so a new reason
 * does not compile until it has one.
 */
export const ERROR_REASONS = [
  /** No valid session or API key. */
  "SIGN_IN_REQUIRED",
  /** An inbound webhook's signature does not verify with any of the tenant's secrets. */
  "SIGNATURE_INVALID",
  /** An inbound webhook's timestamp is more than 5 minutes from now (a replay, or a wrong clock). */
  "TIMESTAMP_OUT_OF_RANGE",
  /** Signed in, but the roles or ownership do not allow it. */
  "NOT_ALLOWED",
  /** Absent, or not visible to the caller (the two are not told apart). */
  "NOT_FOUND",
  /** One or more fields are invalid; `fields` names each. */
  "INVALID_INPUT",
  /** expectedVersion / If-Match is older than the stored version; `currentVersion` is given. */
  "STALE_VERSION",
  /** The pipeline's transitions map does not allow this stage change. */
  "TRANSITION_NOT_ALLOWED",
  /** The stage is reached only through convertLead. */
  "CONVERSION_ONLY",
  /** The target stage is at its WIP limit (managers may exceed it). */
  "WIP_LIMIT",
  /** The lead was converted: it no longer changes. */
  "READ_ONLY",
  /** Something unique already exists (a company, a queue, a pipeline, a tenant). */
  "ALREADY_EXISTS",
  /** The lead's ownership or claim does not allow it (already owned, claimed by someone else, not claimed). */
  "OWNERSHIP_CONFLICT",
  /** The idempotency key (webhook-id, Idempotency-Key) was used for another body in the last 24 hours. */
  "IDEMPOTENCY_KEY_REUSED",
  /** A pipeline change would strand leads: the stages that still hold leads are listed. */
  "STAGE_NOT_EMPTY",
  /** The record is not in a state that allows it (no WON stage, a review already done, …). */
  "INVALID_STATE",
  /** Too many attempts; `retryAfterSeconds` says when to try again. */
  "RATE_LIMITED",
  /** An outbound webhook URL is, or resolves to, a private, loopback or link-local address (WEBHOOK_ALLOW_PRIVATE_NETWORKS is off). */
  "WEBHOOK_TARGET_PRIVATE",
  /** A public form submission looked automated (a filled honeypot, sent faster than a person types, an expired form); `check` says which. */
  "SPAM_SUSPECTED",
  /** The form's reCAPTCHA answer did not verify. */
  "CAPTCHA_FAILED",
] as const;
export type ErrorReason = (typeof ERROR_REASONS)[number];

/** Every rule a service enforces fails with one of these; nothing else reaches a client unmasked. */
export class DomainError extends Error {
  constructor(
    readonly reason: ErrorReason,
    message: string,
    readonly fields?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const unauthenticated = (message = "Sign in first: send Authorization: Bearer <token>") =>
  new DomainError("SIGN_IN_REQUIRED", message);
export const forbidden = (message = "You are not allowed to do this") => new DomainError("NOT_ALLOWED", message);
export const notFound = (what: string) => new DomainError("NOT_FOUND", `${what} not found`);
export const badInput = (fields: FieldError[]) =>
  new DomainError("INVALID_INPUT", `Invalid input: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}`, fields);
export const conflict = (
  reason: Exclude<
    ErrorReason,
    | "SIGN_IN_REQUIRED"
    | "SIGNATURE_INVALID"
    | "TIMESTAMP_OUT_OF_RANGE"
    | "NOT_ALLOWED"
    | "NOT_FOUND"
    | "INVALID_INPUT"
    | "RATE_LIMITED"
  >,
  message: string,
  fields?: FieldError[],
  extra?: Record<string, unknown>,
) => new DomainError(reason, message, fields, extra);
export const staleVersion = (currentVersion: number, expected: number) =>
  new DomainError(
    "STALE_VERSION",
    `Lead changed since you loaded it (version ${currentVersion}, you had ${expected})`,
    undefined,
    { currentVersion },
  );
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new DomainError("RATE_LIMITED", message, undefined, { retryAfterSeconds });

export function assertFoundOrThrow<T>(value: T | null | undefined, what: string): asserts value is T {
  if (value === null || value === undefined) throw notFound(what);
}
