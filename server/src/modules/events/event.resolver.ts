import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { Context } from "../../graphql/context.js";
import { User } from "../auth/auth.types.js";
import { Activity } from "./event.types.js";

@Resolver(() => Activity)
export class ActivityFieldsResolver {
  @FieldResolver(() => User, { nullable: true })
  actor(@Root() activity: Activity, @Ctx() ctx: Context) {
    return activity.actorUserId ? ctx.loaders.user.load(activity.actorUserId) : null;
  }
}
