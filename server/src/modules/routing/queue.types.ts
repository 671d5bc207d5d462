import { Field, ID, ObjectType } from "type-graphql";
import type { queues } from "../../db/schema/index.js";

type QueueRow = typeof queues.$inferSelect;

@ObjectType({ simpleResolvers: true })
export class Queue implements Pick<QueueRow, "id" | "name" | "strategy"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  strategy!: QueueRow["strategy"];
}
