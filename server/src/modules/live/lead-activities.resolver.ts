import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { Lead } from "../lead-core/lead.types.js";
import { ActivityConnection } from "./event.types.js";

@Resolver(() => Lead)
export class LeadActivitiesResolver {
  @FieldResolver(() => ActivityConnection)
  activities(
    @Root() lead: LeadRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.eventFeed.activitiesOf(viewerOrThrow(ctx), lead, { first, after });
  }
}
