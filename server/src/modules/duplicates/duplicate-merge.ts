import { LEAD_COMPANY_FIELDS, LEAD_EDITABLE_FIELDS, type LeadCompanyKey, type LeadEditableKey } from "@leadline/shared";
import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { attachments, files, type LeadRow, messages, trackingEvents } from "../../db/schema/index.js";

/**
 * Fields a merge copies into the kept lead when it has none: who the person
 * is and what they want, i.e. the shared list's editable fields other than a
 * new company's details and dates, and the attribution.
 */
const PERSON_FIELDS: readonly PersonField[] = [
  ...LEAD_EDITABLE_FIELDS.filter((f) => !("company" in f) && f.kind !== "date").map((f) => f.key as PersonField),
  "attribution",
];
type PersonField = Exclude<LeadEditableKey, LeadCompanyKey | "expiresAt"> | "attribution";

/** A new company's details, as createLead accepts them; the domain travels with the website. */
const COMPANY_TEXT: readonly LeadCompanyKey[] = LEAD_COMPANY_FIELDS.map((f) => f.key);

export type MergeSource = Partial<
  Pick<LeadRow, PersonField | "companyDomain" | "companyId" | "contactId" | LeadCompanyKey>
>;

const empty = (value: unknown) => value === null || value === undefined || value === "";

/**
 * The values `source` gives `target` where the target has none; nothing the
 * target holds is overwritten. The company stays coherent: a lead linked to
 * a company record keeps it and takes no company text (as updateLead
 * demands); one without a company takes the source's link, or else each
 * missing company detail. A contact goes with its company.
 */
export function fillEmptyFields(target: LeadRow, source: MergeSource): Partial<LeadRow> {
  const fill: Partial<LeadRow> = {};
  const put = <K extends keyof LeadRow>(key: K, value: LeadRow[K] | undefined) => {
    if (empty(target[key]) && !empty(value)) fill[key] = value as LeadRow[K];
  };
  for (const key of PERSON_FIELDS) put(key, source[key]);
  const targetHasCompanyText = COMPANY_TEXT.some((key) => !empty(target[key]));
  if (!target.companyId) {
    if (source.companyId && !targetHasCompanyText) put("companyId", source.companyId);
    else if (!source.companyId) {
      put("companyName", source.companyName);
      put("companyTin", source.companyTin);
      if (empty(target.companyWebsite) && !empty(source.companyWebsite)) {
        fill.companyWebsite = source.companyWebsite ?? null;
        fill.companyDomain = source.companyDomain ?? null;
      }
    }
  }
  const companyId = fill.companyId ?? target.companyId;
  if (source.contactId && (source.companyId ?? null) === (companyId ?? null)) put("contactId", source.contactId);
  return fill;
}

/** What a merge carried over, for the MERGED event. */
export interface MovedRecords {
  attachments: number;
  messages: number;
  trackingEvents: number;
}

/**
 * Re-points the source's attachments (and the uploaded files behind them,
 * which file downloads check against the lead), messages and tracking
 * events (the score's signals) to the target. Both leads are locked by the caller.
 */
export async function moveLeadRecords(tx: Executor, source: LeadRow, target: LeadRow): Promise<MovedRecords> {
  const scope = { tenantId: source.tenantId, from: source.id, to: target.id };
  const [movedAttachments, , movedMessages, movedSignals] = await Promise.all([
    tx
      .update(attachments)
      .set({ leadId: scope.to })
      .where(and(eq(attachments.tenantId, scope.tenantId), eq(attachments.leadId, scope.from)))
      .returning({ id: attachments.id }),
    tx
      .update(files)
      .set({ leadId: scope.to })
      .where(and(eq(files.tenantId, scope.tenantId), eq(files.leadId, scope.from)))
      .returning({ id: files.id }),
    tx
      .update(messages)
      .set({ leadId: scope.to })
      .where(and(eq(messages.tenantId, scope.tenantId), eq(messages.leadId, scope.from)))
      .returning({ id: messages.id }),
    tx
      .update(trackingEvents)
      .set({ leadId: scope.to })
      .where(and(eq(trackingEvents.tenantId, scope.tenantId), eq(trackingEvents.leadId, scope.from)))
      .returning({ id: trackingEvents.id }),
  ]);
  return {
    attachments: movedAttachments.length,
    messages: movedMessages.length,
    trackingEvents: movedSignals.length,
  };
}
