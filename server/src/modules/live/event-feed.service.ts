import { and, asc, desc, eq, getTableColumns, gt, lt, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type LeadEventRow, type LeadRow, leadEvents, leads } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { listLeadEvents } from "../events/event.service.js";
import { visibleLeads } from "../lead-core/lead-access.js";
import { MAX_PAGE_SIZE } from "../lead-core/lead-query.js";

export const DEFAULT_FEED_PAGE = 100;
export const MAX_FEED_PAGE = 1_000;
/** How far back a catch-up cursor starts: longer than a change takes to commit. */
const COMMIT_MARGIN = "2 seconds";

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

  /** A visible lead's timeline from the event log, oldest first. */
  async activitiesOf(viewer: Viewer, lead: LeadRow, page: { first?: number | null; after?: string | null }) {
    if (lead.tenantId !== viewer.tenantId) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const first = page.first ?? 50;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw badInput([{ field: "first", message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
    }
    const after = page.after == null ? null : Number(page.after);
    if (after !== null && !Number.isSafeInteger(after))
      throw badInput([{ field: "after", message: "is not a cursor this API issued" }]);
    const rows = await listLeadEvents(this.db, viewer.tenantId, lead.id, first, after);
    const edges = rows.slice(0, first).map((row) => ({
      cursor: String(row.sequence),
      node: {
        id: String(row.sequence),
        type: row.type,
        data: row.payload,
        createdAt: row.createdAt,
        actorUserId: row.actorUserId,
      },
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

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

  /**
   * Where a client that just read its data starts catching up: the newest
   * event sequence of the viewer's tenant, less the events of the last
   * COMMIT_MARGIN. The margin covers a change that commits out of sequence
   * order (its number was drawn before a faster change's) and a cursor read
   * beside the data in one request; those events come again, and clients
   * ignore sequences they have seen. The client then subscribes and catches
   * up from it over the same socket (docs/realtime.md).
   */
  async catchUpCursor(viewer: Viewer): Promise<string> {
    const [row] = await this.db
      .select({ sequence: leadEvents.sequence })
      .from(leadEvents)
      .where(
        and(
          eq(leadEvents.tenantId, viewer.tenantId),
          lt(leadEvents.createdAt, sql`now() - ${COMMIT_MARGIN}::interval`),
        ),
      )
      .orderBy(desc(leadEvents.sequence))
      .limit(1);
    return String(row?.sequence ?? 0);
  }
}
