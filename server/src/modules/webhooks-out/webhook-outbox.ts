import { and, eq, getTableColumns, inArray, sql } from "drizzle-orm";
import { type Database, type Executor, rowsOf } from "../../db/client.js";
import { uuidArray } from "../../db/ids.js";
import {
  type LeadEventRow,
  type LeadRow,
  leadEvents,
  leads,
  tenants,
  type WebhookDeliveryRow,
  webhookDeliveries,
  webhookEndpoints,
} from "../../db/schema/index.js";

/**
 * The outbox side of outbound webhooks, in SQL: which events are owed to
 * which endpoint (`materializeDeliveries`), which deliveries an instance may
 * send now (`claimDueDeliveries`), and what an attempt changed
 * (`recordSuccess`, `recordFailure`).
 */

/**
 * A point of the event log: `sequence` was the newest committed event when
 * `xmax` was the next transaction id to be handed out. Once every transaction
 * older than `xmax` has ended, no event numbered `sequence` or lower can
 * still commit: each was drawn by a transaction that was already running.
 */
export interface LogMark {
  sequence: number;
  xmax: bigint;
  takenAt: number;
}

/** The newest committed event and the snapshot's transaction bounds, read in one statement (one snapshot). */
export async function readLogMark(db: Executor): Promise<{ mark: LogMark; xmin: bigint }> {
  const [row] = rowsOf(
    await db.execute(sql`select
      pg_snapshot_xmin(pg_current_snapshot())::text as xmin,
      pg_snapshot_xmax(pg_current_snapshot())::text as xmax,
      coalesce((select max(${leadEvents.sequence}) from ${leadEvents}), 0)::text as sequence`),
  );
  if (!row) throw new Error("log mark query returned nothing");
  return {
    mark: { sequence: Number(row.sequence), xmax: BigInt(String(row.xmax)), takenAt: Date.now() },
    xmin: BigInt(String(row.xmin)),
  };
}

/**
 * Turns the committed events each active endpoint has not seen into
 * deliveries (its event types only), for the given tenants or all. Every
 * event above the endpoint's cursor is read again each time, so one that
 * committed after a higher-numbered one (sequences are drawn before commit,
 * and commits can finish out of order) is still found; the unique
 * (endpoint, event) index makes repeats, and two instances doing this at
 * once, harmless. `horizon`, when given, is a sequence below which nothing
 * can commit any more: cursors move up to it in the same statement, so the
 * window read again stays short.
 */
export async function materializeDeliveries(
  db: Executor,
  options: { tenantIds?: readonly string[]; horizon?: number | null },
): Promise<number> {
  const tenantFilter = options.tenantIds ? sql`and e.tenant_id = any(${uuidArray(options.tenantIds)})` : sql``;
  const moveCursors =
    options.horizon != null
      ? sql`, moved as (
          update ${webhookEndpoints} e set cursor = ${options.horizon}
          where e.active and e.cursor < ${options.horizon} ${tenantFilter})`
      : sql``;
  const result = await db.execute(sql`
    with inserted as (
      insert into ${webhookDeliveries} (tenant_id, endpoint_id, event_sequence, lead_id, event_type, next_attempt_at)
      select e.tenant_id, e.id, ev.sequence, ev.lead_id, ev.type, now()
      from ${webhookEndpoints} e
      join ${leadEvents} ev on ev.tenant_id = e.tenant_id and ev.sequence > e.cursor and ev.type = any(e.event_types)
      where e.active ${tenantFilter}
        and not exists (
          select 1 from ${webhookDeliveries} d where d.endpoint_id = e.id and d.event_sequence = ev.sequence)
      order by ev.sequence
      on conflict (endpoint_id, event_sequence) do nothing
      returning 1
    ) ${moveCursors}
    select count(*)::int as n from inserted`);
  return Number(rowsOf(result)[0]?.n ?? 0);
}

/** Tenants that have an active endpoint: only their events concern the dispatcher. */
export async function tenantsWithActiveEndpoints(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ tenantId: webhookEndpoints.tenantId })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.active, true));
  return rows.map((r) => r.tenantId);
}

/**
 * Takes up to `limit` deliveries that are due, for active endpoints, and
 * leases them: their next attempt moves `leaseMs` ahead, so no other
 * instance takes them while this one sends (FOR UPDATE SKIP LOCKED: instances
 * never wait on each other), and an instance that dies mid-attempt leaves
 * them to be retried when the lease ends. A delivery is due only when no
 * earlier event of the same lead is still pending for the endpoint (waiting,
 * retrying or in flight): a lead's events reach an endpoint in order, while
 * different leads go in parallel.
 */
