import { Arg, Authorized, Ctx, Query, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { LeadMetrics } from "./metrics.types.js";

@Resolver()
export class MetricsResolver {
  @Authorized()
  @Query(() => LeadMetrics, {
    description:
      "Funnel figures for leads created in [from, to) that you may see; the window defaults to the last 30 days.",
  })
  metrics(
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<LeadMetrics> {
    return ctx.services.metrics.metrics(viewerOrThrow(ctx), { from, to });
  }
}
