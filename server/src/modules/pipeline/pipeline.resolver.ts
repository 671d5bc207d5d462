import { Authorized, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import type { PipelineRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { Pipeline, Stage } from "./pipeline.types.js";

@Resolver(() => Pipeline)
export class PipelineResolver {
  @Authorized()
  @Query(() => [Pipeline])
  pipelines(@Ctx() ctx: Context) {
    return ctx.services.pipelines.listPipelines(viewerOrThrow(ctx).tenantId);
  }

  @FieldResolver(() => [Stage])
  stages(@Root() pipeline: PipelineRow, @Ctx() ctx: Context) {
    return ctx.loaders.stagesByPipeline.load(pipeline.id);
  }
}
