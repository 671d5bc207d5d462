import { and, asc, eq, gt } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type LeadEventRow, type LeadEventType, leadEvents } from "../../db/schema/index.js";
import type { Viewer } from "../auth/viewer.js";

export interface AppendLeadEventParams {
  tenantId: string;
  leadId: string;
  type: LeadEventType;
  /** Who did it (a viewer, or a user acting without a session such as an accepting invitee); null for the system. */
  actor: (Pick<Viewer, "userId"> & { via?: Viewer["via"] }) | null;
  payload: Record<string, unknown>;
}

/**
 * Writes one row of the append-only lead log. Callers pass their transaction:
 * the event commits with the change or not at all, so the log never claims a
 * change that rolled back and never misses one that committed.
 */
export async function appendLeadEvent(tx: Executor, params: AppendLeadEventParams): Promise<LeadEventRow> {
  const [row] = await tx.insert(leadEvents).values(leadEventValues(params)).returning();
  if (!row) throw new Error("event insert returned nothing");
  return row;
}

export function leadEventValues(params: AppendLeadEventParams) {
  return {
    tenantId: params.tenantId,
    leadId: params.leadId,
    type: params.type,
    actorUserId: params.actor?.userId ?? null,
    actorApiKeyId: params.actor?.via?.kind === "apiKey" ? params.actor.via.apiKeyId : null,
    payload: params.payload,
  } satisfies typeof leadEvents.$inferInsert;
}

/** A lead's events in order, for its activity timeline; `after` is an exclusive sequence cursor. */
export async function listLeadEvents(
  db: Executor,
  tenantId: string,
  leadId: string,
  first: number,
  after: number | null,
): Promise<LeadEventRow[]> {
  return db
    .select()
    .from(leadEvents)
    .where(
      and(
        eq(leadEvents.tenantId, tenantId),
        eq(leadEvents.leadId, leadId),
        after === null ? undefined : gt(leadEvents.sequence, after),
      ),
    )
    .orderBy(asc(leadEvents.sequence))
    .limit(first + 1);
}
