import type { NextActionType } from "@leadline/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type LeadRow, leads } from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput } from "../../graphql/errors.js";
import type { Viewer } from "../auth/viewer.js";
import { appendLeadEvent } from "../events/event.service.js";
import { lockWorkableLeadOrThrow } from "../leads/lead-access.js";

export interface NextActionParams {
  type: NextActionType;
  dueAt: Date;
  note?: string | null;
}

/** Seeds 001 and 003: what to do next and when; the inbox sorts by it. */
export class NextActionService {
  constructor(private readonly db: Database) {}

  async setNextAction(viewer: Viewer, id: string, params: NextActionParams): Promise<LeadRow> {
    const note = params.note?.trim() || null;
    if (note && note.length > 2_000) throw badInput([{ field: "note", message: "must be at most 2000 characters" }]);
    if (Number.isNaN(params.dueAt.getTime())) throw badInput([{ field: "dueAt", message: "is not a date" }]);
    return this.write(viewer, id, { nextActionType: params.type, nextActionDueAt: params.dueAt, nextActionNote: note });
  }

  async clearNextAction(viewer: Viewer, id: string): Promise<LeadRow> {
    return this.write(viewer, id, { nextActionType: null, nextActionDueAt: null, nextActionNote: null });
  }

  private async write(
    viewer: Viewer,
    id: string,
    values: Pick<LeadRow, "nextActionType" | "nextActionDueAt" | "nextActionNote">,
  ) {
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
      const now = new Date();
      const [updated] = await tx
        .update(leads)
        .set({ ...values, version: lead.version + 1, updatedAt: now, lastActivityAt: now })
        .where(eq(leads.id, lead.id))
        .returning();
      assertFoundOrThrow(updated, "Lead");
      await appendLeadEvent(tx, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: "UPDATED",
        actor: viewer,
        payload: {
          changes: {
            nextAction: {
              from: lead.nextActionType
                ? { type: lead.nextActionType, dueAt: lead.nextActionDueAt, note: lead.nextActionNote }
                : null,
              to: values.nextActionType
                ? { type: values.nextActionType, dueAt: values.nextActionDueAt, note: values.nextActionNote }
                : null,
            },
          },
          version: updated.version,
        },
      });
      return updated;
    });
  }
}
