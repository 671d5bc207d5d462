import { Field, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "The inbound webhook's signing secret, shown once." })
export class WebhookSecret {
  @Field(() => String, { description: "whsec_…: sign requests to POST /hooks/leads/:tenantSlug with it." })
  secret!: string;

  @Field(() => Date, {
    nullable: true,
    description: "Until when the secret it replaced still verifies; null when there was none.",
  })
  previousValidUntil!: Date | null;
}
