import DataLoader from "dataloader";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { WebhookEndpointRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import type { WebhookDeliveryView } from "./webhook-endpoint.service.js";
import {
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointPayload,
} from "./webhook-endpoint.types.js";

/** Per request (keyed by its context): the deliveries of every listed endpoint in one query per page size. */
const deliveryLoaders = new WeakMap<Context, DataLoader<string, WebhookDeliveryView[]>>();

function deliveriesLoader(ctx: Context): DataLoader<string, WebhookDeliveryView[]> {
  let loader = deliveryLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (keys) => {
      // Keys are `${first}:${endpointId}`: one query per distinct page size asked for.
      const byFirst = new Map<number | null, string[]>();
      for (const key of keys) {
        const [first, id] = key.split(":") as [string, string];
        const n = first === "" ? null : Number(first);
        byFirst.set(n, [...(byFirst.get(n) ?? []), id]);
      }
      const found = new Map<string, WebhookDeliveryView[]>();
      for (const [first, ids] of byFirst) {
        const rows = await ctx.services.webhookEndpoints.recentDeliveries(viewerOrThrow(ctx), ids, first);
        for (const [id, list] of rows) found.set(`${first ?? ""}:${id}`, list);
      }
      return keys.map((key) => found.get(key) ?? []);
    });
    deliveryLoaders.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointResolver {
  @Authorized()
  @Query(() => [WebhookEndpoint], {
    description: "ADMIN: the tenant's outbound webhook endpoints (never their secrets).",
  })
  webhookEndpoints(@Ctx() ctx: Context): Promise<WebhookEndpointRow[]> {
    return ctx.services.webhookEndpoints.listEndpoints(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => WebhookEndpointPayload, {
    description: "ADMIN: a new endpoint, sent the tenant's events from now on; its secret is shown here only.",
  })
  createWebhookEndpoint(
    @Arg("input", () => WebhookEndpointInput) input: WebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointPayload> {
    return ctx.services.webhookEndpoints.createEndpoint(viewerOrThrow(ctx), input);
  }

  @Authorized()
  @Mutation(() => WebhookEndpoint, {
    description: "ADMIN: changes an endpoint; active: true re-enables a disabled one and resumes its deliveries.",
  })
  updateWebhookEndpoint(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => WebhookEndpointInput) input: WebhookEndpointInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointRow> {
    return ctx.services.webhookEndpoints.updateEndpoint(viewerOrThrow(ctx), id, input);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "ADMIN: removes an endpoint and its delivery log." })
  deleteWebhookEndpoint(@Arg("id", () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.webhookEndpoints.deleteEndpoint(viewerOrThrow(ctx), id);
  }

  @Authorized()
  @Mutation(() => Int, {
    description:
      "ADMIN: sends again every event after sinceSequence (exclusive) that the endpoint's types select; answers how many are queued.",
  })
  replayWebhookEvents(
    @Arg("id", () => ID) id: string,
    @Arg("sinceSequence", () => String) sinceSequence: string,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.webhookEndpoints.replayEvents(viewerOrThrow(ctx), id, sinceSequence);
  }

  @FieldResolver(() => [WebhookDelivery], {
    description: "The delivery log, newest event first (default 20, at most 100).",
  })
  deliveries(
    @Root() endpoint: WebhookEndpointRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ): Promise<WebhookDeliveryView[]> {
    return deliveriesLoader(ctx).load(`${first ?? ""}:${endpoint.id}`);
  }
}
