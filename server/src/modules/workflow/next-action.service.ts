import type { NextActionType } from "@leadline/shared";
import type { Database } from "../../db/client.js";
import type { LeadRow } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";

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
      const nextAction = (v: typeof values) =>
        v.nextActionType ? { type: v.nextActionType, dueAt: v.nextActionDueAt, note: v.nextActionNote } : null;
      return writeLeadChange(tx, lead, values, {
        type: "UPDATED",
        actor: viewer,
        payload: { changes: { nextAction: { from: nextAction(lead), to: nextAction(values) } } },
      });
    });
  }
}
