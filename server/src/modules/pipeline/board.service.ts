import { and, count, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/client.js";
import { fromDriverRow } from "../../db/rows.js";
import { type LeadRow, leads, type PipelineRow, type StageRow } from "../../db/schema/index.js";
import { badInput } from "../../graphql/errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { LeadFilterParams } from "../leads/lead.params.js";
import { encodeCursor, leadFilterConditions } from "../leads/lead-query.js";
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
export const MAX_PER_COLUMN = 100;

export class BoardService {
  constructor(
    private readonly db: Database,
    private readonly pipelines: PipelineService,
  ) {}

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
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_PER_COLUMN) {
      throw badInput([{ field: "perColumn", message: `must be between 0 and ${MAX_PER_COLUMN}` }]);
    }
    const { pipeline, stages } = await this.pipelines.resolvePipelineOrThrow(this.db, viewer.tenantId, pipelineId);
    const scoped: LeadFilterParams = { ...filter, pipelineId: pipeline.id };
    const where = and(...leadFilterConditions(viewer, scoped));
    // Each column's top cards by its own index range (tenant, pipeline, status, rank): a LIMIT per
    // column instead of ranking every visible lead.
    const keys = stages.map((stage) => stage.key);
    const [counts, cardRows] = await Promise.all([
      this.db.select({ status: leads.status, n: count() }).from(leads).where(where).groupBy(leads.status),
      limit === 0
        ? Promise.resolve([])
        : this.db.execute(sql`select column_cards.* from unnest(array[${sql.join(
            keys.map((key) => sql`${key}`),
            sql`, `,
          )}]::text[]) as board_column(key)
            cross join lateral (
              select ${leads}.* from ${leads}
              where ${where} and ${leads.status} = board_column.key
              order by ${leads.rank} collate "C", ${leads.id}
              limit ${limit}
            ) as column_cards`),
    ]);
    const cards = rowsOf(cardRows).map((raw) => ({ lead: fromDriverRow(leads, raw) }));
    const countOf = new Map(counts.map((c) => [c.status, Number(c.n)]));
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
