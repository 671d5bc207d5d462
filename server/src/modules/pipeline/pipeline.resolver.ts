import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { PipelineRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { Pipeline, PipelinePreset, Stage, StageInput, StageMappingInput } from "./pipeline.types.js";

@Resolver(() => Pipeline)
export class PipelineResolver {
  @Authorized()
  @Query(() => [Pipeline])
  pipelines(@Ctx() ctx: Context) {
    return ctx.services.pipelines.listPipelines(viewerOrThrow(ctx).tenantId);
  }

  @Authorized()
  @Query(() => [PipelinePreset], { description: "The stage lists createPipeline can start a pipeline from." })
  pipelinePresets(@Ctx() ctx: Context) {
    return ctx.services.pipelines.listPresets();
  }

  @Authorized()
  @Mutation(() => Pipeline, {
    description: "A new pipeline from one of the presets: lifecycle, simple, field_service, service_journey.",
  })
  createPipeline(
    @Arg("name", () => String) name: string,
    @Arg("preset", () => String) preset: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.pipelineAdmin.createPipeline(viewerOrThrow(ctx), name, preset);
  }

  @Authorized()
  @Mutation(() => Pipeline, {
    description:
      "Replaces the stage list; stages that still hold leads must be mapped to a new stage (CONFLICT otherwise).",
  })
  updatePipeline(
    @Arg("id", () => ID) id: string,
    @Arg("name", () => String, { nullable: true }) name: string | null,
    @Arg("stages", () => [StageInput]) stages: StageInput[],
    @Arg("stageMapping", () => [StageMappingInput], { nullable: true }) stageMapping: StageMappingInput[] | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.pipelineAdmin.updatePipeline(viewerOrThrow(ctx), id, { name, stages, stageMapping });
  }

  @FieldResolver(() => [Stage])
  stages(@Root() pipeline: PipelineRow, @Ctx() ctx: Context) {
    return ctx.loaders.stagesByPipeline.load(pipeline.id);
  }
}
