import { type ScoreBand, type ScoringRules, scoreBand } from "@leadline/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { ScoreBandEnum } from "../../graphql/enums.js";
import { JSONScalar } from "../../graphql/scalars.js";
import { Lead } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";
import type { ScorePreviewResult } from "./scoring.service.js";
import { ScorePreview, ScorePreviewLeadInput, ScoreSnapshot, TrackingEventInput } from "./scoring.types.js";

@Resolver()
export class ScoringResolver {
  @Authorized()
  @Query(() => JSONScalar, {
    description: "Your tenant's effective scoring rules: its overrides merged over the defaults.",
  })
  scoringRules(@Ctx() ctx: Context): Promise<ScoringRules> {
    return ctx.services.scoring.scoringRules(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => JSONScalar, {
    description:
      "ADMIN: replaces the tenant's overrides, answers the effective rules and recomputes every lead in the background.",
  })
  setScoringRules(@Arg("rules", () => JSONScalar) rules: unknown, @Ctx() ctx: Context): Promise<ScoringRules> {
    return ctx.services.scoring.setScoringRules(viewerOrThrow(ctx), rules);
  }

  @Authorized()
  @Query(() => ScorePreview, {
    description:
      "ADMIN: scores a sample lead under `rules` (the same JSON as setScoringRules) without saving anything. " +
      "An invalid ruleset is refused as setScoringRules refuses it, each bad value named by its JSON path; " +
      "the sample's own bad values are named lead.<field>.",
  })
  previewScore(
    @Arg("rules", () => JSONScalar) rules: unknown,
    @Arg("lead", () => ScorePreviewLeadInput) lead: ScorePreviewLeadInput,
    @Ctx() ctx: Context,
  ): ScorePreviewResult {
    return ctx.services.scoring.previewScore(viewerOrThrow(ctx), rules, lead);
  }

  @Authorized()
  @Mutation(() => Int, {
    description: "Stores up to 1,000 tracking events and rescores their leads; answers how many were stored.",
  })
  trackEvents(
    @Arg("events", () => [TrackingEventInput]) events: TrackingEventInput[],
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.scoring.trackEvents(viewerOrThrow(ctx), events);
  }

  @Authorized()
  @Mutation(() => Lead, { description: "Recomputes a lead's score now and records a snapshot." })
  recomputeScore(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<LeadRow> {
    return ctx.services.scoring.recomputeScore(viewerOrThrow(ctx), id);
  }
}

@Resolver(() => Lead)
export class LeadScoreResolver {
  @FieldResolver(() => ScoreBandEnum, { description: "By the tenant's band cut-offs (scoringRules.bands)." })
  @ReadsLeadColumns("score", "tenantId")
  async scoreBand(@Root() lead: LeadRow, @Ctx() ctx: Context): Promise<ScoreBand> {
    return scoreBand(lead.score, (await ctx.loaders.scoringRules.load(lead.tenantId)).bands);
  }

  @FieldResolver(() => [ScoreSnapshot], { description: "Newest first, at most 100." })
  @ReadsLeadColumns("id")
  scoreHistory(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return ctx.loaders.scoreHistory.load(lead.id);
  }
}
