import type { LeadSource, ScoreBand, StageCategory } from "@leadline/shared";
import { SCORE_BANDS } from "@leadline/shared";
import { and, count, desc, eq, isNotNull, type SQL, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/client.js";
import { leads, type PublicUser, publicUserColumns, stages, tenants, users } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { PipelineService } from "../pipeline/pipeline.service.js";
import { tenantScoringRules } from "../scoring/score-recompute.js";
import {
  cohortOf,
  medianResponseSeconds,
  metricsWindowOrThrow,
  rate,
  responded,
  slaDecided,
  slaMet,
  withoutJit,
} from "./metrics-window.js";

export type MetricsBucket = "DAY" | "WEEK";
type WindowArgs = { from?: Date | null; to?: Date | null };

/** A chart of more points than this says nothing a coarser bucket would not. */
const MAX_BUCKETS = 400;
/** Campaigns listed, largest first: free-text UTM values are unbounded. */
const TOP_CAMPAIGNS = 20;

export interface ResponseTrendRow {
  /** The bucket's first day in the tenant's time zone (YYYY-MM-DD). */
  day: string;
  start: Date;
  created: number;
  responded: number;
  firstResponseMedianSeconds: number | null;
  slaDecided: number;
  slaMet: number;
  slaMetRate: number | null;
}

export interface FunnelStepRow {
  key: string;
  label: string;
  category: StageCategory;
  leads: number;
  reached: number;
}

export interface StageFunnelRow {
  pipelineId: string;
  pipelineName: string;
  created: number;
  steps: FunnelStepRow[];
}

interface ConversionFigures {
  created: number;
  converted: number;
  conversionRate: number | null;
}
export interface SourceConversionRow extends ConversionFigures {
  source: LeadSource;
}
export interface CampaignConversionRow extends ConversionFigures {
  campaign: string | null;
}
export interface ConversionBySourceRow {
  sources: SourceConversionRow[];
  campaigns: CampaignConversionRow[];
}

export interface RepWorkloadRow {
  user: PublicUser;
  open: number;
  created: number;
  converted: number;
  firstResponseMedianSeconds: number | null;
  slaMetRate: number | null;
}

export interface ScoreBandRow {
  band: ScoreBand;
  leads: number;
  converted: number;
}

/**
 * The metrics dashboard's panels, one statement each (repWorkload: two side by
 * side), over the same cohort as `metrics`: leads created in [from, to) that
 * the viewer may see. The resolver lets managers and admins in; the cohort
 * still carries the viewer's visibility, so the figures never reach past what
 * the same person sees in a list.
 */
export class DashboardService {
  constructor(
    private readonly db: Database,
    private readonly pipelines: PipelineService,
  ) {}

  /** First-response median and SLA met rate per day or week of creation, every bucket present (empty ones too). */
  async responseTrend(viewer: Viewer, args: WindowArgs, bucket: MetricsBucket): Promise<ResponseTrendRow[]> {
    const window = metricsWindowOrThrow(args);
    const days = (window.to.getTime() - window.from.getTime()) / 86_400_000;
    if ((bucket === "DAY" ? days : days / 7) > MAX_BUCKETS) {
      throw badInput([
        { field: "bucket", message: `gives more than ${MAX_BUCKETS} points for this window: choose a larger bucket` },
      ]);
    }
    const zone = await this.timeZoneOf(viewer.tenantId);
    const unit = bucket === "DAY" ? "day" : "week";
    const step = sql`${`1 ${unit}`}::interval`;
    const local = (at: SQL) => sql`date_trunc(${unit}, ${at} at time zone ${zone})`;
    // Each bucket aggregates its own range of the metrics index (creation time leads it), so
    // the window is never sorted by bucket, and every bucket answers a row, empty ones too.
    const result = await withoutJit(this.db, (tx) =>
      tx.execute(sql`
        select to_char(b.bucket, 'YYYY-MM-DD') as day, (b.bucket at time zone ${zone}) as start, f.*
        from generate_series(${local(sql`${window.from.toISOString()}::timestamptz`)},
          ${local(sql`(${window.to.toISOString()}::timestamptz - interval '1 microsecond')`)}, ${step}) as b(bucket)
        cross join lateral (
          select count(*)::int as created,
            count(*) filter (where ${responded})::int as responded,
            ${medianResponseSeconds} as median,
            count(*) filter (where ${slaDecided})::int as decided,
            count(*) filter (where ${slaMet})::int as met
          from ${leads}
          where ${cohortOf(viewer, window)}
            and ${leads.createdAt} >= (b.bucket at time zone ${zone})
            and ${leads.createdAt} < ((b.bucket + ${step}) at time zone ${zone})
        ) as f
        order by b.bucket`),
    );
    return rowsOf(result).map((r) => ({
      day: String(r.day),
      start: new Date(r.start as string | Date),
      created: Number(r.created),
      responded: Number(r.responded),
      firstResponseMedianSeconds: r.median === null ? null : Number(r.median),
      slaDecided: Number(r.decided),
      slaMet: Number(r.met),
      slaMetRate: rate(Number(r.met), Number(r.decided)),
    }));
  }

  /**
   * The window's leads by the stage they are at now, in pipeline order (the
   * tenant's default pipeline unless named). `reached` counts the leads at
   * this stage or at a later one that is not lost; a lost lead counts toward
   * the first stage only, since how far it got is not kept on the lead.
   */
  async stageFunnel(viewer: Viewer, args: WindowArgs, pipelineId: string | null): Promise<StageFunnelRow> {
    const window = metricsWindowOrThrow(args);
    const { pipeline, stages: steps } = await this.pipelines.resolvePipelineOrThrow(
      this.db,
      viewer.tenantId,
      pipelineId,
    );
    const rows = await withoutJit(this.db, (tx) =>
      tx
        .select({ key: leads.status, n: count() })
        .from(leads)
        .where(and(cohortOf(viewer, window), eq(leads.pipelineId, pipeline.id)))
        .groupBy(leads.status),
    );
    const at = new Map(rows.map((r) => [r.key, r.n]));
    const created = rows.reduce((sum, r) => sum + r.n, 0);
    const ordered = [...steps].sort((a, b) => a.position - b.position);
    const progressing = ordered.filter((s) => s.category !== "LOST");
    return {
      pipelineId: pipeline.id,
      pipelineName: pipeline.name,
      created,
      steps: ordered.map((stage, i) => {
        const leadsHere = at.get(stage.key) ?? 0;
        const later = progressing.filter((s) => s.position >= stage.position);
        const reached =
          stage.category === "LOST"
            ? leadsHere
            : i === 0
              ? created
              : later.reduce((sum, s) => sum + (at.get(s.key) ?? 0), 0);
        return { key: stage.key, label: stage.label, category: stage.category, leads: leadsHere, reached };
      }),
    };
  }

  /**
   * Created and converted per source, and per campaign (the first touch's UTM
   * campaign, else the campaign typed on the lead): one pass with two grouping
   * sets. Campaigns come largest first, at most TOP_CAMPAIGNS; null is "none".
   */
  async conversionBySource(viewer: Viewer, args: WindowArgs): Promise<ConversionBySourceRow> {
    const window = metricsWindowOrThrow(args);
    const campaign = sql`coalesce(${leads.attribution}->>'utmCampaign', ${leads.marketingCampaign})`;
    // One hash aggregate over the window by (source, campaign), then the two breakdowns of
    // those few rows: grouping sets straight over the leads would sort the window twice.
    const result = await withoutJit(this.db, (tx) =>
      tx.execute(sql`
      with pairs as (
        select ${leads.source} as source, ${campaign} as campaign,
          count(*)::int as created, count(${leads.convertedAt})::int as converted
        from ${leads} where ${cohortOf(viewer, window)}
        group by 1, 2
      )
      select * from (
        select grouping(source) as by_campaign, source, campaign,
          sum(created)::int as created, sum(converted)::int as converted,
          row_number() over (partition by grouping(source) order by sum(created) desc, campaign) as place
        from pairs group by grouping sets ((source), (campaign))
      ) as g
      where by_campaign = 0 or place <= ${TOP_CAMPAIGNS}
      order by by_campaign, created desc, campaign`),
    );
    const rows = rowsOf(result).map((r) => ({
      byCampaign: Number(r.by_campaign) === 1,
      source: r.source as LeadSource,
      campaign: (r.campaign as string | null) ?? null,
      created: Number(r.created),
      converted: Number(r.converted),
    }));
    const figures = (r: { created: number; converted: number }) => ({
      created: r.created,
      converted: r.converted,
      conversionRate: rate(r.converted, r.created),
    });
    return {
      sources: rows.filter((r) => !r.byCampaign).map((r) => ({ source: r.source, ...figures(r) })),
      campaigns: rows.filter((r) => r.byCampaign).map((r) => ({ campaign: r.campaign, ...figures(r) })),
    };
  }

  /**
   * Per person, of the window's leads they own: how many, how many still open
   * (at an OPEN stage now), converted, the median first response and SLA met
   * rate. One pass over the window, the stage category joined from the small
   * stages table. Lists every active salesperson (an idle one shows as zeros)
   * and anyone else who owns leads of the window; the pool is left out.
   */
  async repWorkload(viewer: Viewer, args: WindowArgs): Promise<RepWorkloadRow[]> {
    const window = metricsWindowOrThrow(args);
    const [people, cohort] = await Promise.all([
      this.db.select(publicUserColumns).from(users).where(eq(users.tenantId, viewer.tenantId)),
      withoutJit(this.db, (tx) =>
        tx
          .select({
            ownerId: leads.ownerId,
            created: count(),
            open: sql<number>`count(*) filter (where ${stages.category} = 'OPEN')`.mapWith(Number),
            converted: count(leads.convertedAt),
            median: medianResponseSeconds,
            decided: sql<number>`count(*) filter (where ${slaDecided})`.mapWith(Number),
            met: sql<number>`count(*) filter (where ${slaMet})`.mapWith(Number),
          })
          .from(leads)
          .leftJoin(stages, and(eq(stages.pipelineId, leads.pipelineId), eq(stages.key, leads.status)))
          .where(and(cohortOf(viewer, window), isNotNull(leads.ownerId)))
          .groupBy(leads.ownerId),
      ),
    ]);
    const byOwner = new Map(cohort.map((r) => [r.ownerId, r]));
    return people
      .filter((u) => byOwner.has(u.id) || (u.active && u.roles.includes("SALES")))
      .map((user) => {
        const w = byOwner.get(user.id);
        return {
          user,
          open: w?.open ?? 0,
          created: w?.created ?? 0,
          converted: w?.converted ?? 0,
          firstResponseMedianSeconds: w?.median == null ? null : Number(w.median),
          slaMetRate: w ? rate(w.met, w.decided) : null,
        };
      })
      .sort((a, b) => b.open - a.open || b.created - a.created || a.user.name.localeCompare(b.user.name));
  }

  /** The window's leads by score band under the tenant's cut-offs, every band present, hottest first. */
  async scoreBands(viewer: Viewer, args: WindowArgs): Promise<ScoreBandRow[]> {
    const window = metricsWindowOrThrow(args);
    const { bands } = await tenantScoringRules(this.db, viewer.tenantId);
    // Cut-offs inlined (validated integers 1–100): the same expression in SELECT and GROUP BY
    // with parameters would be two expressions to PostgreSQL ($1 is not $4).
    const cut = (n: number) => sql.raw(String(Math.trunc(Number(n))));
    const band = sql`case when ${leads.score} >= ${cut(bands.champion)} then 'CHAMPION' when ${leads.score} >= ${cut(bands.hot)} then 'HOT'
      when ${leads.score} >= ${cut(bands.warm)} then 'WARM' else 'COLD' end`;
    const rows = await withoutJit(this.db, (tx) =>
      tx
        .select({ band: sql<ScoreBand>`${band}`, leads: count(), converted: count(leads.convertedAt) })
        .from(leads)
        .where(cohortOf(viewer, window))
        .groupBy(band)
        .orderBy(desc(count())),
    );
    const found = new Map(rows.map((r) => [r.band, r]));
    return SCORE_BANDS.map((b) => ({
      band: b,
      leads: found.get(b)?.leads ?? 0,
      converted: found.get(b)?.converted ?? 0,
    }));
  }

  private async timeZoneOf(tenantId: string): Promise<string> {
    const [tenant] = await this.db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
    return tenant?.timeZone ?? "UTC";
  }
}
