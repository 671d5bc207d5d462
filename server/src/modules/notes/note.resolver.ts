import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from "type-graphql";
import { type Context, viewerOrThrow } from "../../graphql/context.js";
import { AttachmentInput } from "../lead-core/lead.types.js";
import { Activity } from "../live/event.types.js";

@Resolver()
export class NoteResolver {
  @Authorized()
  @Mutation(() => Activity, {
    description:
      "Adds a note, with files uploaded to POST /uploads (url /files/<id>) or links, to a lead you may work; returns its NOTE_ADDED timeline entry.",
  })
  addNote(
    @Arg("id", () => ID) id: string,
    @Arg("body", () => String) body: string,
    @Arg("attachments", () => [AttachmentInput], { nullable: true }) attachments: AttachmentInput[] | null,
    @Ctx() ctx: Context,
  ): Promise<Activity> {
    return ctx.services.notes.addNote(viewerOrThrow(ctx), id, { body, attachments });
  }
}
