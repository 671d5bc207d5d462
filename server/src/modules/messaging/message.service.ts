import { normalizeEmail, normalizePhone } from "@leadline/shared";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import {
  type DeliveryState,
  type LeadRow,
  leads,
  type MessageChannel,
  messages,
  type StageRow,
  tenants,
  users,
} from "../../db/schema/index.js";
import { badInput, conflict, forbidden } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { Viewer } from "../auth/viewer.js";
import { appendLeadEvent } from "../events/event.service.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { type StageChanger, stagesOfPipeline } from "../pipeline/stage-change.js";
import type { SlaService } from "../sla/sla.service.js";
import type { MailResult, MailTransport } from "./mail-transport.js";
import { queueOutboundMessage } from "./message-outbox.js";
import type { MessagingProviders } from "./messaging-providers.service.js";
import type { SmsTransport } from "./sms-transport.js";

export type MessageRow = typeof messages.$inferSelect;

/** How far a delivery state has come: a status report never moves a message back. */
const PROGRESS: Record<DeliveryState, number> = {
  QUEUED: 0,
  SENT: 1,
  DELIVERED: 2,
  FAILED: 2,
  BOUNCED: 3,
  RECEIVED: 0,
};

const BODY_LIMIT = { EMAIL: 20_000, SMS: 1_600 } as const;
const SUBJECT_LIMIT = 300;
/**
 * The stages a first reply moves a lead out of, and where to: `contacted`
 * (the simple and field-service pipelines), else `working` (the
 * qualification pipeline's name for it), where the transition is allowed.
 */
const UNTOUCHED_STAGES = ["new", "not_contacted"];
const CONTACTED_STAGES = ["contacted", "working"];

/** How long a test message's sender waits for its one delivery attempt to end. */
const TEST_WAIT_MS = 45_000;

/** A test message and whose provider it went through. */
export interface TestMessageOutcome {
  message: MessageRow;
  /** WORKSPACE: the tenant's own provider; SERVER: the server's. */
  via: "WORKSPACE" | "SERVER";
}

export interface MessagingOptions {
  /** The address mail is sent from. */
  mailFrom: string;
  /** The first retry waits this long; each next one twice as long (capped at an hour). */
  retryBaseMs: number;
  /** Attempts before a message that never got through is FAILED. */
  maxAttempts: number;
  /** A lead's reply address (reply-address.ts), for the Reply-To of its email. */
  replyAddressOf?: (leadId: string) => string;
  /** A message's bounce address (reply-address.ts), the return path bounce reports come back to. */
  bounceAddressOf?: (messageId: string) => string;
}

/**
 * Messages to and from a lead (seed 001): a rep replies by email or SMS from
 * the lead, the message is queued in the transaction that records it and
 * delivered by a job, and its delivery state only moves forward. The first
 * outbound reply is the lead's first response: it stops the SLA clock and
 * moves an untouched lead to contacted.
 */
