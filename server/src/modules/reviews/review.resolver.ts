import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import type { MessageChannel } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { MessageChannelEnum } from "../../graphql/enums.js";
import { Lead } from "../lead-core/lead.types.js";

@Resolver()
export class ReviewResolver {
  @Authorized()
  @Mutation(() => Lead, {
    description:
      "Queues a single-use review link to the lead's email or phone; the lead must be ELIGIBLE (won) or SENT. Opening the link marks it COMPLETED.",
  })
  requestReview(
    @Arg("id", () => ID) id: string,
    @Arg("channel", () => MessageChannelEnum) channel: MessageChannel,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.reviews.requestReview(viewerOrThrow(ctx), id, channel);
  }
}
