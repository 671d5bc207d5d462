import { findNulCharacter, NUL_CHARACTER_MESSAGE } from "@leadline/shared";
import type { RequestHandler } from "express";
import { badInput } from "../errors.js";
import type { Logger } from "../logger.js";
import { sendHttpError } from "./errors.js";

/** A GraphQL string literal spelling U+0000 as an escape (`"\u0000"` or `"\u{0}"`). */
const ESCAPED_NUL = /\\u(0000|\{0+\})/i;

/**
 * Refuses a parsed body (JSON or a form) that holds U+0000 anywhere, as
 * BAD_USER_INPUT naming the field, before any handler reads it: PostgreSQL
 * text cannot store the character, and a request half-applied is worse than
 * one refused. For GraphQL, the document's own string literals count too.
 */
export function refuseNulCharacters(log: Logger): RequestHandler {
  return (req, res, next) => {
    let field = findNulCharacter(req.body) ?? findNulCharacter(req.query);
    for (const source of [req.body, req.query] as { query?: unknown }[]) {
      if (!field && typeof source?.query === "string" && ESCAPED_NUL.test(source.query)) field = "query";
    }
    if (!field) return next();
    sendHttpError(res, log, badInput([{ field, message: NUL_CHARACTER_MESSAGE }]), {});
  };
}
