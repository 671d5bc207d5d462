import { type DuplicateResolution, type ScoreBand, scoreBand, slaState } from "@leadline/shared";
import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { DuplicateResolutionEnum, ScoreBandEnum } from "../../graphql/enums.js";
import { User } from "../auth/auth.types.js";
import { Company, Contact, Deal } from "../conversion/crm.types.js";
import { ActivityConnection } from "../events/event.types.js";
import { CaptureForm } from "../intake/capture-form.types.js";
import { Stage } from "../pipeline/pipeline.types.js";
import { Queue } from "../workflow/queue.types.js";
import {
  Attachment,
  Attribution,
  CreateLeadInput,
  CreateLeadPayload,
  Lead,
  LeadConnection,
  LeadFilter,
  LeadOrder,
  NextAction,
  Sla,
  UpdateLeadInput,
} from "./lead.types.js";

@Resolver(() => Lead)
export class LeadResolver {
  @Authorized()
  @Query(() => Lead, { nullable: true, description: "By id or by requestId; null when absent or not visible to you." })
  lead(
    @Arg("id", () => ID, { nullable: true }) id: string | null,
    @Arg("requestId", () => Int, { nullable: true }) requestId: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.leads.findLead(viewerOrThrow(ctx), { id, requestId });
  }

  @Authorized()
  @Query(() => LeadConnection)
  async leads(
    @Arg("filter", () => LeadFilter, { nullable: true }) filter: LeadFilter | null,
    @Arg("orderBy", () => LeadOrder, { nullable: true }) orderBy: LeadOrder | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ): Promise<LeadConnection> {
    const page = await ctx.services.leads.listLeads(viewerOrThrow(ctx), { filter, orderBy, first, after });
    return {
      edges: page.nodes.map(({ lead, cursor }) => ({ node: lead, cursor })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.at(-1)?.cursor ?? null },
      totalCount: page.totalCount,
    };
  }

  @Authorized()
  @Mutation(() => CreateLeadPayload)
  createLead(
    @Arg("input", () => CreateLeadInput) input: CreateLeadInput,
    @Arg("onDuplicate", () => DuplicateResolutionEnum, {
      nullable: true,
      description: "What to do when duplicates exist; absent: create nothing and return them (the merge prompt).",
    })
    onDuplicate: DuplicateResolution | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.leads.createLead(viewerOrThrow(ctx), input, onDuplicate);
  }

  @Authorized()
  @Mutation(() => Lead)
  updateLead(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLeadInput) input: UpdateLeadInput,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.leads.updateLead(viewerOrThrow(ctx), id, input, expectedVersion);
  }

  @FieldResolver(() => Stage)
  async stage(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    const stages = await ctx.loaders.stagesByPipeline.load(lead.pipelineId);
    return stages.find((s) => s.key === lead.status);
  }

  @FieldResolver(() => ScoreBandEnum, { description: "By the tenant's band cut-offs (scoringRules.bands)." })
  async scoreBand(@Root() lead: LeadRow, @Ctx() ctx: Context): Promise<ScoreBand> {
    return scoreBand(lead.score, (await ctx.loaders.scoringRules.load(lead.tenantId)).bands);
  }

  @FieldResolver(() => Sla)
  sla(@Root() lead: LeadRow): Sla {
    const facts = {
      firstResponseDueAt: lead.firstResponseDueAt,
      atRiskAt: lead.slaAtRiskAt,
      firstResponseAt: lead.firstResponseAt,
      paused: lead.slaPaused,
    };
    return { ...facts, state: slaState(facts, new Date()) };
  }

  @FieldResolver(() => NextAction, { nullable: true })
  nextAction(@Root() lead: LeadRow): NextAction | null {
    if (!lead.nextActionType || !lead.nextActionDueAt) return null;
    return { type: lead.nextActionType, dueAt: lead.nextActionDueAt, note: lead.nextActionNote };
  }

  @FieldResolver(() => Attribution, { nullable: true })
  attribution(@Root() lead: LeadRow): Attribution | null {
    const a = lead.attribution;
    if (!a) return null;
    return {
      utmSource: a.utmSource ?? null,
      utmMedium: a.utmMedium ?? null,
      utmCampaign: a.utmCampaign ?? null,
      utmTerm: a.utmTerm ?? null,
      utmContent: a.utmContent ?? null,
      sourceUrl: a.sourceUrl ?? null,
      referrer: a.referrer ?? null,
      firstTouchAt: a.firstTouchAt ? new Date(a.firstTouchAt) : null,
    };
  }

  @FieldResolver(() => Boolean, { description: "True once converted: every mutation on the lead answers CONFLICT." })
  readOnly(@Root() lead: LeadRow): boolean {
    return lead.convertedAt !== null;
  }

  @FieldResolver(() => [Attachment])
  attachments(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return ctx.loaders.attachmentsByLead.load(lead.id);
  }

  @FieldResolver(() => ActivityConnection)
  activities(
    @Root() lead: LeadRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.leads.activitiesOf(viewerOrThrow(ctx), lead, { first, after });
  }

  @FieldResolver(() => Company, { nullable: true })
  company(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.companyId ? ctx.loaders.company.load(lead.companyId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true })
  contact(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.contactId ? ctx.loaders.contact.load(lead.contactId) : null;
  }

  @FieldResolver(() => Company, { nullable: true })
  partnerCompany(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.partnerCompanyId ? ctx.loaders.company.load(lead.partnerCompanyId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  owner(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.ownerId ? ctx.loaders.user.load(lead.ownerId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  partnerRepresentative(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.partnerRepresentativeId ? ctx.loaders.user.load(lead.partnerRepresentativeId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  customer(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.customerId ? ctx.loaders.user.load(lead.customerId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  vendor(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.vendorId ? ctx.loaders.user.load(lead.vendorId) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  createdBy(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.createdById ? ctx.loaders.user.load(lead.createdById) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  claimedBy(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.claimedById ? ctx.loaders.user.load(lead.claimedById) : null;
  }

  @FieldResolver(() => Queue, { nullable: true })
  queue(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.queueId ? ctx.loaders.queue.load(lead.queueId) : null;
  }

  @FieldResolver(() => CaptureForm, { nullable: true })
  form(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.formId ? ctx.loaders.form.load(lead.formId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true })
  convertedContact(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.convertedContactId ? ctx.loaders.contact.load(lead.convertedContactId) : null;
  }

  @FieldResolver(() => Company, { nullable: true })
  convertedCompany(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.convertedCompanyId ? ctx.loaders.company.load(lead.convertedCompanyId) : null;
  }

  @FieldResolver(() => Deal, { nullable: true })
  convertedDeal(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.convertedDealId ? ctx.loaders.deal.load(lead.convertedDealId) : null;
  }
}
