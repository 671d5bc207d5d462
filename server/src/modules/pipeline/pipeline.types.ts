import type { StageCategory } from "@leadline/shared";
import { Field, ID, Int, ObjectType } from "type-graphql";
import type { PipelineRow, StageRow } from "../../db/schema/index.js";
import { StageCategoryEnum } from "../../graphql/enums.js";

@ObjectType({ simpleResolvers: true })
export class Stage implements Pick<StageRow, "key" | "label" | "category" | "position" | "transitions" | "wipLimit"> {
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
