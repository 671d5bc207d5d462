import type { LeadSource } from "@leadline/shared";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { queues, RoutingRuleRow } from "../../db/schema/index.js";
import { LeadSourceEnum } from "../../graphql/enums.js";
import { Queue } from "./queue.types.js";
import type { RoutingRuleParams, UpsertQueueParams } from "./routing-config.service.js";
import type { RoutingPreviewParams } from "./routing-preview.service.js";

type QueueRow = typeof queues.$inferSelect;

@ObjectType({
  simpleResolvers: true,
  description: "Sends a lead to a queue when every criterion it names matches; rules are tried in position order.",
})
export class RoutingRule implements Pick<RoutingRuleRow, "id" | "position" | "category" | "city" | "minScore"> {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "0 is tried first." })
  position!: number;

  @Field(() => LeadSourceEnum, { nullable: true })
  source!: LeadSource | null;

  @Field(() => String, { nullable: true, description: "Matched case-insensitively." })
  category!: string | null;

  @Field(() => String, { nullable: true, description: "Matched case-insensitively." })
  city!: string | null;

  @Field(() => Int, { nullable: true, description: "Matches leads scoring at least this much." })
  minScore!: number | null;
}

@InputType()
export class QueueInput implements UpsertQueueParams {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "ROUND_ROBIN or LEAST_LOADED (fewest open leads owned)." })
  strategy!: string;

  @Field(() => [ID], {
    description: "Users in routing order; replaces the member list. Inactive members stay listed but get no leads.",
  })
  memberIds!: string[];
}

@InputType()
export class RoutingRuleInput implements RoutingRuleParams {
  @Field(() => LeadSourceEnum, { nullable: true })
  source?: LeadSource | null;

  @Field(() => ID, { nullable: true, description: "A capture form of this tenant." })
  formId?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => Int, { nullable: true, description: "0–100." })
  minScore?: number | null;

  @Field(() => ID)
  queueId!: string;
}

@InputType({ description: "A lead as the routing preview describes it: the facts routing rules look at." })
export class RoutingPreviewInput implements RoutingPreviewParams {
  @Field(() => LeadSourceEnum)
  source!: LeadSource;

  @Field(() => ID, { nullable: true, description: "The capture form it came through." })
  formId?: string | null;

  @Field(() => String, { nullable: true })
  category?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => Int, { nullable: true, description: "0–100; 0 when absent." })
  score?: number | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "Where the saved routing rules would send a lead like the one described, and to whom. Nothing changes.",
})
export class RoutingPreview {
  @Field(() => RoutingRule, { nullable: true, description: "The first rule that matches; null: none does." })
  rule!: RoutingRuleRow | null;

  @Field(() => Queue, { nullable: true, description: "The rule's queue; null when no rule matches." })
  queue!: QueueRow | null;
}
