import type { QueueView } from "@leadline/shared";
import { and, eq, or, type SQL, sql } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { leads, stages, tenants } from "../../db/schema/index.js";
import type { Viewer } from "../auth/viewer.js";
import { type LeadPage, type ListLeadsParams, leadFilterConditions, listLeads } from "../lead-core/lead-query.js";

/**
 * The inbox tabs of DESIGN.md as SQL, in the tenant's time zone. The views do
 * not overlap: NOW wins, and a lead in NOW is in no other tab.
 *   NOW      open, and SLA at risk or breached without a first response, or next action due within the hour / overdue
 *   TODAY    open, next action due later today
 *   LATER    open, next action due after today
 *   RECOVERY open with no next action and no activity for 3 days, and LOST leads of the last 30 days
 */
export function queueViewConditions(
  timeZone: string,
  // A lookup per lead suits a list, which meets few leads; counts join `stages` and pass its column.
  category: SQL = sql`(select ${stages.category} from ${stages} where ${stages.pipelineId} = ${leads.pipelineId} and ${stages.key} = ${leads.status})`,
): Record<QueueView, SQL> {
  const open = sql`${category} = 'OPEN'`;
  const slaUrgent = sql`(${leads.firstResponseAt} is null and not ${leads.slaPaused} and ${leads.slaAtRiskAt} <= now())`;
  const dueSoon = sql`(${leads.nextActionDueAt} <= now() + interval '1 hour')`;
  const endOfToday = sql`((date_trunc('day', now() at time zone ${timeZone}) + interval '1 day') at time zone ${timeZone})`;
  // Written so each arm of the OR matches a partial index (running SLA clocks; next actions).
  const now = sql`(${open} and (${slaUrgent} or ${dueSoon}))`;
  return {
    NOW: now,
    TODAY: sql`(${open} and ${leads.nextActionDueAt} > now() + interval '1 hour' and ${leads.nextActionDueAt} < ${endOfToday} and not coalesce(${slaUrgent}, false))`,
    LATER: sql`(${open} and ${leads.nextActionDueAt} >= ${endOfToday} and not coalesce(${slaUrgent}, false))`,
    RECOVERY: sql`((${open} and ${leads.nextActionDueAt} is null and not coalesce(${slaUrgent}, false) and ${leads.lastActivityAt} < now() - interval '3 days')
      or (${category} = 'LOST' and ${leads.updatedAt} >= now() - interval '30 days'))`,
  };
}

const VIEW_ORDER: Record<QueueView, NonNullable<ListLeadsParams["orderBy"]>> = {
  NOW: { field: "URGENCY", direction: "ASC" },
  TODAY: { field: "NEXT_ACTION_DUE", direction: "ASC" },
  LATER: { field: "NEXT_ACTION_DUE", direction: "ASC" },
  RECOVERY: { field: "UPDATED_AT", direction: "DESC" },
};

export class InboxService {
  constructor(private readonly db: Database) {}

  /** One tab of the inbox, most urgent first, keyset-paged like every list. */
  async inbox(viewer: Viewer, view: QueueView, first: number | null, after: string | null): Promise<LeadPage> {
    const views = queueViewConditions(await this.timeZoneOf(viewer.tenantId));
    return listLeads(this.db, viewer, {
      where: [this.scope(viewer), views[view]],
      orderBy: VIEW_ORDER[view],
      first,
      after,
    });
  }

  /** All four tab counts in one pass over the viewer's leads, the stage category joined once. */
  async inboxCounts(viewer: Viewer): Promise<Record<"now" | "today" | "later" | "recovery", number>> {
    const views = queueViewConditions(await this.timeZoneOf(viewer.tenantId), sql`${stages.category}`);
    const where = and(...leadFilterConditions(viewer, null), this.scope(viewer));
    const [row] = await this.db
      .select({
        now: sql<number>`count(*) filter (where ${views.NOW})::int`,
        today: sql<number>`count(*) filter (where ${views.TODAY})::int`,
        later: sql<number>`count(*) filter (where ${views.LATER})::int`,
        recovery: sql<number>`count(*) filter (where ${views.RECOVERY})::int`,
      })
      .from(leads)
      .innerJoin(stages, and(eq(stages.pipelineId, leads.pipelineId), eq(stages.key, leads.status)))
      .where(where);
    return { now: row?.now ?? 0, today: row?.today ?? 0, later: row?.later ?? 0, recovery: row?.recovery ?? 0 };
  }

  /** A user's inbox holds their own and claimed leads, unless they may view all. */
  private scope(viewer: Viewer): SQL {
    if (viewer.permissions.viewAll) return sql`true`;
    return or(eq(leads.ownerId, viewer.userId), eq(leads.claimedById, viewer.userId)) as SQL;
  }

  private async timeZoneOf(tenantId: string): Promise<string> {
    const [tenant] = await this.db.select({ timeZone: tenants.timeZone }).from(tenants).where(eq(tenants.id, tenantId));
    return tenant?.timeZone ?? "UTC";
  }
}
