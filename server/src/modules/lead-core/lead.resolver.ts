import { ATTRIBUTION_KEYS, type AttributionValues, slaState } from "@leadline/shared";
import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { User } from "../auth/auth.types.js";
import { Sla } from "../sla/sla.types.js";
import { Attribution, Lead, LeadConnection, LeadFilter, LeadOrder, leadConnection } from "./lead.types.js";
import { canWorkLead } from "./lead-access.js";
import { leadPageSelection, ReadsLeadColumns } from "./lead-columns.js";

/**
 * Reading leads, and the Lead fields lead-core owns. Every module above adds
 * its own fields to Lead with a resolver of its own (stage in pipeline,
 * company in crm, activities in live, …), so this layer imports none of them.
 */
@Resolver(() => Lead)
export class LeadResolver {
  @Authorized()
  @Query(() => Lead, { nullable: true, description: "By id or by requestId; null when absent or not visible to you." })
  lead(
    @Arg("id", () => ID, { nullable: true }) id: string | null,
    @Arg("requestId", () => Int, { nullable: true }) requestId: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.leadReads.findLead(viewerOrThrow(ctx), { id, requestId });
  }

  @Authorized()
  @Query(() => LeadConnection)
  async leads(
    @Arg("filter", () => LeadFilter, { nullable: true }) filter: LeadFilter | null,
    @Arg("orderBy", () => LeadOrder, { nullable: true }) orderBy: LeadOrder | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LeadConnection> {
    const page = await ctx.services.leadReads.listLeads(viewerOrThrow(ctx), {
      filter,
      orderBy,
      first,
      after,
      ...leadPageSelection(info),
    });
    return leadConnection(page);
  }

  @FieldResolver(() => Sla)
  @ReadsLeadColumns("firstResponseDueAt", "slaAtRiskAt", "firstResponseAt", "slaPaused")
  sla(@Root() lead: LeadRow): Sla {
    const facts = {
      firstResponseDueAt: lead.firstResponseDueAt,
      atRiskAt: lead.slaAtRiskAt,
      firstResponseAt: lead.firstResponseAt,
      paused: lead.slaPaused,
    };
    return { ...facts, state: slaState(facts, new Date()) };
  }

  @FieldResolver(() => Attribution, { nullable: true })
  @ReadsLeadColumns("attribution")
  attribution(@Root() lead: LeadRow): (AttributionValues & { firstTouchAt: Date | null }) | null {
    const a = lead.attribution;
    if (!a) return null;
    const values = Object.fromEntries(ATTRIBUTION_KEYS.map((key) => [key, a[key] ?? null])) as AttributionValues;
    return { ...values, firstTouchAt: a.firstTouchAt ? new Date(a.firstTouchAt) : null };
  }

  @FieldResolver(() => Boolean, { description: "True once converted: every mutation on the lead answers CONFLICT." })
  @ReadsLeadColumns("convertedAt")
  readOnly(@Root() lead: LeadRow): boolean {
    return lead.convertedAt !== null;
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether you may change this lead (move, edit, reply, request a review): false for a pool lead you have not claimed.",
  })
  @ReadsLeadColumns("tenantId", "ownerId", "claimedById", "partnerRepresentativeId", "partnerCompanyId", "createdById")
  viewerMayWork(@Root() lead: LeadRow, @Ctx() ctx: Context): boolean {
    // The rule every write checks (lockWorkableLeadOrThrow), so the app offers exactly what the server allows.
    return canWorkLead(viewerOrThrow(ctx), lead);
  }

  @FieldResolver(() => User, { nullable: true })
  @ReadsLeadColumns("ownerId")
  owner(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.ownerId ? ctx.loaders.user.load(lead.ownerId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  @ReadsLeadColumns("partnerRepresentativeId")
  partnerRepresentative(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.partnerRepresentativeId ? ctx.loaders.user.load(lead.partnerRepresentativeId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  @ReadsLeadColumns("customerId")
  customer(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.customerId ? ctx.loaders.user.load(lead.customerId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  @ReadsLeadColumns("vendorId")
  vendor(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.vendorId ? ctx.loaders.user.load(lead.vendorId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  @ReadsLeadColumns("createdById")
  createdBy(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.createdById ? ctx.loaders.user.load(lead.createdById) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  @ReadsLeadColumns("claimedById")
  claimedBy(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.claimedById ? ctx.loaders.user.load(lead.claimedById) : null;
  }
}
