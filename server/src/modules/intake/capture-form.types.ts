import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { CaptureFormRow } from "../../db/schema/index.js";
import type { CaptureFormParams } from "./capture-form.service.js";

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

  @Field(() => Int, { description: "Accepted submissions, a repeat visitor's included." })
  submissions!: number;

  @Field(() => String, { nullable: true })
  redirectUrl!: string | null;
}

@InputType({ description: "A capture form: the lead fields it asks for beyond name, email, phone, company and title." })
export class CaptureFormInput implements CaptureFormParams {
  @Field(() => String)
  name!: string;

  @Field(() => [String], {
    description: "Lead field keys (for example city, description, companyWebsite), shown after the base fields.",
  })
  fields!: string[];

  @Field(() => Boolean, { nullable: true })
  active?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Needs the tenant's reCAPTCHA keys (setCaptchaCredential)." })
  captchaEnabled?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description: "Where the visitor goes after submitting; a thank-you page if absent.",
  })
  redirectUrl?: string | null;

  @Field(() => ID, { nullable: true, description: "Where leads no routing rule matches go." })
  queueId?: string | null;
}
