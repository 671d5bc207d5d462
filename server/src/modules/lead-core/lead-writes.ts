import { eq, getTableColumns, getTableName, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { type Executor, rowsOf, runPrepared } from "../../db/client.js";
import { fromDriverRow } from "../../db/rows.js";
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
 * The create statement's text for each set of columns a batch gives (a few:
 * forms and integrations send much the same fields), whatever its size.
 * Drizzle's builder spent about a millisecond of CPU on this 60-column
 * statement per lead, on the event loop that also has to send the COMMIT
 * which frees the tenant's counter. Bounded: the oldest shape is dropped.
 */
const createStatements = new Map<string, string>();
const STATEMENT_CACHE_SIZE = 100;

/**
 * `$1` is the tenant, `$2` how many leads, `$3` the leads and `$4` their
 * events as JSON arrays (one parameter each, however many rows: PostgreSQL
 * reads them with jsonb_populate_recordset, by the tables' own column
 * types). The counter moves by `$2` once; lead i (from 1) takes
 * `value - $2 + i`, and its event carries that number.
 */
function createStatement(leadColumns: readonly string[], eventColumns: readonly string[]): string {
  const list = (names: readonly string[], from = "") => names.map((name) => `${from}"${name}"`).join(", ");
  const counters = getTableName(tenantCounters);
  const requestId = (row: string) => `(select value from counter) - $2 + ${row}.ordinality`;
  return `with counter as (
      insert into "${counters}" (tenant_id, name, value) values ($1, 'lead', $2)
      on conflict (tenant_id, name) do update set value = "${counters}".value + $2 returning value),
    new_lead as (
      insert into "${getTableName(leads)}" (${list(leadColumns)}, request_id)
      select ${list(leadColumns, "r.")}, ${requestId("r")}
      from jsonb_populate_recordset(null::"${getTableName(leads)}", $3::jsonb) with ordinality as r
      returning *),
    new_event as (
      insert into "${getTableName(leadEvents)}" (${list(eventColumns)}, payload)
      select ${list(eventColumns, "e.")}, e.payload || jsonb_build_object('requestId', ${requestId("e")})
      from jsonb_populate_recordset(null::"${getTableName(leadEvents)}", $4::jsonb) with ordinality as e)
    select * from new_lead order by request_id`;
}

/**
 * Rows as JSON objects keyed by column name, and the columns any of them
 * gives. A column a row leaves out would be null, not its default: the
 * columns with a default are either given by every row (the create use case
 * sets them all) or by none.
 */
function recordsOf<T extends PgTable>(
  table: T,
  rows: readonly Partial<T["$inferInsert"]>[],
  except: readonly string[],
): { columns: string[]; records: Record<string, unknown>[] } {
  const defs = Object.entries(getTableColumns(table)).filter(([key]) => !except.includes(key));
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, column] of defs) {
      const value = (row as Record<string, unknown>)[key];
      if (value !== undefined) record[column.name] = value;
    }
    return record;
  });
  const columns = defs
    .map(([, column]) => column)
    .filter((column) => records.some((r) => column.name in r))
    .map((column) => {
      if (column.hasDefault && !records.every((r) => column.name in r)) {
        throw new Error(`every row of a batch must give ${column.name}, or none`);
      }
      return column.name;
    });
  return { columns, records };
}

export interface NewLeadWrite {
  row: NewLeadRow;
  event: AppendLeadEventParams;
}

/**
 * Takes the tenant's next requestIds and inserts the leads and their CREATED
 * events in ONE statement, whatever the batch size. The counter row stays
 * locked until commit (that is what keeps the numbers gap-free), so it is
 * taken last, after every check, and held for one statement and what little
 * follows it. The events' foreign keys to the leads are checked at the end
 * of the statement, when all rows exist. All leads are one tenant's.
 */
export async function insertManyWithRequestIds(tx: Executor, writes: readonly NewLeadWrite[]): Promise<LeadRow[]> {
  const first = writes[0];
  if (!first) return [];
  const lead = recordsOf(
    leads,
    writes.map((w) => w.row),
    ["requestId"],
  );
  const eventValues = writes.map((w) => leadEventValues(w.event));
  const event = recordsOf(leadEvents, eventValues, ["sequence", "payload"]);
  const key = `${lead.columns.join()}|${event.columns.join()}`;
  let text = createStatements.get(key);
  if (!text) {
    text = createStatement(lead.columns, event.columns);
    if (createStatements.size >= STATEMENT_CACHE_SIZE)
      createStatements.delete(createStatements.keys().next().value as string);
    createStatements.set(key, text);
  }
  const events = event.records.map((record, i) => ({ ...record, payload: eventValues[i]?.payload }));
  const rows = await runPrepared(tx, {
    sql: text,
    params: [first.row.tenantId, writes.length, JSON.stringify(lead.records), JSON.stringify(events)],
  });
  if (rows.length !== writes.length) throw new Error(`created ${rows.length} of ${writes.length} leads`);
  return rows.map((raw) => fromDriverRow(leads, raw));
}
