import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { ConversionResult, ConvertLeadInput } from "./conversion.types.js";

@Resolver()
export class ConversionResolver {
  @Authorized()
  @Mutation(() => ConversionResult, {
    description:
      "Converts a lead in one transaction: contact, company and optional deal; the lead moves to its WON stage and becomes read-only.",
  })
  convertLead(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => ConvertLeadInput) input: ConvertLeadInput,
    @Ctx() ctx: Context,
  ): Promise<ConversionResult> {
    return ctx.services.conversion.convertLead(viewerOrThrow(ctx), id, input);
  }
}
