import type { ScoreBand } from "@leadline/shared";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { ScoreSnapshotRow } from "../../db/schema/index.js";
import { ScoreBandEnum } from "../../graphql/enums.js";
import { JSONScalar } from "../../graphql/scalars.js";
import type { TrackingEventParams } from "./scoring.service.js";

@ObjectType({ simpleResolvers: true, description: "One recompute of a lead's score and the reasons behind it." })
export class ScoreSnapshot implements Pick<ScoreSnapshotRow, "score" | "reasons" | "createdAt"> {
  @Field(() => Int)
  score!: number;

  @Field(() => ScoreBandEnum)
  band!: ScoreBand;

  @Field(() => JSONScalar, {
    description: "[{ rule, points, detail }]: rule is the ruleset's JSON path (e.g. weights.page_view), or clamp.",
  })
  reasons!: unknown[];

  @Field(() => Date)
  createdAt!: Date;
}

@InputType({ description: "A behavioural signal for one lead, named by leadId or by email (exactly one)." })
export class TrackingEventInput implements TrackingEventParams {
  @Field(() => ID, { nullable: true })
  leadId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Resolves to the newest lead with this email that you can see and that is not converted.",
  })
  email?: string | null;

  @Field(() => String, { description: "Event type such as page_view or demo_request (lower-case letters, digits, _)." })
  type!: string;

  @Field(() => Date, { nullable: true, description: "When it happened (default: now); older events weigh less." })
  occurredAt?: Date | null;

  @Field(() => JSONScalar, { nullable: true, description: "Free-form details, a JSON object of at most 4 KB." })
  properties?: unknown;
}
