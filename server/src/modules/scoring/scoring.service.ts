import {
  computeScore,
  FieldErrors,
  isEventType,
  LEAD_FIELD_BY_KEY,
  normalizeEmail,
  type Role,
  resolveScoringRules,
  type ScoreResult,
  type ScoringRules,
  scoredAgainst,
  type TrackedEvent,
} from "@leadline/shared";
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { type Database, type Executor, rowsOf } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { fromDriverRow } from "../../db/rows.js";
import {
  type LeadRow,
  leads,
  type ScoreSnapshotRow,
  scoreSnapshots,
  tenants,
  trackingEvents,
} from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { JobQueue, JobTypes } from "../jobs/job-queue.js";
import { lockVisibleLeadOrThrow, visibleLeads } from "../lead-core/lead-access.js";
import { lockScorableLeads, recomputeLockedLeads, rescoreLockedLead, tenantScoringRules } from "./score-recompute.js";

export interface TrackingEventParams {
  leadId?: string | null;
  email?: string | null;
  type: string;
  occurredAt?: Date | null;
  properties?: unknown;
}

export interface ScorePreviewEventParams {
  type: string;
  count?: number | null;
  daysAgo?: number | null;
}

export interface ScorePreviewLeadParams {
  jobTitle?: string | null;
  events?: readonly ScorePreviewEventParams[] | null;
}

export type ScorePreviewResult = ScoreResult & { rules: ScoringRules };

/** Roles that work leads inside the tenant; partners and customers do not see how leads are rated. */
const STAFF_ROLES: readonly Role[] = ["ADMIN", "MANAGER", "SALES", "MARKETEER"];
const MAX_TRACKING_EVENTS = 1_000;
/** Leads per transaction of the background recompute: large enough to amortize, small enough to hold locks briefly. */
const RECOMPUTE_BATCH = 1_000;
const RECOMPUTE_WORKERS = 2;
const MAX_HISTORY = 100;
const MAX_PROPERTIES_CHARS = 4_096;
const MAX_PREVIEW_EVENT_ROWS = 50;
const MAX_PREVIEW_EVENT_COUNT = 1_000;
const MAX_PREVIEW_DAYS = 3_650;
const DAY_MS = 86_400_000;
/** Clock skew tolerated on occurredAt before an event counts as dated in the future. */
const FUTURE_SKEW_MS = 5 * 60_000;

/**
 * Seed 004's lead scoring: per-tenant rules (admins set them, staff read
 * them), tracking events from integrators, and recomputes that write the
 * score, a snapshot with its reasons, and promotions at the MQL/SQL thresholds.
 */
