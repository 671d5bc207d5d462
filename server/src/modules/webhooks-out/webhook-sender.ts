import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { Webhook } from "standardwebhooks";
import { guardedLookup, privateLiteralOf } from "../net/target-guard.js";

/** How much of a refusing answer's body is kept in the delivery log. */
const KEPT_BODY_BYTES = 300;

export interface SignedMessage {
  /** Standard Webhooks webhook-id: the same for every attempt of one event to one endpoint. */
  id: string;
  body: string;
  /** The endpoint's whsec_… secret. */
  secret: string;
}

export interface AttemptOutcome {
  ok: boolean;
  statusCode: number | null;
  /** Why it failed, for the delivery log; null on success. */
  error: string | null;
  /** The attempt was cut short by shutdown: it does not count. */
  interrupted?: boolean;
}

export interface SenderOptions {
  allowPrivateNetworks: boolean;
  timeoutMs: number;
}

/** Standard Webhooks' three headers for a body signed now with this secret (fresh on every attempt). */
export function standardWebhookHeaders(secret: string, id: string, body: string, at = new Date()) {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(id, at, body),
  };
}

/**
 * One delivery attempt: POSTs the body signed per Standard Webhooks with a
 * fresh webhook-timestamp (receivers refuse old ones), through node:http(s),
 * which never follows redirects: a 3xx is a failure, so a receiver cannot
 * bounce our request to an internal address. Connections go only to
 * addresses `guardedLookup` checked unless private networks are allowed, and
 * the whole attempt, connection to last byte, is bounded by `timeoutMs`.
 */
export class WebhookSender {
  // Keep-alive pools: a busy endpoint reuses its connection (each was checked when it connected).
  private readonly httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 8, timeout: 60_000 });
  private readonly httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 8, timeout: 60_000 });

  constructor(private readonly options: SenderOptions) {}

  async send(target: URL, message: SignedMessage, stop: AbortSignal): Promise<AttemptOutcome> {
    if (!this.options.allowPrivateNetworks) {
      const literal = privateLiteralOf(target);
      if (literal) return failure(null, `refused: ${literal} is not a public address`);
    }
    const at = new Date();
    const headers = {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(message.body)),
      "user-agent": "Leadline-Webhooks/1",
      ...standardWebhookHeaders(message.secret, message.id, message.body, at),
    };
    const https = target.protocol === "https:";
    return new Promise<AttemptOutcome>((resolve) => {
      // One controller per attempt, cut by its timer or by shutdown; both are let go when the
      // request closes, so a long-lived shutdown signal gathers no listeners.
      const controller = new AbortController();
      let cause: "timeout" | "shutdown" | null = null;
      const cut = (why: "timeout" | "shutdown") => {
        cause ??= why;
        controller.abort();
      };
      const timer = setTimeout(() => cut("timeout"), this.options.timeoutMs);
      const onStop = () => cut("shutdown");
      stop.addEventListener("abort", onStop, { once: true });
      let settled = false;
      const settle = (outcome: AttemptOutcome) => {
        if (settled) return;
        settled = true;
        resolve(outcome);
      };
      const settleCut = () =>
        settle(
          cause === "shutdown"
            ? { ...failure(null, "interrupted by shutdown"), interrupted: true }
            : failure(null, `timed out after ${this.options.timeoutMs} ms`),
        );
      const req = (https ? httpsRequest : httpRequest)(target, {
        method: "POST",
        headers,
        signal: controller.signal,
        agent: https ? this.httpsAgent : this.httpAgent,
        ...(this.options.allowPrivateNetworks ? {} : { lookup: guardedLookup }),
      });
      // The timer keeps running until the answer is fully read: a body that never ends is cut too.
      req.on("close", () => {
        clearTimeout(timer);
        stop.removeEventListener("abort", onStop);
        if (cause) settleCut();
      });
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) {
          // Drained so the connection can be reused; the answer's body means nothing to us.
          res.resume();
          settle({ ok: true, statusCode: status, error: null });
          return;
        }
        if (status >= 300 && status < 400) {
          res.resume();
          const location = res.headers.location ? ` to ${res.headers.location.slice(0, 200)}` : "";
          settle(failure(status, `HTTP ${status}: redirect${location} not followed`));
          return;
        }
        readSome(res, (text) => settle(failure(status, `HTTP ${status}${text ? `: ${text}` : ""}`)));
      });
      req.on("error", (error) => {
        if (cause) settleCut();
        else settle(failure(null, describe(error)));
      });
      if (stop.aborted) cut("shutdown");
      req.end(message.body);
    });
  }

  close(): void {
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}

function failure(statusCode: number | null, error: string): AttemptOutcome {
  return { ok: false, statusCode, error };
}

/** The start of a refusing answer's body, as one line of text. */
function readSome(res: IncomingMessage, done: (text: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  const finish = () => {
    const text = Buffer.concat(chunks).subarray(0, KEPT_BODY_BYTES).toString("utf8");
    done(text.replace(/\s+/g, " ").trim());
  };
  res.on("data", (chunk: Buffer) => {
    if (size >= KEPT_BODY_BYTES) return;
    chunks.push(chunk);
    size += chunk.length;
    if (size >= KEPT_BODY_BYTES) {
      finish();
      res.destroy();
    }
  });
  res.on("end", finish);
  res.on("error", finish);
}

function describe(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
}
