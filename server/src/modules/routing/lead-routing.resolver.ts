import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import type { Context } from "../../graphql/context.js";
import { Lead } from "../lead-core/lead.types.js";
import { ReadsLeadColumns } from "../lead-core/lead-columns.js";
import { Queue } from "./queue.types.js";

@Resolver(() => Lead)
export class LeadRoutingResolver {
  @FieldResolver(() => Queue, { nullable: true })
  @ReadsLeadColumns("queueId")
  queue(@Root() lead: LeadRow, @Ctx() ctx: Context) {
    return lead.queueId ? ctx.loaders.queue.load(lead.queueId) : null;
  }
}
