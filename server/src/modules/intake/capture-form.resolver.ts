import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CaptureFormRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { CaptureForm, CaptureFormInput } from "./capture-form.types.js";

@Resolver(() => CaptureForm)
export class CaptureFormResolver {
  @Authorized()
  @Query(() => [CaptureForm], { description: "Marketers and admins: the tenant's capture forms." })
  captureForms(@Ctx() ctx: Context) {
    return ctx.services.captureForms.list(viewerOrThrow(ctx));
  }

  @Authorized()
  @Mutation(() => CaptureForm, { description: "Marketers and admins: creates a form (no id) or replaces one." })
  upsertCaptureForm(
    @Arg("id", () => ID, { nullable: true }) id: string | null,
    @Arg("input", () => CaptureFormInput) input: CaptureFormInput,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.captureForms.upsert(viewerOrThrow(ctx), id, input);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Admins: the tenant's reCAPTCHA keys. The secret is stored encrypted with the server key and never returned.",
  })
  setCaptchaCredential(
    @Arg("siteKey", () => String) siteKey: string,
    @Arg("secret", () => String) secret: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.captureForms.setCaptchaCredential(viewerOrThrow(ctx), siteKey, secret);
  }

  @FieldResolver(() => String, { description: "The hosted form: link to it, or open it in a frame." })
  embedUrl(@Root() form: CaptureFormRow, @Ctx() ctx: Context): string {
    return `${ctx.services.publicUrl}/f/${form.id}`;
  }

  @FieldResolver(() => String, { description: "Paste into any web page to show the form there." })
  embedSnippet(@Root() form: CaptureFormRow, @Ctx() ctx: Context): string {
    return `<script src="${ctx.services.publicUrl}/embed.js" data-form="${form.id}" async></script>`;
  }
}
