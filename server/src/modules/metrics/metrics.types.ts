import { Field, Float, Int, ObjectType } from "type-graphql";
import { JSONScalar } from "../../graphql/scalars.js";
import type { LeadMetricsRow } from "./metrics.service.js";

@ObjectType({
  simpleResolvers: true,
  description: "Funnel figures for the leads created in a window that you may see.",
})
export class LeadMetrics implements LeadMetricsRow {
  @Field(() => Date, { description: "Start of the window (inclusive)." })
  from!: Date;

  @Field(() => Date, { description: "End of the window (exclusive)." })
  to!: Date;

  @Field(() => Int)
  created!: number;

  @Field(() => Float, { nullable: true, description: "Median time from creation to first response; null if none yet." })
  firstResponseMedianSeconds!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Share (0–1) of decided SLAs answered in time: answered, or past due with the clock running.",
  })
  slaMetRate!: number | null;

  @Field(() => Int, { description: "Leads of the window converted so far." })
  converted!: number;

  @Field(() => Float, { nullable: true, description: "converted / created (0–1); null when nothing was created." })
  conversionRate!: number | null;

  @Field(() => JSONScalar, { description: 'Created leads per source, e.g. {"WEBSITE_FORM": 12}.' })
  bySource!: Record<string, number>;

  @Field(() => JSONScalar, { description: "Created leads per current stage key." })
  byStage!: Record<string, number>;
}
