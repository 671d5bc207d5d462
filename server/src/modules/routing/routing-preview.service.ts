import type { FieldError, LeadSource } from "@leadline/shared";
import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { queues, type RoutingRuleRow } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { firstMatchingRule, type RoutableLead } from "./routing.rules.js";
import type { RoutingService } from "./routing.service.js";
import { assertMayConfigureOrThrow } from "./routing-config.service.js";

type QueueRow = typeof queues.$inferSelect;

/** A lead as the preview describes it: the facts the routing rules look at. */
export interface RoutingPreviewParams {
  source: LeadSource;
  formId?: string | null;
  category?: string | null;
  city?: string | null;
  /** 0–100; a lead without a score has 0. */
  score?: number | null;
}

export interface RoutingPreviewResult {
  /** The rule that would decide; null when none matches (the lead would stay in the pool). */
  rule: RoutingRuleRow | null;
  queue: QueueRow | null;
  /** Who the queue would hand the lead to now; null when it has no active member. */
  ownerId: string | null;
}

/**
 * "A lead like this would go to …": the saved rules and the queue's strategy
 * applied to a described lead, through the very functions a route calls
 * (firstMatchingRule, RoutingService.pickOwner), so the preview cannot drift
 * from routing. It reads only: no lead, no cursor, no event changes.
 */
export class RoutingPreviewService {
  constructor(
    private readonly db: Database,
    private readonly routing: RoutingService,
  ) {}

  async previewRouting(viewer: Viewer, params: RoutingPreviewParams): Promise<RoutingPreviewResult> {
    assertMayConfigureOrThrow(viewer);
    const errors: FieldError[] = [];
    const score = params.score ?? 0;
    if (!Number.isInteger(score) || score < 0 || score > 100) {
      errors.push({ field: "input.score", message: "must be a whole number between 0 and 100" });
    }
    if (params.formId != null && !isUuid(params.formId)) {
      errors.push({ field: "input.formId", message: "is not a capture form id" });
    }
    if (errors.length) throw badInput(errors);
    const lead: RoutableLead = {
      source: params.source,
      formId: params.formId ?? null,
      category: params.category?.trim() || null,
      city: params.city?.trim() || null,
      score,
    };
    const rule = firstMatchingRule(await this.routing.rulesOf(this.db, viewer.tenantId), lead);
    if (!rule) return { rule: null, queue: null, ownerId: null };
    const [queue] = await this.db
      .select()
      .from(queues)
      .where(and(eq(queues.id, rule.queueId), eq(queues.tenantId, viewer.tenantId)));
    // A rule's queue always exists (rules are deleted with their queue).
    if (!queue) return { rule, queue: null, ownerId: null };
    return { rule, queue, ownerId: await this.routing.pickOwner(this.db, queue, null) };
  }
}
