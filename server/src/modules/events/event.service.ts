import { sql } from "drizzle-orm";
import { type Executor, rowsOf } from "../../db/client.js";
import { fromDriverRow } from "../../db/rows.js";
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

/** What a lead's timeline keeps of leads merged into it: the conversation, not their own lifecycle. */
export const CARRIED_ON_MERGE: readonly LeadEventType[] = ["NOTE_ADDED", "MESSAGE"];

/**
 * A lead's events in order, for its activity timeline; `after` is an exclusive
 * sequence cursor. The log is append-only, so a merge rewrites nothing: the
 * notes and messages of leads merged into this one (found through its MERGED
 * events, merges of merges included) are read alongside its own.
 */
export async function listLeadEvents(
  db: Executor,
  tenantId: string,
  leadId: string,
  first: number,
  after: number | null,
): Promise<LeadEventRow[]> {
  const from = after ?? 0;
  const result = await db.execute(sql`
    with recursive merged (id) as (
      select ${leadId}::uuid
      union
      select (e.payload ->> 'sourceId')::uuid from ${leadEvents} e join merged on e.lead_id = merged.id
      where e.type = 'MERGED' and e.payload ->> 'sourceId' is not null
    )
    select * from (
      (select * from ${leadEvents} where ${leadEvents.tenantId} = ${tenantId} and ${leadEvents.leadId} = ${leadId}
        and ${leadEvents.sequence} > ${from} order by ${leadEvents.sequence} limit ${first + 1})
      union all
      (select e.* from merged join ${leadEvents} e on e.lead_id = merged.id
        where merged.id <> ${leadId}::uuid and e.tenant_id = ${tenantId} and e.sequence > ${from}
          and e.type in (${sql.join(
            CARRIED_ON_MERGE.map((type) => sql`${type}`),
            sql`, `,
          )})
        order by e.sequence limit ${first + 1})
    ) as timeline
    order by sequence limit ${first + 1}`);
  return rowsOf(result).map((raw) => fromDriverRow(leadEvents, raw));
}
