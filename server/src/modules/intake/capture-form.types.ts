import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { CaptureFormRow } from "../../db/schema/index.js";
import type { CaptchaStatus, CaptureFormParams, CaptureFormPreview } from "./capture-form.service.js";

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

  @Field(() => String, {
    nullable: true,
    description:
      "What the visitor reads after sending, when there is no redirectUrl; the standard thank-you if absent.",
  })
  thankYouMessage!: string | null;
}

@ObjectType({
  simpleResolvers: true,
  description: "The tenant's reCAPTCHA keys as the app may show them: the public site key, and that a secret is set.",
})
export class CaptchaCredential implements CaptchaStatus {
  @Field(() => String)
  siteKey!: string;

  @Field(() => Boolean, { description: "Always true: the secret is stored sealed and no API returns it." })
  secretSet!: true;

  @Field(() => Date)
  updatedAt!: Date;
}

@ObjectType({
  simpleResolvers: true,
  description: "A capture form as a visitor will see it, rendered from unsaved settings.",
})
export class CaptureFormPreviewPages implements CaptureFormPreview {
  @Field(() => String, { description: "The hosted page (a whole HTML document; show it in a sandboxed frame)." })
  formHtml!: string;

  @Field(() => String, { description: "The page after sending, with the form's thank-you message." })
  thanksHtml!: string;
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

  @Field(() => String, {
    nullable: true,
    description: "The thank-you page's text (at most 1,000 characters; blank lines start paragraphs).",
  })
  thankYouMessage?: string | null;

  @Field(() => ID, { nullable: true, description: "Where leads no routing rule matches go." })
  queueId?: string | null;
}
