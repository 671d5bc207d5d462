import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { LeadRow, UserRow } from "../../db/schema/index.js";
import type { Context } from "../../graphql/context.js";
import { User } from "../auth/auth.types.js";
import { Lead } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";
import { Company, Contact, Deal } from "./crm.types.js";

/** The CRM records a lead points at: its company and contact, and what conversion created. */
@Resolver(() => Lead)
export class LeadCrmResolver {
  @FieldResolver(() => Company, { nullable: true })
  @ReadsLeadColumns("companyId")
  company(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.companyId ? ctx.loaders.company.load(lead.companyId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true })
  @ReadsLeadColumns("contactId")
  contact(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.contactId ? ctx.loaders.contact.load(lead.contactId) : null;
  }

  @FieldResolver(() => Company, { nullable: true })
  @ReadsLeadColumns("partnerCompanyId")
  partnerCompany(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.partnerCompanyId ? ctx.loaders.company.load(lead.partnerCompanyId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true })
  @ReadsLeadColumns("convertedContactId")
  convertedContact(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.convertedContactId ? ctx.loaders.contact.load(lead.convertedContactId) : null;
  }

  @FieldResolver(() => Company, { nullable: true })
  @ReadsLeadColumns("convertedCompanyId")
  convertedCompany(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.convertedCompanyId ? ctx.loaders.company.load(lead.convertedCompanyId) : null;
  }

  @FieldResolver(() => Deal, { nullable: true })
  @ReadsLeadColumns("convertedDealId")
  convertedDeal(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.convertedDealId ? ctx.loaders.deal.load(lead.convertedDealId) : null;
  }
}

/** A partner user's company. */
@Resolver(() => User)
export class UserCrmResolver {
  @FieldResolver(() => Company, { nullable: true })
  partnerCompany(@Root() user: UserRow, @Ctx() ctx: Context) {
    return user.partnerCompanyId ? ctx.loaders.company.load(user.partnerCompanyId) : null;
  }
}
