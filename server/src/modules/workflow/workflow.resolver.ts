import type { NextActionType, QueueView } from "@leadline/shared";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { NextActionTypeEnum, QueueViewEnum } from "../../graphql/enums.js";
import { ERROR_CODE_OF } from "../../graphql/errors.js";
import { User } from "../auth/auth.types.js";
import { Lead, LeadConnection, leadConnection } from "../lead-core/lead.types.js";
import { leadPageSelection } from "../lead-core/lead-columns.js";
import { BulkLeadActionInput, BulkLeadResult, InboxCounts } from "./workflow.types.js";

@Resolver()
export class WorkflowResolver {
  @Authorized()
  @Query(() => LeadConnection, {
    description: "An inbox tab: your leads (all leads if you may view all), most urgent first.",
  })
  async inbox(
    @Arg("view", () => QueueViewEnum) view: QueueView,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LeadConnection> {
    const page = await ctx.services.inbox.inbox(viewerOrThrow(ctx), view, { first, after, ...leadPageSelection(info) });
    return leadConnection(page);
  }

  @Authorized()
  @Query(() => InboxCounts)
  inboxCounts(@Ctx() ctx: Context) {
    return ctx.services.inbox.inboxCounts(viewerOrThrow(ctx));
  }

  @Authorized()
  @Query(() => [User], {
    description: "Managers: the active users leads can be assigned to (sales reps, managers, admins), by name.",
  })
  assignableUsers(@Ctx() ctx: Context) {
    return ctx.services.ownership.assignableUsers(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => Lead, { description: "Managers: set the owner, or null to return the lead to the pool." })
  assignLead(
    @Arg("id", () => ID) id: string,
    @Arg("ownerId", () => ID, { nullable: true }) ownerId: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.ownership.assignLead(viewerOrThrow(ctx), id, ownerId);
  }

  @Authorized()
  @Mutation(() => Int, {
    description:
      "Managers: hands every open lead fromUserId owns to toUserId (an active user), or to the pool with null, after a deactivation say; won and lost leads keep their owner. Answers how many moved.",
  })
  reassignLeads(
    @Arg("fromUserId", () => ID) fromUserId: string,
    @Arg("toUserId", () => ID, { nullable: true }) toUserId: string | null,
    @Ctx() ctx: Context,
  ): Promise<number> {
    return ctx.services.ownership.reassignLeads(viewerOrThrow(ctx), fromUserId, toUserId);
  }

  @Authorized()
  @Mutation(() => BulkLeadResult, {
    description:
      "One action on up to 200 leads (the list's selection): each lead goes through the same rules as assignLead, " +
      "moveLead or routeLead, in its own transaction; refused leads are listed with their code and reason, the rest are done.",
  })
  async bulkUpdateLeads(
    @Arg("ids", () => [ID]) ids: string[],
    @Arg("action", () => BulkLeadActionInput) action: BulkLeadActionInput,
    @Ctx() ctx: Context,
  ): Promise<BulkLeadResult> {
    const outcome = await ctx.services.bulkLeads.run(viewerOrThrow(ctx), ids, action);
    return {
      succeeded: outcome.succeeded,
      failed: outcome.failed.map((f) => ({
        ...f,
        code: f.reason === "INTERNAL" ? "INTERNAL_SERVER_ERROR" : ERROR_CODE_OF[f.reason],
      })),
    };
  }

  @Authorized()
  @Mutation(() => Lead, { description: "Holds an unassigned lead for the tenant's claim window (24 h by default)." })
  claimLead(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.ownership.claimLead(viewerOrThrow(ctx), id);
  }

  @Authorized()
  @Mutation(() => Lead)
  releaseLead(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.ownership.releaseLead(viewerOrThrow(ctx), id);
  }

  @Authorized()
  @Mutation(() => Lead, {
    description: "The claimer (or a manager) becomes the owner; the lead no longer returns to the pool.",
  })
  takeOwnership(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.ownership.takeOwnership(viewerOrThrow(ctx), id);
  }

  @Authorized()
  @Mutation(() => Lead)
  setNextAction(
    @Arg("id", () => ID) id: string,
    @Arg("type", () => NextActionTypeEnum) type: NextActionType,
    @Arg("dueAt", () => Date) dueAt: Date,
    @Arg("note", () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.nextActions.setNextAction(viewerOrThrow(ctx), id, { type, dueAt, note });
  }

  @Authorized()
  @Mutation(() => Lead)
  clearNextAction(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.nextActions.clearNextAction(viewerOrThrow(ctx), id);
  }
}
