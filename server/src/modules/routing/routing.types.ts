import type { LeadSource } from "@leadline/shared";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { RoutingRuleRow } from "../../db/schema/index.js";
import { LeadSourceEnum } from "../../graphql/enums.js";
import type { RoutingRuleParams, UpsertQueueParams } from "./routing-config.service.js";

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
