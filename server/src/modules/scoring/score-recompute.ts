import {
  canTransition,
  mergeScoringRules,
  rankBetween,
  type ScoredAgainst,
  type ScoreResult,
  type ScoringRules,
  scoreBand,
  scoredAgainst,
  scoreTallies,
} from "@leadline/shared";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { uuidArray } from "../../db/ids.js";
import {
  type LeadRow,
  leadEvents,
  leads,
  type StageRow,
  scoreSnapshots,
  type TenantRow,
  tenants,
  trackingEvents,
} from "../../db/schema/index.js";
import { type AppendLeadEventParams, leadEventValues } from "../events/event.service.js";
import { planStageChange, type StageChangePlan, stagesByPipeline, topOfColumnRank } from "../pipeline/stage-change.js";

export type ScorableLead = Pick<
  LeadRow,
  | "id"
  | "pipelineId"
  | "status"
  | "score"
  | "jobTitle"
  | "version"
  | "convertedAt"
  | "reviewRequestStatus"
  | "outcome"
  | "slaPaused"
>;

export interface RecomputeOptions {
  /** Who caused the recompute; null for the background job. */
  actor: AppendLeadEventParams["actor"];
  /** recomputeScore: a snapshot even when neither score nor band changed. */
  snapshotAlways?: boolean;
  /** After a rules change: what the stored scores were computed against, when not the current rules. */
  previous?: ScoredAgainst;
}

export async function tenantScoringRules(tx: Executor, tenantId: string): Promise<ScoringRules> {
  const [tenant] = await tx
    .select({ scoringRules: tenants.scoringRules })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return mergeScoringRules(tenant?.scoringRules);
}

/**
 * Locks the tenant's leads among `ids` that can still be scored (not
 * retired, not converted: a converted lead is read-only). Every batch path
 * locks in id order, so two batches that share leads queue instead of deadlocking.
 */
export async function lockScorableLeads(
  tx: Executor,
  tenantId: string,
  ids: readonly string[],
): Promise<ScorableLead[]> {
  if (ids.length === 0) return [];
  return tx
    .select({
      id: leads.id,
      pipelineId: leads.pipelineId,
      status: leads.status,
      score: leads.score,
      jobTitle: leads.jobTitle,
      version: leads.version,
      convertedAt: leads.convertedAt,
      reviewRequestStatus: leads.reviewRequestStatus,
      outcome: leads.outcome,
      slaPaused: leads.slaPaused,
    })
    .from(leads)
    .where(
      and(
        eq(leads.tenantId, tenantId),
        inArray(leads.id, [...ids]),
        isNull(leads.retiredAt),
        isNull(leads.convertedAt),
      ),
    )
    .orderBy(asc(leads.id))
    .for("update");
}

/**
 * Recomputes leads the caller has locked, in bulk: their events summed per
 * type in SQL (decay included), scores computed in JS, then one UPDATE for
 * the leads whose score or stage changed, one INSERT of their events
 * (SCORE_CHANGED, and STATUS_CHANGED for promotions) and one of snapshots
 * for leads whose score or band changed. A recompute is not work on the
 * lead: it bumps the version but leaves lastActivityAt alone, so a rules
 * change does not empty every RECOVERY inbox.
 */
