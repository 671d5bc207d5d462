import { eq, getTableName, sql } from "drizzle-orm";
import { type Executor, rowsOf, runPrepared, runPreparedThenCommit, type WrittenQuery } from "../../db/client.js";
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
  options: {
    /**
     * The caller's transaction ends with this change: the commit goes right behind it
     * (`runPreparedThenCommit`), so the lead's row lock is held for the write and the commit
     * alone, and the transaction costs a round trip less.
     */
    endsTransaction?: boolean;
  } = {},
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
  const statement = sql`with changed as (${update}), logged as (${log}) select * from changed`;
  const [raw] = options.endsTransaction
    ? await runPreparedThenCommit(tx, statement)
    : rowsOf(await tx.execute(statement));
  assertFoundOrThrow(raw, "Lead");
  return fromDriverRow(leads, raw);
}

/**
 * The create statement's text for each shape a create gives (the batch size
 * and the columns given: forms and integrations send much the same fields).
 * Drizzle's builder spent about a millisecond of CPU on this 60-column
 * statement per lead, on the event loop that also has to send the COMMIT
 * which frees the tenant's counter. Bounded: the oldest shape is dropped.
 * (Passing the rows as one JSON parameter read by jsonb_populate_recordset
 * was tried: a single create got 15% slower, and batches no faster.)
 */
const createStatements = new Map<string, string>();
const STATEMENT_CACHE_SIZE = 200;

/**
 * `$1` is the tenant and `$2` how many leads: the counter moves by that much
 * once, and lead i (from 0) takes `value - n + 1 + i`. A row without one of
 * the batch's columns gets the column's DEFAULT.
 */
function createStatement(
  leadRows: boolean[][],
  leadColumns: string[],
  eventRows: boolean[][],
  eventColumns: string[],
): string {
  let n = 2;
  const columns = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");
  const counters = getTableName(tenantCounters);
  const requestId = (i: number) => `(select value from counter) - $2 + ${i + 1}`;
  const values = (present: boolean[]) => present.map((has) => (has ? `$${++n}` : "DEFAULT")).join(", ");
  const leadValues = leadRows.map((present, i) => `(${values(present)}, ${requestId(i)})`).join(",\n");
  const eventValues = eventRows
    .map((present, i) => `(${values(present)}, $${++n}::jsonb || jsonb_build_object('requestId', ${requestId(i)}))`)
    .join(",\n");
  return `with counter as (
      insert into "${counters}" (tenant_id, name, value) values ($1, 'lead', $2)
      on conflict (tenant_id, name) do update set value = "${counters}".value + $2 returning value),
    new_lead as (
      insert into "${getTableName(leads)}" (${columns(leadColumns)}, request_id)
      values ${leadValues} returning *),
    new_event as (
      insert into "${getTableName(leadEvents)}" (${columns(eventColumns)}, payload)
      values ${eventValues})${CREATE_ANSWER}`;
}

/** What the create statement answers, after its CTEs. */
const CREATE_ANSWER = "\n    select * from new_lead order by request_id";

/** The create statement with `closing` as its last CTE, the closing's parameters numbered after `count`. */
function withClosing(create: string, closing: string, count: number): string {
  const renumbered = closing.replace(/\$(\d+)/g, (_, n: string) => `$${count + Number(n)}`);
  return `${create.slice(0, -CREATE_ANSWER.length)},\n    closing as (${renumbered})${CREATE_ANSWER}`;
}

/** The columns any row of a batch gives, in the table's order, and which each row gives. */
function shapeOf(rows: { names: string[] }[]): { names: string[]; present: boolean[][] } {
  const given = new Set(rows.flatMap((r) => r.names));
  const order = rows[0]?.names ?? [];
  const names = [...order, ...[...given].filter((name) => !order.includes(name))];
  return { names, present: rows.map((r) => names.map((name) => r.names.includes(name))) };
}

/** The row's values for the batch's columns, in order, skipping those it leaves to DEFAULT. */
function valuesOf(row: { names: string[]; values: unknown[] }, names: string[]): unknown[] {
  const out: unknown[] = [];
  for (const name of names) {
    const at = row.names.indexOf(name);
    if (at >= 0) out.push(row.values[at]);
  }
  return out;
}

/** Rows per create statement: 500 leads of every column and their events stay under the parameter limit. */
export const MAX_ROWS_PER_STATEMENT = 500;

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
export async function insertManyWithRequestIds(
  tx: Executor,
  writes: readonly NewLeadWrite[],
  options: {
    /**
     * The caller's transaction ends with this statement: the commit goes
     * right behind it (`runPreparedThenCommit`), so the counter is locked
     * while PostgreSQL runs the two and no longer.
     */
    commit?: boolean;
    /**
     * A statement written into this one, after the leads and events (its
     * own `$1`, `$2`… are renumbered): it may read the new leads as
     * `new_lead`, and fails or commits with them. One statement of at most
     * MAX_ROWS_PER_STATEMENT leads only.
     */
    closing?: WrittenQuery;
  } = {},
): Promise<LeadRow[]> {
  // PostgreSQL takes at most 65,535 parameters a statement: larger batches go in slices, in order.
  if (writes.length > MAX_ROWS_PER_STATEMENT) {
    if (options.closing) throw new Error(`a closing statement goes with at most ${MAX_ROWS_PER_STATEMENT} leads`);
    const made: LeadRow[] = [];
    for (let at = 0; at < writes.length; at += MAX_ROWS_PER_STATEMENT) {
      const slice = writes.slice(at, at + MAX_ROWS_PER_STATEMENT);
      const last = at + MAX_ROWS_PER_STATEMENT >= writes.length;
      made.push(...(await insertManyWithRequestIds(tx, slice, { commit: options.commit && last })));
    }
    return made;
  }
  const first = writes[0];
  if (!first) return [];
  const leadCols = writes.map((w) => toDriverColumns(leads, { ...w.row, requestId: undefined }));
  const eventParts = writes.map((w) => {
    const { payload, ...eventRow } = leadEventValues(w.event);
    return { cols: toDriverColumns(leadEvents, eventRow), payload };
  });
  const leadShape = shapeOf(leadCols);
  const eventShape = shapeOf(eventParts.map((e) => e.cols));
  const key = `${writes.length}|${leadShape.names.join()}|${leadShape.present.flat().map(Number).join("")}|${eventShape.names.join()}|${eventShape.present.flat().map(Number).join("")}`;
  let text = createStatements.get(key);
  if (!text) {
    text = createStatement(leadShape.present, leadShape.names, eventShape.present, eventShape.names);
    if (createStatements.size >= STATEMENT_CACHE_SIZE)
      createStatements.delete(createStatements.keys().next().value as string);
    createStatements.set(key, text);
  }
  const params: unknown[] = [first.row.tenantId, writes.length];
  for (const cols of leadCols) params.push(...valuesOf(cols, leadShape.names));
  for (const { cols, payload } of eventParts) params.push(...valuesOf(cols, eventShape.names), JSON.stringify(payload));
  if (options.closing) {
    text = withClosing(text, options.closing.sql, params.length);
    params.push(...options.closing.params);
  }
  const statement = { sql: text, params };
  const rows = options.commit ? await runPreparedThenCommit(tx, statement) : await runPrepared(tx, statement);
  if (rows.length !== writes.length) throw new Error(`created ${rows.length} of ${writes.length} leads`);
  return rows.map((raw) => fromDriverRow(leads, raw));
}
