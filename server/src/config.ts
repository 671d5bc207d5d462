import { resolve } from "node:path";
import { z } from "zod";

export const DEFAULT_CAPTCHA_VERIFY_URL = "https://www.google.com/recaptcha/api/siteverify";

/** Requests per minute for each budget (docs/security.md, "Rate limits"). */
export interface RateLimitSettings {
  /** Each session token or API key, on GraphQL and REST. */
  perTokenPerMinute: number;
  /** Each client address without a token (sign-in, anonymous GraphQL, REST without a key). */
  perIpPerMinute: number;
  /** Each tenant's inbound webhook, per sending address (a batch of 500 counts once). */
  webhookPerMinute: number;
  /**
   * Where budgets are counted: "database" (shared by every instance; the default on PostgreSQL) or
   * "memory" (this process only: the embedded database, which is one process anyway).
   */
  store?: "database" | "memory";
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  perTokenPerMinute: 1_200,
  perIpPerMinute: 300,
  webhookPerMinute: 600,
};

const ConfigSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * A direct connection to PostgreSQL when DATABASE_URL goes through a transaction-pooling
   * PgBouncer: migrations, LISTEN and pg-boss's setup use it; the pool then sends no prepared
   * statements (a pooler in transaction mode cannot keep them).
   */
  DATABASE_DIRECT_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection URL")
    .optional(),
  /**
   * Row-level security for tenants' requests (docs/security.md): on by default on PostgreSQL
   * ("off" exists to measure its cost, scripts/bench/run.mjs; the server warns at start), off
   * by default on the embedded database ("on" turns it on; db/client.ts says why).
   */
  ROW_SECURITY: z.enum(["on", "off"]).optional(),
  DATA_DIR: z.string().default(".data"),
  /** Uploaded files; defaults to `<DATA_DIR>/uploads` (kept in memory when DATA_DIR is `:memory:`). */
  UPLOAD_DIR: z.string().trim().min(1, "must name a folder").optional(),
  /** Seeds tenant `demo` once on the embedded database; never on DATABASE_URL. */
  SEED_DEMO: z.enum(["true", "false"]).default("true"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .default(24 * 14),
  CLIENT_DIST: z.string().optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10_000),
  /**
   * The server key that seals stored third-party secrets (captcha, outbound webhook secrets):
   * 32 bytes, base64. Unset, a key is kept in `<DATA_DIR>/secrets.key` (created on first start).
   */
  SECRETS_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64 (openssl rand -base64 32)")
    .optional(),
  /** Where Leadline is reached from outside (embed snippets, form links); defaults to http://localhost:PORT. */
  PUBLIC_URL: z.string().url().optional(),
  /** Outbound webhooks refuse private, loopback and link-local targets unless this is true (tests, local development). */
  WEBHOOK_ALLOW_PRIVATE_NETWORKS: z.enum(["true", "false"]).default("false"),
  /** Origins (comma-separated, e.g. https://crm.example.com) whose pages may call the API from a browser; none by default. */
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().url("must be a comma-separated list of origins like https://crm.example.com"))),
  /** Requests per minute per session token or API key (GraphQL and REST), across instances. */
  RATE_LIMIT_PER_TOKEN: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.perTokenPerMinute),
  /** Requests per minute per client address without a token (sign-in, anonymous GraphQL). */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.perIpPerMinute),
  /** Inbound webhook requests per minute per tenant and sending address. */
  RATE_LIMIT_WEBHOOK: z.coerce.number().int().min(1).default(DEFAULT_RATE_LIMITS.webhookPerMinute),
  /** "database" (every instance shares the budgets; default on PostgreSQL) or "memory" (per process). */
  RATE_LIMIT_STORE: z.enum(["database", "memory"]).optional(),
  /**
   * Which proxy hops to believe for the client's address (Express's "trust proxy"): unset trusts none,
   * "loopback" a load balancer on this machine, a number that many hops, or a list of addresses.
   */
  TRUST_PROXY: z.string().trim().min(1).optional(),
  /** When set, GET /metrics (Prometheus) answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().trim().min(16, "must be at least 16 characters").optional(),
  /** reCAPTCHA's siteverify endpoint; tests point it at a local server speaking the same protocol. */
  CAPTCHA_VERIFY_URL: z.string().url().default(DEFAULT_CAPTCHA_VERIFY_URL),
  /** Outbound email: smtp://user:pass@host:port (smtps:// for TLS). Unset: email replies are refused. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")
    .optional(),
  /** The address outbound email is sent from; the tenant's sender name is shown with it. */
  MAIL_FROM: z.string().email().default("leads@localhost"),
  /** The built-in SMTP server's port (0: any free one), used when SMTP_URL is unset on the embedded database. */
  MAIL_DEV_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** Receive replies by SMTP on this port (production, behind your MX relay). */
  INBOUND_SMTP_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** SMS provider speaking Twilio's Messages API; SMS is set up when SID, token and sender are all given. */
  SMS_API_URL: z.string().url().default("https://api.twilio.com"),
  SMS_ACCOUNT_SID: z.string().trim().min(1).optional(),
  SMS_AUTH_TOKEN: z.string().trim().min(1).optional(),
  /** The number (E.164) SMS is sent from; inbound SMS to it is matched to leads by the sender's phone. */
  SMS_FROM: z.string().trim().min(1).optional(),
});

