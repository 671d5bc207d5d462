import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { Contact } from "../crm/crm.types.js";

@Resolver()
export class SavedContactResolver {
  @Authorized()
  @Mutation(() => Contact, {
    description:
      "Saves (or unsaves) the contact of a lead's person for repeat business. `id` is the lead's id; its contact is found by email or phone, or created, and linked to the lead.",
  })
  saveContact(
    @Arg("id", () => ID, { description: "The lead's id." }) id: string,
    @Arg("saved", () => Boolean) saved: boolean,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.savedContacts.saveContact(viewerOrThrow(ctx), id, saved);
  }
}
