import { createHash } from "node:crypto";
import { ATTRIBUTION_KEYS, type FieldError, LEAD_FIELDS, validateLeadDraft } from "@leadline/shared";
import { badInput } from "../../errors.js";
import type { CreateLeadParams } from "../lead-core/lead.params.js";
import { leadInputSchema, parseLeadBody } from "./lead-input.schema.js";

/**
 * What a CSV column can fill: every field of the machine channels' lead
 * body (lead-input.schema.ts, itself built from the shared field list) but
 * the attachment list, plus each attribution key on its own. A field added
 * there is importable without an edit here.
 */
const LEAD_TARGETS = Object.keys(leadInputSchema.shape).filter((key) => key !== "attachments" && key !== "attribution");
export const IMPORT_FIELDS: readonly string[] = [...LEAD_TARGETS, ...ATTRIBUTION_KEYS];
const ATTRIBUTION = new Set<string>(ATTRIBUTION_KEYS);

/** Header and field names compared without case, spaces or punctuation: "E-mail" is email, "First name" firstName. */
const normalized = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");

/** Each field by its normalized key and, for the shared list's fields, its label ("Service / product"). */
const FIELD_BY_NAME = new Map<string, string>([
  ...LEAD_FIELDS.filter((f) => IMPORT_FIELDS.includes(f.key)).map((f) => [normalized(f.label), f.key] as const),
  ...IMPORT_FIELDS.map((key) => [normalized(key), key] as const),
]);

/** Words a field key spells in capitals when it is shown ("utmSource" is "UTM source"). */
const ACRONYMS: Record<string, string> = { utm: "UTM", url: "URL", id: "ID", tin: "TIN" };

/** The shared list's label, else the key in words: "existingContactId" is "Existing contact ID". */
function labelOf(key: string): string {
  const shared = LEAD_FIELDS.find((f) => f.key === key);
  if (shared) return shared.label;
  const words = key.split(/(?=[A-Z])/).map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase());
  const [first = "", ...rest] = words;
  return [first === first.toLowerCase() ? first.charAt(0).toUpperCase() + first.slice(1) : first, ...rest].join(" ");
}

/** Every field a column can fill, with the label people know it by, in the order the import lists them. */
export const IMPORT_FIELD_LIST: readonly { key: string; label: string }[] = IMPORT_FIELDS.map((key) => ({
  key,
  label: labelOf(key),
}));

/**
 * The field each header would fill when no mapping is given (by key or
 * label, case and punctuation aside), null for a header no field takes.
 * A second header naming a field already taken gets null: the import would
 * refuse the pair, and the person picks instead.
 */
export function suggestMapping(header: string[]): { column: string; field: string | null }[] {
  const taken = new Set<string>();
  return header.map((raw) => {
    const column = raw.trim();
    const field = FIELD_BY_NAME.get(normalized(column)) ?? null;
    if (!field || taken.has(field)) return { column, field: null };
    taken.add(field);
    return { column, field };
  });
}

/** A column the import reads: its place in the record, its header, and the field it fills. */
export interface ImportColumn {
  index: number;
  header: string;
  field: string;
}

export interface ResolvedMapping {
  columns: ImportColumn[];
  /** Header -> field, as stored on the import. */
  mapping: Record<string, string>;
  /** Headers no field takes: their values are not imported. */
  ignored: string[];
  headerLength: number;
}

/**
 * The columns to read, from the file's header and the mapping given (header
 * -> field, or null to leave a column out). A header the mapping does not
 * name is matched to a field by key or label. A mapping that cannot work
 * (an unknown field or header, two columns into one field, no name or no way
 * to reach the person) refuses the whole import before any row is read.
 */
