import { Authorized, Ctx, Mutation, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { WebhookSecret } from "./integrations.types.js";

@Resolver()
export class IntegrationsResolver {
  @Authorized()
  @Mutation(() => WebhookSecret, {
    description: "ADMIN: a new inbound-webhook signing secret; the previous one keeps verifying for 24 hours.",
  })
  rotateWebhookSecret(@Ctx() ctx: Context): Promise<WebhookSecret> {
    return ctx.services.webhookIntake.rotateSecret(viewerOrThrow(ctx));
  }
}
