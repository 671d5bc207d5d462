import { and, asc, count, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  type LeadRow,
  leads,
  queueMembers,
  queues,
  type RoutingRuleRow,
  routingRules,
  stages,
  tenants,
  users,
} from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { appendLeadEvent } from "../events/event.service.js";
import { lockVisibleLeadOrThrow } from "../lead-core/lead-access.js";
import { firstMatchingRule, pickLeastLoaded, pickRoundRobin, type QueueMemberState } from "./routing.rules.js";

type QueueRow = typeof queues.$inferSelect;

export interface RouteResult {
  lead: LeadRow;
  queueId: string;
  /** The member picked; null when the queue has no active member (the lead waits unowned in the queue). */
  ownerId: string | null;
  /** The rule that chose the queue; null when the queue was named explicitly. */
  ruleId: string | null;
}

/**
 * Sends leads to queues and picks their owner from the queue's active
 * members. One code path for managers (`routeLead`) and for machine intake
 * (`routeInTransaction`, after scoring, inside the intake transaction).
 */
export class RoutingService {
  constructor(private readonly db: Database) {}

  /**
   * Managers only. With `queueId`, routes to that queue; without, applies the
   * tenant's rules, and refuses with BAD_USER_INPUT on `queueId` when none
   * matches (the manager asked for routing: a silent no-op would hide it).
   */
  async routeLead(viewer: Viewer, id: string, queueId: string | null): Promise<LeadRow> {
    if (!viewer.permissions.manage) throw forbidden("Only managers route leads");
    return this.db.transaction(async (tx) => {
      const lead = await lockVisibleLeadOrThrow(tx, viewer, id);
      const result = await this.routeInTransaction(tx, lead, viewer, queueId);
      if (!result) {
        throw badInput([
          { field: "queueId", message: "is required: no routing rule of this tenant matches this lead" },
        ]);
      }
      return result.lead;
    });
  }

  /**
   * Routes a lead inside the caller's transaction. The caller must hold the
   * lead's row (locked with FOR UPDATE, or inserted in this transaction) and
   * has done its own permission checks; `actor` is null for the system.
   * With `queueId` the lead goes there (BAD_USER_INPUT if it is not a queue
   * of the lead's tenant); otherwise the first matching rule decides, and
   * with no match nothing changes and the result is null, so intake keeps an
   * unmatched lead in the pool instead of failing the capture.
   */
  async routeInTransaction(
    tx: Executor,
    lead: LeadRow,
    actor: Viewer | null,
    queueId: string | null = null,
    rules?: readonly RoutingRuleRow[],
  ): Promise<RouteResult | null> {
    let ruleId: string | null = null;
    let targetId = queueId;
    if (targetId == null) {
      const rule = firstMatchingRule(rules ?? (await this.rulesOf(tx, lead.tenantId)), lead);
      if (!rule) return null;
      ruleId = rule.id;
      targetId = rule.queueId;
    }
    // A rule's queue always exists (rules are deleted with their queue); only a named one can be wrong.
    const queue = await lockQueue(tx, lead.tenantId, targetId);
    if (!queue) throw badInput([{ field: "queueId", message: "is not a queue of this tenant" }]);
    const ownerId = await this.pickOwner(tx, queue, lead.id);
    if (ownerId) {
      await tx
        .update(queues)
        .set({ lastAssignedUserId: ownerId })
        .where(and(eq(queues.id, queue.id), eq(queues.tenantId, lead.tenantId)));
    }
    const now = new Date();
    const [updated] = await tx
      .update(leads)
      .set({
        queueId: queue.id,
        ownerId,
        // Routing decides who works the lead: any pool claim ends with it.
        claimedById: null,
        claimExpiresAt: null,
        // Incremented in SQL: intake may hand over the row it inserted, not a re-read one.
        version: sql`${leads.version} + 1`,
        updatedAt: now,
        lastActivityAt: now,
      })
      .where(and(eq(leads.id, lead.id), eq(leads.tenantId, lead.tenantId)))
      .returning();
    assertFoundOrThrow(updated, "Lead");
    await appendLeadEvent(tx, {
      tenantId: lead.tenantId,
      leadId: lead.id,
      type: "ROUTED",
      actor,
      payload: {
        queueId: queue.id,
        ownerId,
        ruleId,
        from: lead.ownerId,
        strategy: queue.strategy,
        version: updated.version,
      },
    });
    return { lead: updated, queueId: queue.id, ownerId, ruleId };
  }

