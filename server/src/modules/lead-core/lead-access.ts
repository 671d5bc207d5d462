import { and, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadRow, leads } from "../../db/schema/index.js";
import { assertFoundOrThrow, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";

/**
 * The leads a viewer may see, ANDed into every lead read. Tenant and
 * retirement come first so no role can ever widen past its own tenant.
 * Own-only roles see leads they own or hold a claim on, plus the pool of
 * unowned leads when they may claim from it; partners see what they represent.
 */
export function visibleLeads(viewer: Viewer): SQL {
  const [base, ...scopes] = visibilityParts(viewer);
  return (scopes.length ? and(base, or(...scopes)) : base) as SQL;
}

/**
 * The same visibility as disjoint arms whose union is `visibleLeads`: each arm
 * is one indexable scope (own, claimed, pool, …) minus the arms before it, so
 * a query can run one index range per arm and add the results without
 * counting a lead twice.
 */
export function visibilityArms(viewer: Viewer): SQL[] {
  const [base, ...scopes] = visibilityParts(viewer);
  if (scopes.length === 0) return [base as SQL];
  return scopes.map((scope, i) => {
    const earlier = scopes.slice(0, i).map((s) => sql`not coalesce(${s}, false)`);
    return and(base, scope, ...earlier) as SQL;
  });
}

function visibilityParts(viewer: Viewer): SQL[] {
  const base = and(eq(leads.tenantId, viewer.tenantId), isNull(leads.retiredAt)) as SQL;
  if (viewer.permissions.viewAll) return [base];
  const scopes: SQL[] = [eq(leads.ownerId, viewer.userId), eq(leads.claimedById, viewer.userId)];
  // The pool: unowned leads, including ones a colleague holds a claim on (shown as taken, not workable).
  if (viewer.permissions.claim) scopes.push(isNull(leads.ownerId));
  if (viewer.roles.includes("PARTNER")) scopes.push(eq(leads.partnerRepresentativeId, viewer.userId));
  if (viewer.roles.includes("PARTNER_SUPERVISOR") && viewer.partnerCompanyId) {
    scopes.push(eq(leads.partnerCompanyId, viewer.partnerCompanyId));
  }
  if (viewer.roles.includes("CUSTOMER")) scopes.push(eq(leads.customerId, viewer.userId));
  return [base, ...scopes];
}

/**
 * Whether a viewer may change a lead they can see. Seeing the pool is not
 * working it: a rep claims a lead first. A creator may still fix an
 * unassigned lead they just entered.
 */
export function canWorkLead(viewer: Viewer, lead: LeadRow): boolean {
  if (lead.tenantId !== viewer.tenantId) return false;
  if (viewer.permissions.manage) return true;
  if (lead.ownerId === viewer.userId || lead.claimedById === viewer.userId) return true;
  if (viewer.roles.includes("PARTNER") && lead.partnerRepresentativeId === viewer.userId) return true;
  if (
    viewer.roles.includes("PARTNER_SUPERVISOR") &&
    viewer.partnerCompanyId !== null &&
    lead.partnerCompanyId === viewer.partnerCompanyId
  ) {
    return true;
  }
  return lead.createdById === viewer.userId && lead.ownerId === null && lead.claimedById === null;
}

/**
 * Loads a lead for a write: NOT_FOUND unless visible (no existence leak),
 * FORBIDDEN unless the viewer may work it, CONFLICT once it is read-only.
 * The row lock serializes concurrent writers to one lead until commit.
 */
export async function lockWorkableLeadOrThrow(tx: Executor, viewer: Viewer, id: string): Promise<LeadRow> {
  const lead = await lockVisibleLeadOrThrow(tx, viewer, id);
  if (!canWorkLead(viewer, lead)) throw forbidden("You may view this lead but not change it; claim it first");
  return lead;
}

/** As above without the work check, for actions with their own rules (claims). */
export async function lockVisibleLeadOrThrow(tx: Executor, viewer: Viewer, id: string): Promise<LeadRow> {
  const [lead] = isUuid(id)
    ? await tx
        .select()
        .from(leads)
        .where(and(visibleLeads(viewer), eq(leads.id, id)))
        .for("update")
    : [];
  assertFoundOrThrow(lead, "Lead");
  if (lead.convertedAt) throw conflict("READ_ONLY", "Lead was converted and is read-only");
  return lead;
}

/**
 * The JS twin of `visibleLeads`, for checking rows already in hand (live
 * events) against a viewer. Keep the two in step: lead-access.test.ts compares them.
 */
export function canSeeLead(viewer: Viewer, lead: LeadRow): boolean {
  if (lead.tenantId !== viewer.tenantId || lead.retiredAt) return false;
  if (viewer.permissions.viewAll) return true;
  if (lead.ownerId === viewer.userId || lead.claimedById === viewer.userId) return true;
  if (viewer.permissions.claim && lead.ownerId === null) return true;
  if (viewer.roles.includes("PARTNER") && lead.partnerRepresentativeId === viewer.userId) return true;
  if (
    viewer.roles.includes("PARTNER_SUPERVISOR") &&
    viewer.partnerCompanyId &&
    lead.partnerCompanyId === viewer.partnerCompanyId
  ) {
    return true;
  }
  return viewer.roles.includes("CUSTOMER") && lead.customerId === viewer.userId;
}
