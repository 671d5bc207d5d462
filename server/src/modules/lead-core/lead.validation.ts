import {
  boundedText,
  cleanText,
  type FieldErrors,
  LEAD_EDITABLE_FIELDS,
  LEAD_FIELD_BY_KEY,
  type LeadTextKey,
  validateLeadDraft,
} from "@leadline/shared";
import type { AttributionData, NewLeadRow } from "../../db/schema/index.js";
import type { AttachmentParams, AttributionParams, LeadEditableParams } from "./lead.params.js";

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Trims a text field and checks its length; undefined stays "not given", blank becomes null. */
export function text(
  errors: FieldErrors,
  field: LeadTextKey,
  value: string | null | undefined,
): string | null | undefined {
  return boundedText(errors, field, value, LEAD_FIELD_BY_KEY[field].limit);
}

/** A lead text field that must not be blank: one error, never "too long" and "is required" together. */
export function requiredText(errors: FieldErrors, field: LeadTextKey, value: string | null | undefined) {
  return boundedText(errors, field, value, LEAD_FIELD_BY_KEY[field].limit, true) ?? undefined;
}

/**
 * Normalizes the fields create and update share, by the shared list and
 * validateLeadDraft. Keys absent from the input stay absent from the result,
 * so an update touches only what it names; a website brings its registrable
 * domain, which duplicate detection compares.
 */
export function normalizeEditable(
  input: LeadEditableParams,
  defaultCountry: string,
  errors: FieldErrors,
  now: Date,
): Partial<NewLeadRow> {
  const draft: LeadEditableParams = {};
  for (const { key } of LEAD_EDITABLE_FIELDS) {
    if (input[key] !== undefined) (draft as Record<string, unknown>)[key] = input[key];
  }
  const checked = validateLeadDraft(draft, { mode: "update", defaultCountry, now });
  for (const error of checked.errors) errors.add(error.field, error.message);
  // Only editable keys were given, so name (never null on a row) is absent.
  return checked.values as Partial<NewLeadRow>;
}

export function normalizeAttachments(list: AttachmentParams[], errors: FieldErrors): AttachmentParams[] {
  return list.map((attachment, i) => {
    const name = attachment.name.trim();
    if (!name) errors.add(`attachments.${i}.name`, "is required");
    if (!attachment.fileType.trim()) errors.add(`attachments.${i}.fileType`, "is required");
    if (!Number.isInteger(attachment.size) || attachment.size < 0 || attachment.size > MAX_ATTACHMENT_BYTES) {
      errors.add(`attachments.${i}.size`, `must be between 0 and ${MAX_ATTACHMENT_BYTES} bytes`);
    }
    if (!isAttachmentUrl(attachment.url))
      errors.add(`attachments.${i}.url`, "must be an http(s) URL or a path on this server");
    return { ...attachment, name, fileType: attachment.fileType.trim() };
  });
}

function isAttachmentUrl(url: string): boolean {
  if (url.startsWith("/") && !url.startsWith("//")) return true;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:";
  } catch {
    return false;
  }
}

export function normalizeAttribution(input: AttributionParams, now: Date): AttributionData {
  const out: AttributionData = { firstTouchAt: now.toISOString() };
  for (const [key, value] of Object.entries(input) as [keyof AttributionParams, string | null | undefined][]) {
    const cleaned = cleanText(value);
    if (cleaned) out[key] = cleaned.slice(0, 2_000);
  }
  return out;
}
