import type { DuplicateProbeFields } from "@leadline/shared";
import { Field, Float, InputType, ObjectType } from "type-graphql";
import type { ContactRow, LeadRow } from "../../db/schema/index.js";
import { Contact } from "../crm/crm.types.js";
import { Lead } from "../lead-core/lead.types.js";
import type { DuplicateMatchRow } from "./duplicate-match.js";

@ObjectType({
  simpleResolvers: true,
  description: "A likely duplicate: a lead you may see, or a tenant contact, with why and how sure.",
})
export class DuplicateMatch implements DuplicateMatchRow {
  @Field(() => Lead, { nullable: true })
  lead!: LeadRow | null;

  @Field(() => Contact, { nullable: true })
  contact!: ContactRow | null;

  @Field(() => [String], {
    description: 'Strongest first: "email", "phone", "tin", "domain", "company", "company~0.67", "name", "name~0.82".',
  })
  reasons!: string[];

  @Field(() => Float, { description: "0–1: exact email or phone near 1, a similar name at the same company lower." })
  confidence!: number;
}

@InputType({ description: "Any common format: normalized as lead input is (phone in the tenant's default country)." })
export class DuplicateProbeInput implements DuplicateProbeFields {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  companyName?: string | null;

  @Field(() => String, { nullable: true })
  companyWebsite?: string | null;

  @Field(() => String, { nullable: true })
  companyTin?: string | null;

  @Field(() => String, { nullable: true, description: "The person's name, compared by trigram similarity." })
  name?: string | null;
}
