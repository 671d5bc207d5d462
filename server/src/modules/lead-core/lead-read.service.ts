import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { visibleLeads } from "./lead-access.js";
import { type LeadPage, type ListLeadsParams, listLeads } from "./lead-query.js";

export interface FindLeadParams {
  id?: string | null;
  requestId?: number | null;
}

/** Reading leads: one by id or number, or a filtered page; visibility is in every query. */
export class LeadReadService {
  constructor(private readonly db: Database) {}

  async findLead(viewer: Viewer, params: FindLeadParams): Promise<LeadRow | null> {
    if ((params.id == null) === (params.requestId == null)) {
      throw badInput([{ field: "id", message: "give exactly one of id or requestId" }]);
    }
    if (params.id != null && !isUuid(params.id)) return null;
    const key = params.id != null ? eq(leads.id, params.id) : eq(leads.requestId, params.requestId as number);
    const [lead] = await this.db
      .select()
      .from(leads)
      .where(and(visibleLeads(viewer), key));
    return lead ?? null;
  }

  listLeads(viewer: Viewer, params: ListLeadsParams): Promise<LeadPage> {
    return listLeads(this.db, viewer, params);
  }
}
