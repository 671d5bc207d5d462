import { Field, ID, ObjectType } from "type-graphql";
import type { DeliveryState, MessageChannel, MessageDirection } from "../../db/schema/index.js";
import { DeliveryStateEnum, MessageChannelEnum, MessageDirectionEnum } from "../../graphql/enums.js";
import type { MessageRow } from "./message.service.js";

@ObjectType({ description: "A message to or from a lead's person, with where its delivery stands." })
export class Message
  implements
    Pick<
      MessageRow,
      "id" | "channel" | "direction" | "to" | "from" | "subject" | "body" | "deliveryState" | "createdAt"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => MessageChannelEnum)
  channel!: MessageChannel;

  @Field(() => MessageDirectionEnum)
  direction!: MessageDirection;

  @Field(() => String)
  to!: string;

  @Field(() => String, {
    nullable: true,
    description: "The sender: our address for outbound mail, the person's for a reply.",
  })
  from!: string | null;

  @Field(() => String, { nullable: true })
  subject!: string | null;

  @Field(() => String)
  body!: string;

  @Field(() => DeliveryStateEnum)
  deliveryState!: DeliveryState;

  @Field(() => Date)
  createdAt!: Date;
}
