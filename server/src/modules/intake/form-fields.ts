import { ATTRIBUTION_KEYS, type AttributionValues, formFieldsOf } from "@leadline/shared";
import type { CaptureFormRow } from "../../db/schema/index.js";
import type { CreateLeadParams } from "../lead-core/lead.params.js";

/** The posted names of this touch's attribution, as analytics tools spell them (utm_source, source_url, referrer). */
export const ATTRIBUTION_PARAM: Record<(typeof ATTRIBUTION_KEYS)[number], string> = {
  utmSource: "utm_source",
  utmMedium: "utm_medium",
  utmCampaign: "utm_campaign",
  utmTerm: "utm_term",
  utmContent: "utm_content",
  sourceUrl: "source_url",
  referrer: "referrer",
};

/** Longest attribution value kept: URLs with long query strings fit; a flood does not. */
const ATTRIBUTION_LIMIT = 2_000;

/** This touch's attribution from posted (or query) values; empty values are left out. */
export function attributionOf(values: Record<string, string | undefined>): AttributionValues {
  const touch: AttributionValues = {};
  for (const key of ATTRIBUTION_KEYS) {
    const value = values[ATTRIBUTION_PARAM[key]]?.trim();
    if (value) touch[key] = value.slice(0, ATTRIBUTION_LIMIT);
  }
  return touch;
}

/**
 * A submission as the create use case takes it: only the form's own fields
 * (anything else posted is ignored), the source, and this touch's attribution.
 * Validation is the create use case's, the same as every other channel's.
 */
export function leadInputOf(form: Pick<CaptureFormRow, "fields">, posted: Record<string, string>): CreateLeadParams {
  const input: Record<string, unknown> = { name: posted.name ?? "", source: "WEBSITE_FORM" };
  for (const field of formFieldsOf(form)) {
    const value = posted[field.key];
    if (value !== undefined && value.trim() !== "") input[field.key] = value;
  }
  const attribution = attributionOf(posted);
  if (Object.keys(attribution).length > 0) input.attribution = attribution;
  return input as unknown as CreateLeadParams;
}

/** What was typed, for the submission's record: the form's fields only. */
export function submittedValues(form: Pick<CaptureFormRow, "fields">, posted: Record<string, string>) {
  const data: Record<string, string> = {};
  for (const field of formFieldsOf(form)) {
    const value = posted[field.key]?.trim();
    if (value) data[field.key] = value.slice(0, field.limit ?? 2_000);
  }
  return data;
}