export async function claimDueDeliveries(db: Executor, limit: number, leaseMs: number): Promise<string[]> {
  const result = await db.execute(sql`
    with due as (
      select d.id from ${webhookDeliveries} d
      join ${webhookEndpoints} e on e.id = d.endpoint_id
      where d.next_attempt_at <= now() and e.active
        and not exists (
          select 1 from ${webhookDeliveries} p
          where p.endpoint_id = d.endpoint_id and p.lead_id = d.lead_id
            and p.event_sequence < d.event_sequence and p.next_attempt_at is not null)
      order by d.next_attempt_at, d.event_sequence
      limit ${limit}
      for update of d skip locked
    )
    update ${webhookDeliveries} w set next_attempt_at = now() + ${leaseMs} * interval '1 millisecond'
    from due where w.id = due.id
    returning w.id`);
  return rowsOf(result).map((r) => String(r.id));
}

export interface ClaimedDelivery {
  delivery: WebhookDeliveryRow;
  endpoint: { url: string; secretSealed: string };
  tenantSlug: string;
  /** Null when the event is gone (its lead was deleted with it). */
  event: LeadEventRow | null;
  lead: LeadRow | null;
}

/** Everything the claimed deliveries' messages are made of, in one query. */
export async function loadClaimed(db: Executor, ids: readonly string[]): Promise<ClaimedDelivery[]> {
  if (ids.length === 0) return [];
  return db
    .select({
      delivery: getTableColumns(webhookDeliveries),
      endpoint: { url: webhookEndpoints.url, secretSealed: webhookEndpoints.secretSealed },
      tenantSlug: tenants.slug,
      event: getTableColumns(leadEvents),
      lead: getTableColumns(leads),
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .innerJoin(tenants, eq(tenants.id, webhookDeliveries.tenantId))
    .leftJoin(
      leadEvents,
      and(
        eq(leadEvents.sequence, webhookDeliveries.eventSequence),
        eq(leadEvents.tenantId, webhookDeliveries.tenantId),
      ),
    )
    .leftJoin(leads, and(eq(leads.id, webhookDeliveries.leadId), eq(leads.tenantId, webhookDeliveries.tenantId)))
    .where(inArray(webhookDeliveries.id, [...ids]));
}

export interface AttemptRecord {
  statusCode: number | null;
  error: string | null;
}

/** A 2xx: the delivery is done, and the endpoint's run of failures (if any) is over. */
export async function recordSuccess(db: Database, delivery: WebhookDeliveryRow, attempt: AttemptRecord): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(webhookDeliveries)
      .set({
        attempt: sql`${webhookDeliveries.attempt} + 1`,
        statusCode: attempt.statusCode,
        lastError: null,
        deliveredAt: sql`now()`,
        nextAttemptAt: null,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    await tx
      .update(webhookEndpoints)
      .set({ failingSince: null })
      .where(and(eq(webhookEndpoints.id, delivery.endpointId), sql`${webhookEndpoints.failingSince} is not null`));
  });
}

export interface FailureFactsRow {
  now: Date;
  failingSince: Date;
  active: boolean;
}

/**
 * A failed attempt: counts it, marks when the endpoint's run of failures
 * began, then applies `decide`'s verdict (retry time, give up, disable) in the
 * same transaction, with the endpoint row locked so a concurrent admin
 * re-enable or another attempt's outcome is not overwritten.
 */
export async function recordFailure(
  db: Database,
  delivery: WebhookDeliveryRow,
  attempt: AttemptRecord,
  decide: (facts: FailureFactsRow) => { nextAttemptAt: Date | null; disableReason: string | null },
): Promise<{ disabled: boolean }> {
  return db.transaction(async (tx) => {
    const [row] = rowsOf(
      await tx.execute(sql`
        update ${webhookEndpoints} set failing_since = coalesce(failing_since, now())
        where id = ${delivery.endpointId}
        returning failing_since as "failingSince", active, now() as now`),
    );
    if (!row) return { disabled: false }; // the endpoint was deleted meanwhile, with its deliveries
    const facts = { now: dateOf(row.now), failingSince: dateOf(row.failingSince), active: Boolean(row.active) };
    const verdict = decide(facts);
    await tx
      .update(webhookDeliveries)
      .set({
        attempt: sql`${webhookDeliveries.attempt} + 1`,
        statusCode: attempt.statusCode,
        lastError: attempt.error?.slice(0, 500) ?? null,
        nextAttemptAt: verdict.nextAttemptAt,
      })
      .where(eq(webhookDeliveries.id, delivery.id));
    if (verdict.disableReason && facts.active) {
      await tx
        .update(webhookEndpoints)
        .set({ active: false, disabledReason: verdict.disableReason })
        .where(eq(webhookEndpoints.id, delivery.endpointId));
      return { disabled: true };
    }
    return { disabled: false };
  });
}

/** A delivery that can never succeed: no more attempts, the endpoint's health untouched. */
export async function abandonDelivery(db: Executor, id: string, reason: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: null, lastError: reason })
    .where(eq(webhookDeliveries.id, id));
}

/** Attempts cut short by shutdown: back in line at once, uncounted (the next instance sends them). */
export async function releaseDeliveries(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(webhookDeliveries)
    .set({ nextAttemptAt: sql`now()` })
    .where(inArray(webhookDeliveries.id, [...ids]));
}

/** A timestamptz from a hand-written statement: a Date from either driver, or its text. */
function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
