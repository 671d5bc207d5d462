import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type LeadEventType, type LeadRow, leads } from "../../db/schema/index.js";
import { assertFoundOrThrow } from "../../graphql/errors.js";
import { type AppendLeadEventParams, appendLeadEvent } from "../events/event.service.js";

export interface LeadChangeEvent {
  type: LeadEventType;
  actor: AppendLeadEventParams["actor"];
  /** The event's payload; the new version is added to it. */
  payload: Record<string, unknown>;
}

/**
 * Every change to a lead the caller has locked: the new values, the next
 * version, fresh timestamps and the event, in the caller's transaction — so
 * no change ever lands without its event or its version bump.
 */
export async function writeLeadChange(
  tx: Executor,
  lead: LeadRow,
  values: Partial<LeadRow>,
  event: LeadChangeEvent,
): Promise<LeadRow> {
  const now = new Date();
  const [updated] = await tx
    .update(leads)
    .set({ ...values, version: lead.version + 1, updatedAt: now, lastActivityAt: now })
    .where(eq(leads.id, lead.id))
    .returning();
  assertFoundOrThrow(updated, "Lead");
  await appendLeadEvent(tx, {
    tenantId: lead.tenantId,
    leadId: lead.id,
    type: event.type,
    actor: event.actor,
    payload: { ...event.payload, version: updated.version },
  });
  return updated;
}
