import type { MailResult } from "./mail-transport.js";

/** What the provider said; the same three outcomes as email, so delivery retries one way for both. */
export type SmsResult = MailResult;

export interface SmsSettings {
  /** The provider's base URL: https://api.twilio.com, or any server speaking Twilio's Messages API. */
  apiUrl: string;
  accountSid: string;
  authToken: string;
  /** The number (E.164) or sender id every SMS is sent from. */
  from: string;
  /** `<PUBLIC_URL>/hooks/sms/status`, where the provider reports delivery; null sends no callback URL. */
  statusCallbackUrl?: string | null;
}

export interface OutgoingSms {
  to: string;
  body: string;
  /** Our message id, carried in the status callback URL (see sms-hooks.service.ts). */
  messageId: string;
}

export interface SmsTransport {
  /** The sender the provider shows, recorded on each message. */
  readonly from: string;
  send(sms: OutgoingSms): Promise<SmsResult>;
}

const ATTEMPT_TIMEOUT_MS = 15_000;

/**
 * SMS through Twilio's Messages REST API. A 2xx answer is accepted (its
 * `sid` is the provider id the status callbacks name); a 4xx is a refusal
 * for good (a bad number, an unverified sender), kept with Twilio's code and
 * message, except 429, which is "not now"; a 5xx, a refused connection or a
 * timeout is not permanent either: the job retries with backoff. A request
 * that timed out may still have been taken, and then a retry sends a second
 * copy; Twilio's API has no idempotency key to prevent it, so the timeout is
 * generous.
 */
export function twilioSmsTransport(settings: SmsSettings): SmsTransport {
  const endpoint = `${settings.apiUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`;
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64")}`;
  return {
    from: settings.from,
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, From: settings.from, Body: sms.body });
      if (settings.statusCallbackUrl) {
        form.set("StatusCallback", `${settings.statusCallbackUrl}?message=${encodeURIComponent(sms.messageId)}`);
      }
      let res: Response;
      try {
        res = await fetch(endpoint, {
          method: "POST",
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          body: form,
          signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        });
      } catch (error) {
        return { kind: "unavailable", reason: error instanceof Error ? error.message : String(error) };
      }
      const answer = (await res.json().catch(() => null)) as {
        sid?: unknown;
        status?: unknown;
        code?: unknown;
        message?: unknown;
      } | null;
      if (res.ok && typeof answer?.sid === "string") return { kind: "accepted", providerId: answer.sid };
      const reason = [
        `HTTP ${res.status}`,
        answer?.code != null ? `code ${String(answer.code)}` : null,
        typeof answer?.message === "string" ? answer.message : null,
      ]
        .filter(Boolean)
        .join(": ");
      if (res.status >= 400 && res.status < 500 && res.status !== 429) return { kind: "rejected", reason };
      // A 5xx, a 429, or a 2xx without a sid (a proxy's page, not Twilio): try again later.
      return { kind: "unavailable", reason };
    },
  };
}
