import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { leads, messages } from "../../db/schema/index.js";
import type { Logger } from "../../logger.js";
import type { SecretBox } from "../auth/secret-box.js";
import { appendLeadEvent } from "../events/event.service.js";
import type { ReceivedMail } from "./mail-server.js";
import { leadOfReplyAddress, messageOfBounceAddress } from "./reply-address.js";

/** A mail as the development mailbox shows it. */
export interface DevMail {
  id: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** Where a reply goes (the lead's reply address, for mail Leadline sent). */
  replyTo: string | null;
  /** The return path: where a bounce report for this mail would go. */
  envelopeFrom: string | null;
  receivedAt: Date;
}

/**
 * The embedded default's mailbox: every mail the built-in SMTP server took,
 * newest first, kept in memory (the last 500). It is for trying Leadline
 * out: see the invitation or the reply that was sent, answer it.
 */
export class DevMailbox {
  private readonly mails: DevMail[] = [];

  add(mail: DevMail): void {
    this.mails.unshift(mail);
    this.mails.length = Math.min(this.mails.length, 500);
  }

  list(): readonly DevMail[] {
    return this.mails;
  }

  find(id: string): DevMail | undefined {
    return this.mails.find((mail) => mail.id === id);
  }
}

const BODY_LIMIT = 20_000;

/**
 * Mail coming in: a reply to a lead's reply address becomes an INBOUND
 * message on that lead (with its MESSAGE event), once per Message-ID; any
 * other mail is kept only by the development mailbox, when it runs.
 */
export class InboundMailService {
  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    readonly devMailbox: DevMailbox | null,
    private readonly log: Logger,
    /** A bounce report for one of our messages (MessageService.bounce). */
    private readonly onBounce: (messageId: string, reason: string) => Promise<void> = async () => {},
  ) {}

  async receive({ recipients, envelopeFrom, parsed }: ReceivedMail): Promise<void> {
    const from = parsed.from?.value[0]?.address ?? "";
    const text = (parsed.text ?? "").trim();
    this.devMailbox?.add({
      id: randomUUID(),
      from,
      to: recipients,
      subject: parsed.subject ?? "",
      text,
      replyTo: parsed.replyTo?.value[0]?.address ?? null,
      envelopeFrom,
      receivedAt: new Date(),
    });
    for (const recipient of recipients) {
      const bounced = messageOfBounceAddress(this.box, recipient);
      if (bounced) await this.onBounce(bounced, bounceReasonOf(text, parsed.subject ?? ""));
      const leadId = leadOfReplyAddress(this.box, recipient);
      if (leadId) await this.attach(leadId, recipient, from, parsed.subject ?? null, text, parsed.messageId ?? null);
    }
  }

  private async attach(
    leadId: string,
    replyAddress: string,
    from: string,
    subject: string | null,
    text: string,
    messageId: string | null,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const [lead] = await tx
        .select({ id: leads.id, tenantId: leads.tenantId })
        .from(leads)
        .where(and(eq(leads.id, leadId), isNull(leads.retiredAt)));
      if (!lead) {
        this.log.info({ leadId }, "reply to a lead that is gone; dropped");
        return;
      }
      if (messageId) {
        const [seen] = await tx
          .select({ id: messages.id })
          .from(messages)
          .where(and(eq(messages.tenantId, lead.tenantId), eq(messages.providerId, messageId)));
        if (seen) return;
      }
      const [message] = await tx
        .insert(messages)
        .values({
          tenantId: lead.tenantId,
          leadId: lead.id,
          channel: "EMAIL",
          direction: "INBOUND",
          purpose: "REPLY",
          to: replyAddress,
          from,
          subject,
          body: withoutQuotedReply(text).slice(0, BODY_LIMIT),
          deliveryState: "RECEIVED",
          providerId: messageId,
        })
        .returning({ id: messages.id });
      await appendLeadEvent(tx, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: "MESSAGE",
        actor: null,
        payload: { messageId: message?.id, channel: "EMAIL", direction: "INBOUND", from },
      });
    });
  }
}

/** The new part of a reply: the quoted earlier message ("> …" and the "On … wrote:" line above it) is left out. */
export function withoutQuotedReply(text: string): string {
  const lines = text.split(/\r?\n/);
  const quoteAt = lines.findIndex((line) => line.startsWith(">"));
  const kept = quoteAt === -1 ? lines : lines.slice(0, quoteAt);
  while (kept.length && (kept.at(-1)?.trim() === "" || /^On .+wrote:$/.test(kept.at(-1)?.trim() ?? ""))) kept.pop();
  return kept.join("\n").trim() || text.trim();
}

/** Why a bounce report says the mail failed: its diagnostic or status line, else its subject. */
export function bounceReasonOf(text: string, subject: string): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  // The remote server's own words first, then the status code (RFC 3464).
  const line = lines.find((l) => /^Diagnostic-Code:/i.test(l)) ?? lines.find((l) => /^Status:/i.test(l));
  return line ?? (subject || "bounced");
}
