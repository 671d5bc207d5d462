import { FieldResolver, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { Lead, NextAction } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";

@Resolver(() => Lead)
export class LeadNextActionResolver {
  @FieldResolver(() => NextAction, { nullable: true })
  @ReadsLeadColumns("nextActionType", "nextActionDueAt", "nextActionNote")
  nextAction(@Root() lead: LeadRow): NextAction | null {
    if (!lead.nextActionType || !lead.nextActionDueAt) return null;
    return { type: lead.nextActionType, dueAt: lead.nextActionDueAt, note: lead.nextActionNote };
  }
}
