import { canTransition, rankBetween, slaTimes } from "@leadline/shared";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { type LeadRow, leads, type StageRow, stages as stageTable, tenants } from "../../db/schema/index.js";
import { DomainError } from "../../errors.js";
import type { AppendLeadEventParams } from "../events/event.service.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";
import type { SlaService } from "../sla/sla.service.js";

/**
 * Who or what moves the lead. Only CONVERSION may enter a conversion-only
 * stage; only a MOVE by someone without manage permission is held to a WIP
 * limit (a system move must not fail on a full column).
 */
export type StageChangeVia = "MOVE" | "CONVERSION" | "PROMOTION" | "EXPIRY" | "JOURNEY";

export interface StageChangeRequest {
  to: StageRow;
  via: StageChangeVia;
  /** LOST stages: the outcome to record; absent keeps the lead's own. */
  outcome?: string | null;
  /** Extra facts for the STATUS_CHANGED payload (the reason, the threshold crossed, …). */
  payload?: Record<string, unknown>;
}

/** What a stage change writes: the row's new values and the STATUS_CHANGED payload. */
export interface StageChangePlan {
  values: Partial<LeadRow>;
  payload: Record<string, unknown>;
  /** A paused lead enters a stage that does not pause the SLA clock: the clock starts now. */
  resumesSla: boolean;
}

type PlannedLead = Pick<LeadRow, "status" | "convertedAt" | "reviewRequestStatus" | "outcome" | "slaPaused">;

/**
 * The rules of a stage change, in one place, pure: the transition map,
 * conversion-only stages, read-only converted leads, and each category's
 * side effects (WON: a review request becomes possible; LOST: the outcome;
 * a stage that waits on the customer pauses the SLA clock, leaving it
 * starts the clock). Batch writers (score promotions) call this per lead
 * and write in bulk; every other writer calls StageChanger.change.
 */
export function planStageChange(
  lead: PlannedLead,
  pipelineStages: readonly StageRow[],
  request: StageChangeRequest,
): StageChangePlan {
  const { to, via } = request;
  if (lead.convertedAt) {
    throw new DomainError("READ_ONLY", "This lead was converted and is read-only");
  }
  if (to.conversionOnly && via !== "CONVERSION") {
    throw new DomainError(
      "CONVERSION_ONLY",
      `A lead reaches '${to.key}' only through convertLead, which creates its contact, company and deal`,
    );
  }
  const from = pipelineStages.find((s) => s.key === lead.status);
  if (from && !canTransition(from, to.key)) {
    const allowed = from.transitions.join(", ") || "none";
    throw new DomainError(
      "TRANSITION_NOT_ALLOWED",
      `Cannot move from '${from.key}' to '${to.key}'; allowed: ${allowed}`,
    );
  }
  const values: Partial<LeadRow> = { status: to.key };
  // Seed 001: a won job becomes eligible for a review request.
  if (to.category === "WON" && lead.reviewRequestStatus === "NOT_ELIGIBLE") values.reviewRequestStatus = "ELIGIBLE";
  if (to.category === "LOST" && request.outcome !== undefined) values.outcome = request.outcome;
  const resumesSla = lead.slaPaused && !to.pausesSla;
  if (to.pausesSla && !lead.slaPaused) values.slaPaused = true;
  if (resumesSla) values.slaPaused = false;
  return { values, payload: { from: lead.status, to: to.key, via, ...request.payload }, resumesSla };
}

export interface StageChangeOptions extends StageChangeRequest {
  actor: AppendLeadEventParams["actor"];
  /** Where the card lands; the top of the target column when absent. */
  rank?: string;
  /** The caller's own values, written in the same row and version (conversion's links). */
  values?: Partial<LeadRow>;
  /** Hold the move to the target's WIP limit (a MOVE by someone who may not exceed it). */
  enforceWipLimit?: boolean;
  /** The caller's transaction ends with this change: its last statement carries the commit where it can (writeLeadChange). */
  endsTransaction?: boolean;
}

