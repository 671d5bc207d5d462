import { and, count, gte, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { leads } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { visibleLeads } from "../lead-core/lead-access.js";

/** When no window is given: the last 30 days. */
const DEFAULT_WINDOW_MS = 30 * 24 * 3600 * 1000;

export interface LeadMetricsRow {
  from: Date;
  to: Date;
  created: number;
  firstResponseMedianSeconds: number | null;
  slaMetRate: number | null;
  converted: number;
  conversionRate: number | null;
  bySource: Record<string, number>;
  byStage: Record<string, number>;
}

/**
 * Funnel figures for the leads created in [from, to) that the viewer may see
 * (a rep gets their own numbers, a manager the team's). Rates are null, not
 * zero, when nothing was decided yet: no data is not a bad result.
 */
export class MetricsService {
  constructor(private readonly db: Database) {}

  async metrics(viewer: Viewer, window: { from?: Date | null; to?: Date | null }): Promise<LeadMetricsRow> {
    const to = window.to ?? new Date();
    const from = window.from ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
    if (!(from.getTime() < to.getTime())) throw badInput([{ field: "from", message: "must be before to" }]);
    const cohort = and(visibleLeads(viewer), gte(leads.createdAt, from), lt(leads.createdAt, to));
    const responded = sql`${leads.firstResponseAt} is not null`;
    // An SLA is decided once answered, or once its due time passed with the clock running.
    const decided = sql`${leads.firstResponseDueAt} is not null and (${responded} or (${leads.firstResponseDueAt} < now() and not ${leads.slaPaused}))`;
    const [totals, bySource, byStage] = await Promise.all([
      this.db
        .select({
          created: count(),
          medianSeconds: sql<
            string | null
          >`percentile_cont(0.5) within group (order by extract(epoch from ${leads.firstResponseAt} - ${leads.createdAt})) filter (where ${responded})`,
          met: sql<number>`count(*) filter (where ${decided} and ${leads.firstResponseAt} <= ${leads.firstResponseDueAt})`.mapWith(
            Number,
          ),
          decided: sql<number>`count(*) filter (where ${decided})`.mapWith(Number),
          converted: sql<number>`count(*) filter (where ${leads.convertedAt} is not null)`.mapWith(Number),
        })
        .from(leads)
        .where(cohort),
      this.db.select({ key: leads.source, n: count() }).from(leads).where(cohort).groupBy(leads.source),
      this.db.select({ key: leads.status, n: count() }).from(leads).where(cohort).groupBy(leads.status),
    ]);
    const row = totals[0] ?? { created: 0, medianSeconds: null, met: 0, decided: 0, converted: 0 };
    return {
      from,
      to,
      created: row.created,
      firstResponseMedianSeconds: row.medianSeconds === null ? null : Number(row.medianSeconds),
      slaMetRate: row.decided ? row.met / row.decided : null,
      converted: row.converted,
      conversionRate: row.created ? row.converted / row.created : null,
      bySource: Object.fromEntries(bySource.map((r) => [r.key, r.n])),
      byStage: Object.fromEntries(byStage.map((r) => [r.key, r.n])),
    };
  }
}
