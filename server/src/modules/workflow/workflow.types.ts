import { Field, Int, ObjectType } from "type-graphql";

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