export function resolveMapping(header: string[], given: Record<string, string | null> | null): ResolvedMapping {
  const errors: FieldError[] = [];
  const headers = header.map((h) => h.trim());
  for (const [name, field] of Object.entries(given ?? {})) {
    if (!headers.includes(name)) errors.push({ field: `mapping.${name}`, message: "is not a column of the file" });
    else if (field && !IMPORT_FIELDS.includes(field)) {
      errors.push({ field: `mapping.${name}`, message: `is not a lead field (one of ${IMPORT_FIELDS.join(", ")})` });
    }
  }
  const columns: ImportColumn[] = [];
  const ignored: string[] = [];
  const byField = new Map<string, string>();
  for (const [index, name] of headers.entries()) {
    const field = given && Object.hasOwn(given, name) ? given[name] : FIELD_BY_NAME.get(normalized(name));
    if (!field || !IMPORT_FIELDS.includes(field)) {
      ignored.push(name);
      continue;
    }
    const other = byField.get(field);
    if (other !== undefined) {
      errors.push({ field: `mapping.${name}`, message: `fills ${field}, as column "${other}" does` });
      continue;
    }
    byField.set(field, name);
    columns.push({ index, header: name, field });
  }
  if (!byField.has("name")) errors.push({ field: "mapping", message: "no column fills name" });
  if (!byField.has("email") && !byField.has("phone") && !byField.has("existingContactId")) {
    errors.push({ field: "mapping", message: "no column fills email or phone" });
  }
  if (errors.length) throw badInput(errors);
  return {
    columns,
    mapping: Object.fromEntries(columns.map((c) => [c.header, c.field])),
    ignored,
    headerLength: header.length,
  };
}

/** A row ready for the create path, keyed by its content; or why it cannot be. */
export type ImportRow =
  | { ok: true; input: CreateLeadParams; key: string }
  | { ok: false; errors: { field: string | null; message: string }[] };

/** Characters csv-stringify's escape_formulas prefixes with an apostrophe (our export does): taken off again. */
const ESCAPED_FORMULA = /^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;

/**
 * One record as a create input, checked by the very rules the create path
 * applies: the machine channels' body schema (shapes, sources, ISO dates)
 * and the shared `validateLeadDraft` (lengths, formats, name, reachability).
 * What only the database can tell (references, a company that exists) is
 * left to the create itself. Errors name the CSV column when one gave the
 * value, else the lead field.
 */
export function readImportRow(
  values: string[],
  map: ResolvedMapping,
  options: { defaultCountry: string; now: Date },
): ImportRow {
  if (values.length !== map.headerLength) {
    const message = `has ${values.length} fields, the header ${map.headerLength}`;
    return { ok: false, errors: [{ field: null, message }] };
  }
  const given: Record<string, string> = {};
  for (const { index, field } of map.columns) {
    const value = (values[index] ?? "").replace(ESCAPED_FORMULA, "").trim();
    // An empty cell gives nothing: the field is absent, as if the column were not there.
    if (value) given[field] = field === "source" ? value.toUpperCase().replace(/[\s-]+/g, "_") : value;
  }
  const columnOf = (field: string) => map.columns.find((c) => c.field === field)?.header ?? field;
  const named = (list: FieldError[]) => list.map((e) => ({ field: columnOf(e.field), message: e.message }));
  const parsed = parseLeadBody(bodyOf(given));
  if (!parsed.ok) return { ok: false, errors: named(parsed.errors) };
  const input = parsed.leads[0] as CreateLeadParams;
  const checked = validateLeadDraft(input, {
    mode: "create",
    defaultCountry: options.defaultCountry,
    now: options.now,
    requireReachable: !input.existingContactId,
  });
  if (checked.errors.length) return { ok: false, errors: named(checked.errors) };
  return { ok: true, input, key: contentKey(given) };
}

/** The JSON body a row stands for: source IMPORT unless a column says otherwise; attribution keys nested. */
function bodyOf(given: Record<string, string>): Record<string, unknown> {
  // A missing name is left to the shared rule ("is required"), as a blank one is.
  const body: Record<string, unknown> = { source: "IMPORT", name: "" };
  const attribution: Record<string, string> = {};
  for (const [field, value] of Object.entries(given)) {
    if (ATTRIBUTION.has(field)) attribution[field] = value;
    else body[field] = value;
  }
  if (Object.keys(attribution).length) body.attribution = attribution;
  return body;
}

/**
 * What makes a row the same row again: its values by field, in field order,
 * hashed. Column order, extra columns and blank cells do not change it, so
 * the same data imported twice, or exported and imported back, is one row.
 */
export function contentKey(given: Record<string, string>): string {
  const entries = Object.entries(given).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha256")
    .update(JSON.stringify(["lead-import/v1", entries]))
    .digest("base64url");
}
