import { Field, ID, Int, ObjectType } from "type-graphql";
import type { CaptureFormRow } from "../../db/schema/index.js";

@ObjectType({ simpleResolvers: true })
export class CaptureForm
  implements Pick<CaptureFormRow, "id" | "name" | "active" | "fields" | "captchaEnabled" | "submissions">
{
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => [String])
  fields!: string[];

  @Field(() => Boolean)
  captchaEnabled!: boolean;

  @Field(() => Int)
  submissions!: number;
}
