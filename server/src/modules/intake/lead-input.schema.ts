import {
  ATTRIBUTION_KEYS,
  type FieldError,
  findNulCharacter,
  LEAD_EDITABLE_FIELDS,
  LEAD_SOURCES,
  type LeadFieldKind,
  NUL_CHARACTER_MESSAGE,
} from "@leadline/shared";
import { z } from "zod";
import type { CreateLeadParams } from "../lead-core/lead.params.js";

/**
 * The JSON shape of one lead for the machine channels (webhook, REST): the
 * GraphQL CreateLeadInput's fields, built from the shared field list, so a
 * field added there is accepted here without an edit. This checks only
 * shapes (strings, dates, ids); the rules (lengths, formats, references,
 * reachability) are the create use case's, the same as over GraphQL.
 */
const text = z.string().max(100_000).nullish();
const id = z.string().max(100).nullish();
const kindSchema: Record<LeadFieldKind, z.ZodType> = {
  text,
  email: text,
  phone: text,
  website: text,
  tin: text,
  ref: id,
  // Checked as an ISO 8601 string with an offset; turned into a Date after parsing (see datesOf).
  date: z.iso.datetime({ offset: true }).nullish(),
};

const editable = Object.fromEntries(LEAD_EDITABLE_FIELDS.map((f) => [f.key, kindSchema[f.kind]]));

const attribution = z.strictObject(Object.fromEntries(ATTRIBUTION_KEYS.map((key) => [key, text])));

const attachment = z.strictObject({
  url: z.string().max(2_000),
  name: z.string().max(1_000),
  fileType: z.string().max(200),
  size: z.number().int(),
});

export const leadInputSchema = z.strictObject({
  ...editable,
  name: z.string().max(100_000),
  source: z.enum(LEAD_SOURCES),
  pipelineId: id,
  existingCompanyId: id,
  existingContactId: id,
  ownerId: id,
  customerEmail: text,
  vendorId: id,
  queueId: id,
  attachments: z.array(attachment).max(100).nullish(),
  attribution: attribution.nullish(),
});

const DATE_KEYS = LEAD_EDITABLE_FIELDS.filter((f) => f.kind === "date").map((f) => f.key);

/** The date fields as Dates, as the create and update use cases take them. */
export function datesOf<T extends Record<string, unknown>>(lead: T): T {
  const out: Record<string, unknown> = { ...lead };
  for (const key of DATE_KEYS) if (typeof out[key] === "string") out[key] = new Date(out[key] as string);
  return out as T;
}

/** Fields a PATCH may change: the editable ones, the name and the outcome (absent: unchanged; null: cleared). */
export const leadPatchSchema = z.strictObject({
  ...editable,
  name: text,
  outcome: text,
});

/** A zod refusal as the contract's field errors: each issue named by its path, or by `root` when it has none. */
export function fieldErrorsOfIssues(issues: readonly z.core.$ZodIssue[], root: string): FieldError[] {
  return issues.map((issue) => ({ field: issue.path.length ? issue.path.join(".") : root, message: issue.message }));
}

/** Most leads one request may carry. */
export const MAX_BATCH = 500;

export type ParsedLeads = { ok: true; leads: CreateLeadParams[]; batch: boolean } | { ok: false; errors: FieldError[] };

/**
 * One lead object, or an array of 1 to MAX_BATCH of them. Every shape error
 * is named by its path (`email`, or `3.email` in a batch), all at once.
 */
export function parseLeadBody(body: unknown): ParsedLeads {
  const batch = Array.isArray(body);
  if (batch && (body.length === 0 || body.length > MAX_BATCH)) {
    return { ok: false, errors: [{ field: "body", message: `must hold 1 to ${MAX_BATCH} leads` }] };
  }
  // PostgreSQL text cannot hold U+0000: the whole body is refused, naming where.
  const nul = findNulCharacter(body);
  if (nul) return { ok: false, errors: [{ field: nul, message: NUL_CHARACTER_MESSAGE }] };
  const result = (batch ? z.array(leadInputSchema) : leadInputSchema).safeParse(body);
  if (!result.success) return { ok: false, errors: fieldErrorsOfIssues(result.error.issues, "body") };
  const list = (batch ? result.data : [result.data]) as Record<string, unknown>[];
  const leads = list.map(datesOf) as unknown as CreateLeadParams[];
  return { ok: true, leads, batch };
}
