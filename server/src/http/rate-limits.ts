import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { type RateLimiterAbstract, RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from "../config.js";
import type { Database } from "../db/client.js";
import { rateLimits } from "../db/schema/index.js";
import { rateLimited } from "../errors.js";
import { sendHttpError } from "../graphql/errors.js";
import type { Logger } from "../logger.js";

export type Budget = keyof RateLimitSettings;

/**
 * Request budgets that hold across instances: rate-limiter-flexible counts in
 * the shared database (the unlogged `rate_limits` table, one upsert per
 * request), so N instances behind a load balancer give a client one budget,
 * not N. A client that spent its budget is then refused from memory until the
 * window ends, with no database round trip on the path a flood takes. If the
 * database cannot count, each instance counts alone (the insurance limiter)
 * rather than refusing everyone.
 *
 * A spent budget answers 429 RATE_LIMITED with Retry-After; every answer
 * carries RateLimit-Limit, -Remaining and -Reset (IETF draft) so integrators
 * can pace themselves.
 */
export class RateLimits {
  private readonly limiters: Record<Budget, RateLimiterAbstract>;

  constructor(
    db: Database,
    readonly settings: RateLimitSettings,
    private readonly log: Logger,
    /** Told of each refusal (the Prometheus counter). */
    private readonly onRefused: (budget: Budget) => void = () => {},
  ) {
    const limiter = (budget: Budget) => {
      const points = settings[budget];
      return new RateLimiterDrizzle({
        storeClient: db,
        schema: rateLimits,
        keyPrefix: budget,
        points,
        duration: 60,
        inMemoryBlockOnConsumed: points,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${budget}-local`, points, duration: 60 }),
      });
    };
    this.limiters = {
      perTokenPerMinute: limiter("perTokenPerMinute"),
      perIpPerMinute: limiter("perIpPerMinute"),
      webhookPerMinute: limiter("webhookPerMinute"),
    };
  }

  /** GraphQL and REST: a request with a token spends that token's budget, one without spends its address's. */
  api(): RequestHandler {
    return (req, res, next) => {
      if (req.method === "OPTIONS") return next();
      const token = bearerOf(req);
      const [budget, key]: [Budget, string] = token
        ? ["perTokenPerMinute", tokenKey(token)]
        : ["perIpPerMinute", clientAddress(req)];
      this.take(budget, key, req, res, next);
    };
  }

  /** The inbound webhook: per tenant and sending address. */
  webhook(): RequestHandler {
    return (req, res, next) =>
      this.take("webhookPerMinute", `${req.params.tenantSlug ?? ""}:${clientAddress(req)}`, req, res, next);
  }

  private take(budget: Budget, key: string, req: Request, res: Response, next: (error?: unknown) => void): void {
    const limit = this.settings[budget];
    this.limiters[budget].consume(key).then(
      (state) => {
        setHeaders(res, limit, state);
        next();
      },
      (error: unknown) => {
        if (!(error instanceof RateLimiterRes)) return next(error);
        setHeaders(res, limit, error);
        const seconds = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
        this.onRefused(budget);
        this.log.warn({ budget, path: req.path }, "rate limit reached");
        sendHttpError(res, this.log, rateLimited(`Too many requests; try again in ${seconds} seconds`, seconds), {});
      },
    );
  }
}

function setHeaders(res: Response, limit: number, state: RateLimiterRes): void {
  res.set("ratelimit-limit", String(limit));
  res.set("ratelimit-remaining", String(Math.max(0, state.remainingPoints)));
  res.set("ratelimit-reset", String(Math.max(0, Math.ceil(state.msBeforeNext / 1000))));
}

function bearerOf(req: Request): string | null {
  const header = req.get("authorization");
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** Tokens are never stored, not even in the counters: a hash names the budget. */
function tokenKey(token: string): string {
  return createHash("sha256").update(token).digest("base64url").slice(0, 32);
}

/** The client's address as Express sees it (behind a proxy: TRUST_PROXY decides which hop to believe). */
export function clientAddress(req: Request): string {
  return req.ip ?? req.socket.remoteAddress ?? "unknown";
}
