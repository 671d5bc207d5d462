import { Field, ObjectType } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import { DuplicateMatch } from "../duplicates/duplicate.types.js";
import type { DuplicateMatchRow } from "../duplicates/duplicate-match.js";
import { Lead } from "../lead-core/lead.types.js";

@ObjectType({ simpleResolvers: true })
export class CreateLeadPayload {
  @Field(() => Lead, {
    nullable: true,
    description: "The new lead, or with onDuplicate MERGE the lead merged into; null when duplicates await a choice.",
  })
  lead!: LeadRow | null;

  @Field(() => [DuplicateMatch], { description: "Likely duplicates found before creating, best first." })
  duplicates!: DuplicateMatchRow[];

  @Field(() => Boolean, { description: "True when the input was merged into an existing lead." })
  merged!: boolean;
}
