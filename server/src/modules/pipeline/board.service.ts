import { MAX_CARDS_PER_COLUMN } from "@leadline/shared";
import { and, count, eq, type SQL, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/client.js";
import { fromDriverRow } from "../../db/rows.js";
import { type LeadRow, leads, type PipelineRow, type StageRow, stageCounts } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { LeadFilterParams } from "../lead-core/lead.params.js";
import { visibilityArms } from "../lead-core/lead-access.js";
import { encodeCursor, filterConditions, isUnfiltered } from "../lead-core/lead-query.js";
import type { PipelineService } from "./pipeline.service.js";

export interface BoardColumnData {
  stage: StageRow;
  totalCount: number;
  /** The column's first cards by rank, as many as `perColumn` asked. */
  leads: { lead: LeadRow; cursor: string }[];
  hasMore: boolean;
}

export interface BoardData {
  pipeline: PipelineRow;
  columns: BoardColumnData[];
  filter: LeadFilterParams;
}

export const DEFAULT_PER_COLUMN = 20;

export class BoardService {
  constructor(
    private readonly db: Database,
    private readonly pipelines: PipelineService,
  ) {}

  /**
   * Cards per stage the viewer can see. Someone who sees every lead, unfiltered,
   * reads the trigger-kept stage_counts; anyone else counts per visibility arm
   * (disjoint, so the sums are exact), each arm on its own index.
   */
  private async countByStage(
    viewer: Viewer,
    pipelineId: string,
    unfiltered: boolean,
    arms: SQL[],
    filters: SQL[],
  ): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (viewer.permissions.viewAll && unfiltered) {
      const rows = await this.db
        .select({ status: stageCounts.status, n: stageCounts.leads })
        .from(stageCounts)
        .where(and(eq(stageCounts.tenantId, viewer.tenantId), eq(stageCounts.pipelineId, pipelineId)));
      for (const row of rows) counts.set(row.status, Number(row.n));
      return counts;
    }
    const perArm = await Promise.all(
      arms.map((arm) =>
        this.db
          .select({ status: leads.status, n: count() })
          .from(leads)
          .where(and(arm, ...filters))
          .groupBy(leads.status),
      ),
    );
    for (const row of perArm.flat()) counts.set(row.status, (counts.get(row.status) ?? 0) + Number(row.n));
    return counts;
  }

  /**
   * The kanban: every stage as a column with its count and first cards by
   * rank, honouring visibility and filter. Two queries whatever the number of
   * columns: counts grouped by stage, and the top cards of each stage through
   * a window over the (tenant, pipeline, status, rank) index.
   */
  async board(
    viewer: Viewer,
    pipelineId: string | null | undefined,
    filter: LeadFilterParams | null | undefined,
    perColumn: number | null | undefined,
  ): Promise<BoardData> {
    const limit = perColumn ?? DEFAULT_PER_COLUMN;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_CARDS_PER_COLUMN) {
      throw badInput([{ field: "perColumn", message: `must be between 0 and ${MAX_CARDS_PER_COLUMN}` }]);
    }
    const { pipeline, stages } = await this.pipelines.pipelineForRead(viewer, pipelineId);
    const scoped: LeadFilterParams = { ...filter, pipelineId: pipeline.id };
    const filters = filterConditions(viewer, scoped);
    const arms = visibilityArms(viewer);
    const keys = sql`array[${sql.join(
      stages.map((stage) => sql`${stage.key}`),
      sql`, `,
    )}]::text[]`;
    // Each column's top cards: per visibility arm, a LIMIT over its own index range (pipeline,
    // status, rank; or owner, pipeline, status, rank), merged by rank. Nothing ranks every lead.
    // Own-only arms lead with owner_id in the order (a constant within the arm, so the order is
    // unchanged) so the planner reads them from the owner index, whatever it guesses about the pool.
    const ownerFirst = viewer.permissions.viewAll ? sql`` : sql`${leads.ownerId}, `;
    const perArm = arms.map(
      (arm) => sql`(select ${leads}.* from ${leads}
        where ${and(arm, ...filters)} and ${leads.status} = board_column.key
        order by ${ownerFirst}${leads.rank} collate "C", ${leads.id} limit ${limit})`,
    );
    const [counts, cardRows] = await Promise.all([
      this.countByStage(viewer, pipeline.id, isUnfiltered(filter), arms, filters),
      limit === 0
        ? Promise.resolve([])
        : this.db.execute(sql`select column_cards.* from unnest(${keys}) as board_column(key)
            cross join lateral (
              select * from (${sql.join(perArm, sql` union all `)}) as arm_cards
              order by arm_cards.rank collate "C", arm_cards.id limit ${limit}
            ) as column_cards`),
    ]);
    const cards = rowsOf(cardRows).map((raw) => ({ lead: fromDriverRow(leads, raw) }));
    const countOf = counts;
    return {
      pipeline,
      filter: scoped,
      columns: stages.map((stage) => {
        const rows = cards.filter((c) => c.lead.status === stage.key).map((c) => c.lead);
        const totalCount = countOf.get(stage.key) ?? 0;
        return {
          stage,
          totalCount,
          leads: rows.map((lead) => ({ lead, cursor: encodeCursor(lead.rank, lead.id) })),
          hasMore: totalCount > rows.length,
        };
      }),
    };
  }
}
