import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { LeadEventType, WebhookDeliveryRow, WebhookEndpointRow } from "../../db/schema/index.js";
import { LeadEventTypeEnum } from "../../graphql/enums.js";
import type { WebhookEndpointParams } from "./webhook-endpoint.service.js";

@ObjectType({
  description:
    "ADMIN: where the tenant's lead events are pushed, signed per Standard Webhooks. The secret is shown once, by createWebhookEndpoint.",
})
export class WebhookEndpoint
  implements Pick<WebhookEndpointRow, "id" | "url" | "eventTypes" | "active" | "disabledReason" | "failingSince">
{
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [LeadEventTypeEnum])
  eventTypes!: LeadEventType[];

  @Field(() => Boolean, { description: "False when an admin paused it or it was disabled after failing for 24 hours." })
  active!: boolean;

  @Field(() => String, { nullable: true, description: "Why delivery stopped by itself; cleared on re-enable." })
  disabledReason!: string | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the current run of failed attempts began; null while deliveries succeed.",
  })
  failingSince!: Date | null;
}

@ObjectType({ simpleResolvers: true, description: "One event owed to one endpoint, and its attempts so far." })
export class WebhookDelivery
  implements Pick<WebhookDeliveryRow, "id" | "attempt" | "statusCode" | "lastError" | "deliveredAt" | "nextAttemptAt">
{
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "The event's sequence in the lead event log." })
  eventSequence!: string;

  @Field(() => LeadEventTypeEnum)
  eventType!: LeadEventType;

  @Field(() => Int, { description: "Attempts made so far." })
  attempt!: number;

  @Field(() => Int, { nullable: true, description: "The HTTP status of the last attempt; null if none answered." })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: "Why the last attempt failed; null after a success." })
  lastError!: string | null;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, {
    nullable: true,
    description: "When the next attempt is due; null once delivered or given up (after 24 hours of failures).",
  })
  nextAttemptAt!: Date | null;

  @Field(() => Date, { description: "When it was queued (again, for a replay)." })
  createdAt!: Date;
}

@ObjectType({ simpleResolvers: true })
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpoint)
  endpoint!: WebhookEndpointRow;

  @Field(() => String, {
    description: "whsec_…: verify our webhook-signature with it. Shown here only, never again.",
  })
  secret!: string;
}

@InputType()
export class WebhookEndpointInput implements WebhookEndpointParams {
  @Field(() => String, {
    description: "http(s) URL; refused when it is or resolves to a private, loopback or link-local address.",
  })
  url!: string;

  @Field(() => [LeadEventTypeEnum], { description: "At least one; only these events are sent." })
  eventTypes!: LeadEventType[];

  @Field(() => Boolean, {
    nullable: true,
    description: "Default true on create, unchanged on update; true re-enables a disabled endpoint.",
  })
  active?: boolean | null;
}
