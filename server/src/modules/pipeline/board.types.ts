import { Field, Int, ObjectType } from "type-graphql";
import type { PipelineRow, StageRow } from "../../db/schema/index.js";
import type { LeadFilterParams } from "../lead-core/lead.params.js";
import type { BoardColumnData } from "./board.service.js";
import { Pipeline, Stage } from "./pipeline.types.js";

@ObjectType()
export class BoardColumn implements Omit<BoardColumnData, "leads"> {
  @Field(() => Stage)
  stage!: StageRow;

  @Field(() => Int, { description: "Cards in the column that you can see, with the filter applied." })
  totalCount!: number;

  /** Prefetched first cards; `leads(first, after)` pages on from here. */
  prefetched!: BoardColumnData["leads"];
  hasMore!: boolean;
  filter!: LeadFilterParams;
}

@ObjectType({ simpleResolvers: true })
export class Board {
  @Field(() => Pipeline)
  pipeline!: PipelineRow;

  @Field(() => [BoardColumn])
  columns!: BoardColumn[];
}
