import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { CompanyRow, ContactRow, DealRow } from "../../db/schema/index.js";
import { PageInfo, TotalCountField } from "../../graphql/pagination.js";
import type { CompanyFields, ContactFields } from "./crm-records.service.js";

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

@ObjectType({ simpleResolvers: true })
export class CompanyEdge {
  @Field(() => Company)
  node!: CompanyRow;

  @Field(() => String)
  cursor!: string;
}

@ObjectType({ simpleResolvers: true })
export class CompanyConnection {
  @Field(() => [CompanyEdge])
  edges!: CompanyEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @TotalCountField()
  totalCount!: number | PromiseLike<number>;
}

@ObjectType({ simpleResolvers: true })
export class ContactEdge {
  @Field(() => Contact)
  node!: ContactRow;

  @Field(() => String)
  cursor!: string;
}

@ObjectType({ simpleResolvers: true })
export class ContactConnection {
  @Field(() => [ContactEdge])
  edges!: ContactEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @TotalCountField()
  totalCount!: number | PromiseLike<number>;
}

@InputType({ description: "Seed 002: name, website (by its domain) and TIN are each unique in the tenant." })
export class CompanyInput implements CompanyFields {
  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => String, { nullable: true, description: "9, 10 or 12 digits." })
  tin?: string | null;
}

@InputType({ description: "On update, a field left out stays as it is; null or blank clears it." })
export class ContactInput implements ContactFields {
  @Field(() => String, { nullable: true })
  firstName?: string | null;

  @Field(() => String, { nullable: true })
  lastName?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => ID, { nullable: true })
  companyId?: string | null;
}
