import { randomBytes } from "node:crypto";
import type { FieldError } from "@leadline/shared";
import { and, asc, eq, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/client.js";
import { isUuid, textArray, uuidArray } from "../../db/ids.js";
import { fromDriverRow } from "../../db/rows.js";
import {
  LEAD_EVENT_TYPES,
  type LeadEventType,
  leadEvents,
  type WebhookDeliveryRow,
  type WebhookEndpointRow,
  webhookDeliveries,
  webhookEndpoints,
} from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, forbidden } from "../../errors.js";
import type { SecretBox } from "../auth/secret-box.js";
import type { Viewer } from "../auth/viewer.js";
import { assertPublicTargetOrThrow, parseTargetUrl } from "../net/target-guard.js";

export interface WebhookEndpointParams {
  url: string;
  eventTypes: LeadEventType[];
  active?: boolean | null;
}

/** A delivery as the API lists it: the sequence as a string, as every event sequence is. */
export type WebhookDeliveryView = Omit<WebhookDeliveryRow, "eventSequence"> & { eventSequence: string };

export const DEFAULT_DELIVERIES_PAGE = 20;
export const MAX_DELIVERIES_PAGE = 100;

/**
 * ADMIN: a tenant's outbound webhook endpoints. Every query is pinned to the
 * viewer's tenant; an endpoint of another tenant answers NOT_FOUND. The
 * signing secret is sealed with the server key (SecretBox) and shown once.
 */
export class WebhookEndpointService {
  constructor(
    private readonly db: Database,
    private readonly secretBox: SecretBox,
    private readonly options: {
      allowPrivateNetworks: boolean;
      /** Called when a tenant gains or changes an endpoint: the dispatcher starts listening for it. */
      onChange: (tenantId: string) => void;
    },
  ) {}

  async listEndpoints(viewer: Viewer): Promise<WebhookEndpointRow[]> {
    assertAdminOrThrow(viewer);
    return this.db
      .select()
      .from(webhookEndpoints)
      .where(eq(webhookEndpoints.tenantId, viewer.tenantId))
      .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
  }

  /**
   * Creates an endpoint that receives the tenant's events from now on (its
   * cursor starts at the tenant's newest event; replayWebhookEvents sends
   * older ones) and returns its new secret, the only time it is shown.
   */
  async createEndpoint(
    viewer: Viewer,
    input: WebhookEndpointParams,
  ): Promise<{ endpoint: WebhookEndpointRow; secret: string }> {
    assertAdminOrThrow(viewer);
    const { url, eventTypes } = await this.validTargetOrThrow(input);
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    const [endpoint] = await this.db
      .insert(webhookEndpoints)
      .values({
        tenantId: viewer.tenantId,
        url,
        eventTypes,
        secretSealed: this.secretBox.seal(secret, viewer.tenantId),
        active: input.active ?? true,
        cursor: sql`(select coalesce(max(${leadEvents.sequence}), 0) from ${leadEvents} where ${leadEvents.tenantId} = ${viewer.tenantId})`,
        createdById: viewer.userId,
      })
      .returning();
    assertFoundOrThrow(endpoint, "Webhook endpoint");
    this.options.onChange(viewer.tenantId);
    return { endpoint, secret };
  }

