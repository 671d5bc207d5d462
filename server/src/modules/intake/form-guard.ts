import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import type { FormGuardLimits } from "../../config.js";
import { DomainError, rateLimited } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { SecretBox } from "../auth/secret-box.js";

/** The hidden field a person never sees and a form-filling bot fills. */
export const HONEYPOT_FIELD = "website";
/** The hidden field carrying when the form was rendered, signed by the server. */
export const TOKEN_FIELD = "_t";
/** reCAPTCHA's widget posts its answer under this name. */
export const CAPTCHA_FIELD = "g-recaptcha-response";

/** A rendered form stays valid this long; an older one is re-rendered with a fresh token. */
const TOKEN_MAX_AGE_MS = 24 * 3_600_000;
const TOKEN_PURPOSE = "capture-form";
const CAPTCHA_TIMEOUT_MS = 5_000;

const spam = (check: string, message: string) => new DomainError("SPAM_SUSPECTED", message, undefined, { check });

/**
 * The checks a public form submission passes before it may create anything,
 * cheapest first: rate limits (per client address and per form), the
 * honeypot, the signed render time (minimum fill time, expiry), then
 * reCAPTCHA when the form asks for it. Each refusal is a typed error and
 * nothing is written.
 *
 * Rate limits are counted per instance (rate-limiter-flexible's memory
 * store): behind a load balancer of N instances a client gets at most N
 * times the limit, which still stops a flood; the counts need no database
 * round trip on the path a flood takes.
 */
export class FormGuard {
  private readonly perIp: RateLimiterMemory;
  private readonly perForm: RateLimiterMemory;

  constructor(
    private readonly box: SecretBox,
    private readonly limits: FormGuardLimits,
    private readonly captchaVerifyUrl: string,
    private readonly log: Logger,
  ) {
    this.perIp = new RateLimiterMemory({ keyPrefix: "form-ip", points: limits.perIpPerMinute, duration: 60 });
    this.perForm = new RateLimiterMemory({ keyPrefix: "form", points: limits.perFormPerMinute, duration: 60 });
  }

  /** A token for a form rendered now: the render time and a tag binding it to the form. */
  issueToken(formId: string, now = Date.now()): string {
    return `${now}.${this.box.mac(TOKEN_PURPOSE, `${formId}.${now}`)}`;
  }

  /** Counts one submission against the client's and the form's budgets; RATE_LIMITED with Retry-After when spent. */
  async takeRateOrThrow(formId: string, clientAddress: string): Promise<void> {
    try {
      await this.perIp.consume(clientAddress);
      await this.perForm.consume(formId);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw rateLimited(`Too many submissions; try again in ${seconds} seconds`, seconds);
    }
  }

  /** The honeypot is empty and the form was rendered by this server, long enough ago and not too long. */
  checkHumanOrThrow(formId: string, posted: Record<string, string>, now = Date.now()): void {
    if ((posted[HONEYPOT_FIELD] ?? "").trim() !== "") {
      throw spam("honeypot", "This submission could not be accepted");
    }
    const [issued, tag] = (posted[TOKEN_FIELD] ?? "").split(".", 2);
    const issuedAt = Number(issued);
    if (!tag || !Number.isSafeInteger(issuedAt) || !this.box.verifyMac(TOKEN_PURPOSE, `${formId}.${issued}`, tag)) {
      throw spam("token", "This form was not loaded from Leadline; reload it and send it again");
    }
    if (now - issuedAt > TOKEN_MAX_AGE_MS) throw spam("expired", "This form has expired; send it again");
    if (now - issuedAt < this.limits.minFillMs) {
      throw spam("too_fast", "That was quicker than a person types; check the form and send it again");
    }
  }

  /**
   * Asks reCAPTCHA's siteverify (or the configured stand-in, which speaks
   * the same protocol) whether the widget's answer is good. Fails closed: no
   * answer, a network error or a timeout refuse the submission. The secret
   * goes only into the request body, never into a log line.
   */
  async verifyCaptchaOrThrow(secret: string, answer: string | undefined, clientAddress: string): Promise<void> {
    if (!answer?.trim()) throw new DomainError("CAPTCHA_FAILED", "Complete the captcha and send the form again");
    let verdict: { success?: unknown; "error-codes"?: unknown };
    try {
      const res = await fetch(this.captchaVerifyUrl, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ secret, response: answer, remoteip: clientAddress }),
        signal: AbortSignal.timeout(CAPTCHA_TIMEOUT_MS),
      });
      verdict = (await res.json()) as typeof verdict;
    } catch (error) {
      this.log.warn({ reason: error instanceof Error ? error.name : "unknown" }, "captcha verification unreachable");
      throw new DomainError("CAPTCHA_FAILED", "The captcha could not be checked; send the form again");
    }
    if (verdict.success !== true) {
      const codes = Array.isArray(verdict["error-codes"]) ? verdict["error-codes"].map(String) : [];
      throw new DomainError("CAPTCHA_FAILED", "The captcha was not solved; try it again", undefined, {
        captchaErrors: codes,
      });
    }
  }
}
