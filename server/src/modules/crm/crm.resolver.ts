import type { GraphQLResolveInfo } from "graphql";
import { Arg, Authorized, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CompanyRow, ContactRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { selectsField } from "../../graphql/pagination.js";
import { Lead } from "../lead-core/lead.types.js";
import {
  Company,
  CompanyConnection,
  CompanyInput,
  Contact,
  ContactConnection,
  ContactInput,
  Deal,
} from "./crm.types.js";
import type { RecordPage } from "./crm-records.service.js";

function connection<T>(page: RecordPage<T>) {
  return {
    edges: page.nodes,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

/** Companies and contacts: lists with search, one by id, create and edit (rules in CrmRecordService). */
@Resolver()
export class CrmRecordResolver {
  @Authorized()
  @Query(() => CompanyConnection, { description: "Companies the viewer may see, by name; `search` matches the name." })
  async companies(
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<CompanyConnection> {
    const countNow = selectsField(info, "totalCount");
    return connection(
      await ctx.services.crmRecords.listCompanies(viewerOrThrow(ctx), { search, first, after, countNow }),
    );
  }

  @Authorized()
  @Query(() => Company, { nullable: true })
  company(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.crmRecords.findCompany(viewerOrThrow(ctx), id);
  }

  @Authorized()
  @Query(() => ContactConnection, {
    description: "Contacts the viewer may see, newest first; `search` matches name, email and phone.",
  })
  async contacts(
    @Arg("search", () => String, { nullable: true }) search: string | null,
    @Arg("companyId", () => ID, { nullable: true }) companyId: string | null,
    @Arg("saved", () => Boolean, { nullable: true }) saved: boolean | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ContactConnection> {
    const countNow = selectsField(info, "totalCount");
    return connection(
      await ctx.services.crmRecords.listContacts(viewerOrThrow(ctx), {
        search,
        companyId,
        saved,
        first,
        after,
        countNow,
      }),
    );
  }

  @Authorized()
  @Query(() => Contact, { nullable: true })
  contact(@Arg("id", () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.crmRecords.findContact(viewerOrThrow(ctx), id);
  }

  @Authorized()
  @Mutation(() => Company)
  createCompany(@Arg("input", () => CompanyInput) input: CompanyInput, @Ctx() ctx: Context) {
    return ctx.services.crmRecords.createCompany(viewerOrThrow(ctx), input);
  }

  @Authorized()
  @Mutation(() => Company)
  updateCompany(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => CompanyInput) input: CompanyInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.crmRecords.updateCompany(viewerOrThrow(ctx), id, input);
  }

  @Authorized()
  @Mutation(() => Contact)
  createContact(@Arg("input", () => ContactInput) input: ContactInput, @Ctx() ctx: Context) {
    return ctx.services.crmRecords.createContact(viewerOrThrow(ctx), input);
  }

  @Authorized()
  @Mutation(() => Contact)
  updateContact(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ContactInput) input: ContactInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.crmRecords.updateContact(viewerOrThrow(ctx), id, input);
  }
}

@Resolver(() => Company)
export class CompanyFieldsResolver {
  @FieldResolver(() => [Contact], { description: "The company's contacts the viewer may see, newest first." })
  contacts(
    @Root() company: CompanyRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.crmRecords.companyContacts(viewerOrThrow(ctx), company.id, first);
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether you may edit this company (managers, or the owner or claimer of one of its leads); one query per company, for a company's own page.",
  })
  viewerMayEdit(@Root() company: CompanyRow, @Ctx() ctx: Context) {
    return ctx.services.crmRecords.mayEditRecord(viewerOrThrow(ctx), { companyId: company.id });
  }

  @FieldResolver(() => [Lead], { description: "Leads the viewer may see for this company or converted into it." })
  leads(
    @Root() company: CompanyRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.crmRecords.companyLeads(viewerOrThrow(ctx), company.id, first);
  }
}

@Resolver(() => Contact)
export class ContactFieldsResolver {
  @FieldResolver(() => Company, { nullable: true })
  company(@Root() contact: ContactRow, @Ctx() ctx: Context) {
    return contact.companyId ? ctx.loaders.company.load(contact.companyId) : null;
  }

  @FieldResolver(() => Boolean, {
    description:
      "Whether you may edit this contact (managers, or the owner or claimer of one of their leads); one query per contact, for a contact's own page.",
  })
  viewerMayEdit(@Root() contact: ContactRow, @Ctx() ctx: Context) {
    return ctx.services.crmRecords.mayEditRecord(viewerOrThrow(ctx), { contactId: contact.id });
  }

  @FieldResolver(() => [Lead], { description: "The contact's leads the viewer may see, open and converted." })
  leads(
    @Root() contact: ContactRow,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.crmRecords.contactLeads(viewerOrThrow(ctx), contact.id, first);
  }

  @FieldResolver(() => [Deal])
  deals(@Root() contact: ContactRow, @Ctx() ctx: Context) {
    return ctx.services.crmRecords.contactDeals(viewerOrThrow(ctx), contact.id);
  }
}
