import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { queues, RoutingRuleRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { User } from "../auth/auth.types.js";
import { Lead } from "../lead-core/lead.types.js";
import { Queue } from "../routing/queue.types.js";
import { QueueInput, RoutingPreview, RoutingPreviewInput, RoutingRule, RoutingRuleInput } from "./routing.types.js";
import { assertMayViewQueuesOrThrow } from "./routing-config.service.js";
import type { RoutingPreviewResult } from "./routing-preview.service.js";

type QueueRow = typeof queues.$inferSelect;

@Resolver(() => Queue)
export class QueueResolver {
  @Authorized()
  @Query(() => [Queue], { description: "Staff only (not partners or customers)." })
  queues(@Ctx() ctx: Context) {
    return ctx.services.routingConfig.listQueues(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => Queue, {
    description: "Admins and managers: creates a queue (no id) or updates one, replacing its members.",
  })
  upsertQueue(
    @Arg("id", () => ID, { nullable: true }) id: string | null,
    @Arg("input", () => QueueInput) input: QueueInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.routingConfig.upsertQueue(viewerOrThrow(ctx), id, input);
  }

  @Authorized()
  @Mutation(() => Lead, {
    description:
      "Managers: routes to queueId, or by the tenant's rules when absent (BAD_USER_INPUT if none matches); " +
      "the owner is picked from the queue's active members.",
  })
  routeLead(
    @Arg("id", () => ID) id: string,
    @Arg("queueId", () => ID, { nullable: true }) queueId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.routing.routeLead(viewerOrThrow(ctx), id, queueId);
  }

  @FieldResolver(() => [User], { description: "In routing order, inactive members included (routing skips them)." })
  members(@Root() queue: QueueRow, @Ctx() ctx: Context) {
    // Queue is also reachable through Lead.queue, so the roster check sits on the field itself.
    assertMayViewQueuesOrThrow(viewerOrThrow(ctx));
    return ctx.loaders.queueMembers.load(queue.id);
  }
}

@Resolver(() => RoutingRule)
export class RoutingRuleResolver {
  @Authorized()
  @Query(() => [RoutingRule], { description: "Admins and managers: the tenant's rules in evaluation order." })
  routingRules(@Ctx() ctx: Context) {
    return ctx.services.routingConfig.listRoutingRules(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => [RoutingRule], {
    description: "Admins and managers: replaces the rule list; the first rule whose criteria all match wins.",
  })
  setRoutingRules(@Arg("rules", () => [RoutingRuleInput]) rules: RoutingRuleInput[], @Ctx() ctx: Context) {
    return ctx.services.routingConfig.setRoutingRules(viewerOrThrow(ctx), rules);
  }

  @FieldResolver(() => Queue)
  queue(@Root() rule: RoutingRuleRow, @Ctx() ctx: Context) {
    return ctx.loaders.queue.load(rule.queueId);
  }
}

@Resolver(() => RoutingPreview)
export class RoutingPreviewResolver {
  @Authorized()
  @Query(() => RoutingPreview, {
    description:
      "Admins and managers: where the saved rules would send a lead like this (rule, queue, next owner); changes nothing.",
  })
  previewRouting(@Arg("input", () => RoutingPreviewInput) input: RoutingPreviewInput, @Ctx() ctx: Context) {
    return ctx.services.routingPreview.previewRouting(viewerOrThrow(ctx), input);
  }

  @FieldResolver(() => User, {
    nullable: true,
    description: "The member the queue's strategy would pick now; null when no rule matches or no member is active.",
  })
  owner(@Root() preview: RoutingPreviewResult, @Ctx() ctx: Context) {
    return preview.ownerId ? ctx.loaders.user.load(preview.ownerId) : null;
  }
}
