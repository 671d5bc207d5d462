import { Field, Float, ID, InputType, Int, ObjectType } from "type-graphql";
import type { CompanyRow, ContactRow, DealRow, LeadRow } from "../../db/schema/index.js";
import { Company, Contact, Deal } from "../crm/crm.types.js";
import { Lead } from "../lead-core/lead.types.js";
import type { ConvertLeadParams } from "./conversion.service.js";

@InputType({ description: "What a conversion links to or creates; every field is optional." })
export class ConvertLeadInput implements ConvertLeadParams {
  @Field(() => ID, {
    nullable: true,
    description: "An existing contact; default: the lead's, one matched by email or phone, or a new one.",
  })
  contactId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: "An existing company; default: the lead's, or one found by TIN, website or name.",
  })
  companyId?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Create the lead's company when none is found (default true when the lead names one; false: no company).",
  })
  createCompany?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Also create a deal from the fields below." })
  createDeal?: boolean | null;

  @Field(() => String, { nullable: true, description: "Defaults to the lead's name." })
  dealName?: string | null;

  @Field(() => String, { nullable: true, description: "Defaults to 'qualification'." })
  dealStage?: string | null;

  @Field(() => Float, { nullable: true, description: "0 or more; needs a currency." })
  amount?: number | null;

  @Field(() => String, { nullable: true, description: "ISO 4217, e.g. USD." })
  currency?: string | null;

  @Field(() => Int, { nullable: true, description: "0–100." })
  probability?: number | null;

  @Field(() => Date, { nullable: true })
  closeDate?: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class ConversionResult {
  @Field(() => Lead, { description: "The lead, now in its WON stage and read-only." })
  lead!: LeadRow;

  @Field(() => Contact)
  contact!: ContactRow;

  @Field(() => Company, { nullable: true })
  company!: CompanyRow | null;

  @Field(() => Deal, { nullable: true })
  deal!: DealRow | null;
}
