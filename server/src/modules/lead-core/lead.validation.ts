import {
  cleanText,
  FieldErrors,
  normalizeEmail,
  normalizePhone,
  normalizeTin,
  normalizeWebsite,
} from "@leadline/shared";
import type { AttributionData, NewLeadRow } from "../../db/schema/index.js";
import type { AttachmentParams, AttributionParams, LeadEditableParams } from "./lead.params.js";

const TEXT_LIMITS = {
  name: 200,
  firstName: 100,
  lastName: 100,
  middleName: 100,
  jobTitle: 200,
  companyName: 200,
  category: 200,
  product: 200,
  description: 10_000,
  marketingCampaign: 200,
  salesDirection: 200,
  contentChannel: 200,
  city: 200,
  outcome: 2_000,
} as const;
type TextField = keyof typeof TEXT_LIMITS;

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** Trims a text field and checks its length; undefined stays "not given", blank becomes null. */
export function text(
  errors: FieldErrors,
  field: TextField,
  value: string | null | undefined,
): string | null | undefined {
  const cleaned = cleanText(value);
  if (cleaned && cleaned.length > TEXT_LIMITS[field]) {
    errors.add(field, `must be at most ${TEXT_LIMITS[field]} characters`);
    return undefined;
  }
  return cleaned;
}

/**
 * Normalizes the fields create and update share. Keys absent from the input
 * stay absent from the result, so an update touches only what it names.
 */
export function normalizeEditable(
  input: LeadEditableParams,
  defaultCountry: string,
  errors: FieldErrors,
  now: Date,
): Partial<NewLeadRow> {
  const out: Partial<NewLeadRow> = {};
  for (const field of [
    "firstName",
    "lastName",
    "middleName",
    "jobTitle",
    "companyName",
    "category",
    "product",
    "description",
    "marketingCampaign",
    "salesDirection",
    "contentChannel",
    "city",
  ] as const) {
    if (input[field] !== undefined) out[field] = text(errors, field, input[field]);
  }
  const email = cleanText(input.email);
  if (email !== undefined) out.email = email === null ? null : errors.take("email", normalizeEmail(email));
  const phone = cleanText(input.phone);
  if (phone !== undefined)
    out.phone = phone === null ? null : errors.take("phone", normalizePhone(phone, defaultCountry));
  const website = cleanText(input.companyWebsite);
  if (website !== undefined) {
    // The registrable domain travels with the website: it is what duplicate detection compares.
    const normalized = website === null ? null : errors.take("companyWebsite", normalizeWebsite(website));
    out.companyWebsite = normalized === null ? null : normalized?.url;
    out.companyDomain = normalized === null ? null : normalized?.domain;
  }
  const tin = cleanText(input.companyTin);
  if (tin !== undefined) out.companyTin = tin === null ? null : errors.take("companyTin", normalizeTin(tin));
  if (input.expiresAt !== undefined) {
    if (input.expiresAt && input.expiresAt <= now) errors.add("expiresAt", "must be in the future");
    else out.expiresAt = input.expiresAt;
  }
  if (input.partnerRepresentativeId !== undefined) out.partnerRepresentativeId = input.partnerRepresentativeId;
  if (input.partnerCompanyId !== undefined) out.partnerCompanyId = input.partnerCompanyId;
  return out;
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