export interface Config {
  env: "development" | "production" | "test";
  port: number;
  host: string;
  database:
    | { kind: "postgres"; url: string; poolSize: number; directUrl?: string | null; rowSecurity?: boolean }
    | { kind: "pglite"; dataDir: string | null; rowSecurity?: boolean };
  seedDemo: boolean;
  logLevel: string;
  sessionTtlMs: number;
  clientDist: string | null;
  shutdownTimeoutMs: number;
  /** Where uploads are stored; null or absent keeps them in memory (tests, a throwaway database). */
  uploadDir?: string | null;
  /** Seals stored third-party secrets; see `SECRETS_KEY`. Absent: a key file in the data folder, or a per-process key in memory. */
  secretsKey?: Buffer | null;
  /** Where the generated key is kept when `secretsKey` is not given; null keeps it in memory. */
  secretsKeyFile?: string | null;
  /** The origin outside users reach Leadline at, without a trailing slash. */
  publicUrl?: string | null;
  webhookAllowPrivateNetworks?: boolean;
  /** Request budgets per minute; absent ones take DEFAULT_RATE_LIMITS. */
  rateLimits?: Partial<RateLimitSettings>;
  /** Express's "trust proxy": which hops' X-Forwarded-For to believe; absent: none. */
  trustProxy?: string | number | null;
  /** Required bearer token for GET /metrics; absent: open (keep the port internal). */
  metricsToken?: string | null;
  /** Origins whose pages may call the API from a browser (CORS); absent: none. */
  corsOrigins?: string[];
  captchaVerifyUrl?: string;
  /** Outbound webhook delivery timings; tests shorten them. */
  webhookDelivery?: Partial<WebhookDeliveryTuning>;
  /** Outbound email: the SMTP server (null: email is refused) and the sending address. */
  mail?: {
    smtpUrl: string | null;
    from: string;
    /**
     * The built-in SMTP server's port (0: any free one): it takes everything Leadline sends
     * (the development mailbox) and the replies. Null: none; mail goes to `smtpUrl`.
     */
    devServerPort?: number | null;
    /** A port to receive replies on in production (SMTP, no TLS: put it behind your MX relay). */
    inboundPort?: number | null;
  };
  /** Message delivery retries: the first waits `retryBaseMs`, each next twice as long; tests shorten it. */
  messaging?: { retryBaseMs: number; maxAttempts: number };
  /** SMS through a provider speaking Twilio's Messages API; null or absent: SMS is refused. */
  sms?: { apiUrl: string; accountSid: string; authToken: string; from: string } | null;
  /** Public form guards; tests shorten them. */
  formGuard?: Partial<FormGuardLimits>;
}

export interface FormGuardLimits {
  /** A submission sent sooner than this after the form was rendered is refused as automated. */
  minFillMs: number;
  /** Submissions per client address per minute, across the instance's forms. */
  perIpPerMinute: number;
  /** Submissions per form per minute. */
  perFormPerMinute: number;
}

export const DEFAULT_FORM_GUARD: FormGuardLimits = { minFillMs: 3_000, perIpPerMinute: 10, perFormPerMinute: 120 };

