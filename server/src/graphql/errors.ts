import type { Response } from "express";
import { type GraphQLFormattedError } from "graphql";
import { DomainError, type ErrorReason } from "../errors.js";
import type { Logger } from "../logger.js";

/** The contract's error codes (extensions.code). */
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_USER_INPUT" | "CONFLICT" | "RATE_LIMITED";

/**
 * Each domain reason's code, exhaustively: a reason added to ERROR_REASONS
 * does not compile until it is placed here. Every edge (GraphQL, file and
 * REST routes) answers `extensions.code` from this table and `extensions.reason`
 * as thrown.
 */
export const ERROR_CODE_OF: Record<ErrorReason, ErrorCode> = {
  SIGN_IN_REQUIRED: "UNAUTHENTICATED",
  SIGNATURE_INVALID: "UNAUTHENTICATED",
  TIMESTAMP_OUT_OF_RANGE: "UNAUTHENTICATED",
  NOT_ALLOWED: "FORBIDDEN",
  NOT_FOUND: "NOT_FOUND",
  INVALID_INPUT: "BAD_USER_INPUT",
  STALE_VERSION: "CONFLICT",
  TRANSITION_NOT_ALLOWED: "CONFLICT",
  CONVERSION_ONLY: "CONFLICT",
  WIP_LIMIT: "CONFLICT",
  READ_ONLY: "CONFLICT",
  ALREADY_EXISTS: "CONFLICT",
  OWNERSHIP_CONFLICT: "CONFLICT",
  STAGE_NOT_EMPTY: "CONFLICT",
  IDEMPOTENCY_KEY_REUSED: "CONFLICT",
  INVALID_STATE: "CONFLICT",
  RATE_LIMITED: "RATE_LIMITED",
  WEBHOOK_TARGET_PRIVATE: "BAD_USER_INPUT",
  SPAM_SUSPECTED: "BAD_USER_INPUT",
  CAPTCHA_FAILED: "BAD_USER_INPUT",
};

/** The HTTP status each code answers with on the plain HTTP routes. */
export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  CONFLICT: 409,
  RATE_LIMITED: 429,
};

/** The contract's extensions for a domain error: code, reason, the bad fields and any facts it carries. */
export function extensionsOf(error: DomainError): Record<string, unknown> {
  return {
    code: ERROR_CODE_OF[error.reason],
    reason: error.reason,
    ...(error.fields ? { fields: error.fields } : {}),
    ...error.extra,
  };
}

/**
 * A plain HTTP route's answer to a refusal, in the GraphQL error shape
 * (`{ errors: [{ message, extensions }] }`) with the code's HTTP status; null
 * for anything that is not a DomainError (a bug: the caller logs it, answers 500).
 */
export function httpErrorOf(error: unknown): { status: number; body: Record<string, unknown> } | null {
  if (!(error instanceof DomainError)) return null;
  const extensions = extensionsOf(error);
  return {
    status: HTTP_STATUS_OF[ERROR_CODE_OF[error.reason]],
    body: { errors: [{ message: error.message, extensions }] },
  };
}

/**
 * Answers a plain HTTP route's failure: a refusal with its status and the
 * GraphQL error shape, anything else as a logged 500 whose details stay in the log.
 */
export function sendHttpError(res: Response, log: Logger, error: unknown, context: Record<string, unknown>): void {
  const refusal = httpErrorOf(error);
  if (refusal) {
    // RFC 9110: a 429 says when to come back.
    const retryAfter = error instanceof DomainError ? error.extra?.retryAfterSeconds : undefined;
    if (typeof retryAfter === "number") res.set("retry-after", String(retryAfter));
    res.status(refusal.status).json(refusal.body);
    return;
  }
  log.error({ err: error, ...context }, "HTTP request failed");
  res
    .status(500)
    .json({ errors: [{ message: "Internal server error", extensions: { code: "INTERNAL_SERVER_ERROR" } }] });
}

/** Apollo and type-graphql may each wrap a resolver's error in a GraphQLError; find the thrown one. */
function unwrap(error: unknown): unknown {
  let current = error;
  // Duck-typed: graphql may be loaded twice (ESM and CommonJS builds), defeating instanceof.
  while (current instanceof Error && "originalError" in current && current.originalError instanceof Error) {
    current = current.originalError;
  }
  return current;
}

/**
 * Maps errors to the contract's shape at the edge. AppErrors keep their code
 * and fields; GraphQL's own request errors keep theirs; anything else is an
 * internal error whose details stay in the log.
 */
export function createFormatError(log: Logger, exposeStack: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: extensionsOf(original),
      };
    }
    const code = formatted.extensions?.code;
    if (typeof code === "string" && code !== "INTERNAL_SERVER_ERROR") {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: exposeStack ? formatted.extensions : extensions };
    }
    // graphql-js's own request errors (bad variables, operations the schema lacks) arrive uncoded over graphql-ws.
    if (original instanceof Error && original.name === "GraphQLError" && !formatted.path) {
      return { message: formatted.message, locations: formatted.locations, extensions: { code: "BAD_USER_INPUT" } };
    }
    log.error({ err: original, path: formatted.path }, "unhandled error in GraphQL operation");
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: "INTERNAL_SERVER_ERROR",
        ...(exposeStack && original instanceof Error ? { stacktrace: original.stack?.split("\n") } : {}),
      },
    };
  };
}
