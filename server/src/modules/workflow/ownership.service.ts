import type { Role } from "@leadline/shared";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  type LeadRow,
  leads,
  type PublicUser,
  publicUserColumns,
  stages,
  tenants,
  users,
} from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, conflict, forbidden, notFound } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { lockVisibleLeadOrThrow } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";

/** Roles whose holders own and work leads; partners and customers bring leads but do not own them. */
const LEAD_WORKERS: readonly Role[] = ["SALES", "MANAGER", "ADMIN"];

/**
 * Who works a lead: assignment by managers, and seed 003's pool claims — a
 * claim holds a lead for the tenant's claim window, after which it returns
 * to the pool unless the claimer took ownership.
 */
export class OwnershipService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
  ) {}

  /** Who a manager may hand leads to: the tenant's active users who work leads, by name. */
  async assignableUsers(viewer: Viewer): Promise<PublicUser[]> {
    if (!viewer.permissions.manage) throw forbidden("Only managers assign leads");
    return this.db
      .select(publicUserColumns)
      .from(users)
      .where(
        and(
          eq(users.tenantId, viewer.tenantId),
          eq(users.active, true),
          sql`${users.roles} && ${`{${LEAD_WORKERS.join(",")}}`}::text[]`,
        ),
      )
      .orderBy(asc(users.name), asc(users.id));
  }

  /** Sets or clears (null) the owner. Managers only; any claim ends. */
  async assignLead(viewer: Viewer, id: string, ownerId: string | null): Promise<LeadRow> {
    if (!viewer.permissions.manage) throw forbidden("Only managers assign leads");
    return this.db.transaction(async (tx) => {
      const lead = await lockVisibleLeadOrThrow(tx, viewer, id);
      if (ownerId !== null) await assertActiveUserOrThrow(tx, viewer.tenantId, ownerId, "ownerId");
      if (lead.ownerId === ownerId && !lead.claimedById) return lead;
      return writeLeadChange(
        tx,
        lead,
        { ownerId, claimedById: null, claimExpiresAt: null },
        { type: "ASSIGNED", actor: viewer, payload: { from: lead.ownerId, to: ownerId } },
      );
    });
  }

  /**
   * Hands every open lead one user owns to another active user, or back to
   * the pool (null): what follows a deactivation, which leaves owned leads
   * with their owner. One transaction, one ASSIGNED event per lead; won and
   * lost leads keep their owner as the record of who closed them. The rows
   * are locked as they are read, so a lead closed or reassigned meanwhile is
   * seen as it now is. Answers how many leads moved.
   */
  async reassignLeads(viewer: Viewer, fromUserId: string, toUserId: string | null): Promise<number> {
    if (!viewer.permissions.manage) throw forbidden("Only managers assign leads");
    if (!isUuid(fromUserId)) throw notFound("User");
    return this.db.transaction(async (tx) => {
      const [from] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.id, fromUserId), eq(users.tenantId, viewer.tenantId)));
      assertFoundOrThrow(from, "User");
      if (toUserId !== null) await assertActiveUserOrThrow(tx, viewer.tenantId, toUserId, "toUserId");
      if (toUserId === fromUserId) return 0;
      const owned = await tx
        .select({ lead: leads })
        .from(leads)
        .innerJoin(stages, and(eq(stages.pipelineId, leads.pipelineId), eq(stages.key, leads.status)))
        .where(
          and(
            eq(leads.tenantId, viewer.tenantId),
            eq(leads.ownerId, fromUserId),
            isNull(leads.retiredAt),
            eq(stages.category, "OPEN"),
          ),
        )
        .orderBy(asc(leads.id))
        .for("update", { of: leads });
      for (const { lead } of owned) {
        await writeLeadChange(
          tx,
          lead,
          { ownerId: toUserId, claimedById: null, claimExpiresAt: null },
          { type: "ASSIGNED", actor: viewer, payload: { from: fromUserId, to: toUserId } },
        );
      }
      return owned.length;
    });
  }

  /**
   * Holds an unowned lead for the claim window. The row lock makes two
   * concurrent claims serialize: the first wins, the second sees the claim
   * and gets CONFLICT. The expiry timer commits with the claim.
   */
  async claimLead(viewer: Viewer, id: string): Promise<LeadRow> {
    if (!viewer.permissions.claim) throw forbidden("Your roles do not allow claiming leads");
    return this.db.transaction(async (tx) => {
      const lead = await lockVisibleLeadOrThrow(tx, viewer, id);
      if (lead.ownerId)
        throw conflict("OWNERSHIP_CONFLICT", "Lead already has an owner; only unassigned leads can be claimed");
      const now = new Date();
      if (lead.claimedById && lead.claimExpiresAt && lead.claimExpiresAt > now) {
        if (lead.claimedById === viewer.userId) return lead;
        throw conflict("OWNERSHIP_CONFLICT", "Lead is already claimed by someone else");
      }
      const [tenant] = await tx
        .select({ minutes: tenants.claimWindowMinutes })
        .from(tenants)
        .where(eq(tenants.id, lead.tenantId));
      const expiresAt = new Date(now.getTime() + (tenant?.minutes ?? 24 * 60) * 60_000);
      const updated = await writeLeadChange(
        tx,
        lead,
        { claimedById: viewer.userId, claimExpiresAt: expiresAt },
        { type: "CLAIMED", actor: viewer, payload: { by: viewer.userId, expiresAt: expiresAt.toISOString() } },
      );
      await this.jobs.schedule(
        tx,
        "claim-expiry",
        { leadId: lead.id, at: expiresAt.toISOString() },
        { startAfter: expiresAt },
      );
      return updated;
    });
  }

  /** Gives a claimed lead back to the pool: the claimer, or a manager. */
  async releaseLead(viewer: Viewer, id: string): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockVisibleLeadOrThrow(tx, viewer, id);
      if (!lead.claimedById) throw conflict("OWNERSHIP_CONFLICT", "Lead is not claimed");
      if (lead.claimedById !== viewer.userId && !viewer.permissions.manage) {
        throw forbidden("Only the claimer or a manager may release a claim");
      }
      return this.release(tx, lead, viewer, "released");
    });
  }

  /** The claimer (or a manager) becomes the owner; the claim ends and the lead leaves the pool for good. */
  async takeOwnership(viewer: Viewer, id: string): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockVisibleLeadOrThrow(tx, viewer, id);
      const holdsClaim =
        lead.claimedById === viewer.userId && lead.claimExpiresAt !== null && lead.claimExpiresAt > new Date();
      if (!holdsClaim && !viewer.permissions.manage) throw forbidden("Claim the lead before taking ownership");
      if (lead.ownerId === viewer.userId) return lead;
      if (lead.ownerId && !viewer.permissions.manage) throw conflict("OWNERSHIP_CONFLICT", "Lead already has an owner");
      return writeLeadChange(
        tx,
        lead,
        { ownerId: viewer.userId, claimedById: null, claimExpiresAt: null },
        {
          type: "ASSIGNED",
          actor: viewer,
          payload: { from: lead.ownerId, to: viewer.userId, via: holdsClaim ? "claim" : "manager" },
        },
      );
    });
  }

  /** Job handler: the claim window ended. Does nothing if the claim was released, renewed or turned into ownership. */
  async expireClaim(data: { leadId: string; at: string }): Promise<void> {
    if (!isUuid(data.leadId)) return;
    await this.db.transaction(async (tx) => {
      const [lead] = await tx.select().from(leads).where(eq(leads.id, data.leadId)).for("update");
      if (!lead?.claimedById || !lead.claimExpiresAt || lead.ownerId) return;
      // A little slack for timers that fire early by clock skew; never for a renewed claim.
      if (lead.claimExpiresAt.getTime() > Math.max(Date.now(), new Date(data.at).getTime()) + 1_000) return;
      await this.release(tx, lead, null, "expired");
    });
  }

  private release(tx: Executor, lead: LeadRow, actor: Viewer | null, reason: "released" | "expired") {
    return writeLeadChange(
      tx,
      lead,
      { claimedById: null, claimExpiresAt: null },
      { type: "RELEASED", actor, payload: { from: lead.claimedById, reason } },
    );
  }
}

/**
 * A deactivated user's open claims go back to the pool at once, each with its
 * RELEASED event (reason "deactivated"), in the caller's transaction; leads
 * they own stay theirs. The rows are locked so a claim cannot be renewed
 * between the read and the release.
 */
export async function releaseClaimsOf(tx: Executor, actor: Viewer, userId: string): Promise<number> {
  const claimed = await tx
    .select()
    .from(leads)
    .where(and(eq(leads.tenantId, actor.tenantId), eq(leads.claimedById, userId)))
    .orderBy(asc(leads.id))
    .for("update");
  for (const lead of claimed) {
    await writeLeadChange(
      tx,
      lead,
      { claimedById: null, claimExpiresAt: null },
      { type: "RELEASED", actor, payload: { from: userId, reason: "deactivated" } },
    );
  }
  return claimed.length;
}

export async function assertActiveUserOrThrow(
  tx: Executor,
  tenantId: string,
  userId: string,
  field: string,
): Promise<void> {
  const [user] = isUuid(userId)
    ? await tx
        .select({ active: users.active })
        .from(users)
        .where(and(eq(users.id, userId), eq(users.tenantId, tenantId)))
    : [];
  if (!user?.active) throw badInput([{ field, message: "must be an active user of this tenant" }]);
}
