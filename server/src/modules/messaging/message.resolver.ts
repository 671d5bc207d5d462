import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import type { LeadRow, MessageChannel } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { MessageChannelEnum } from "../../graphql/enums.js";
import { Lead } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";
import { Message } from "./message.types.js";

/** Messaging adds the conversation to the Lead type and the reply mutation. */
@Resolver(() => Lead)
export class LeadMessagesResolver {
  @FieldResolver(() => [Message], { description: "The conversation with the lead's person, oldest first." })
  messages(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return ctx.services.messages.listForLead(lead);
  }

  @FieldResolver(() => Boolean, {
    description: "The person wrote last: their newest message is newer than any reply of ours (the inbox's Replied).",
  })
  @ReadsLeadColumns("id")
  awaitingReply(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return ctx.loaders.awaitingReply.load(lead.id);
  }

  @Authorized()
  @Mutation(() => Message, {
    description:
      "Replies to the lead's person by email or SMS: queued now, delivered by the server (deliveryState follows). " +
      "The first reply stops the SLA clock and moves an untouched lead to contacted.",
  })
  sendMessage(
    @Arg("id", () => ID) id: string,
    @Arg("channel", () => MessageChannelEnum) channel: MessageChannel,
    @Arg("body", () => String) body: string,
    @Arg("subject", () => String, { nullable: true }) subject: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.messages.sendMessage(viewerOrThrow(ctx), id, { channel, body, subject });
  }
}
