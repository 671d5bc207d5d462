import { eq, getTableName, sql } from "drizzle-orm";
import { type Executor, rowsOf, runPrepared } from "../../db/client.js";
import { fromDriverRow, toDriverColumns } from "../../db/rows.js";
import {
  type LeadEventType,
  type LeadRow,
  leadEvents,
  leads,
  type NewLeadRow,
  tenantCounters,
} from "../../db/schema/index.js";
import { assertFoundOrThrow } from "../../errors.js";
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

/**
 * The create statement's text for each set of columns a create gives (a few:
 * forms send much the same fields). Drizzle's builder spent about a
 * millisecond of CPU on this 60-column statement per create, on the event
 * loop that also has to send the COMMIT which frees the tenant's counter.
 */
const createStatements = new Map<string, string>();

function createStatement(leadColumns: readonly string[], eventColumns: readonly string[]): string {
  let n = 1; // $1 is the tenant, for the counter
  const params = (names: readonly string[]) => names.map(() => `$${++n}`).join(", ");
  const columns = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");
  const leadValues = params(leadColumns);
  const eventValues = params(eventColumns);
  const payload = `$${++n}`;
  return `with counter as (
      insert into "${getTableName(tenantCounters)}" (tenant_id, name, value) values ($1, 'lead', 1)
      on conflict (tenant_id, name) do update set value = "${getTableName(tenantCounters)}".value + 1 returning value),
    new_lead as (
      insert into "${getTableName(leads)}" (${columns(leadColumns)}, request_id)
      values (${leadValues}, (select value from counter)) returning *),
    new_event as (
      insert into "${getTableName(leadEvents)}" (${columns(eventColumns)}, payload)
      values (${eventValues}, ${payload}::jsonb || jsonb_build_object('requestId', (select value from counter))))
    select * from new_lead`;
}

/**
 * Takes the tenant's next requestId and inserts the lead and its event in ONE
 * statement. The counter row stays locked until commit (that is what keeps
 * the numbers gap-free), so it is taken last, after every check, and held for
 * one statement and the COMMIT only. The event's foreign key to the lead is
 * checked at the end of the statement, when both rows exist.
 */
export async function insertWithRequestId(
  tx: Executor,
  row: NewLeadRow,
  event: AppendLeadEventParams,
): Promise<LeadRow> {
  const lead = toDriverColumns(leads, { ...row, requestId: undefined });
  const { payload, ...eventRow } = leadEventValues(event);
  const logged = toDriverColumns(leadEvents, eventRow);
  const shape = `${lead.names.join()}|${logged.names.join()}`;
  let text = createStatements.get(shape);
  if (!text) {
    text = createStatement(lead.names, logged.names);
    createStatements.set(shape, text);
  }
  const [raw] = await runPrepared(tx, {
    sql: text,
    params: [row.tenantId, ...lead.values, ...logged.values, JSON.stringify(payload)],
  });
  assertFoundOrThrow(raw, "Lead");
  return fromDriverRow(leads, raw);
}
