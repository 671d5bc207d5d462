import { DASHBOARD_ROLES } from "@leadline/shared";
import { Arg, Authorized, Ctx, ID, Query, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import type { MetricsBucket } from "./dashboard.service.js";
import {
  ConversionBySource,
  MetricsBucketEnum,
  RepWorkload,
  ResponseTrendPoint,
  ScoreBandCount,
  StageFunnel,
} from "./dashboard.types.js";

const WINDOW = "Over the leads created in [from, to) that you may see; the window defaults to the last 30 days.";
const from = () => Arg("from", () => Date, { nullable: true });
const to = () => Arg("to", () => Date, { nullable: true });

/**
 * The metrics dashboard's panels, one query each, for managers and admins:
 * a rep is refused (FORBIDDEN), not given a narrower answer.
 */
@Resolver()
export class DashboardResolver {
  @Authorized(...DASHBOARD_ROLES)
  @Query(() => [ResponseTrendPoint], {
    description: `First-response median and SLA met rate per day or week of creation, empty buckets included. ${WINDOW}`,
  })
  responseTrend(
    @from() fromAt: Date | null,
    @to() toAt: Date | null,
    @Arg("bucket", () => MetricsBucketEnum, { defaultValue: "DAY" }) bucket: MetricsBucket,
    @Ctx() ctx: Context,
  ): Promise<ResponseTrendPoint[]> {
    return ctx.services.dashboard.responseTrend(viewerOrThrow(ctx), { from: fromAt, to: toAt }, bucket);
  }

  @Authorized(...DASHBOARD_ROLES)
  @Query(() => StageFunnel, {
    description: `The window's leads along a pipeline's stages (default: the tenant's default pipeline). ${WINDOW}`,
  })
  stageFunnel(
    @from() fromAt: Date | null,
    @to() toAt: Date | null,
    @Arg("pipelineId", () => ID, { nullable: true }) pipelineId: string | null,
    @Ctx() ctx: Context,
  ): Promise<StageFunnel> {
    return ctx.services.dashboard.stageFunnel(viewerOrThrow(ctx), { from: fromAt, to: toAt }, pipelineId);
  }

  @Authorized(...DASHBOARD_ROLES)
  @Query(() => ConversionBySource, { description: `Created and converted by source and by campaign. ${WINDOW}` })
  conversionBySource(
    @from() fromAt: Date | null,
    @to() toAt: Date | null,
    @Ctx() ctx: Context,
  ): Promise<ConversionBySource> {
    return ctx.services.dashboard.conversionBySource(viewerOrThrow(ctx), { from: fromAt, to: toAt });
  }

  @Authorized(...DASHBOARD_ROLES)
  @Query(() => [RepWorkload], {
    description: `Each person's share of the window's leads: owned, still open, converted, first response; busiest first. ${WINDOW}`,
  })
  repWorkload(@from() fromAt: Date | null, @to() toAt: Date | null, @Ctx() ctx: Context): Promise<RepWorkload[]> {
    return ctx.services.dashboard.repWorkload(viewerOrThrow(ctx), { from: fromAt, to: toAt });
  }

  @Authorized(...DASHBOARD_ROLES)
  @Query(() => [ScoreBandCount], { description: `The window's leads per score band, hottest first. ${WINDOW}` })
  scoreBands(@from() fromAt: Date | null, @to() toAt: Date | null, @Ctx() ctx: Context): Promise<ScoreBandCount[]> {
    return ctx.services.dashboard.scoreBands(viewerOrThrow(ctx), { from: fromAt, to: toAt });
  }
}
