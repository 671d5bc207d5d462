import { Arg, Authorized, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import type { LeadEventRow, LeadRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { User } from "../auth/auth.types.js";
import { Lead } from "../lead-core/lead.types.js";
import { Activity, LeadEvent } from "./event.types.js";

@Resolver(() => Activity)
export class ActivityFieldsResolver {
  @FieldResolver(() => User, { nullable: true })
  actor(@Root() activity: Activity, @Ctx() ctx: Context) {
    return activity.actorUserId ? ctx.loaders.user.load(activity.actorUserId) : null;
  }
}

@Resolver(() => LeadEvent)
export class LeadEventResolver {
  @Authorized()
  @Query(() => [LeadEvent], {
    description: "Events after `sequence` on leads you may see, oldest first: what a reconnecting client missed.",
  })
  async leadEventsSince(
    @Arg("sequence", () => String) sequence: string,
    @Arg("first", () => Int, { nullable: true, description: "At most 1000; default 100." }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<LeadEvent[]> {
    const rows = await ctx.services.eventFeed.eventsSince(viewerOrThrow(ctx), sequence, first);
    return rows.map(({ event, lead }) => toLeadEvent(event, lead));
  }

  @Authorized()
  @Query(() => String, {
    description:
      "Where to catch up from after reading your data: read it with the data, subscribe, then ask " +
      "leadEventsSince from it over the same socket, and no change committed in between is missed " +
      "(the last seconds' events may come twice: ignore sequences you have seen).",
  })
  catchUpCursor(@Ctx() ctx: Context): Promise<string> {
    return ctx.services.eventFeed.catchUpCursor(viewerOrThrow(ctx));
  }

  @FieldResolver(() => Lead)
  lead(@Root() event: LeadEvent) {
    return event.leadRow;
  }

  @FieldResolver(() => User, { nullable: true })
  actor(@Root() event: LeadEvent, @Ctx() ctx: Context) {
    return event.actorUserId ? ctx.loaders.user.load(event.actorUserId) : null;
  }
}

export function toLeadEvent(event: LeadEventRow, lead: LeadRow): LeadEvent {
  const status = event.type === "STATUS_CHANGED" ? event.payload : null;
  return {
    type: event.type,
    fromStatus: typeof status?.from === "string" ? status.from : null,
    toStatus: typeof status?.to === "string" ? status.to : null,
    at: event.createdAt,
    sequence: String(event.sequence),
    leadRow: lead,
    actorUserId: event.actorUserId,
  };
}