export async function recomputeLockedLeads(
  tx: Executor,
  tenantId: string,
  locked: readonly ScorableLead[],
  options: RecomputeOptions,
): Promise<{ changed: number; promoted: number }> {
  if (locked.length === 0) return { changed: 0, promoted: 0 };
  const now = new Date();
  // Read in the batch's transaction: a job that outlives a newer rules change still writes the newest scores.
  const rules = await tenantScoringRules(tx, tenantId);
  const previous = options.previous ?? scoredAgainst(rules);
  const ids = locked.map((l) => l.id);
  const tallies = await eventTallies(tx, tenantId, ids, rules, now);
  const stagesOf = await stagesByPipeline(
    tx,
    locked.map((l) => l.pipelineId),
  );

  const changes: { lead: ScorableLead; result: ScoreResult; promotion: Promotion | null }[] = [];
  const snapshots: (typeof scoreSnapshots.$inferInsert)[] = [];
  for (const lead of locked) {
    const result = scoreTallies(rules, { jobTitle: lead.jobTitle, tallies: tallies.get(lead.id) ?? [] });
    const promotion = promotionFor(stagesOf.get(lead.pipelineId) ?? [], lead, result.score, rules, previous);
    if (result.score !== lead.score || promotion) changes.push({ lead, result, promotion });
    if (
      options.snapshotAlways ||
      result.score !== lead.score ||
      result.band !== scoreBand(lead.score, previous.bands)
    ) {
      snapshots.push({ tenantId, leadId: lead.id, score: result.score, band: result.band, reasons: result.reasons });
    }
  }
  const ranks = await promotedRanks(tx, changes);
  const updates = changes.map(({ lead, result, promotion }) => ({
    id: lead.id,
    score: result.score,
    status: promotion?.stage.key ?? lead.status,
    rank: ranks.get(lead.id) ?? null,
  }));
  const events = changes.flatMap(({ lead, result, promotion }) => {
    const version = lead.version + 1;
    const event = (type: "SCORE_CHANGED" | "STATUS_CHANGED", payload: Record<string, unknown>) =>
      leadEventValues({ tenantId, leadId: lead.id, type, actor: options.actor, payload: { ...payload, version } });
    return [
      ...(result.score !== lead.score
        ? [event("SCORE_CHANGED", { from: lead.score, to: result.score, band: result.band })]
        : []),
      ...(promotion ? [event("STATUS_CHANGED", { ...promotion.plan.payload, rank: ranks.get(lead.id) })] : []),
    ];
  });
  if (updates.length === 0 && snapshots.length === 0) return { changed: 0, promoted: 0 };
  // One statement with one JSON parameter per list: a batch of 1,000 leads is one round
  // trip instead of three statements binding thousands of values.
  await tx.execute(sql`
    with changed as (
      update ${leads} set score = v.score, status = v.status, rank = coalesce(v.rank, ${leads.rank}),
        version = ${leads.version} + 1, updated_at = ${now.toISOString()}::timestamptz
      from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as v(id uuid, score int, status text, rank text)
      where ${leads.id} = v.id and ${leads.tenantId} = ${tenantId}
    ), logged as (
      insert into ${leadEvents} (tenant_id, lead_id, type, actor_user_id, actor_api_key_id, payload)
      select (e->>'tenantId')::uuid, (e->>'leadId')::uuid, e->>'type', (e->>'actorUserId')::uuid,
        (e->>'actorApiKeyId')::uuid, e->'payload'
      from jsonb_array_elements(${JSON.stringify(events)}::jsonb) with ordinality as x(e, n)
      order by n
    ), snapshots as (
      insert into ${scoreSnapshots} (tenant_id, lead_id, score, band, reasons)
      select (s->>'tenantId')::uuid, (s->>'leadId')::uuid, (s->>'score')::int, s->>'band', s->'reasons'
      from jsonb_array_elements(${JSON.stringify(snapshots)}::jsonb) as x(s)
    )
    select 1`);
  return { changed: changes.length, promoted: changes.filter((c) => c.promotion).length };
}

/** Rescores one lead the caller has locked and answers its row as it is now. */
export async function rescoreLockedLead(tx: Executor, lead: LeadRow, options: RecomputeOptions): Promise<LeadRow> {
  const { changed } = await recomputeLockedLeads(tx, lead.tenantId, [lead], options);
  if (changed === 0) return lead;
  const [row] = await tx.select().from(leads).where(eq(leads.id, lead.id));
  return row ?? lead;
}

/** Scores a lead about to be created, from its job title; a title that crosses a threshold places it in that stage. */
export function scoreNewLead(
  tenant: Pick<TenantRow, "scoringRules">,
  pipelineStages: readonly StageRow[],
  jobTitle: string | null | undefined,
  status: string,
): { score: number; status: string; result: ScoreResult } {
  const rules = mergeScoringRules(tenant.scoringRules);
  const result = scoreTallies(rules, { jobTitle, tallies: [] });
  const fresh = {
    status,
    score: 0,
    convertedAt: null,
    reviewRequestStatus: "NOT_ELIGIBLE",
    outcome: null,
    slaPaused: false,
  } as const;
  const promotion = promotionFor(pipelineStages, fresh, result.score, rules, scoredAgainst(rules));
  return { score: result.score, status: promotion?.stage.key ?? status, result };
}

/** The new lead's first snapshot, when its title scored (a lead at 0 has nothing to explain yet). */
/** The first score snapshot of each new lead that scored, in one statement for a batch. */
export async function recordNewLeadScores(
  tx: Executor,
  created: readonly { lead: LeadRow; initial: { result: ScoreResult } }[],
): Promise<void> {
  const scored = created.filter(({ lead }) => lead.score !== 0);
  if (scored.length === 0) return;
  await tx.insert(scoreSnapshots).values(
    scored.map(({ lead, initial }) => {
      const { score, band, reasons } = initial.result;
      return { tenantId: lead.tenantId, leadId: lead.id, score, band, reasons };
    }),
  );
}

interface Promotion {
  stage: StageRow;
  threshold: "mql" | "sql";
  /** The stage change's rules applied (planStageChange): what the batch writes for this lead. */
  plan: StageChangePlan;
}

