import type { QueueView, StageCategory } from "@leadline/shared";
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
  timeZone: SQL,
  // A list meets few leads: whether its stage is in a category is looked up in the tenant's few
  // stages, hashed once per statement. Counts join `stages` and compare its column.
  inCategory: (category: StageCategory) => SQL = stageIn,
): Record<QueueView, SQL> {
  const open = inCategory("OPEN");
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
      or (${inCategory("LOST")} and ${leads.updatedAt} >= now() - interval '30 days'))`,
  };
}

/**
 * The lead's stage is in `category`. The stages of that category are read once and hashed;
 * `is true` keeps the planner from turning the IN into a join, which re-ran the partial index
 * scans once per stage (docs/performance.md). A pipeline id names one tenant's pipeline, so no
 * other tenant's stage can match.
 */
function stageIn(category: StageCategory): SQL {
  return sql`((${leads.pipelineId}, ${leads.status}) in (select ${stages.pipelineId}, ${stages.key} from ${stages} where ${stages.category} = ${category})) is true`;
}

/** The tenant's time zone, read inside the statement that needs it rather than in a round trip of its own. */
function timeZoneOf(tenantId: string): SQL {
  return sql`coalesce((select ${tenants.timeZone} from ${tenants} where ${tenants.id} = ${tenantId}), 'UTC')`;
}

/** A page of a tab: as for any list (listLeads), without its filter and order, which the tab sets. */
export type InboxPageParams = Pick<ListLeadsParams, "first" | "after" | "countNow" | "columns">;

const VIEW_ORDER: Record<QueueView, NonNullable<ListLeadsParams["orderBy"]>> = {
  NOW: { field: "URGENCY", direction: "ASC" },
  TODAY: { field: "NEXT_ACTION_DUE", direction: "ASC" },
  LATER: { field: "NEXT_ACTION_DUE", direction: "ASC" },
  RECOVERY: { field: "UPDATED_AT", direction: "DESC" },
};

export class InboxService {
  constructor(private readonly db: Database) {}

  /** One tab of the inbox, most urgent first, keyset-paged like every list. */
  inbox(viewer: Viewer, view: QueueView, page: InboxPageParams): Promise<LeadPage> {
    const views = queueViewConditions(timeZoneOf(viewer.tenantId));
    return listLeads(this.db, viewer, { ...page, where: [this.scope(viewer), views[view]], orderBy: VIEW_ORDER[view] });
  }

  /** All four tab counts in one pass over the viewer's leads, the stage category joined once. */
  async inboxCounts(viewer: Viewer): Promise<Record<"now" | "today" | "later" | "recovery", number>> {
    const views = queueViewConditions(timeZoneOf(viewer.tenantId), (category) => sql`${stages.category} = ${category}`);
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
}