/** How outbound webhooks are delivered and retried (docs/integrations.md, "Outbound webhooks"). */
export interface WebhookDeliveryTuning {
  /** One attempt, connection to last byte; then it counts as a failure. */
  attemptTimeoutMs: number;
  /** The first retry waits about this long; each next one twice as long (with jitter), up to backoffCapMs. */
  backoffBaseMs: number;
  backoffCapMs: number;
  /** A delivery that keeps failing is given up this long after it was queued. */
  retryWindowMs: number;
  /** An endpoint whose attempts have all failed for this long is disabled. */
  disableAfterMs: number;
  /** How often each instance looks for due retries and events it was not told about. */
  pollMs: number;
  /** Attempts in flight per instance. */
  concurrency: number;
}

export const DEFAULT_WEBHOOK_DELIVERY: WebhookDeliveryTuning = {
  attemptTimeoutMs: 10_000,
  backoffBaseMs: 5_000,
  backoffCapMs: 3_600_000,
  retryWindowMs: 24 * 3_600_000,
  disableAfterMs: 24 * 3_600_000,
  pollMs: 1_000,
  concurrency: 16,
};

export class ConfigError extends Error {}

/** Reads the environment once at start; every problem is reported together, by variable name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const smsSettings = [e.SMS_ACCOUNT_SID, e.SMS_AUTH_TOKEN, e.SMS_FROM];
  if (smsSettings.some(Boolean) && !smsSettings.every(Boolean)) {
    throw new ConfigError(
      "Invalid configuration:\n  SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM: set all three to send SMS, or none",
    );
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    database: e.DATABASE_URL
      ? {
          kind: "postgres",
          url: e.DATABASE_URL,
          poolSize: e.DATABASE_POOL_SIZE,
          directUrl: e.DATABASE_DIRECT_URL ?? null,
          rowSecurity: e.ROW_SECURITY !== "off",
        }
      : {
          kind: "pglite",
          dataDir: e.DATA_DIR === ":memory:" ? null : resolve(e.DATA_DIR),
          rowSecurity: e.ROW_SECURITY !== "off",
        },
    seedDemo: e.SEED_DEMO === "true" && !e.DATABASE_URL,
    logLevel: e.LOG_LEVEL,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    clientDist: e.CLIENT_DIST ? resolve(e.CLIENT_DIST) : null,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    uploadDir: uploadDirOf(e.UPLOAD_DIR, e.DATA_DIR),
    secretsKey: e.SECRETS_KEY ? Buffer.from(e.SECRETS_KEY, "base64") : null,
    secretsKeyFile: e.DATA_DIR === ":memory:" ? null : resolve(e.DATA_DIR, "secrets.key"),
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ""),
    webhookAllowPrivateNetworks: e.WEBHOOK_ALLOW_PRIVATE_NETWORKS === "true",
    corsOrigins: e.CORS_ORIGINS,
    metricsToken: e.METRICS_TOKEN ?? null,
    rateLimits: {
      perTokenPerMinute: e.RATE_LIMIT_PER_TOKEN,
      perIpPerMinute: e.RATE_LIMIT_PER_IP,
      webhookPerMinute: e.RATE_LIMIT_WEBHOOK,
      store: e.RATE_LIMIT_STORE ?? (e.DATABASE_URL ? "database" : "memory"),
    },
    trustProxy:
      e.TRUST_PROXY === undefined ? null : /^\d+$/.test(e.TRUST_PROXY) ? Number(e.TRUST_PROXY) : e.TRUST_PROXY,
    captchaVerifyUrl: e.CAPTCHA_VERIFY_URL,
    mail: {
      smtpUrl: e.SMTP_URL ?? null,
      from: e.MAIL_FROM,
      // The embedded default shows mail going out and replies coming back with nothing to set up.
      devServerPort: !e.SMTP_URL && !e.DATABASE_URL ? e.MAIL_DEV_PORT : null,
      inboundPort: e.INBOUND_SMTP_PORT ?? null,
    },
    sms:
      e.SMS_ACCOUNT_SID && e.SMS_AUTH_TOKEN && e.SMS_FROM
        ? { apiUrl: e.SMS_API_URL, accountSid: e.SMS_ACCOUNT_SID, authToken: e.SMS_AUTH_TOKEN, from: e.SMS_FROM }
        : null,
  };
}

function uploadDirOf(uploadDir: string | undefined, dataDir: string): string | null {
  if (uploadDir) return uploadDir === ":memory:" ? null : resolve(uploadDir);
  return dataDir === ":memory:" ? null : resolve(dataDir, "uploads");
}
