import { and, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type LeadRow, leads, type MessageChannel, messages, reviewRequests, tenants } from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, conflict } from "../../errors.js";
import { hashToken, newSecret } from "../auth/secrets.js";
import type { Viewer } from "../auth/viewer.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { writeLeadChange } from "../lead-core/lead-writes.js";
import { queueOutboundMessage } from "../messaging/message-outbox.js";
import { linkTo, renderTemplate } from "../messaging/templates.js";

const REVIEW_PREFIX = "llr_";
/** Public path of a review link; the messaging module makes it absolute when it delivers. */
export const reviewPath = (token: string) => `/r/${token}`;

export type ReviewLinkResult =
  | { outcome: "completed" | "already-completed"; tenantName: string }
  | { outcome: "invalid" };

/**
 * Seed 001's review momentum: a won lead is ELIGIBLE; `requestReview` sends
 * the customer a single-use link (SENT); opening it marks the lead COMPLETED.
 */
export class ReviewService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    /** Where review links point (PUBLIC_URL); empty keeps them relative. */
    private readonly publicUrl = "",
  ) {}

  /**
   * Issues a new link and queues its message; allowed when ELIGIBLE, and
   * again when SENT (a reminder, or by the other channel) — earlier links
   * stay valid, and whichever the customer opens first completes the request.
   * The token exists only in the queued message; the table keeps its hash.
   */
  async requestReview(viewer: Viewer, id: string, channel: MessageChannel): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
      if (lead.reviewRequestStatus === "NOT_ELIGIBLE") {
        throw conflict("INVALID_STATE", "Only a won lead can be asked for a review; move it to a won stage first");
      }
      if (lead.reviewRequestStatus === "COMPLETED")
        throw conflict("INVALID_STATE", "The customer has already completed the review");
      const field = channel === "EMAIL" ? "email" : "phone";
      const to = lead[field];
      if (!to) throw badInput([{ field, message: `the lead has no ${field} to send a review request by ${channel}` }]);
      const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, lead.tenantId));
      assertFoundOrThrow(tenant, "Tenant");
      const token = newSecret(REVIEW_PREFIX);
      await tx.insert(reviewRequests).values({
        tenantId: lead.tenantId,
        leadId: lead.id,
        tokenHash: hashToken(token),
        channel,
      });
      const text = renderTemplate("REVIEW_REQUEST", {
        tenantName: tenant.name,
        link: linkTo(this.publicUrl, reviewPath(token)),
      });
      await queueOutboundMessage(tx, this.jobs, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        channel,
        purpose: "REVIEW_REQUEST",
        to,
        subject: channel === "EMAIL" ? text.subject : null,
        body: text.body,
        createdById: viewer.userId,
      });
      // The review request was the next thing to do; it is done now.
      const clearsNextAction = lead.nextActionType === "REVIEW_REQUEST";
      return writeLeadChange(
        tx,
        lead,
        {
          reviewRequestStatus: "SENT",
          ...(clearsNextAction ? { nextActionType: null, nextActionDueAt: null, nextActionNote: null } : {}),
        },
        {
          type: "UPDATED",
          actor: viewer,
          payload: {
            changes: {
              ...(lead.reviewRequestStatus !== "SENT"
                ? { reviewRequestStatus: { from: lead.reviewRequestStatus, to: "SENT" } }
                : {}),
              ...(clearsNextAction
                ? {
                    nextAction: {
                      from: { type: lead.nextActionType, dueAt: lead.nextActionDueAt, note: lead.nextActionNote },
                      to: null,
                    },
                  }
                : {}),
            },
            reviewRequest: { channel },
          },
        },
      );
    });
  }

  /**
   * The customer opened a review link. The first open of a link completes
   * it and, unless already so, the lead's review request; later opens (or
   * another link of the same lead) change nothing. The link row is locked so
   * two simultaneous opens complete it once.
   */
  async openReviewLink(token: string): Promise<ReviewLinkResult> {
    if (!token.startsWith(REVIEW_PREFIX) || token.length > 100) return { outcome: "invalid" };
    return this.db.transaction(async (tx) => {
      const [link] = await tx
        .select()
        .from(reviewRequests)
        .where(eq(reviewRequests.tokenHash, hashToken(token)))
        .for("update");
      if (!link) return { outcome: "invalid" } as const;
      const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, link.tenantId));
      const tenantName = tenant?.name ?? "us";
      if (link.completedAt) return { outcome: "already-completed", tenantName } as const;
      const now = new Date();
      await tx.update(reviewRequests).set({ completedAt: now }).where(eq(reviewRequests.id, link.id));
      const [lead] = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.tenantId, link.tenantId), eq(leads.id, link.leadId)))
        .for("update");
      // The customer's answer counts even on a lead converted since: it records what they did, not an edit.
      if (lead && lead.reviewRequestStatus !== "COMPLETED") {
        await writeLeadChange(
          tx,
          lead,
          { reviewRequestStatus: "COMPLETED" },
          {
            type: "UPDATED",
            actor: null,
            payload: {
              changes: { reviewRequestStatus: { from: lead.reviewRequestStatus, to: "COMPLETED" } },
              reviewRequest: { channel: link.channel, via: "review-link" },
            },
          },
        );
      }
      return { outcome: "completed", tenantName } as const;
    });
  }
}
