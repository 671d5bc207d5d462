import { Field, ID, ObjectType } from "type-graphql";
import { Sla } from "../leads/lead.types.js";

@ObjectType({ simpleResolvers: true })
export class SlaTick {
  @Field(() => ID)
  leadId!: string;

  @Field(() => Sla)
  sla!: Sla;

  @Field(() => Date)
  at!: Date;
}
