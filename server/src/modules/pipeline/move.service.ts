import { canTransition, rankBetween } from "@leadline/shared";
import { and, asc, count, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads, pipelines, stages as stageTable } from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, conflict } from "../../graphql/errors.js";
import type { Viewer } from "../auth/viewer.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";

export interface MoveLeadParams {
  toStatus: string;
  /** Place the card directly above this card of the target column. */
  beforeId?: string | null;
  /** Place the card directly below this card of the target column. */
  afterId?: string | null;
  expectedVersion?: number | null;
}

/** Kanban moves: a stage change along the pipeline's transitions, and/or a new place in the column. */
export class MoveService {
  constructor(private readonly db: Database) {}

  /**
   * Locks the lead, checks version, transition, conversion and WIP rules,
   * and writes one row: new status and a rank between its new neighbours.
   */
  async moveLead(viewer: Viewer, id: string, params: MoveLeadParams): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
      if (params.expectedVersion != null && params.expectedVersion !== lead.version) {
        throw conflict(`Lead changed since you loaded it (version ${lead.version})`, undefined, {
          currentVersion: lead.version,
        });
      }
      const { pipeline, stages } = await pipelineWithStages(tx, lead.pipelineId);
      const from = stages.find((s) => s.key === lead.status);
      const to = stages.find((s) => s.key === params.toStatus);
      if (!to)
        throw badInput([{ field: "toStatus", message: `'${params.toStatus}' is not a stage of this lead's pipeline` }]);
      const changesStage = to.key !== lead.status;
      if (changesStage) {
        if (pipeline.preset === "lifecycle" && to.category === "WON") {
          throw conflict(
            "A lead reaches 'converted' only through convertLead, which creates its contact, company and deal",
          );
        }
        if (from && !canTransition(from, to.key)) {
          throw conflict(
            `Cannot move from '${from.key}' to '${to.key}'; allowed: ${from.transitions.join(", ") || "none"}`,
          );
        }
        if (to.wipLimit != null && !viewer.permissions.manage) {
          const [row] = await tx
            .select({ n: count() })
            .from(leads)
            .where(and(eq(leads.pipelineId, pipeline.id), eq(leads.status, to.key), isNull(leads.retiredAt)));
          if ((row?.n ?? 0) >= to.wipLimit) {
            throw conflict(`'${to.label}' is at its WIP limit of ${to.wipLimit}; a manager may exceed it`);
          }
        }
      }
      const rank = await this.rankFor(tx, lead, to.key, params);
      if (!changesStage && rank === lead.rank) return lead;
      return writeLeadChange(
        tx,
        lead,
        {
          status: to.key,
          rank,
          // Seed 001: a won job becomes eligible for a review request.
          ...(changesStage && to.category === "WON" && lead.reviewRequestStatus === "NOT_ELIGIBLE"
            ? { reviewRequestStatus: "ELIGIBLE" as const }
            : {}),
        },
        changesStage
          ? { type: "STATUS_CHANGED", actor: viewer, payload: { from: lead.status, to: to.key, rank } }
          : { type: "UPDATED", actor: viewer, payload: { changes: { rank: { from: lead.rank, to: rank } } } },
      );
    });
  }

  /** The rank between the named neighbours, or the top of the column when none is named. */
  private async rankFor(tx: Executor, lead: LeadRow, status: string, params: MoveLeadParams) {
    const neighbourIds = [params.afterId, params.beforeId].filter((v): v is string => v != null);
    if (neighbourIds.some((n) => !isUuid(n) || n === lead.id)) {
      throw badInput([
        { field: params.afterId ? "afterId" : "beforeId", message: "is not another card of the target column" },
      ]);
    }
    if (neighbourIds.length === 0) {
      if (status === lead.status) return lead.rank;
      return topOfColumnRank(tx, lead.pipelineId, status);
    }
    const rows = await tx
      .select({ id: leads.id, rank: leads.rank, status: leads.status, pipelineId: leads.pipelineId })
      .from(leads)
      .where(and(eq(leads.tenantId, lead.tenantId), inArray(leads.id, neighbourIds)));
    const find = (nid: string | null | undefined, field: string) => {
      if (nid == null) return null;
      const row = rows.find((r) => r.id === nid);
      if (!row || row.pipelineId !== lead.pipelineId || row.status !== status) {
        throw badInput([{ field, message: "is not a card of the target column" }]);
      }
      return row.rank;
    };
    const above = find(params.afterId, "afterId");
    const below = find(params.beforeId, "beforeId");
    if (above !== null && below !== null && !(above < below)) {
      throw badInput([{ field: "afterId", message: "must be the card above beforeId" }]);
    }
    return rankBetween(above, below);
  }
}

/** The lead's pipeline and its stages in one round trip. */
async function pipelineWithStages(tx: Executor, pipelineId: string) {
  const rows = await tx
    .select({ pipeline: pipelines, stage: stageTable })
    .from(pipelines)
    .innerJoin(stageTable, eq(stageTable.pipelineId, pipelines.id))
    .where(eq(pipelines.id, pipelineId))
    .orderBy(asc(stageTable.position));
  const pipeline = rows[0]?.pipeline;
  assertFoundOrThrow(pipeline, "Pipeline");
  return { pipeline, stages: rows.map((r) => r.stage) };
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