  /**
   * The tenant's rules in order. Intake reads them before it takes the
   * requestId counter (which stays locked to COMMIT), so a create that no
   * rule matches spends no round trip inside that window. A real promise
   * (async), not Drizzle's query builder, whose every `then` runs the query
   * again: a caller that both `catch`es and awaits it would read twice.
   */
  async rulesOf(tx: Executor, tenantId: string): Promise<RoutingRuleRow[]> {
    return tx
      .select()
      .from(routingRules)
      .where(eq(routingRules.tenantId, tenantId))
      .orderBy(asc(routingRules.position), asc(routingRules.id));
  }

  /**
   * The tenant's rules in order and the configuration version they were read
   * at, in one statement, for TenantConfigCache.
   */
  async versionedRulesOf(tx: Executor, tenantId: string): Promise<{ version: number; value: RoutingRuleRow[] }> {
    const rows = await tx
      .select({ version: tenants.configVersion, rule: routingRules })
      .from(tenants)
      .leftJoin(routingRules, eq(routingRules.tenantId, tenants.id))
      .where(eq(tenants.id, tenantId))
      .orderBy(asc(routingRules.position), asc(routingRules.id));
    const version = rows[0]?.version ?? -1;
    return { version, value: rows.flatMap((r) => (r.rule ? [r.rule] : [])) };
  }

  /**
   * The member the queue's strategy picks now, `exceptLeadId` (the lead being
   * routed) left out of the loads. Called by a route with the queue row
   * locked, so the cursor and the loads it reads cannot change under it; a
   * preview reads without the lock and writes nothing.
   */
  async pickOwner(tx: Executor, queue: QueueRow, exceptLeadId: string | null): Promise<string | null> {
    const members: QueueMemberState[] = await tx
      .select({ userId: queueMembers.userId, active: users.active })
      .from(queueMembers)
      .innerJoin(users, and(eq(users.id, queueMembers.userId), eq(users.tenantId, queue.tenantId)))
      .where(eq(queueMembers.queueId, queue.id))
      .orderBy(asc(queueMembers.position), asc(queueMembers.userId));
    if (queue.strategy === "ROUND_ROBIN") return pickRoundRobin(members, queue.lastAssignedUserId);
    const active = members.filter((m) => m.active).map((m) => m.userId);
    if (active.length === 0) return null;
    return pickLeastLoaded(members, await openLeadsOwned(tx, queue.tenantId, active, exceptLeadId));
  }
}

/**
 * Locks the queue row for the rest of the transaction. Concurrent routes to
 * one queue serialize here, so two of them never read the same round-robin
 * cursor or the same loads and hand two leads to one slot. NO KEY UPDATE
 * (the lock an UPDATE of the cursor takes anyway) still lets other
 * transactions insert leads that reference the queue.
 */
export async function lockQueue(tx: Executor, tenantId: string, queueId: string): Promise<QueueRow | undefined> {
  if (!isUuid(queueId)) return undefined;
  const [queue] = await tx
    .select()
    .from(queues)
    .where(and(eq(queues.id, queueId), eq(queues.tenantId, tenantId)))
    .for("no key update");
  return queue;
}

/** Open leads (stage category OPEN) each user owns, the lead being routed left out. */
async function openLeadsOwned(
  tx: Executor,
  tenantId: string,
  userIds: string[],
  exceptLeadId: string | null,
): Promise<Map<string, number>> {
  const rows = await tx
    .select({ ownerId: leads.ownerId, n: count() })
    .from(leads)
    .innerJoin(stages, and(eq(stages.pipelineId, leads.pipelineId), eq(stages.key, leads.status)))
    .where(
      and(
        eq(leads.tenantId, tenantId),
        inArray(leads.ownerId, userIds),
        isNull(leads.retiredAt),
        eq(stages.category, "OPEN"),
        exceptLeadId ? ne(leads.id, exceptLeadId) : undefined,
      ),
    )
    .groupBy(leads.ownerId);
  return new Map(rows.map((r) => [r.ownerId as string, Number(r.n)]));
}
