import { and, asc, eq, getTableColumns, gt } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type LeadEventRow, type LeadRow, leadEvents, leads } from "../../db/schema/index.js";
import { badInput } from "../../graphql/errors.js";
import type { Viewer } from "../auth/viewer.js";
import { visibleLeads } from "../leads/lead-access.js";

export const DEFAULT_FEED_PAGE = 100;
export const MAX_FEED_PAGE = 1_000;

export interface FeedEvent {
  event: LeadEventRow;
  lead: LeadRow;
}

/**
 * The lead event log as a feed: what a client missed after `sequence`, in
 * sequence order, for leads the viewer may see now. Delivery is at least once:
 * a client keeps the highest sequence it processed and ignores repeats.
 */
export class EventFeedService {
  constructor(private readonly db: Database) {}

  async eventsSince(viewer: Viewer, sequence: string, first: number | null | undefined): Promise<FeedEvent[]> {
    const after = /^\d{1,18}$/.test(sequence.trim()) ? Number(sequence.trim()) : Number.NaN;
    const errors = [];
    if (!Number.isSafeInteger(after))
      errors.push({ field: "sequence", message: "must be a sequence number from an earlier event" });
    const limit = first ?? DEFAULT_FEED_PAGE;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_FEED_PAGE) {
      errors.push({ field: "first", message: `must be between 1 and ${MAX_FEED_PAGE}` });
    }
    if (errors.length) throw badInput(errors);
    const rows = await this.db
      .select({ event: getTableColumns(leadEvents), lead: getTableColumns(leads) })
      .from(leadEvents)
      .innerJoin(leads, eq(leads.id, leadEvents.leadId))
      .where(and(eq(leadEvents.tenantId, viewer.tenantId), gt(leadEvents.sequence, after), visibleLeads(viewer)))
      .orderBy(asc(leadEvents.sequence))
      .limit(limit);
    return rows;
  }
}
