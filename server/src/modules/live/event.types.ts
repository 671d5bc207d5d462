import { Field, ID, ObjectType } from "type-graphql";
import type { LeadEventType, LeadRow } from "../../db/schema/index.js";
import { LeadEventTypeEnum } from "../../graphql/enums.js";
import { PageInfo } from "../../graphql/pagination.js";
import { JSONScalar } from "../../graphql/scalars.js";

/** One entry of a lead's timeline, read from the lead event log. */
@ObjectType({ simpleResolvers: true })
export class Activity {
  @Field(() => ID, { description: "The event's sequence number." })
  id!: string;

  @Field(() => LeadEventTypeEnum)
  type!: LeadEventType;

  @Field(() => JSONScalar)
  data!: Record<string, unknown>;

  @Field(() => Date)
  createdAt!: Date;

  actorUserId!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class ActivityEdge {
  @Field(() => Activity)
  node!: Activity;

  @Field(() => String)
  cursor!: string;
}

@ObjectType({ simpleResolvers: true })
export class ActivityConnection {
  @Field(() => [ActivityEdge])
  edges!: ActivityEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}

/** A change to a lead, from the event log: the unit of live updates and catch-up. */
@ObjectType({ simpleResolvers: true })
export class LeadEvent {
  @Field(() => LeadEventTypeEnum)
  type!: LeadEventType;

  @Field(() => String, { nullable: true, description: "For STATUS_CHANGED: the stage left." })
  fromStatus!: string | null;

  @Field(() => String, { nullable: true, description: "For STATUS_CHANGED: the stage entered." })
  toStatus!: string | null;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { description: "Global, increasing; keep the highest you processed and ignore repeats." })
  sequence!: string;

  leadRow!: LeadRow;
  actorUserId!: string | null;
}
