import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { Lead } from "../lead-core/lead.types.js";

@ObjectType({ simpleResolvers: true })
export class InboxCounts {
  @Field(() => Int)
  now!: number;

  @Field(() => Int)
  today!: number;

  @Field(() => Int)
  later!: number;

  @Field(() => Int)
  recovery!: number;
}

@InputType({ description: "One action for every selected lead: exactly one of these fields." })
export class BulkLeadActionInput {
  @Field(() => ID, { nullable: true, description: "Assign every lead to this user (managers)." })
  assignTo?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Return every lead to the pool (managers)." })
  unassign?: boolean | null;

  @Field(() => String, { nullable: true, description: "Move every lead to this stage key of its pipeline." })
  moveTo?: string | null;

  @Field(() => ID, { nullable: true, description: "Add every lead to this queue; routing picks the owner (managers)." })
  queueId?: string | null;
}

@ObjectType({ simpleResolvers: true, description: "A lead the bulk action refused, and why." })
export class BulkLeadFailure {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description: "The contract's error code (FORBIDDEN, CONFLICT, …), as a single mutation's would be.",
  })
  code!: string;

  @Field(() => String, { description: "The machine-readable reason (TRANSITION_NOT_ALLOWED, WIP_LIMIT, …)." })
  reason!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ description: "What a bulk action did: the leads changed, and each refusal." })
export class BulkLeadResult {
  @Field(() => [Lead])
  succeeded!: LeadRow[];

  @Field(() => [BulkLeadFailure])
  failed!: BulkLeadFailure[];
}
