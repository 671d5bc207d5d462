import { createHash } from "node:crypto";
import type { Request, RequestHandler, Response } from "express";
import { type RateLimiterAbstract, RateLimiterDrizzle, RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from "../config.js";
import type { Database } from "../db/client.js";
import { rateLimits } from "../db/schema/index.js";
import { rateLimited } from "../errors.js";
import { sendHttpError } from "../graphql/errors.js";
import type { Logger } from "../logger.js";

export type Budget = Exclude<keyof RateLimitSettings, "store">;

/**
 * Request budgets that hold across instances: rate-limiter-flexible counts in
 * the shared database (the unlogged `rate_limits` table), taken in leases of
 * up to 50 points (`Leased`), so N instances behind a load balancer give a
 * client one budget, not N, at one upsert per lease rather than per request. A client that spent its budget is then refused from memory until the
 * window ends, with no database round trip on the path a flood takes. If the
 * database cannot count, each instance counts alone (the insurance limiter)
 * rather than refusing everyone.
 *
 * A spent budget answers 429 RATE_LIMITED with Retry-After; every answer
 * carries RateLimit-Limit, -Remaining and -Reset (IETF draft) so integrators
 * can pace themselves.
 */
export class RateLimits {
  private readonly limiters: Record<Budget, Leased>;

  constructor(
    db: Database,
    readonly settings: RateLimitSettings,
    private readonly log: Logger,
    /** Told of each refusal (the Prometheus counter). */
    private readonly onRefused: (budget: Budget) => void = () => {},
  ) {
    const limiter = (budget: Budget) => {
      const points = settings[budget];
      if (settings.store === "memory") {
        return new Leased(new RateLimiterMemory({ keyPrefix: budget, points, duration: 60 }), 1);
      }
      const shared = new RateLimiterDrizzle({
        storeClient: db,
        schema: rateLimits,
        keyPrefix: budget,
        points,
        duration: 60,
        inMemoryBlockOnConsumed: points,
        insuranceLimiter: new RateLimiterMemory({ keyPrefix: `${budget}-local`, points, duration: 60 }),
      });
      return new Leased(shared, leaseSize(points));
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

/**
 * Points taken from the shared budget at a time: a twentieth of it, at most 50. A small budget
 * (a login flood's) is counted request by request; a large one (an integrator's 1,200 a minute)
 * costs one database round trip per 50 requests instead of one each.
 */
export function leaseSize(points: number): number {
  return Math.max(1, Math.min(50, Math.floor(points / 20)));
}

/**
 * A budget counted in a shared store, taken in leases: an instance consumes
 * `size` points at once and spends them locally until they run out or the
 * window ends. The shared count is never exceeded (points are taken before
 * they are spent); at worst a client is refused a little early while another
 * instance holds unspent points of its lease. When a whole lease is no longer
 * available, points are taken one by one, so the budget's last points are
 * still spent exactly.
 */
export class Leased {
  private readonly leases = new Map<string, { left: number; until: number; state: RateLimiterRes }>();
  /** A lease being taken per key: concurrent requests wait for it rather than each taking one. */
  private readonly taking = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: RateLimiterAbstract,
    private readonly size: number,
  ) {}

  /** Resolves with the state to report; rejects with a RateLimiterRes when the budget is spent. */
  async consume(key: string): Promise<RateLimiterRes> {
    const now = Date.now();
    const lease = this.leases.get(key);
    if (lease && lease.left > 0 && now < lease.until) {
      lease.left--;
      return withRemaining(lease.state, lease.state.remainingPoints + lease.left, lease.until - now);
    }
    const pending = this.taking.get(key);
    if (pending) {
      await pending.catch(() => {});
      return this.consume(key);
    }
    const taking = this.take(key, now);
    this.taking.set(key, taking);
    try {
      return await taking;
    } finally {
      this.taking.delete(key);
    }
  }

  private async take(key: string, now: number): Promise<RateLimiterRes> {
    if (this.leases.size > 10_000) this.sweep(now);
    let state: RateLimiterRes;
    let taken = this.size;
    try {
      state = await this.store.consume(key, taken);
    } catch (error) {
      if (!(error instanceof RateLimiterRes) || taken === 1) throw error;
      // A refused take still counts its points (rate-limiter-flexible counts attempts): give
      // them back, then take one point, so the budget's last points are spent one by one.
      await this.store.reward(key, taken);
      taken = 1;
      state = await this.store.consume(key, 1);
    }
    this.leases.set(key, { left: taken - 1, until: now + state.msBeforeNext, state });
    return withRemaining(state, state.remainingPoints + taken - 1, state.msBeforeNext);
  }

  private sweep(now: number): void {
    for (const [key, lease] of this.leases) if (lease.until <= now || lease.left === 0) this.leases.delete(key);
  }
}

function withRemaining(state: RateLimiterRes, remainingPoints: number, msBeforeNext: number): RateLimiterRes {
  return new RateLimiterRes(remainingPoints, msBeforeNext, state.consumedPoints, state.isFirstInDuration);
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