  /**
   * Changes the URL, the event types, or `active`. Re-enabling a disabled
   * endpoint clears its failure state and sends what waited at once, then
   * every event it missed while disabled (its cursor stayed where it stopped).
   */
  async updateEndpoint(viewer: Viewer, id: string, input: WebhookEndpointParams): Promise<WebhookEndpointRow> {
    assertAdminOrThrow(viewer);
    const current = await this.endpointOrThrow(viewer, id);
    const { url, eventTypes } = await this.validTargetOrThrow(input);
    const reenable = input.active === true && !current.active;
    const updated = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(webhookEndpoints)
        .set({
          url,
          eventTypes,
          updatedAt: sql`now()`,
          ...(input.active == null ? {} : { active: input.active }),
          ...(reenable ? { disabledReason: null, failingSince: null } : {}),
        })
        .where(and(eq(webhookEndpoints.tenantId, viewer.tenantId), eq(webhookEndpoints.id, id)))
        .returning();
      if (reenable) {
        // Waiting retries may be hours away by the backoff; the admin asked for delivery now.
        await tx
          .update(webhookDeliveries)
          .set({ nextAttemptAt: sql`now()` })
          .where(and(eq(webhookDeliveries.endpointId, id), sql`${webhookDeliveries.nextAttemptAt} > now()`));
      }
      return row;
    });
    assertFoundOrThrow(updated, "Webhook endpoint");
    this.options.onChange(viewer.tenantId);
    return updated;
  }

  async deleteEndpoint(viewer: Viewer, id: string): Promise<boolean> {
    assertAdminOrThrow(viewer);
    if (!isUuid(id)) throw badInput([{ field: "id", message: "is not a webhook endpoint id" }]);
    const deleted = await this.db
      .delete(webhookEndpoints)
      .where(and(eq(webhookEndpoints.tenantId, viewer.tenantId), eq(webhookEndpoints.id, id)))
      .returning({ id: webhookEndpoints.id });
    assertFoundOrThrow(deleted[0], "Webhook endpoint");
    return true;
  }

  /**
   * Queues every event of the tenant after `sinceSequence` (exclusive, as in
   * leadEventsSince) that the endpoint's types select, delivered or not, and
   * answers how many are now queued. A delivered or given-up one starts
   * over (attempts from 0, a fresh 24-hour window) under the same webhook-id;
   * one still pending keeps its place, so nothing is sent twice at once.
   */
  async replayEvents(viewer: Viewer, id: string, sinceSequence: string): Promise<number> {
    assertAdminOrThrow(viewer);
    const since = /^\d{1,18}$/.test(sinceSequence.trim()) ? Number(sinceSequence.trim()) : Number.NaN;
    if (!Number.isSafeInteger(since)) {
      throw badInput([{ field: "sinceSequence", message: "must be an event sequence number" }]);
    }
    const endpoint = await this.endpointOrThrow(viewer, id);
    const result = await this.db.execute(sql`
      insert into ${webhookDeliveries} (tenant_id, endpoint_id, event_sequence, lead_id, event_type, next_attempt_at)
      select ev.tenant_id, ${endpoint.id}::uuid, ev.sequence, ev.lead_id, ev.type, now()
      from ${leadEvents} ev
      where ev.tenant_id = ${viewer.tenantId} and ev.sequence > ${since}
        and ev.type = any(${textArray(endpoint.eventTypes)})
      order by ev.sequence
      on conflict (endpoint_id, event_sequence) do update set
        attempt = case when ${webhookDeliveries.nextAttemptAt} is null then 0 else ${webhookDeliveries.attempt} end,
        status_code = case when ${webhookDeliveries.nextAttemptAt} is null then null else ${webhookDeliveries.statusCode} end,
        last_error = case when ${webhookDeliveries.nextAttemptAt} is null then null else ${webhookDeliveries.lastError} end,
        created_at = case when ${webhookDeliveries.nextAttemptAt} is null then now() else ${webhookDeliveries.createdAt} end,
        delivered_at = null,
        next_attempt_at = coalesce(${webhookDeliveries.nextAttemptAt}, now())
      returning 1`);
    this.options.onChange(viewer.tenantId);
    return rowsOf(result).length;
  }

  /** The newest `first` deliveries of each endpoint (newest event first), in one query for a whole list. */
  async recentDeliveries(
    viewer: Viewer,
    endpointIds: readonly string[],
    first: number | null | undefined,
  ): Promise<Map<string, WebhookDeliveryView[]>> {
    assertAdminOrThrow(viewer);
    const limit = first ?? DEFAULT_DELIVERIES_PAGE;
    if (!Number.isInteger(limit) || limit < 0 || limit > MAX_DELIVERIES_PAGE) {
      throw badInput([{ field: "first", message: `must be between 0 and ${MAX_DELIVERIES_PAGE}` }]);
    }
    const byEndpoint = new Map<string, WebhookDeliveryView[]>(endpointIds.map((id) => [id, []]));
    const ids = endpointIds.filter(isUuid);
    if (limit === 0 || ids.length === 0) return byEndpoint;
    // One index range per endpoint (endpoint_id, event_sequence desc), however long its log is.
    const result = await this.db.execute(sql`
      select d.* from unnest(${uuidArray(ids)}) as wanted (id)
      cross join lateral (
        select * from ${webhookDeliveries}
        where endpoint_id = wanted.id and tenant_id = ${viewer.tenantId}
        order by event_sequence desc limit ${limit}
      ) d`);
    for (const raw of rowsOf(result)) {
      const row = fromDriverRow(webhookDeliveries, raw);
      byEndpoint.get(row.endpointId)?.push({ ...row, eventSequence: String(row.eventSequence) });
    }
    return byEndpoint;
  }

  private async endpointOrThrow(viewer: Viewer, id: string): Promise<WebhookEndpointRow> {
    const [row] = isUuid(id)
      ? await this.db
          .select()
          .from(webhookEndpoints)
          .where(and(eq(webhookEndpoints.tenantId, viewer.tenantId), eq(webhookEndpoints.id, id)))
      : [];
    assertFoundOrThrow(row, "Webhook endpoint");
    return row;
  }

  /** Checks the input, every bad field at once; then the target (WEBHOOK_TARGET_PRIVATE) unless private networks are allowed. */
  private async validTargetOrThrow(
    input: WebhookEndpointParams,
  ): Promise<{ url: string; eventTypes: LeadEventType[] }> {
    const errors: FieldError[] = [];
    const eventTypes = [...new Set(input.eventTypes)];
    if (eventTypes.length === 0) errors.push({ field: "eventTypes", message: "must name at least one event type" });
    if (eventTypes.some((t) => !LEAD_EVENT_TYPES.includes(t))) {
      errors.push({ field: "eventTypes", message: `must be among ${LEAD_EVENT_TYPES.join(", ")}` });
    }
    const parsed = parseTargetUrl(input.url);
    if ("problem" in parsed) errors.push({ field: "url", message: parsed.problem });
    if (errors.length || !("url" in parsed)) throw badInput(errors);
    const { url } = parsed;
    if (!this.options.allowPrivateNetworks) await assertPublicTargetOrThrow(url);
    return { url: url.toString(), eventTypes };
  }
}

function assertAdminOrThrow(viewer: Viewer): void {
  if (!viewer.permissions.admin) throw forbidden("Only admins manage webhook endpoints");
}
