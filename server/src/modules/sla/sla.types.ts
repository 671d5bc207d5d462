import type { SlaState } from "@leadline/shared";
import { Field, ID, ObjectType } from "type-graphql";
import { SlaStateEnum } from "../../graphql/enums.js";

@ObjectType({ simpleResolvers: true })
export class Sla {
  @Field(() => SlaStateEnum)
  state!: SlaState;

  @Field(() => Date, { nullable: true })
  firstResponseDueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  atRiskAt!: Date | null;

  @Field(() => Date, { nullable: true })
  firstResponseAt!: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class SlaTick {
  @Field(() => ID)
  leadId!: string;

  @Field(() => Sla)
  sla!: Sla;

  @Field(() => Date)
  at!: Date;
}