export class MessageService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly sla: SlaService,
    private readonly stages: StageChanger,
    private readonly mail: MailTransport | null,
    private readonly options: MessagingOptions,
    private readonly log: Logger,
    /** SMS through the provider (sms-transport.ts); null: SMS is refused. */
    private readonly sms: SmsTransport | null = null,
    /** Tenants' own providers, used instead of `mail` and `sms` for their messages. */
    private readonly providers: MessagingProviders | null = null,
  ) {}

  /** A lead's messages, oldest first (the conversation as it happened). */
  listForLead(lead: Pick<LeadRow, "id" | "tenantId">): Promise<MessageRow[]> {
    return this.db
      .select()
      .from(messages)
      .where(and(eq(messages.tenantId, lead.tenantId), eq(messages.leadId, lead.id)))
      .orderBy(asc(messages.createdAt), asc(messages.id));
  }

  /**
   * A rep's reply: checked against the lead (an address or number to send
   * to, not opted out, a channel that is set up), queued with its MESSAGE
   * event and delivery job in one transaction, so it is never lost and
   * never queued twice. The first one is the lead's first response.
   */
  async sendMessage(
    viewer: Viewer,
    leadId: string,
    params: { channel: MessageChannel; body: string; subject?: string | null },
  ): Promise<MessageRow> {
    const body = params.body.trim();
    const subject = params.subject?.trim() || null;
    const ready = await this.channelReady(viewer.tenantId, params.channel);
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, leadId);
      const to = this.recipientOrThrow(lead, params.channel, body, subject);
      if (!ready) throw notSetUp(params.channel);
      const now = new Date();
      const message = await queueOutboundMessage(tx, this.jobs, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        channel: params.channel,
        purpose: "REPLY",
        to,
        subject: params.channel === "EMAIL" ? (subject ?? "Re: your enquiry") : null,
        body,
        createdById: viewer.userId,
      });
      await appendLeadEvent(tx, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: "MESSAGE",
        actor: viewer,
        payload: { messageId: message.id, channel: message.channel, direction: "OUTBOUND", to, state: "QUEUED" },
      });
      await this.recordFirstResponse(tx, lead, viewer, now);
      return message;
    });
  }

  /**
   * The first outbound reply: the SLA clock stops (MET when on time,
   * BREACHED when late), and a lead still in its untouched stage moves to
   * contacted where its pipeline allows that transition.
   */
  private async recordFirstResponse(tx: Executor, lead: LeadRow, viewer: Viewer, at: Date): Promise<void> {
    if (lead.firstResponseAt) return;
    const responded = await this.sla.recordFirstResponse(tx, lead, at);
    if (!UNTOUCHED_STAGES.includes(responded.status)) return;
    const stages = await stagesOfPipeline(tx, responded.pipelineId);
    const from = stages.find((s) => s.key === responded.status);
    const to = CONTACTED_STAGES.map((key) => stages.find((s) => s.key === key)).find(
      (stage) => stage && from?.transitions.includes(stage.key),
    );
    if (!from || !to) return;
    await this.stages.change(tx, responded, stages as StageRow[], {
      to,
      via: "MOVE",
      actor: viewer,
      payload: { reason: "FIRST_RESPONSE" },
    });
  }

  private recipientOrThrow(lead: LeadRow, channel: MessageChannel, body: string, subject: string | null): string {
    const errors = [];
    if (!body) errors.push({ field: "body", message: "is required" });
    else if (body.length > BODY_LIMIT[channel])
      errors.push({ field: "body", message: `must be at most ${BODY_LIMIT[channel]} characters for ${channel}` });
    if (subject && subject.length > SUBJECT_LIMIT)
      errors.push({ field: "subject", message: `must be at most ${SUBJECT_LIMIT} characters` });
    const to = channel === "EMAIL" ? lead.email : lead.phone;
    if (!to)
      errors.push({
        field: "channel",
        message: `the lead has no ${channel === "EMAIL" ? "email address" : "phone number"}`,
      });
    if (channel === "EMAIL" && lead.emailOptedOutAt)
      errors.push({ field: "channel", message: "the lead asked not to be emailed" });
    if (channel === "SMS" && lead.smsOptedOutAt)
      errors.push({ field: "channel", message: "the lead opted out of SMS (STOP)" });
    if (errors.length) throw badInput(errors);
    return to as string;
  }

  /** Whether the tenant or the server has a provider for the channel: nothing is queued that cannot go. */
  private async channelReady(tenantId: string, channel: MessageChannel): Promise<boolean> {
    return Boolean(channel === "EMAIL" ? this.mail : this.sms) || Boolean(await this.providers?.has(tenantId, channel));
  }

  /**
   * ADMIN: a test message to `to`, sent the way every message is: queued
   * with its delivery job (purpose TEST, no lead), delivered by the job
   * through the tenant's own provider or else the server's. It gets one
   * attempt; this waits for it and answers the message as it ended: SENT,
   * or FAILED with the provider's own answer in lastError.
   */
  async sendTestMessage(viewer: Viewer, channel: MessageChannel, rawTo: string): Promise<TestMessageOutcome> {
    if (!viewer.permissions.admin) throw forbidden("Only admins send test messages");
    const [found] = await this.db
      .select({ tenant: tenants, sender: users.name })
      .from(tenants)
      .innerJoin(users, eq(users.id, viewer.userId))
      .where(eq(tenants.id, viewer.tenantId));
    if (!found) throw forbidden("Only admins send test messages");
    const { tenant, sender } = found;
    const to = testRecipientOrThrow(channel, rawTo, tenant.defaultCountry);
    if (!(await this.channelReady(viewer.tenantId, channel))) throw notSetUp(channel);
    const via = (await this.providers?.has(viewer.tenantId, channel)) ? "WORKSPACE" : "SERVER";
    const queued = await this.db.transaction((tx) =>
      queueOutboundMessage(tx, this.jobs, {
        tenantId: viewer.tenantId,
        leadId: null,
        channel,
        purpose: "TEST",
        to,
        subject: channel === "EMAIL" ? `Test message from ${tenant.name}` : null,
        body:
          channel === "EMAIL"
            ? `This is a test message from Leadline, sent by ${sender} to check ${tenant.name}'s email settings.\n\nIf you can read it, email works.`
            : `Leadline test: ${tenant.name}'s SMS settings work.`,
        createdById: viewer.userId,
      }),
    );
    return { message: await this.afterFirstAttempt(queued), via };
  }

  /** The message once its delivery job has made its attempt (or as it stands after TEST_WAIT_MS). */
  private async afterFirstAttempt(queued: MessageRow): Promise<MessageRow> {
    const until = Date.now() + TEST_WAIT_MS;
    for (;;) {
      const [message] = await this.db.select().from(messages).where(eq(messages.id, queued.id));
      if (message?.deliveryState !== "QUEUED" || Date.now() > until) return message ?? queued;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async smsOptedOut(leadId: string): Promise<boolean> {
    const [lead] = await this.db.select({ at: leads.smsOptedOutAt }).from(leads).where(eq(leads.id, leadId));
    return Boolean(lead?.at);
  }

  /**
   * Job handler: one delivery attempt. Only a QUEUED message is sent, so a
   * repeated job sends nothing; the state is written as soon as the server
   * answers. A refusal for good is FAILED; an unreachable server is tried
   * again later, with backoff, until `maxAttempts`.
   */
  async deliver(data: { messageId: string }): Promise<void> {
    const [row] = await this.db
      .select({
        message: messages,
        tenantName: tenants.name,
        fromName: tenants.mailFromName,
        replyTo: tenants.mailReplyTo,
      })
      .from(messages)
      .innerJoin(tenants, eq(tenants.id, messages.tenantId))
      .where(eq(messages.id, data.messageId));
    if (!row || row.message.deliveryState !== "QUEUED" || row.message.direction !== "OUTBOUND") return;
    const { message } = row;
    // The transport by channel; both answer accepted, rejected (for good) or unavailable (retry below).
    let from: string;
    let result: MailResult;
    // The tenant's own provider when it has one, else the server's.
    const sms = message.channel === "SMS" ? ((await this.providers?.smsFor(message.tenantId)) ?? this.sms) : null;
    const ownMail = message.channel === "EMAIL" ? await this.providers?.emailFor(message.tenantId) : null;
    const mail = ownMail?.transport ?? this.mail;
    const mailFrom = ownMail?.fromAddress ?? this.options.mailFrom;
    if (message.channel === "SMS" && sms) {
      // A STOP that came in while the message waited (a provider outage) still holds: it is never sent.
      if (message.leadId && (await this.smsOptedOut(message.leadId))) {
        await this.settle(message, "FAILED", { lastError: "the lead opted out of SMS (STOP) before it was sent" });
        return;
      }
      from = sms.from;
      result = await sms.send({ to: message.to, body: message.body, messageId: message.id });
    } else if (message.channel === "EMAIL" && mail) {
      from = `"${(row.fromName || row.tenantName).replace(/["\\\r\n]/g, "")}" <${mailFrom}>`;
      result = await mail.send({
        from,
        to: message.to,
        subject: message.subject ?? "",
        text: message.body,
        // The lead's own reply address first, so a reply lands on the lead; the tenant's shared inbox too, if set.
        replyTo:
          [message.leadId ? this.options.replyAddressOf?.(message.leadId) : null, row.replyTo || null]
            .filter(Boolean)
            .join(", ") || null,
        messageId: `<${message.id}@${this.options.mailFrom.split("@")[1] ?? "leadline"}>`,
        envelopeFrom: this.options.bounceAddressOf?.(message.id) ?? null,
      });
    } else {
      await this.settle(message, "FAILED", { lastError: `${message.channel} is not set up on this server` });
      return;
    }
    const attempts = message.attempts + 1;
    if (result.kind === "accepted") {
      await this.settle(message, "SENT", { providerId: result.providerId, sentAt: new Date(), attempts, from });
    } else if (result.kind === "rejected" || attempts >= this.options.maxAttempts || message.purpose === "TEST") {
      // A test gets one attempt: its sender is waiting to hear what the provider said.
      await this.settle(message, "FAILED", { lastError: result.reason, attempts, from });
    } else {
      const delay = Math.min(3_600_000, this.options.retryBaseMs * 2 ** (attempts - 1));
      await this.db.transaction(async (tx) => {
        await tx
          .update(messages)
          .set({ attempts, lastError: result.reason, updatedAt: new Date() })
          .where(and(eq(messages.id, message.id), eq(messages.deliveryState, "QUEUED")));
        await this.jobs.schedule(
          tx,
          "message-send",
          { messageId: message.id },
          { startAfter: new Date(Date.now() + delay) },
        );
      });
      this.log.warn({ messageId: message.id, attempts, retryInMs: delay }, "message not delivered yet; will retry");
    }
  }

  /** A bounce report came back for an email: BOUNCED, with the report's reason (once; never back to SENT). */
  async bounce(messageId: string, reason: string): Promise<void> {
    const [message] = await this.db.select().from(messages).where(eq(messages.id, messageId));
    if (!message || message.channel !== "EMAIL" || message.direction !== "OUTBOUND") return;
    await this.settle(message, "BOUNCED", { lastError: reason.slice(0, 1_000) });
  }

  /**
   * Moves a message's delivery state forward (never back: a late or repeated
   * report of an earlier state changes nothing) with a MESSAGE_STATUS event.
   */
  async settle(
    message: Pick<MessageRow, "id" | "tenantId" | "leadId">,
    state: DeliveryState,
    values: Partial<MessageRow> = {},
  ): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const [current] = await tx.select().from(messages).where(eq(messages.id, message.id)).for("update");
      if (!current || PROGRESS[state] <= PROGRESS[current.deliveryState]) return false;
      await tx
        .update(messages)
        .set({ ...values, deliveryState: state, updatedAt: new Date() })
        .where(eq(messages.id, message.id));
      if (current.leadId) {
        await appendLeadEvent(tx, {
          tenantId: current.tenantId,
          leadId: current.leadId,
          type: "MESSAGE_STATUS",
          actor: null,
          payload: { messageId: current.id, from: current.deliveryState, to: state, error: values.lastError ?? null },
        });
      }
      return true;
    });
  }
}

