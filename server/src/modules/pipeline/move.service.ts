import { rankBetween } from "@leadline/shared";
import { and, eq, inArray } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads } from "../../db/schema/index.js";
import { badInput, staleVersion } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";
import { type StageChanger, stagesOfPipeline, topOfColumnRank } from "./stage-change.js";

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
  constructor(
    private readonly db: Database,
    private readonly stageChanger: StageChanger,
  ) {}

  /**
   * Locks the lead and checks its version; a stage change goes through the
   * one stage writer (transitions, conversion-only stages, WIP limits, side
   * effects, one STATUS_CHANGED event); a move within the column writes the
   * new rank with an UPDATED event.
   */
  async moveLead(viewer: Viewer, id: string, params: MoveLeadParams): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
      if (params.expectedVersion != null && params.expectedVersion !== lead.version) {
        throw staleVersion(lead.version, params.expectedVersion);
      }
      // The stages and the card's new place are read together: one round trip. The stage is
      // judged first, as if read first.
      const [stagesRead, rankRead] = await Promise.allSettled([
        stagesOfPipeline(tx, lead.pipelineId),
        this.rankFor(tx, lead, params.toStatus, params),
      ]);
      if (stagesRead.status === "rejected") throw stagesRead.reason;
      const stages = stagesRead.value;
      const to = stages.find((s) => s.key === params.toStatus);
      if (!to)
        throw badInput([{ field: "toStatus", message: `'${params.toStatus}' is not a stage of this lead's pipeline` }]);
      if (rankRead.status === "rejected") throw rankRead.reason;
      const rank = rankRead.value;
      if (to.key !== lead.status) {
        return this.stageChanger.change(tx, lead, stages, {
          to,
          via: "MOVE",
          actor: viewer,
          rank,
          enforceWipLimit: !viewer.permissions.manage,
          endsTransaction: true,
        });
      }
      if (rank === lead.rank) return lead;
      return writeLeadChange(
        tx,
        lead,
        { rank },
        { type: "UPDATED", actor: viewer, payload: { changes: { rank: { from: lead.rank, to: rank } } } },
        { endsTransaction: true },
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
