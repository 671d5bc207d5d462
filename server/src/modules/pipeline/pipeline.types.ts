import type { StageCategory, StageDefinition } from "@leadline/shared";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { PipelineRow, StageRow } from "../../db/schema/index.js";
import { StageCategoryEnum } from "../../graphql/enums.js";
import type { StageMappingParams } from "./pipeline-admin.service.js";

@ObjectType({ simpleResolvers: true })
export class Stage
  implements
    Pick<
      StageRow,
      "key" | "label" | "category" | "position" | "transitions" | "wipLimit" | "conversionOnly" | "pausesSla"
    >
{
  @Field(() => String)
  key!: string;

  @Field(() => String)
  label!: string;

  @Field(() => StageCategoryEnum)
  category!: StageCategory;

  @Field(() => Int)
  position!: number;

  @Field(() => [String])
  transitions!: string[];

  @Field(() => Int, { nullable: true })
  wipLimit!: number | null;

  @Field(() => Boolean, { description: "Reached only through convertLead: no move, promotion or timer enters it." })
  conversionOnly!: boolean;

  @Field(() => Boolean, { description: "Waits on the customer: a lead here has its SLA clock paused." })
  pausesSla!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class Pipeline implements Pick<PipelineRow, "id" | "name" | "preset" | "isDefault"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  preset!: string | null;

  @Field(() => Boolean)
  isDefault!: boolean;
}

@ObjectType({
  simpleResolvers: true,
  description: "A stage list a new pipeline can start from (createPipeline's preset).",
})
export class PipelinePreset {
  @Field(() => String, { description: "What createPipeline takes as `preset`." })
  key!: string;

  @Field(() => String)
  name!: string;

  @Field(() => [Stage])
  stages!: Stage[];
}

@InputType()
export class StageInput implements StageDefinition {
  @Field(() => String, { description: "Stable key stored on leads (lower-case, digits, _)." })
  key!: string;

  @Field(() => String)
  label!: string;

  @Field(() => StageCategoryEnum)
  category!: StageCategory;

  @Field(() => [String], { description: "Keys of the stages a lead may move to from here." })
  transitions!: string[];

  @Field(() => Int, { nullable: true, description: "Most open cards the column takes; managers may exceed it." })
  wipLimit?: number | null;

  @Field(() => Boolean, { nullable: true, description: "A WON stage reached only through convertLead." })
  conversionOnly?: boolean;

  @Field(() => Boolean, {
    nullable: true,
    description: "An OPEN stage that pauses the SLA clock (waiting on the customer).",
  })
  pausesSla?: boolean;
}

@InputType()
export class StageMappingInput implements StageMappingParams {
  @Field(() => String, { description: "A removed or renamed stage key that still holds leads." })
  from!: string;

  @Field(() => String, { description: "The stage of the new list those leads move to." })
  to!: string;
}