export class ScoringService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
  ) {}

  async scoringRules(viewer: Viewer): Promise<ScoringRules> {
    if (!viewer.roles.some((r) => STAFF_ROLES.includes(r))) throw forbidden("Only staff see the scoring rules");
    return tenantScoringRules(this.db, viewer.tenantId);
  }

  /**
   * Replaces the tenant's overrides (`{}` returns to the defaults) and, in the
   * same transaction, queues the recompute of every lead, so a committed
   * change always gets its recompute. The tenant row is locked so two admins'
   * changes queue in order and each job knows what the leads were scored against.
   */
  async setScoringRules(viewer: Viewer, overrides: unknown): Promise<ScoringRules> {
    if (!viewer.permissions.admin) throw forbidden("Only admins change the scoring rules");
    const { rules, errors } = resolveScoringRules(overrides);
    if (errors.length > 0) throw badInput(errors);
    return this.db.transaction(async (tx) => {
      const [tenant] = await tx
        .select({ scoringRules: tenants.scoringRules })
        .from(tenants)
        .where(eq(tenants.id, viewer.tenantId))
        .for("update");
      assertFoundOrThrow(tenant, "Tenant");
      const before = resolveScoringRules(tenant.scoringRules).rules;
      await tx
        .update(tenants)
        .set({ scoringRules: overrides as Record<string, unknown> })
        .where(eq(tenants.id, viewer.tenantId));
      await this.jobs.schedule(
        tx,
        "score-recompute",
        { tenantId: viewer.tenantId, previous: scoredAgainst(before) },
        // One waiting job per tenant: a second change before it starts is picked up by the same run.
        { startAfter: new Date(), singletonKey: viewer.tenantId },
      );
      return rules;
    });
  }

  /**
   * ADMIN: how a sample lead scores under a ruleset before it is saved. The
   * ruleset is checked exactly as setScoringRules checks it (the same error
   * paths), then the sample is scored by the shared computeScore, which
   * sums events per type and hands them to scoreTallies: the function every
   * recompute and every new lead is scored with. Nothing is read or written.
   */
  previewScore(viewer: Viewer, overrides: unknown, lead: ScorePreviewLeadParams): ScorePreviewResult {
    if (!viewer.permissions.admin) throw forbidden("Only admins preview scoring rules");
    const errors = new FieldErrors();
    const jobTitle = lead.jobTitle?.trim() || null;
    const titleLimit = LEAD_FIELD_BY_KEY.jobTitle.limit;
    if (jobTitle && jobTitle.length > titleLimit) {
      errors.add("lead.jobTitle", `must be at most ${titleLimit} characters`);
    }
    const rows = lead.events ?? [];
    if (rows.length > MAX_PREVIEW_EVENT_ROWS) {
      errors.add("lead.events", `at most ${MAX_PREVIEW_EVENT_ROWS} entries`);
    }
    const now = new Date();
    const events: TrackedEvent[] = [];
    for (const [i, row] of rows.slice(0, MAX_PREVIEW_EVENT_ROWS).entries()) {
      const path = `lead.events.${i}`;
      const type = row.type.trim().toLowerCase();
      const count = row.count ?? 1;
      const daysAgo = row.daysAgo ?? 0;
      if (!isEventType(type)) errors.add(`${path}.type`, "must be lower-case letters, digits and _ (at most 50)");
      if (!Number.isInteger(count) || count < 1 || count > MAX_PREVIEW_EVENT_COUNT) {
        errors.add(`${path}.count`, `must be a whole number from 1 to ${MAX_PREVIEW_EVENT_COUNT}`);
      }
      if (!Number.isFinite(daysAgo) || daysAgo < 0 || daysAgo > MAX_PREVIEW_DAYS) {
        errors.add(`${path}.daysAgo`, `must be from 0 to ${MAX_PREVIEW_DAYS}`);
      }
      if (errors.empty) {
        const occurredAt = new Date(now.getTime() - daysAgo * DAY_MS);
        for (let n = 0; n < count; n++) events.push({ type, occurredAt });
      }
    }
    const resolved = resolveScoringRules(overrides);
    if (resolved.errors.length > 0 || !errors.empty) throw badInput([...resolved.errors, ...errors.list]);
    return { ...computeScore(resolved.rules, { jobTitle, events }, now), rules: resolved.rules };
  }

  /**
   * Stores tracking events and recomputes the touched leads in the same
   * transaction (at most 1,000 events, so at most 1,000 leads). Input errors
   * name the event's index and store nothing. An event whose lead is unknown,
   * invisible to the caller, converted or retired is skipped: the answer
   * counts the events stored. An email resolves to the newest such lead with
   * that email.
   */
  async trackEvents(viewer: Viewer, events: readonly TrackingEventParams[]): Promise<number> {
    const staff = viewer.roles.some((r) => STAFF_ROLES.includes(r));
    if (!viewer.permissions.create || !(staff || viewer.via.kind === "apiKey")) {
      throw forbidden("Tracking events are sent by staff or API keys");
    }
    if (events.length > MAX_TRACKING_EVENTS) {
      throw badInput([{ field: "events", message: `at most ${MAX_TRACKING_EVENTS} events per call` }]);
    }
    const now = new Date();
    const errors = new FieldErrors();
    const parsed = events.map((event, i) => parseEvent(event, `events.${i}`, now, errors));
    if (!errors.empty) throw badInput(errors.list);
    if (parsed.length === 0) return 0;

    return this.db.transaction(async (tx) => {
      const ids = [...new Set(parsed.flatMap((e) => (e.leadId ? [e.leadId] : [])))];
      const emails = [...new Set(parsed.flatMap((e) => (e.email ? [e.email] : [])))];
      const byEmail = new Map<string, string>();
      if (emails.length > 0) {
        const rows = await tx
          .selectDistinctOn([leads.email], { id: leads.id, email: leads.email })
          .from(leads)
          .where(and(visibleLeads(viewer), inArray(leads.email, emails), isNull(leads.convertedAt)))
          .orderBy(leads.email, desc(leads.createdAt), desc(leads.id));
        for (const row of rows) byEmail.set(row.email as string, row.id);
      }
      const visible = new Set(
        ids.length > 0
          ? (
              await tx
                .select({ id: leads.id })
                .from(leads)
                .where(and(visibleLeads(viewer), inArray(leads.id, ids)))
            ).map((r) => r.id)
          : [],
      );
      const leadOf = (e: ParsedEvent) =>
        e.leadId ? (visible.has(e.leadId) ? e.leadId : null) : byEmail.get(e.email as string);
      const locked = await lockScorableLeads(tx, viewer.tenantId, [...new Set(parsed.flatMap((e) => leadOf(e) ?? []))]);
      const lockedIds = new Set(locked.map((l) => l.id));
      const rows = parsed.flatMap((e) => {
        const leadId = leadOf(e);
        if (!leadId || !lockedIds.has(leadId)) return [];
        return [
          { tenantId: viewer.tenantId, leadId, type: e.type, occurredAt: e.occurredAt, properties: e.properties },
        ];
      });
      if (rows.length === 0) return 0;
      await tx.insert(trackingEvents).values(rows);
      await recomputeLockedLeads(tx, viewer.tenantId, locked, { actor: viewer });
      return rows.length;
    });
  }

  /** Recomputes one lead the viewer can see and always writes a snapshot. A converted lead is read-only: CONFLICT. */
  async recomputeScore(viewer: Viewer, id: string): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockVisibleLeadOrThrow(tx, viewer, id);
      return rescoreLockedLead(tx, lead, { actor: viewer, snapshotAlways: true });
    });
  }

  /**
   * The background recompute after a rules change: the tenant's leads in
   * batches of 1,000 by (createdAt, id), each batch its own transaction, so
   * locks are brief and a retried job simply recomputes again. Pages are read
   * one after another while two batches are written at once: a batch's time
   * is mostly PostgreSQL maintaining the leads' indexes, which a second
   * connection overlaps.
   */
  async recomputeTenant(data: JobTypes["score-recompute"]): Promise<void> {
    let after: { createdAt: string; id: string } | null = null;
    let finished = false;
    let reading: Promise<unknown> = Promise.resolve();
    const nextPage = (): Promise<{ id: string; createdAt: string }[]> => {
      const page = reading.then(async () => {
        if (finished) return [];
        const rows = await this.db
          .select({ id: leads.id, createdAt: sql<string>`${leads.createdAt}::text` })
          .from(leads)
          .where(
            and(
              eq(leads.tenantId, data.tenantId),
              isNull(leads.retiredAt),
              isNull(leads.convertedAt),
              // Text keeps the microseconds a JS Date would drop, so the keyset neither skips nor repeats.
              after
                ? sql`(${leads.createdAt}, ${leads.id}) > (${after.createdAt}::timestamptz, ${after.id}::uuid)`
                : undefined,
            ),
          )
          .orderBy(asc(leads.createdAt), asc(leads.id))
          .limit(RECOMPUTE_BATCH);
        after = rows.at(-1) ?? after;
        if (rows.length < RECOMPUTE_BATCH) finished = true;
        return rows;
      });
      reading = page.catch(() => undefined);
      return page;
    };
    const worker = async () => {
      for (let page = await nextPage(); page.length > 0; page = await nextPage()) {
        await this.db.transaction(async (tx) => {
          const locked = await lockScorableLeads(
            tx,
            data.tenantId,
            page.map((p) => p.id),
          );
          await recomputeLockedLeads(tx, data.tenantId, locked, { actor: null, previous: data.previous });
        });
      }
    };
    const results = await Promise.allSettled(
      Array.from({ length: RECOMPUTE_WORKERS }, () =>
        worker().catch((error: unknown) => {
          finished = true;
          throw error;
        }),
      ),
    );
    const failed = results.find((r) => r.status === "rejected");
    if (failed) throw failed.reason;
  }
}

