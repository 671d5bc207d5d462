import type { LeadEventRow, LeadEventType, LeadRow } from "../../db/schema/index.js";
import { type LeadResource, toLeadResource } from "../intake/lead-resource.js";

/**
 * The JSON document an endpoint receives for one lead event (documented in
 * docs/integrations.md, "Outbound webhooks"). It follows Standard Webhooks'
 * payload shape (`type`, `timestamp`, `data`) and adds what a receiver needs
 * to order and dedupe without calling back: the log's sequence, the lead and
 * the tenant.
 */
export interface WebhookEventDocument {
  type: LeadEventType;
  /** When the change happened (ISO 8601); the same as occurredAt, under Standard Webhooks' name. */
  timestamp: string;
  occurredAt: string;
  /** The event's position in the log, as a string (a 64-bit number); a lead's events arrive in this order. */
  sequence: string;
  leadId: string;
  tenant: { id: string; slug: string };
  data: {
    /** The event's own details, as the activity timeline shows them (e.g. STATUS_CHANGED: from, to). */
    payload: Record<string, unknown>;
    /**
     * The lead as the REST API returns it, read when the attempt is made: it
     * may be newer than the event (compare `version`); null once deleted.
     */
    lead: LeadResource | null;
  };
}

/** The stable webhook-id of one event to one endpoint: every attempt and replay carries it, so receivers can dedupe. */
export function messageIdOf(endpointId: string, sequence: number): string {
  return `msg_${endpointId.replaceAll("-", "")}_${sequence}`;
}

export function eventDocumentOf(
  event: LeadEventRow,
  tenant: { id: string; slug: string },
  lead: LeadRow | null,
): WebhookEventDocument {
  const occurredAt = event.createdAt.toISOString();
  return {
    type: event.type,
    timestamp: occurredAt,
    occurredAt,
    sequence: String(event.sequence),
    leadId: event.leadId,
    tenant,
    data: { payload: event.payload, lead: lead ? toLeadResource(lead) : null },
  };
}