/**
 * Where a new score promotes a lead: a threshold is crossed when the stored
 * score was below it (as the lead was last scored) and the new score is at
 * or above it. The target must be an OPEN stage after the lead's OPEN stage,
 * reachable along the pipeline's transitions; SQL is tried before MQL. Never
 * downward, never out of WON or LOST (converted, disqualified).
 */
function promotionFor(
  pipelineStages: readonly StageRow[],
  lead: Omit<ScorableLead, "id" | "pipelineId" | "jobTitle" | "version">,
  score: number,
  rules: ScoringRules,
  previous: ScoredAgainst,
): Promotion | null {
  const current = pipelineStages.find((s) => s.key === lead.status);
  if (current?.category !== "OPEN") return null;
  for (const threshold of ["sql", "mql"] as const) {
    const rule = rules.thresholds[threshold];
    if (!(lead.score < previous[threshold] && score >= rule.score)) continue;
    const stage = pipelineStages.find((s) => s.key === rule.stage);
    if (stage?.category === "OPEN" && stage.position > current.position && canTransition(current, stage.key)) {
      const plan = planStageChange(lead, pipelineStages, {
        to: stage,
        via: "PROMOTION",
        payload: { threshold, score },
      });
      // The batch writes score, stage and rank only: a promotion that would also start an SLA clock
      // (out of a stage that waits on the customer) is left to a person.
      if (plan.resumesSla) return null;
      return { stage, threshold, plan };
    }
  }
  return null;
}

/**
 * Events summed per lead and type: the count and Σ ½^(age / half-life).
 * Only types the rules name are read. The exponent stops at 1,000 half-lives
 * (PostgreSQL raises underflow below that; the weight is zero anyway).
 */
async function eventTallies(tx: Executor, tenantId: string, ids: string[], rules: ScoringRules, now: Date) {
  const types = [...new Set([...Object.keys(rules.weights), ...Object.keys(rules.negativeSignals.events)])];
  const byLead = new Map<string, { type: string; count: number; decayed: number }[]>();
  if (types.length === 0) return byLead;
  const halfLifeSeconds = rules.decay.halfLifeDays * 86_400;
  // date_part is float8 (extract is numeric, several times slower over thousands of rows).
  const age = sql`greatest(0, date_part('epoch', ${now.toISOString()}::timestamptz - ${trackingEvents.occurredAt}))`;
  const decayed =
    halfLifeSeconds > 0
      ? sql`sum(power(0.5::float8, least(${age} / ${halfLifeSeconds}::float8, 1000)))`
      : sql`count(*)`;
  const rows = await tx
    .select({
      leadId: trackingEvents.leadId,
      type: trackingEvents.type,
      count: sql<number>`count(*)::int`.mapWith(Number),
      decayed: sql<number>`(${decayed})::float8`.mapWith(Number),
    })
    .from(trackingEvents)
    .where(
      and(
        eq(trackingEvents.tenantId, tenantId),
        sql`${trackingEvents.leadId} = any(${uuidArray(ids)})`,
        inArray(trackingEvents.type, types),
      ),
    )
    .groupBy(trackingEvents.leadId, trackingEvents.type);
  for (const { leadId, ...tally } of rows) byLead.set(leadId, [...(byLead.get(leadId) ?? []), tally]);
  return byLead;
}

/**
 * Promoted leads go to the top of their new column, as a move without
 * neighbours does, highest score first. The ranks of one column are spread
 * by halving the gap above its top card, so a thousand promotions into one
 * column add a few characters to a rank instead of one per card.
 */
async function promotedRanks(
  tx: Executor,
  changes: readonly { lead: ScorableLead; result: ScoreResult; promotion: Promotion | null }[],
): Promise<Map<string, string>> {
  const columns = new Map<string, { pipelineId: string; status: string; leads: { id: string; score: number }[] }>();
  for (const { lead, result, promotion } of changes) {
    if (!promotion) continue;
    const key = `${lead.pipelineId}:${promotion.stage.key}`;
    const column = columns.get(key) ?? { pipelineId: lead.pipelineId, status: promotion.stage.key, leads: [] };
    column.leads.push({ id: lead.id, score: result.score });
    columns.set(key, column);
  }
  const ranks = new Map<string, string>();
  for (const column of columns.values()) {
    const top = await topOfColumnRank(tx, column.pipelineId, column.status);
    column.leads.sort((a, b) => b.score - a.score);
    const spread = new Array<string>(column.leads.length);
    const fill = (above: string | null, below: string, from: number, to: number) => {
      if (from >= to) return;
      const middle = (from + to) >> 1;
      const rank = rankBetween(above, below);
      spread[middle] = rank;
      fill(above, rank, from, middle);
      fill(rank, below, middle + 1, to);
    };
    fill(null, top, 0, spread.length);
    for (const [i, lead] of column.leads.entries()) ranks.set(lead.id, spread[i] as string);
  }
  return ranks;
}
