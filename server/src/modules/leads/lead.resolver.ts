import type { DuplicateResolution } from "@leadline/shared";
import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { DuplicateResolutionEnum } from "../../graphql/enums.js";
import { CreateLeadInput, Lead, UpdateLeadInput } from "../lead-core/lead.types.js";
import { CreateLeadPayload } from "./lead.types.js";

/** Creating and editing a lead by hand: each mutation is one call of its use case. */
@Resolver(() => Lead)
export class LeadChangeResolver {
  @Authorized()
  @Mutation(() => CreateLeadPayload)
  createLead(
    @Arg("input", () => CreateLeadInput) input: CreateLeadInput,
    @Arg("onDuplicate", () => DuplicateResolutionEnum, {
      nullable: true,
      description: "What to do when duplicates exist; absent: create nothing and return them (the merge prompt).",
    })
    onDuplicate: DuplicateResolution | null,
    @Ctx() ctx: Context,
  ) {
    const viewer = viewerOrThrow(ctx);
    return ctx.services.createLead.run(viewer, {
      input,
      channel: viewer.via.kind === "apiKey" ? "API" : "MANUAL",
      duplicates: onDuplicate ?? "PROMPT",
      route: false,
    });
  }

  @Authorized()
  @Mutation(() => Lead)
  updateLead(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => UpdateLeadInput) input: UpdateLeadInput,
    @Arg("expectedVersion", () => Int, { nullable: true }) expectedVersion: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.updateLead.run(viewerOrThrow(ctx), id, input, expectedVersion);
  }
}