/**
 * Score histories of several leads of one tenant in one query, newest first,
 * at most 100 each: one index range per lead on (lead_id, created_at).
 */
export async function scoreHistories(
  db: Executor,
  tenantId: string,
  leadIds: readonly string[],
): Promise<ScoreSnapshotRow[]> {
  if (leadIds.length === 0) return [];
  const result = await db.execute(sql`
    select s.* from ${leads} cross join lateral (
      select * from ${scoreSnapshots} where ${scoreSnapshots.leadId} = ${leads.id}
      order by ${scoreSnapshots.createdAt} desc limit ${MAX_HISTORY}
    ) s
    where ${and(eq(leads.tenantId, tenantId), inArray(leads.id, [...leadIds]))}
    order by s.created_at desc`);
  return rowsOf(result).map((raw) => fromDriverRow(scoreSnapshots, raw));
}

interface ParsedEvent {
  leadId: string | null;
  email: string | null;
  type: string;
  occurredAt: Date;
  properties: Record<string, unknown>;
}

function parseEvent(event: TrackingEventParams, path: string, now: Date, errors: FieldErrors): ParsedEvent {
  const type = event.type.trim().toLowerCase();
  if (!isEventType(type)) errors.add(`${path}.type`, "must be lower-case letters, digits and _ (at most 50)");
  const leadId = event.leadId ?? null;
  const rawEmail = event.email?.trim() || null;
  let email: string | null = null;
  if ((leadId === null) === (rawEmail === null)) errors.add(`${path}.leadId`, "give exactly one of leadId or email");
  else if (leadId !== null && !isUuid(leadId)) errors.add(`${path}.leadId`, "is not a lead id");
  else if (rawEmail !== null) email = errors.take(`${path}.email`, normalizeEmail(rawEmail)) ?? null;
  const occurredAt = event.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_SKEW_MS)
    errors.add(`${path}.occurredAt`, "must not be in the future");
  const properties = event.properties ?? {};
  if (typeof properties !== "object" || Array.isArray(properties)) {
    errors.add(`${path}.properties`, "must be a JSON object");
  } else if (JSON.stringify(properties).length > MAX_PROPERTIES_CHARS) {
    errors.add(`${path}.properties`, `must be at most ${MAX_PROPERTIES_CHARS} characters as JSON`);
  }
  return { leadId, email, type, occurredAt, properties: properties as Record<string, unknown> };
}
