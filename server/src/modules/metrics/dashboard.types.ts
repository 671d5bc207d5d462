import type { LeadSource, ScoreBand, StageCategory } from "@leadline/shared";
import { Field, Float, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { PublicUser } from "../../db/schema/index.js";
import { LeadSourceEnum, ScoreBandEnum, StageCategoryEnum } from "../../graphql/enums.js";
import { User } from "../auth/auth.types.js";
import type {
  CampaignConversionRow,
  ConversionBySourceRow,
  FunnelStepRow,
  MetricsBucket,
  RepWorkloadRow,
  ResponseTrendRow,
  ScoreBandRow,
  SourceConversionRow,
  StageFunnelRow,
} from "./dashboard.service.js";

export const MetricsBucketEnum = { DAY: "DAY", WEEK: "WEEK" } as const satisfies Record<MetricsBucket, MetricsBucket>;
registerEnumType(MetricsBucketEnum, {
  name: "MetricsBucket",
  description: "How a trend groups leads by creation time, in the tenant's time zone.",
});

@ObjectType({
  simpleResolvers: true,
  description: "First response and SLA figures of the leads created in one bucket.",
})
export class ResponseTrendPoint implements ResponseTrendRow {
  @Field(() => String, { description: "The bucket's first day in the tenant's time zone, YYYY-MM-DD." })
  day!: string;

  @Field(() => Date, { description: "When the bucket starts." })
  start!: Date;

  @Field(() => Int)
  created!: number;

  @Field(() => Int, { description: "Leads of the bucket answered so far." })
  responded!: number;

  @Field(() => Float, { nullable: true, description: "Median time from creation to first response; null if none." })
  firstResponseMedianSeconds!: number | null;

  @Field(() => Int, { description: "SLAs decided: answered, or past due with the clock running." })
  slaDecided!: number;

  @Field(() => Int, { description: "Decided SLAs answered in time." })
  slaMet!: number;

  @Field(() => Float, { nullable: true, description: "slaMet / slaDecided (0–1); null when none is decided." })
  slaMetRate!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class FunnelStep implements FunnelStepRow {
  @Field(() => String, { description: "The stage key." })
  key!: string;

  @Field(() => String)
  label!: string;

  @Field(() => StageCategoryEnum)
  category!: StageCategory;

  @Field(() => Int, { description: "Leads of the window at this stage now." })
  leads!: number;

  @Field(() => Int, {
    description:
      "Leads at this stage or a later one that is not lost; every lead reached the first stage. For a lost stage, equal to leads.",
  })
  reached!: number;
}

@ObjectType({ simpleResolvers: true, description: "The leads of a window along one pipeline's stages." })
export class StageFunnel implements StageFunnelRow {
  @Field(() => ID)
  pipelineId!: string;

  @Field(() => String)
  pipelineName!: string;

  @Field(() => Int, { description: "Leads of the window in this pipeline." })
  created!: number;

  @Field(() => [FunnelStep], { description: "In pipeline order." })
  steps!: FunnelStep[];
}

@ObjectType({ simpleResolvers: true })
export class SourceConversion implements SourceConversionRow {
  @Field(() => LeadSourceEnum)
  source!: LeadSource;

  @Field(() => Int)
  created!: number;

  @Field(() => Int, { description: "Of those, converted so far." })
  converted!: number;

  @Field(() => Float, { nullable: true, description: "converted / created (0–1)." })
  conversionRate!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class CampaignConversion implements CampaignConversionRow {
  @Field(() => String, {
    nullable: true,
    description: "The first touch's UTM campaign, else the campaign typed on the lead; null for leads with neither.",
  })
  campaign!: string | null;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  converted!: number;

  @Field(() => Float, { nullable: true })
  conversionRate!: number | null;
}

@ObjectType({ simpleResolvers: true, description: "Conversion of a window's leads by source and by campaign." })
export class ConversionBySource implements ConversionBySourceRow {
  @Field(() => [SourceConversion], { description: "Every source with leads in the window, largest first." })
  sources!: SourceConversion[];

  @Field(() => [CampaignConversion], {
    description: "The 20 largest campaigns (and the leads without one), largest first.",
  })
  campaigns!: CampaignConversion[];
}

@ObjectType({ simpleResolvers: true, description: "One person's share of a window's leads." })
export class RepWorkload implements RepWorkloadRow {
  @Field(() => User)
  user!: PublicUser;

  @Field(() => Int, { description: "Leads of the window they own." })
  created!: number;

  @Field(() => Int, { description: "Of those, still open (at an OPEN stage) now." })
  open!: number;

  @Field(() => Int, { description: "Of those, converted so far." })
  converted!: number;

  @Field(() => Float, { nullable: true })
  firstResponseMedianSeconds!: number | null;

  @Field(() => Float, { nullable: true })
  slaMetRate!: number | null;
}

@ObjectType({ simpleResolvers: true })
export class ScoreBandCount implements ScoreBandRow {
  @Field(() => ScoreBandEnum, { description: "By the tenant's band cut-offs." })
  band!: ScoreBand;

  @Field(() => Int, { description: "Leads of the window in this band now." })
  leads!: number;

  @Field(() => Int, { description: "Of those, converted so far." })
  converted!: number;
}