/** A test's recipient, normalized as a lead's would be (a phone number in the tenant's country); else refused. */
function testRecipientOrThrow(channel: MessageChannel, raw: string, defaultCountry: string): string {
  const normalized = channel === "EMAIL" ? normalizeEmail(raw.trim()) : normalizePhone(raw.trim(), defaultCountry);
  if (normalized.ok) return normalized.value;
  throw badInput([
    { field: "to", message: channel === "EMAIL" ? "must be an email address" : "must be a phone number" },
  ]);
}

function notSetUp(channel: MessageChannel) {
  return conflict(
    "INVALID_STATE",
    channel === "EMAIL"
      ? "Email is not set up (the workspace's email provider, or SMTP_URL on the server); nothing was sent"
      : "SMS is not set up (the workspace's SMS provider, or SMS_ACCOUNT_SID on the server); nothing was sent",
  );
}

/** Each lead's newest message's direction (a lead without messages is left out). */
export async function lastMessageDirections(
  db: Executor,
  tenantId: string,
  leadIds: readonly string[],
): Promise<{ leadId: string; direction: MessageRow["direction"] }[]> {
  if (leadIds.length === 0) return [];
  const rows = await db
    .selectDistinctOn([messages.leadId], { leadId: messages.leadId, direction: messages.direction })
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), inArray(messages.leadId, [...leadIds])))
    .orderBy(messages.leadId, desc(messages.createdAt), desc(messages.id));
  return rows.flatMap((r) => (r.leadId ? [{ leadId: r.leadId, direction: r.direction }] : []));
}
