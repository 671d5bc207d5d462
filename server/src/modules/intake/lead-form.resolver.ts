import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import type { Context } from "../../graphql/context.js";
import { Lead } from "../lead-core/lead.types.js";
import { CaptureForm } from "./capture-form.types.js";

@Resolver(() => Lead)
export class LeadFormResolver {
  @FieldResolver(() => CaptureForm, { nullable: true })
  form(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.formId ? ctx.loaders.form.load(lead.formId) : null;
  }
}
