import { createHash, randomBytes } from "node:crypto";
import type { FieldError } from "@leadline/shared";
import { and, desc, eq, gt, isNull, or } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Database } from "../../db/client.js";
import { intakeReceipts, type LeadRow, tenants, webhookSecrets } from "../../db/schema/index.js";
import { badInput, conflict, DomainError, forbidden } from "../../errors.js";
import type { AuthService } from "../auth/auth.service.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLead, CreateLeadOutcome, LeadPlace } from "../leads/create-lead.js";
import { parseLeadBody } from "./lead-input.schema.js";

/** Standard Webhooks' tolerance for a request's timestamp, both ways. */
const TOLERANCE_SECONDS = 5 * 60;
/** How long a rotated-out secret still verifies, so senders can switch without dropping a request. */
const PREVIOUS_SECRET_HOURS = 24;
/** How long an answered webhook-id is remembered. */
const RECEIPT_HOURS = 24;

export interface WebhookHeaders {
  "webhook-id"?: string;
  "webhook-timestamp"?: string;
  "webhook-signature"?: string;
}

/** What the route answers: a status and a JSON body, replayed as stored for a repeated webhook-id. */
export interface IntakeAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * `POST /hooks/leads/:tenantSlug`: leads pushed by another system, signed per
 * Standard Webhooks with the tenant's secret. Verified before anything is
 * read; created through the one create use case (channel WEBHOOK, the
 * tenant's duplicate policy, scored and routed); the webhook-id is the
 * idempotency key, its receipt written in the leads' own transaction, so a
 * 2xx means committed and a retry never doubles a lead.
 */
export class WebhookIntakeService {
  constructor(
    private readonly db: Database,
    private readonly auth: AuthService,
    private readonly createLead: CreateLead,
  ) {}

  /** ADMIN: a new signing secret; the current one keeps verifying for 24 hours. */
  async rotateSecret(viewer: Viewer): Promise<{ secret: string; previousValidUntil: Date | null }> {
    if (!viewer.permissions.admin) throw forbidden("Only admins manage the webhook secret");
    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    return this.db.transaction(async (tx) => {
      const validUntil = new Date(Date.now() + PREVIOUS_SECRET_HOURS * 3_600_000);
      const retired = await tx
        .update(webhookSecrets)
        .set({ validUntil })
        .where(and(eq(webhookSecrets.tenantId, viewer.tenantId), isNull(webhookSecrets.validUntil)))
        .returning({ id: webhookSecrets.id });
      await tx.insert(webhookSecrets).values({ tenantId: viewer.tenantId, secret, createdById: viewer.userId });
      return { secret, previousValidUntil: retired.length ? validUntil : null };
    });
  }

  async receive(tenantSlug: string, headers: WebhookHeaders, raw: Buffer): Promise<IntakeAnswer> {
    const { tenant, viewer } = await this.verifyOrThrow(tenantSlug, headers, raw);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      throw badInput([{ field: "body", message: "is not valid JSON" }]);
    }
    const parsed = parseLeadBody(body);
    if (!parsed.ok) throw badInput(parsed.errors);
    const at = (i: number, error: DomainError) =>
      parsed.batch && error.fields
        ? new DomainError(error.reason, error.message, prefixed(i, error.fields), error.extra)
        : error;
    // Where each pipeline's leads go, read before the transaction (no locks needed).
    const places = new Map<string, LeadPlace>();
    for (const [i, input] of parsed.leads.entries()) {
      const key = input.pipelineId ?? "";
      if (places.has(key)) continue;
      try {
        places.set(key, await this.createLead.placeOf(viewer, input.pipelineId));
      } catch (error) {
        throw error instanceof DomainError ? at(i, error) : error;
      }
    }
    const key = headers["webhook-id"] as string;
    const bodyHash = createHash("sha256").update(raw).digest("hex");
    return this.db.transaction(async (tx) => {
      // A concurrent request with the same key waits here until the first commits, then replays its answer.
      const [fresh] = await tx
        .insert(intakeReceipts)
        .values({ tenantId: tenant.id, channel: "webhook", key, bodyHash, status: 0, response: {} })
        .onConflictDoNothing()
        .returning({ key: intakeReceipts.key });
      if (!fresh) {
        const replay = await this.replayOrThrow(tx, tenant.id, key, bodyHash);
        if (replay) return replay;
      }
      const outcomes: CreateLeadOutcome[] = [];
      for (const [i, input] of parsed.leads.entries()) {
        try {
          const place = places.get(input.pipelineId ?? "") as LeadPlace;
          const command = {
            input,
            channel: "WEBHOOK" as const,
            duplicates: tenant.intakeDuplicatePolicy,
            route: true,
          };
          outcomes.push(await this.createLead.runIn(tx, viewer, command, place));
        } catch (error) {
          throw error instanceof DomainError ? at(i, error) : error;
        }
      }
      const summaries = outcomes.map(summaryOf);
      const answer: IntakeAnswer = {
        status: 201,
        body: parsed.batch ? { leads: summaries } : { lead: summaries[0] },
      };
      await tx
        .update(intakeReceipts)
        .set({ status: answer.status, response: answer.body, bodyHash, createdAt: new Date() })
        .where(
          and(
            eq(intakeReceipts.tenantId, tenant.id),
            eq(intakeReceipts.channel, "webhook"),
            eq(intakeReceipts.key, key),
          ),
        );
      return answer;
    });
  }

  /**
   * Checks the signature against every secret that still verifies (the
   * current one, and one rotated out less than 24 hours ago). An unknown
   * tenant answers like a bad signature: the door does not tell which
   * tenants exist.
   */
  private async verifyOrThrow(tenantSlug: string, headers: WebhookHeaders, raw: Buffer) {
    const id = headers["webhook-id"];
    const timestamp = headers["webhook-timestamp"];
    const signature = headers["webhook-signature"];
    if (!id || !timestamp || !signature || id.length > 200) {
      throw new DomainError(
        "SIGNATURE_INVALID",
        "Sign the request per Standard Webhooks: webhook-id, webhook-timestamp and webhook-signature headers",
      );
    }
    const seconds = Number(timestamp);
    if (!Number.isInteger(seconds) || Math.abs(Date.now() / 1000 - seconds) > TOLERANCE_SECONDS) {
      throw new DomainError(
        "TIMESTAMP_OUT_OF_RANGE",
        "webhook-timestamp must be the sending time in unix seconds, within 5 minutes of now",
      );
    }
    const [tenant] = await this.db.select().from(tenants).where(eq(tenants.slug, tenantSlug));
    const secrets = tenant
      ? await this.db
          .select()
          .from(webhookSecrets)
          .where(
            and(
              eq(webhookSecrets.tenantId, tenant.id),
              or(isNull(webhookSecrets.validUntil), gt(webhookSecrets.validUntil, new Date())),
            ),
          )
          .orderBy(desc(webhookSecrets.createdAt))
      : [];
    const verifiedBy = secrets.find((s) => {
      try {
        new Webhook(s.secret).verify(
          raw,
          {
            "webhook-id": id,
            "webhook-timestamp": timestamp,
            "webhook-signature": signature,
          },
          // The body is parsed after verification, where a bad one is a 400, not a bad signature.
          { jsonParse: false },
        );
        return true;
      } catch {
        return false;
      }
    });
    if (!tenant || !verifiedBy) {
      throw new DomainError("SIGNATURE_INVALID", "The webhook signature does not verify with this tenant's secret");
    }
    const viewer = await this.auth.viewerForWebhook(tenant.id, verifiedBy.createdById, verifiedBy.id);
    if (!viewer) {
      throw forbidden("The admin who set this webhook secret is no longer an active admin; rotate the secret");
    }
    return { tenant, viewer };
  }

  /** The stored answer for a repeated key with the same body; CONFLICT for another body; null once expired. */
  private async replayOrThrow(
    tx: Parameters<Parameters<Database["transaction"]>[0]>[0],
    tenantId: string,
    key: string,
    bodyHash: string,
  ): Promise<IntakeAnswer | null> {
    const [prior] = await tx
      .select()
      .from(intakeReceipts)
      .where(
        and(eq(intakeReceipts.tenantId, tenantId), eq(intakeReceipts.channel, "webhook"), eq(intakeReceipts.key, key)),
      )
      .for("update");
    if (!prior) return null;
    if (prior.createdAt.getTime() < Date.now() - RECEIPT_HOURS * 3_600_000) return null;
    if (prior.bodyHash !== bodyHash) {
      throw conflict(
        "IDEMPOTENCY_KEY_REUSED",
        "This webhook-id was used for another body in the last 24 hours; send a new id for a new request",
      );
    }
    return { status: prior.status, body: prior.response };
  }
}

function prefixed(i: number, fields: FieldError[]): FieldError[] {
  return fields.map((f) => ({ field: `${i}.${f.field}`, message: f.message }));
}

/** What the sender learns of each lead: enough to find it again, nothing it did not send. */
function summaryOf(outcome: CreateLeadOutcome): Record<string, unknown> {
  const lead = outcome.lead as LeadRow;
  return {
    id: lead.id,
    requestId: lead.requestId,
    status: lead.status,
    merged: outcome.merged,
    duplicates: outcome.duplicates.length,
  };
}
