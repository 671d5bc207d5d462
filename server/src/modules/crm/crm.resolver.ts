import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ContactRow } from "../../db/schema/index.js";
import type { Context } from "../../graphql/context.js";
import { Company, Contact } from "./crm.types.js";

@Resolver(() => Contact)
export class ContactFieldsResolver {
  @FieldResolver(() => Company, { nullable: true })
  company(@Root() contact: ContactRow, @Ctx() ctx: Context) {
    return contact.companyId ? ctx.loaders.company.load(contact.companyId) : null;
  }
}
