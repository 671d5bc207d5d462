import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import type { CaptureFormRow } from "../../db/schema/index.js";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { Queue } from "../routing/queue.types.js";
import { CaptchaCredential, CaptureForm, CaptureFormInput, CaptureFormPreviewPages } from "./capture-form.types.js";

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

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      "Admins: removes the tenant's reCAPTCHA keys; false when none were set. Refused (CONFLICT, INVALID_STATE) while a form has captchaEnabled.",
  })
  clearCaptchaCredential(@Ctx() ctx: Context) {
    return ctx.services.captureForms.clearCaptchaCredential(viewerOrThrow(ctx));
  }

  @Authorized()
  @Query(() => CaptchaCredential, {
    nullable: true,
    description: "Marketers and admins: the tenant's reCAPTCHA site key and that its secret is set; null when none.",
  })
  captchaCredential(@Ctx() ctx: Context) {
    return ctx.services.captureForms.captchaStatus(viewerOrThrow(ctx));
  }

  @Authorized()
  @Query(() => CaptureFormPreviewPages, {
    description:
      "Marketers and admins: a form as a visitor will see it, from settings not yet saved. Nothing is stored.",
  })
  captureFormPreview(@Arg("input", () => CaptureFormInput) input: CaptureFormInput, @Ctx() ctx: Context) {
    return ctx.services.captureForms.preview(viewerOrThrow(ctx), input);
  }

  @FieldResolver(() => Queue, { nullable: true, description: "Where its leads go when no routing rule matches." })
  queue(@Root() form: CaptureFormRow, @Ctx() ctx: Context) {
    return form.queueId ? ctx.loaders.queue.load(form.queueId) : null;
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
