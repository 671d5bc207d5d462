import { randomBytes } from "node:crypto";
import { and, desc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Database } from "../../db/client.js";
import { tenants, users, webhookSecrets } from "../../db/schema/index.js";
import { DomainError, forbidden } from "../../errors.js";
import { webhookViewerOf } from "../auth/auth.service.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLead, CreateLeadOutcome } from "../leads/create-lead.js";
import { createLeadBatch, type IntakeAnswer, type LeadSummary } from "./lead-batch.js";

/** Standard Webhooks' tolerance for a request's timestamp, both ways. */
const TOLERANCE_SECONDS = 5 * 60;
/** How long a rotated-out secret still verifies, so senders can switch without dropping a request. */
const PREVIOUS_SECRET_HOURS = 24;

export interface WebhookHeaders {
  "webhook-id"?: string;
  "webhook-timestamp"?: string;
  "webhook-signature"?: string;
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
    private readonly createLead: CreateLead,
  ) {
    this.secretsOf = this.prepareSecretsOf();
  }

  private readonly secretsOf;

  /**
   * The tenant, its secrets that still verify and the admin each acts as, in
   * one read: every webhook makes it, so it is built once and reused.
   */
  private prepareSecretsOf() {
    return this.db
      .select({ secret: webhookSecrets, user: users, configVersion: tenants.configVersion })
      .from(webhookSecrets)
      .innerJoin(tenants, eq(tenants.id, webhookSecrets.tenantId))
      .innerJoin(users, and(eq(users.id, webhookSecrets.createdById), eq(users.tenantId, webhookSecrets.tenantId)))
      .where(
        and(
          eq(tenants.slug, sql.placeholder("slug")),
          or(
            isNull(webhookSecrets.validUntil),
            gt(webhookSecrets.validUntil, sql`${sql.placeholder("now")}::timestamptz`),
          ),
        ),
      )
      .orderBy(desc(webhookSecrets.createdAt))
      .prepare("webhook_secrets_of");
  }

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
    const viewer = await this.verifyOrThrow(tenantSlug, headers, raw);
    return createLeadBatch(this.db, this.createLead, {
      viewer,
      channel: "WEBHOOK",
      raw,
      key: headers["webhook-id"],
      answer: { reads: "summary", present: summaryOf },
    });
  }

  /**
   * Checks the signature against every secret that still verifies (the
   * current one, and one rotated out less than 24 hours ago). An unknown
   * tenant answers like a bad signature: the door does not tell which
   * tenants exist.
   */
  private async verifyOrThrow(tenantSlug: string, headers: WebhookHeaders, raw: Buffer): Promise<Viewer> {
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
    const secrets = await this.secretsOf.execute({ slug: tenantSlug, now: new Date().toISOString() });
    const verifiedBy = secrets.find(({ secret: s }) => {
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
    if (!verifiedBy) {
      throw new DomainError("SIGNATURE_INVALID", "The webhook signature does not verify with this tenant's secret");
    }
    const viewer = webhookViewerOf(verifiedBy.user, verifiedBy.secret.id, verifiedBy.configVersion);
    if (!viewer) {
      throw forbidden("The admin who set this webhook secret is no longer an active admin; rotate the secret");
    }
    return viewer;
  }
}

/**
 * What the sender learns of each lead: enough to find it again, nothing it
 * did not send. A summary (`LeadAnswer`): its receipt is written with the
 * leads, and the requestId filled in there.
 */
function summaryOf(
  lead: LeadSummary,
  outcome: Pick<CreateLeadOutcome, "merged" | "duplicates">,
): Record<string, unknown> {
  return {
    id: lead.id,
    requestId: lead.requestId,
    status: lead.status,
    merged: outcome.merged,
    duplicates: outcome.duplicates.length,
  };
}
