import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import type { Context } from "../../graphql/context.js";
import { Attachment, Lead } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";

@Resolver(() => Lead)
export class LeadAttachmentsResolver {
  @FieldResolver(() => [Attachment])
  @ReadsLeadColumns("id")
  attachments(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return ctx.loaders.attachmentsByLead.load(lead.id);
  }
}
