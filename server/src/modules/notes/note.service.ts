import { FieldErrors } from "@leadline/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type LeadEventRow, leads } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { appendLeadEvent } from "../events/event.service.js";
import { attachFilesOrThrow } from "../files/attachments.js";
import type { AttachmentParams } from "../lead-core/lead.params.js";
import { normalizeAttachments } from "../lead-core/lead.validation.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import type { Activity } from "../live/event.types.js";

export const MAX_NOTE_LENGTH = 10_000;

export interface AddNoteParams {
  body: string;
  attachments?: AttachmentParams[] | null;
}

/** Seed 001's job notes and photos: a timeline entry on the lead, its files added to the lead's attachments. */
export class NoteService {
  constructor(private readonly db: Database) {}

  /**
   * Writes a NOTE_ADDED event holding the note and its attachments, in one
   * transaction with the attachment rows, so the timeline never shows a
   * photo the lead does not have. A note is activity, not an edit: the lead's
   * version stays, so a colleague's edit in progress does not turn into a
   * CONFLICT because someone wrote a note.
   */
  async addNote(viewer: Viewer, leadId: string, params: AddNoteParams): Promise<Activity> {
    const errors = new FieldErrors();
    const body = params.body.trim();
    if (!body) errors.add("body", "is required");
    else if (body.length > MAX_NOTE_LENGTH) errors.add("body", `must be at most ${MAX_NOTE_LENGTH} characters`);
    const list = params.attachments ? normalizeAttachments(params.attachments, errors) : [];
    if (!errors.empty) throw badInput(errors.list);
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, leadId);
      const attached = await attachFilesOrThrow(tx, viewer, lead.id, list);
      await tx.update(leads).set({ lastActivityAt: new Date() }).where(eq(leads.id, lead.id));
      const event = await appendLeadEvent(tx, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: "NOTE_ADDED",
        actor: viewer,
        payload: {
          body,
          attachments: attached.map((a) => ({
            id: a.id,
            url: a.url,
            name: a.name,
            fileType: a.fileType,
            size: a.size,
          })),
        },
      });
      return activityOf(event);
    });
  }
}

/** The timeline entry of an event, as `activitiesOf` shows it. */
function activityOf(row: LeadEventRow): Activity {
  return {
    id: String(row.sequence),
    type: row.type,
    data: row.payload,
    createdAt: row.createdAt,
    actorUserId: row.actorUserId,
  };
}
