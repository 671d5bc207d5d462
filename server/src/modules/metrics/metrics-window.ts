import { and, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { leads } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { visibleLeads } from "../lead-core/lead-access.js";

/** When no window is given: the last 30 days. */
const DEFAULT_WINDOW_MS = 30 * 24 * 3600 * 1000;

export interface MetricsWindow {
  from: Date;
  to: Date;
}

/** [from, to): `to` defaults to now and `from` to 30 days before it; an empty or reversed window is refused. */
export function metricsWindowOrThrow(window: { from?: Date | null; to?: Date | null }): MetricsWindow {
  const to = window.to ?? new Date();
  const from = window.from ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
  if (!(from.getTime() < to.getTime())) throw badInput([{ field: "from", message: "must be before to" }]);
  return { from, to };
}

/**
 * The leads every figure of a window counts: created in [from, to) and visible
 * to the viewer (a rep's own and the pool, a manager's whole team). Tenant and
 * creation time lead, as in `leads_tenant_created_idx` and the dashboard's index.
 */
export function cohortOf(viewer: Viewer, window: MetricsWindow): SQL {
  return and(visibleLeads(viewer), gte(leads.createdAt, window.from), lt(leads.createdAt, window.to)) as SQL;
}

/** The lead has had its first response. */
export const responded = sql`${leads.firstResponseAt} is not null`;

/** An SLA is decided once answered, or once its due time passed with the clock running. */
export const slaDecided = sql`${leads.firstResponseDueAt} is not null and (${responded} or (${leads.firstResponseDueAt} < now() and not ${leads.slaPaused}))`;

/** Decided and answered in time. */
export const slaMet = sql`${slaDecided} and ${leads.firstResponseAt} <= ${leads.firstResponseDueAt}`;

/**
 * Median seconds from creation to first response over the answered leads of a
 * group. `date_part` gives a double; `extract` a numeric, slower to sort.
 */
export const medianResponseSeconds = sql<
  number | null
>`percentile_cont(0.5) within group (order by date_part('epoch', ${leads.firstResponseAt} - ${leads.createdAt})) filter (where ${responded})`;

/** numerator / denominator, or null when nothing was counted: no data is not a bad result. */
export function rate(numerator: number, denominator: number): number | null {
  return denominator ? numerator / denominator : null;
}

/**
 * Runs a report's statement in a transaction of its own, with two settings for
 * that transaction only. JIT off: PostgreSQL compiles a plan with LLVM once its
 * estimate passes jit_above_cost, as a window of a few hundred thousand leads
 * does, and the compile (60–110 ms measured at 1M leads, paid again on every
 * run) costs more than the index-only scan it would speed up. And 16 MB to
 * sort in: a median sorts the window's answered leads, which at 90 days and
 * 1M leads (about 5 MB) spills to disk under the default 4 MB.
 */
export function withoutJit<T>(db: Database, read: (tx: Executor) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '16MB', true)`);
    return read(tx);
  });
}
