import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { LeadRow, RoutingRuleRow } from "../../db/schema/index.js";
import type { Context } from "../../graphql/context.js";
import { Lead } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";
import { RoutingRule } from "../routing/routing.types.js";
import { CaptureForm } from "./capture-form.types.js";

@Resolver(() => Lead)
export class LeadFormResolver {
  @FieldResolver(() => CaptureForm, { nullable: true })
  @ReadsLeadColumns("formId")
  form(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.formId ? ctx.loaders.form.load(lead.formId) : null;
  }
}

/** A routing rule's capture form: the forms are intake's, so intake adds the field. */
@Resolver(() => RoutingRule)
export class RoutingRuleFormResolver {
  @FieldResolver(() => CaptureForm, { nullable: true })
  form(@Root() rule: RoutingRuleRow, @Ctx() ctx: Context) {
    return rule.formId ? ctx.loaders.form.load(rule.formId) : null;
  }
}
