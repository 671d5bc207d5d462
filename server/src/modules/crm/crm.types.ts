import { Field, Float, ID, Int, ObjectType } from "type-graphql";
import type { CompanyRow, ContactRow, DealRow } from "../../db/schema/index.js";

@ObjectType({ simpleResolvers: true })
export class Company implements Pick<CompanyRow, "id" | "name" | "website" | "tin"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true })
  tin!: string | null;
}

@ObjectType({ simpleResolvers: true })
export class Contact implements Pick<ContactRow, "id" | "firstName" | "lastName" | "email" | "phone" | "saved"> {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  firstName!: string | null;

  @Field(() => String, { nullable: true })
  lastName!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => Boolean)
  saved!: boolean;
}

@ObjectType({ simpleResolvers: true })
export class Deal
  implements Pick<DealRow, "id" | "name" | "stage" | "amount" | "currency" | "probability" | "closeDate">
{
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  stage!: string;

  @Field(() => Float, { nullable: true })
  amount!: number | null;

  @Field(() => String, { nullable: true })
  currency!: string | null;

  @Field(() => Int, { nullable: true })
  probability!: number | null;

  @Field(() => Date, { nullable: true })
  closeDate!: Date | null;
}
