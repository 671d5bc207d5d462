import { eq, sql } from "drizzle-orm";
import { type Executor, rowsOf } from "../../db/client.js";
import { fromDriverRow } from "../../db/rows.js";
import { type LeadEventType, type LeadRow, leadEvents, leads } from "../../db/schema/index.js";
import { assertFoundOrThrow } from "../../graphql/errors.js";
import { type AppendLeadEventParams, leadEventValues } from "../events/event.service.js";

export interface LeadChangeEvent {
  type: LeadEventType;
  actor: AppendLeadEventParams["actor"];
  /** The event's payload; the new version is added to it. */
  payload: Record<string, unknown>;
}

/**
 * Every change to a lead the caller has locked: the new values, the next
 * version, fresh timestamps and the event, in the caller's transaction — so
 * no change ever lands without its event or its version bump. One statement
 * for both rows: a write is a round trip shorter, and its row lock no longer
 * waits on one.
 */
export async function writeLeadChange(
  tx: Executor,
  lead: LeadRow,
  values: Partial<LeadRow>,
  event: LeadChangeEvent,
): Promise<LeadRow> {
  const now = new Date();
  const version = lead.version + 1;
  const update = tx
    .update(leads)
    .set({ ...values, version, updatedAt: now, lastActivityAt: now })
    .where(eq(leads.id, lead.id))
    .returning()
    .getSQL();
  const log = tx
    .insert(leadEvents)
    .values(
      leadEventValues({
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: event.type,
        actor: event.actor,
        payload: { ...event.payload, version },
      }),
    )
    .getSQL();
  const [raw] = rowsOf(await tx.execute(sql`with changed as (${update}), logged as (${log}) select * from changed`));
  assertFoundOrThrow(raw, "Lead");
  return fromDriverRow(leads, raw);
}
