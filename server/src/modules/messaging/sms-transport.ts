import { request as httpRequest, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { privateLiteralOf, publicOnlyLookup } from "../net/target-guard.js";
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
  /**
   * Connect to public addresses only (a tenant's own provider, unless
   * WEBHOOK_ALLOW_PRIVATE_NETWORKS): checked at connect time, as webhooks are.
   */
  publicOnly?: boolean;
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
  const endpoint = new URL(
    `${settings.apiUrl.replace(/\/+$/, "")}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/Messages.json`,
  );
  const authorization = `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64")}`;
  return {
    from: settings.from,
    async send(sms) {
      const form = new URLSearchParams({ To: sms.to, From: settings.from, Body: sms.body });
      if (settings.statusCallbackUrl) {
        form.set("StatusCallback", `${settings.statusCallbackUrl}?message=${encodeURIComponent(sms.messageId)}`);
      }
      const literal = settings.publicOnly ? privateLiteralOf(endpoint) : null;
      // A setting that points inside the network is wrong until it is changed: a refusal, not an outage.
      if (literal) return { kind: "rejected", reason: `refused: ${literal} is not a public address` };
      let res: { status: number; text: string };
      try {
        res = await postForm(endpoint, form.toString(), {
          headers: { authorization, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
          ...(settings.publicOnly ? { lookup: publicOnlyLookup("SMS providers") } : {}),
        });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        if ((error as { code?: unknown }).code === "EPRIVATETARGET") return { kind: "rejected", reason };
        return { kind: "unavailable", reason };
      }
      const answer = parseJson(res.text) as {
        sid?: unknown;
        status?: unknown;
        code?: unknown;
        message?: unknown;
      } | null;
      const ok = res.status >= 200 && res.status < 300;
      if (ok && typeof answer?.sid === "string") return { kind: "accepted", providerId: answer.sid };
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

/** Most of an answer read; a provider's JSON is far smaller. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One form POST with node:http(s), so the connection can be held to the
 * addresses `lookup` allows (fetch takes no lookup). The whole attempt,
 * connection to last byte, has ATTEMPT_TIMEOUT_MS.
 */
function postForm(
  url: URL,
  body: string,
  options: { headers: Record<string, string>; lookup?: RequestOptions["lookup"] },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: "POST",
        headers: { ...options.headers, "content-length": Buffer.byteLength(body) },
        signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS),
        ...(options.lookup ? { lookup: options.lookup } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
