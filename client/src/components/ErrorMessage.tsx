import { CombinedGraphQLErrors, type ErrorLike, ServerError } from "@apollo/client";

export interface FieldError {
  field: string;
  message: string;
}

function isFieldError(value: unknown): value is FieldError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as FieldError).field === "string" &&
    typeof (value as FieldError).message === "string"
  );
}

/** BAD_USER_INPUT errors name their fields in `extensions.fields`; keyed by field for the form. */
export function fieldErrorsOf(error: ErrorLike | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  if (!CombinedGraphQLErrors.is(error)) return byField;
  for (const graphQLError of error.errors) {
    const fields = graphQLError.extensions?.fields;
    if (!Array.isArray(fields)) continue;
    for (const field of fields) if (isFieldError(field)) byField[field.field] ??= field.message;
  }
  return byField;
}

/** Every field error of a BAD_USER_INPUT answer, in the server's order (one field may have several). */
export function fieldErrorListOf(error: unknown): FieldError[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors.flatMap((graphQLError) => {
    const fields = graphQLError.extensions?.fields;
    return Array.isArray(fields) ? fields.filter(isFieldError) : [];
  });
}

/** The machine-readable reason the server refused with (extensions.reason), if it did. */
export function reasonOf(error: unknown): string | undefined {
  if (!CombinedGraphQLErrors.is(error)) return undefined;
  const reason = error.errors[0]?.extensions?.reason;
  return typeof reason === "string" ? reason : undefined;
}

/**
 * What a refused change means to a rep, by the server's reason (never by its
 * wording); null for reasons whose server message is already the best words.
 */
export function refusalInWords(reason: string | undefined): string | null {
  switch (reason) {
    case "STALE_VERSION":
      return "A teammate changed this lead a moment ago. It now shows their change; try again.";
    case "READ_ONLY":
      return "This lead was converted and no longer changes.";
    case "WIP_LIMIT":
      return "That column is at its WIP limit. A manager may exceed it.";
    case "CONVERSION_ONLY":
      return "That stage is reached by converting the lead, from the lead page.";
    case "NOT_FOUND":
      return "The lead is gone or no longer visible to you.";
    default:
      return null;
  }
}

/** The server's own message when it sent one; otherwise what went wrong in words. */
export function describeError(error: ErrorLike): string {
  if (CombinedGraphQLErrors.is(error)) return error.errors.map((e) => e.message).join(" ");
  if (ServerError.is(error)) return `The server answered with status ${error.statusCode}. Try again shortly.`;
  if (error.name === "TypeError") return "Cannot reach the server. Check your connection and try again.";
  return error.message;
}

export function ErrorMessage(props: { error: ErrorLike }) {
  return (
    <p className="error" role="alert">
      {describeError(props.error)}
    </p>
  );
}
