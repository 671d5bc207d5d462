import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { MessageChannel } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { MessageChannelEnum } from "../../graphql/enums.js";
import type { MessagingProvidersView } from "./messaging-providers.service.js";
import {
  EmailProviderInput,
  MessagingProvidersSettings,
  SmsProviderInput,
  TestMessageResult,
} from "./messaging-providers.types.js";

function settingsOf(view: MessagingProvidersView): MessagingProvidersSettings {
  return {
    email: view.email && {
      ...view.email.settings,
      passwordSet: view.email.secretSet,
      updatedAt: view.email.updatedAt,
    },
    sms: view.sms && { ...view.sms.settings, authTokenSet: view.sms.secretSet, updatedAt: view.sms.updatedAt },
    serverEmail: view.serverEmail,
    serverSms: view.serverSms,
  };
}

/** ADMIN: the workspace's own email and SMS providers, and a test message through whichever is in use. */
@Resolver()
export class MessagingProvidersResolver {
  @Authorized()
  @Query(() => MessagingProvidersSettings, { description: "ADMIN: where your workspace's email and SMS go out." })
  async messagingProviders(@Ctx() ctx: Context): Promise<MessagingProvidersSettings> {
    return settingsOf(await ctx.services.messagingProviders.view(viewerOrThrow(ctx)));
  }

  @Authorized()
  @Mutation(() => MessagingProvidersSettings, {
    description:
      "ADMIN: your workspace's email goes through this SMTP server from now on (the host must be public " +
      "unless the server allows private networks).",
  })
  async setEmailProvider(
    @Arg("input", () => EmailProviderInput) input: EmailProviderInput,
    @Ctx() ctx: Context,
  ): Promise<MessagingProvidersSettings> {
    return settingsOf(await ctx.services.messagingProviders.setEmail(viewerOrThrow(ctx), input));
  }

  @Authorized()
  @Mutation(() => MessagingProvidersSettings, {
    description:
      "ADMIN: your workspace's SMS go through this account from now on; point its number's incoming-message " +
      "webhook at /hooks/sms/inbound.",
  })
  async setSmsProvider(
    @Arg("input", () => SmsProviderInput) input: SmsProviderInput,
    @Ctx() ctx: Context,
  ): Promise<MessagingProvidersSettings> {
    return settingsOf(await ctx.services.messagingProviders.setSms(viewerOrThrow(ctx), input));
  }

  @Authorized()
  @Mutation(() => MessagingProvidersSettings, {
    description: "ADMIN: forgets your workspace's own provider for the channel; the server's is used again.",
  })
  async removeMessagingProvider(
    @Arg("channel", () => MessageChannelEnum) channel: MessageChannel,
    @Ctx() ctx: Context,
  ): Promise<MessagingProvidersSettings> {
    return settingsOf(await ctx.services.messagingProviders.remove(viewerOrThrow(ctx), channel));
  }

  @Authorized()
  @Mutation(() => TestMessageResult, {
    description:
      "ADMIN: sends a test email or SMS to `to` the way every message goes (queued, then delivered by the " +
      "server through your provider or else the server's), with one attempt, and answers what the provider said.",
  })
  async sendTestMessage(
    @Arg("channel", () => MessageChannelEnum) channel: MessageChannel,
    @Arg("to", () => String, { description: "An email address, or a phone number." }) to: string,
    @Ctx() ctx: Context,
  ): Promise<TestMessageResult> {
    const { message, via } = await ctx.services.messages.sendTestMessage(viewerOrThrow(ctx), channel, to);
    return {
      channel: message.channel,
      to: message.to,
      sent: message.deliveryState === "SENT" || message.deliveryState === "DELIVERED",
      deliveryState: message.deliveryState,
      error: message.deliveryState === "SENT" || message.deliveryState === "DELIVERED" ? null : message.lastError,
      from: message.from,
      providerId: message.providerId,
      via,
    };
  }
}
