import { normalizePhone } from "@leadline/shared";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import twilio from "twilio";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type DeliveryState, leads, messages, stages } from "../../db/schema/index.js";
import type { Logger } from "../../logger.js";
import { appendLeadEvent } from "../events/event.service.js";
import type { MessageRow, MessageService } from "./message.service.js";
import type { MessagingProviders } from "./messaging-providers.service.js";

/** Where Twilio posts delivery reports (the messages' StatusCallback) and replies (the number's webhook). */
export const SMS_STATUS_PATH = "/hooks/sms/status";
export const SMS_INBOUND_PATH = "/hooks/sms/inbound";

/** A Twilio webhook's form fields, as posted. */
export type TwilioParams = Record<string, string>;

/** What each reported status moves a message to; queued, accepted, sending (and any other) change nothing. */
const REPORTED: Record<string, DeliveryState> = {
  sent: "SENT",
  delivered: "DELIVERED",
  failed: "FAILED",
  undelivered: "FAILED",
};

/** Carrier opt-out and opt-in keywords: the whole message, any case (as Twilio's own handling reads them). */
const OPT_OUT = new Set(["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]);
const OPT_IN = new Set(["START", "UNSTOP"]);

/**
 * What comes back from the SMS provider: delivery reports for our messages
 * and replies from leads. Both arrive as Twilio webhooks, accepted only with
 * a valid `X-Twilio-Signature` over the public URL they were sent to.
 */
export class SmsHookService {
  constructor(
    private readonly db: Database,
    private readonly messaging: MessageService,
    /** `authToken`: the server's account (SMS_AUTH_TOKEN); null when only tenants have their own. */
    private readonly settings: { authToken: string | null; publicUrl: string },
    private readonly log: Logger,
    private readonly providers: MessagingProviders | null = null,
  ) {}

  /**
   * Whether Twilio signed this request: the signature covers the URL it
   * posted to (ours as the outside sees it, the query included) and the
   * form fields, keyed with the account's auth token.
   */
  verify(signature: string | undefined, pathWithQuery: string, params: TwilioParams, authToken: string): boolean {
    if (!signature) return false;
    return twilio.validateRequest(authToken, signature, `${this.settings.publicUrl}${pathWithQuery}`, params);
  }

  /**
   * Who signed a delivery report: the server's account, or the account of
   * the tenant whose message it names (its own provider). OFF when there is
   * no account to check it with (SMS set up nowhere for it).
   */
  async checkStatus(
    signature: string | undefined,
    pathWithQuery: string,
    params: TwilioParams,
    messageId: string | undefined,
  ): Promise<"SIGNED" | "FORGED" | "OFF"> {
    const server = this.settings.authToken;
    // The server's account first: its reports are checked without a read.
    if (server && this.verify(signature, pathWithQuery, params, server)) return "SIGNED";
    const tenantId = await this.tenantOfReport(messageId, params.MessageSid);
    const own = tenantId ? await this.providers?.smsTokenOf(tenantId) : null;
    if (!own) return server ? "FORGED" : "OFF";
    return this.verify(signature, pathWithQuery, params, own) ? "SIGNED" : "FORGED";
  }

  /**
   * Who signed a reply: the server's account (its number serves every
   * tenant: `tenantId` null), or a tenant's own account whose number it was
   * sent to (the reply belongs to that tenant only). OFF when no account
   * could have.
   */
  async checkInbound(
    signature: string | undefined,
    pathWithQuery: string,
    params: TwilioParams,
  ): Promise<{ tenantId: string | null } | "FORGED" | "OFF"> {
    const server = this.settings.authToken;
    if (server && this.verify(signature, pathWithQuery, params, server)) return { tenantId: null };
    const to = params.To?.trim() ?? "";
    const accounts = to && this.providers ? await this.providers.smsAccountsFor(to) : [];
    if (!accounts.length) return server ? "FORGED" : "OFF";
    const signer = accounts.find((a) => this.verify(signature, pathWithQuery, params, a.authToken));
    return signer ? { tenantId: signer.tenantId } : "FORGED";
  }

  /** The tenant of the message a report names (by our id, else by its sid); null when unknown. */
  private async tenantOfReport(messageId: string | undefined, sid: string | undefined): Promise<string | null> {
    if (!this.providers) return null;
    const by = messageId && isUuid(messageId) ? eq(messages.id, messageId) : sid ? eq(messages.providerId, sid) : null;
    if (!by) return null;
    const [row] = await this.db.select({ tenantId: messages.tenantId }).from(messages).where(by).limit(1);
    return row?.tenantId ?? null;
  }

  /**
   * A delivery report. The message is found by our id in the callback URL
   * (so a report that outruns the API answer still finds it) or by its
   * MessageSid. Through `settle`, a repeated or late report never moves a
   * state back. An unknown message is acknowledged and ignored: Twilio would
   * otherwise retry a report nobody can use.
   */
  async receiveStatus(messageId: string | undefined, params: TwilioParams): Promise<void> {
    const sid = params.MessageSid;
    const state = REPORTED[(params.MessageStatus ?? "").toLowerCase()];
    if (!sid || !state) return;
    const message = await this.outboundSms(messageId, sid);
    if (!message) {
      this.log.info({ messageSid: sid }, "SMS status report for an unknown message; ignored");
      return;
    }
    const values: Partial<MessageRow> = { providerId: sid };
    if (state === "SENT") values.sentAt = new Date();
    if (state === "DELIVERED") values.deliveredAt = new Date();
    if (state === "FAILED") {
      values.lastError = params.ErrorCode
        ? `${params.MessageStatus}: error ${params.ErrorCode}`
        : (params.MessageStatus ?? "failed");
    }
    await this.messaging.settle(message, state, values);
  }

  private async outboundSms(messageId: string | undefined, sid: string): Promise<MessageRow | undefined> {
    const byId = messageId && isUuid(messageId) ? eq(messages.id, messageId) : eq(messages.providerId, sid);
    const [message] = await this.db
      .select()
      .from(messages)
      .where(and(byId, eq(messages.channel, "SMS"), eq(messages.direction, "OUTBOUND")))
      .limit(1);
    // The id names the message; a report carrying another message's sid is not about it.
    if (message?.providerId && message.providerId !== sid) return undefined;
    return message;
  }

  /**
   * A reply by SMS. To the server's number (SMS_FROM), which every tenant
   * sends from, the sender's phone is matched across tenants; to a tenant's
   * own number (`tenantId`), within that tenant: the most recently active open
   * lead with that phone (else the most recently active lead that is not
   * retired), whose tenant owns the reply. It is stored once per MessageSid
   * (Twilio retries a webhook it saw fail) as an INBOUND message with a
   * MESSAGE event. An opt-out word marks every lead with that phone in that
   * tenant opted out of SMS (an opt-in word clears it). A sender matching no
   * lead is acknowledged and dropped. Returns the stored message, if any.
   */
  async receiveInbound(params: TwilioParams, tenantId: string | null = null): Promise<MessageRow | null> {
    const sid = params.MessageSid;
    const rawFrom = params.From?.trim();
    if (!sid || !rawFrom) return null;
    const normalized = normalizePhone(rawFrom, "US");
    const phone = normalized.ok ? normalized.value : rawFrom;
    const body = params.Body ?? "";
    const keyword = body.trim().toUpperCase();
    const optOut = OPT_OUT.has(keyword) ? true : OPT_IN.has(keyword) ? false : null;
    return this.db.transaction(async (tx) => {
      // Twilio may deliver the same webhook twice at once: one of them stores it.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sms-inbound:${sid}`}, 0))`);
      const [seen] = await tx
        .select({ id: messages.id })
        .from(messages)
        .where(and(eq(messages.providerId, sid), eq(messages.direction, "INBOUND")))
        .limit(1);
      if (seen) return null;
      const [lead] = await tx
        .select({ id: leads.id, tenantId: leads.tenantId })
        .from(leads)
        .innerJoin(stages, and(eq(stages.pipelineId, leads.pipelineId), eq(stages.key, leads.status)))
        .where(
          and(
            eq(leads.phone, phone),
            isNull(leads.retiredAt),
            // To a tenant's own number: that tenant's leads only.
            tenantId ? eq(leads.tenantId, tenantId) : undefined,
          ),
        )
        .orderBy(desc(sql`${stages.category} = 'OPEN'`), desc(leads.lastActivityAt), desc(leads.id))
        .limit(1);
      if (!lead) {
        this.log.info({ messageSid: sid }, "inbound SMS from a number no lead has; dropped");
        return null;
      }
      const now = new Date();
      const [message] = await tx
        .insert(messages)
        .values({
          tenantId: lead.tenantId,
          leadId: lead.id,
          channel: "SMS",
          direction: "INBOUND",
          purpose: "REPLY",
          to: params.To ?? "",
          from: phone,
          body,
          deliveryState: "RECEIVED",
          providerId: sid,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!message) throw new Error("message insert returned nothing");
      if (optOut !== null) {
        // Every lead of this person in the tenant: a STOP is about the number, not one enquiry.
        await tx
          .update(leads)
          .set({ smsOptedOutAt: optOut ? now : null, updatedAt: now })
          .where(
            and(
              eq(leads.tenantId, lead.tenantId),
              eq(leads.phone, phone),
              optOut ? isNull(leads.smsOptedOutAt) : sql`${leads.smsOptedOutAt} is not null`,
            ),
          );
      }
      await tx.update(leads).set({ lastActivityAt: now }).where(eq(leads.id, lead.id));
      await appendLeadEvent(tx, {
        tenantId: lead.tenantId,
        leadId: lead.id,
        type: "MESSAGE",
        actor: null,
        payload: {
          messageId: message.id,
          channel: "SMS",
          direction: "INBOUND",
          from: phone,
          state: "RECEIVED",
          ...(optOut === null ? {} : { smsOptOut: optOut ? "OPTED_OUT" : "OPTED_IN" }),
        },
      });
      return message;
    });
  }
}
