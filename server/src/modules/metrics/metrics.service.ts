import { count, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { leads } from "../../db/schema/index.js";
import type { Viewer } from "../auth/viewer.js";
import {
  cohortOf,
  medianResponseSeconds,
  metricsWindowOrThrow,
  rate,
  slaDecided,
  slaMet,
  withoutJit,
} from "./metrics-window.js";

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
    const { from, to } = metricsWindowOrThrow(window);
    const cohort = cohortOf(viewer, { from, to });
    // Three statements side by side, each on its own connection.
    const [totals, bySource, byStage] = await Promise.all([
      withoutJit(this.db, (tx) =>
        tx
          .select({
            created: count(),
            medianSeconds: medianResponseSeconds,
            met: sql<number>`count(*) filter (where ${slaMet})`.mapWith(Number),
            decided: sql<number>`count(*) filter (where ${slaDecided})`.mapWith(Number),
            converted: sql<number>`count(*) filter (where ${leads.convertedAt} is not null)`.mapWith(Number),
          })
          .from(leads)
          .where(cohort),
      ),
      withoutJit(this.db, (tx) =>
        tx.select({ key: leads.source, n: count() }).from(leads).where(cohort).groupBy(leads.source),
      ),
      withoutJit(this.db, (tx) =>
        tx.select({ key: leads.status, n: count() }).from(leads).where(cohort).groupBy(leads.status),
      ),
    ]);
    const row = totals[0] ?? { created: 0, medianSeconds: null, met: 0, decided: 0, converted: 0 };
    return {
      from,
      to,
      created: row.created,
      firstResponseMedianSeconds: row.medianSeconds === null ? null : Number(row.medianSeconds),
      slaMetRate: rate(row.met, row.decided),
      converted: row.converted,
      conversionRate: rate(row.converted, row.created),
      bySource: Object.fromEntries(bySource.map((r) => [r.key, r.n])),
      byStage: Object.fromEntries(byStage.map((r) => [r.key, r.n])),
    };
  }
}
