import type { FieldError } from "@leadline/shared";
import { type GraphQLFormattedError } from "graphql";
import type { Logger } from "../logger.js";

/** The contract's error codes (extensions.code). */
export type ErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "BAD_USER_INPUT" | "CONFLICT" | "RATE_LIMITED";

/** Every rule a service enforces fails with one of these; nothing else reaches a client unmasked. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const unauthenticated = (message = "Sign in first: send Authorization: Bearer <token>") =>
  new AppError("UNAUTHENTICATED", message);
export const forbidden = (message = "You are not allowed to do this") => new AppError("FORBIDDEN", message);
export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const badInput = (fields: FieldError[]) =>
  new AppError("BAD_USER_INPUT", `Invalid input: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}`, fields);
export const conflict = (message: string, fields?: FieldError[], extra?: Record<string, unknown>) =>
  new AppError("CONFLICT", message, fields, extra);
export const rateLimited = (message: string, retryAfterSeconds: number) =>
  new AppError("RATE_LIMITED", message, undefined, { retryAfterSeconds });

export function assertFoundOrThrow<T>(value: T | null | undefined, what: string): asserts value is T {
  if (value === null || value === undefined) throw notFound(what);
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
    if (original instanceof AppError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...(original.fields ? { fields: original.fields } : {}), ...original.extra },
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
