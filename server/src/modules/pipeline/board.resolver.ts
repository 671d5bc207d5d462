import { MAX_CARDS_PER_COLUMN } from "@leadline/shared";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { Lead, LeadConnection, LeadFilter, leadConnection } from "../lead-core/lead.types.js";
import { leadPageSelection } from "../lead-core/lead-columns.js";
import { DEFAULT_PER_COLUMN } from "./board.service.js";
import { Board, BoardColumn } from "./board.types.js";

@Resolver(() => BoardColumn)
export class BoardResolver {
  @Authorized()
  @Query(() => Board, { description: "The kanban of a pipeline (default: the tenant's default pipeline)." })
  async board(
    @Arg("pipelineId", () => ID, { nullable: true }) pipelineId: string | null,
    @Arg("filter", () => LeadFilter, { nullable: true }) filter: LeadFilter | null,
    @Arg("perColumn", () => Int, {
      nullable: true,
      description: `Cards prefetched per column (default ${DEFAULT_PER_COLUMN}, at most ${MAX_CARDS_PER_COLUMN}).`,
    })
    perColumn: number | null,
    @Ctx() ctx: Context,
  ): Promise<Board> {
    const data = await ctx.services.board.board(viewerOrThrow(ctx), pipelineId, filter, perColumn);
    return {
      pipeline: data.pipeline,
      columns: data.columns.map((c) => ({
        stage: c.stage,
        totalCount: c.totalCount,
        prefetched: c.leads,
        hasMore: c.hasMore,
        filter: data.filter,
      })),
    };
  }

  @FieldResolver(() => LeadConnection, { description: "The column's cards by rank; pages past the prefetched ones." })
  async leads(
    @Root() column: BoardColumn,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LeadConnection> {
    const wanted = first ?? column.prefetched.length;
    if (!after && wanted <= column.prefetched.length) {
      const edges = column.prefetched.slice(0, wanted).map(({ lead, cursor }) => ({ node: lead, cursor }));
      const hasNextPage = wanted < column.prefetched.length || column.hasMore;
      return {
        edges,
        totalCount: column.totalCount,
        pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
      };
    }
    const page = await ctx.services.leadReads.listLeads(viewerOrThrow(ctx), {
      filter: { ...column.filter, status: [column.stage.key] },
      orderBy: { field: "RANK", direction: "ASC" },
      first: wanted,
      after,
      ...leadPageSelection(info),
    });
    return leadConnection(page);
  }

  @Authorized()
  @Mutation(() => Lead, {
    description:
      "Moves a card: to another stage along the pipeline's transitions and/or between afterId (the card above) and beforeId (the card below).",
  })
  moveLead(
    @Arg("id", () => ID) id: string,
    @Arg("toStatus", () => String) toStatus: string,
    @Arg("beforeId", () => ID, { nullable: true }) beforeId: string | null,
    @Arg("afterId", () => ID, { nullable: true }) afterId: string | null,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.moves.moveLead(viewerOrThrow(ctx), id, { toStatus, beforeId, afterId, expectedVersion });
  }
}