/**
 * Changes a locked lead's stage: the one writer behind the kanban move,
 * conversion, expiry and the service journey. One row write with its one
 * STATUS_CHANGED event, in the caller's transaction; the board's stage
 * counts follow from the row (triggers), so they stay exact.
 */
export class StageChanger {
  constructor(private readonly sla: SlaService) {}

  async change(tx: Executor, lead: LeadRow, pipelineStages: readonly StageRow[], options: StageChangeOptions) {
    const plan = planStageChange(lead, pipelineStages, options);
    if (options.enforceWipLimit) await assertBelowWipLimitOrThrow(tx, lead, options.to);
    const values: Partial<LeadRow> = {
      ...options.values,
      ...plan.values,
      rank: options.rank ?? (await topOfColumnRank(tx, lead.pipelineId, options.to.key)),
    };
    if (plan.resumesSla) Object.assign(values, await this.freshClock(tx, lead.tenantId));
    const changed = await writeLeadChange(
      tx,
      lead,
      values,
      { type: "STATUS_CHANGED", actor: options.actor, payload: { ...plan.payload, rank: values.rank } },
      // A clock that resumes is written after the change.
      { endsTransaction: options.endsTransaction === true && !plan.resumesSla },
    );
    if (plan.resumesSla) await this.sla.resume(tx, changed);
    return changed;
  }

  /** A clock that starts now, by the tenant's SLA policy. */
  private async freshClock(tx: Executor, tenantId: string): Promise<Partial<LeadRow>> {
    const [tenant] = await tx
      .select({ minutes: tenants.slaFirstResponseMinutes, atRisk: tenants.slaAtRiskPercent })
      .from(tenants)
      .where(eq(tenants.id, tenantId));
    const clock = slaTimes(new Date(), {
      firstResponseMinutes: tenant?.minutes ?? 60,
      atRiskPercent: tenant?.atRisk ?? 75,
    });
    return { firstResponseDueAt: clock.firstResponseDueAt, slaAtRiskAt: clock.atRiskAt };
  }
}

async function assertBelowWipLimitOrThrow(tx: Executor, lead: LeadRow, to: StageRow): Promise<void> {
  if (to.wipLimit == null || to.key === lead.status) return;
  const [row] = await tx
    .select({ n: count() })
    .from(leads)
    .where(and(eq(leads.pipelineId, lead.pipelineId), eq(leads.status, to.key), isNull(leads.retiredAt)));
  if ((row?.n ?? 0) >= to.wipLimit) {
    throw new DomainError("WIP_LIMIT", `'${to.label}' is at its WIP limit of ${to.wipLimit}; a manager may exceed it`);
  }
}

/** A rank above every card of the column: where a card lands when no neighbour is named. */
export async function topOfColumnRank(tx: Executor, pipelineId: string, status: string): Promise<string> {
  const [top] = await tx
    .select({ rank: leads.rank })
    .from(leads)
    .where(and(eq(leads.pipelineId, pipelineId), eq(leads.status, status), isNull(leads.retiredAt)))
    .orderBy(asc(sql`${leads.rank} collate "C"`))
    .limit(1);
  return rankBetween(null, top?.rank ?? null);
}

/** The stages of the given pipelines, in position order: the one way every stage writer loads them. */
export async function stagesByPipeline(tx: Executor, pipelineIds: readonly string[]): Promise<Map<string, StageRow[]>> {
  const byPipeline = new Map<string, StageRow[]>();
  if (pipelineIds.length === 0) return byPipeline;
  const rows = await tx
    .select()
    .from(stageTable)
    .where(inArray(stageTable.pipelineId, [...new Set(pipelineIds)]))
    .orderBy(asc(stageTable.pipelineId), asc(stageTable.position));
  for (const row of rows) byPipeline.set(row.pipelineId, [...(byPipeline.get(row.pipelineId) ?? []), row]);
  return byPipeline;
}

export async function stagesOfPipeline(tx: Executor, pipelineId: string): Promise<StageRow[]> {
  return (await stagesByPipeline(tx, [pipelineId])).get(pipelineId) ?? [];
}
