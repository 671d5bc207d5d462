import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import type { Context } from "../../graphql/context.js";
import { Lead } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";
import { Stage } from "./pipeline.types.js";

@Resolver(() => Lead)
export class LeadStageResolver {
  @FieldResolver(() => Stage)
  @ReadsLeadColumns("pipelineId", "status")
  async stage(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    const stages = await ctx.loaders.stagesByPipeline.load(lead.pipelineId);
    return stages.find((s) => s.key === lead.status);
  }

  @FieldResolver(() => [Stage], {
    description: "The stages of the lead's pipeline in board order; `stage.transitions` names those it may move to.",
  })
  @ReadsLeadColumns("pipelineId")
  pipelineStages(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return ctx.loaders.stagesByPipeline.load(lead.pipelineId);
  }
}
