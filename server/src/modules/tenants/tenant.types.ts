import type { IntakeDuplicatePolicy, TenantSettingsChange, TenantSettingsValues } from "@leadline/shared";
import { Field, Float, InputType, Int, ObjectType } from "type-graphql";
import { IntakeDuplicatePolicyEnum } from "../../graphql/enums.js";

@ObjectType({
  simpleResolvers: true,
  description:
    "How your tenant works. Changes hold from the next lead, claim or invitation on; clocks already running keep their times.",
})
export class TenantSettings implements TenantSettingsValues {
  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "IANA time zone: where the inbox's TODAY ends." })
  timeZone!: string;

  @Field(() => String, { description: "ISO 3166 country for phone numbers written without a country prefix." })
  defaultCountry!: string;

  @Field(() => Float, { description: "How long a claim on a pool lead holds, in minutes." })
  claimWindowMinutes!: number;

  @Field(() => Float, { description: "First-response SLA, in minutes from a lead's creation." })
  slaFirstResponseMinutes!: number;

  @Field(() => Int, { description: "Share of the first-response time after which a lead is AT_RISK." })
  slaAtRiskPercent!: number;

  @Field(() => Float, { description: "How long a customer's invitation stays valid, in days." })
  invitationTtlDays!: number;

  @Field(() => IntakeDuplicatePolicyEnum, {
    description: "What the webhook, REST, forms and imports do with a likely duplicate; manual entry asks instead.",
  })
  intakeDuplicatePolicy!: IntakeDuplicatePolicy;

  @Field(() => String, { description: "The sender name on outbound email; empty: the workspace name." })
  mailFromName!: string;

  @Field(() => String, {
    description: "A shared inbox that also gets replies to outbound email; empty: only the lead's own reply address.",
  })
  mailReplyTo!: string;
}

@InputType({ description: "The settings to change; absent fields stay as they are." })
export class TenantSettingsInput implements TenantSettingsChange {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  timeZone?: string | null;

  @Field(() => String, { nullable: true })
  defaultCountry?: string | null;

  @Field(() => Float, { nullable: true, description: "More than 0, at most 30 days' worth; fractions allowed." })
  claimWindowMinutes?: number | null;

  @Field(() => Float, { nullable: true, description: "More than 0, at most 30 days' worth; fractions allowed." })
  slaFirstResponseMinutes?: number | null;

  @Field(() => Int, { nullable: true, description: "1 to 99." })
  slaAtRiskPercent?: number | null;

  @Field(() => Float, { nullable: true, description: "More than 0, at most 365." })
  invitationTtlDays?: number | null;

  @Field(() => IntakeDuplicatePolicyEnum, { nullable: true })
  intakeDuplicatePolicy?: IntakeDuplicatePolicy | null;

  @Field(() => String, { nullable: true })
  mailFromName?: string | null;

  @Field(() => String, { nullable: true, description: "An email address; empty string for none." })
  mailReplyTo?: string | null;
}
