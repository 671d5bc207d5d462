import type { ScoreBand } from "@leadline/shared";
import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { ScoreSnapshotRow } from "../../db/schema/index.js";
import { ScoreBandEnum } from "../../graphql/enums.js";
import { JSONScalar } from "../../graphql/scalars.js";
import type { ScorePreviewEventParams, ScorePreviewLeadParams, TrackingEventParams } from "./scoring.service.js";

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

@InputType({ description: "Tracking events of one type for a score preview: how many, and how long ago." })
export class ScorePreviewEventInput implements ScorePreviewEventParams {
  @Field(() => String, { description: "Event type such as page_view (lower-case letters, digits, _)." })
  type!: string;

  @Field(() => Int, { nullable: true, description: "How many such events, 1 to 1,000 (default 1)." })
  count?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "How many days ago they happened, 0 to 3,650 (default 0): older events weigh less.",
  })
  daysAgo?: number | null;
}

@InputType({ description: "A sample lead to score: its job title and tracking events. Nothing is stored." })
export class ScorePreviewLeadInput implements ScorePreviewLeadParams {
  @Field(() => String, { nullable: true })
  jobTitle?: string | null;

  @Field(() => [ScorePreviewEventInput], { nullable: true, description: "At most 50 entries." })
  events?: ScorePreviewEventInput[] | null;
}

@ObjectType({ simpleResolvers: true, description: "How a sample lead scores under a ruleset that was not saved." })
export class ScorePreview {
  @Field(() => Int)
  score!: number;

  @Field(() => ScoreBandEnum, { description: "By the previewed ruleset's band cut-offs." })
  band!: ScoreBand;

  @Field(() => JSONScalar, { description: "[{ rule, points, detail }], as in a score snapshot." })
  reasons!: unknown[];

  @Field(() => JSONScalar, {
    description: "The previewed ruleset merged over the defaults: what saving it would apply.",
  })
  rules!: unknown;
}
