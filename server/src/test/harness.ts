import type { Role } from "@leadline/shared";
import { and, count, eq, isNull } from "drizzle-orm";
import { type Client, type ClientOptions, createClient } from "graphql-ws";
import { expect } from "vitest";
import WebSocket from "ws";
import { createApp, type LeadlineApp } from "../app.js";
import type { Config } from "../config.js";
import { leads, stageCounts, type TenantRow, type UserRow } from "../db/schema/index.js";
import { createLogger, type Logger } from "../logger.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    extensions?: { code?: string; fields?: { field: string; message: string }[]; [k: string]: unknown };
  }[];
}

export interface TestServer {
  app: LeadlineApp;
  /** The database this server runs on; pass it to another server to share it. */
  database: TestDatabase;
  url: string;
  /** POSTs a GraphQL document to /graphql over real HTTP. */
  gql<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<GraphQLResponse<T>>;
  stop(): Promise<void>;
}

export const TEST_SECRETS_KEY = Buffer.alloc(32, 7);

export const TEST_PASSWORD = "correct horse battery staple";

/**
 * The assembled app on a free port, over its own database (one per test
 * file), or over `shared`, another server's database, to run two instances.
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  shared?: TestDatabase,
  /** Where the app logs; a test that reads the log lines passes its own. */
  log?: Logger,
): Promise<TestServer> {
  const database = shared ?? (await createTestDatabase());
  const config: Config = {
    env: "test",
    port: 0,
    host: "127.0.0.1",
    database: database.config,
    seedDemo: false,
    logLevel: process.env.TEST_LOG_LEVEL ?? "silent",
    sessionTtlMs: 3_600_000,
    clientDist: null,
    shutdownTimeoutMs: 5_000,
    // One key for every instance in the test run, as instances sharing a database share SECRETS_KEY.
    secretsKey: TEST_SECRETS_KEY,
    webhookAllowPrivateNetworks: true,
    // Every test client shares 127.0.0.1 and a few tokens: budgets far above any test's pace
    // (http/rate-limits.test.ts sets small ones to see them hold).
    rateLimits: { perTokenPerMinute: 1_000_000, perIpPerMinute: 1_000_000, webhookPerMinute: 1_000_000 },
    ...overrides,
  };
  const app = await createApp(config, log ?? createLogger(config.logLevel));
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}`;
  return {
    app,
    database,
    url,
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: res.status, ...((await res.json()) as object) };
    },
    async stop() {
      await app.stop();
      if (!shared) await database.drop();
    },
  };
}

export interface TestTenant {
  tenant: TenantRow;
  users: Record<string, UserRow>;
  /** Session tokens obtained through the real login mutation. */
  tokens: Record<string, string>;
}

let tenantCounter = 0;

/**
 * Provisions a tenant with one user per given role key (operator path, as the
 * seed script does) and signs each in through the API.
 */
export async function createTestTenant(
  server: TestServer,
  people: Record<string, Role[]>,
  options: { partnerCompanyId?: string } = {},
): Promise<TestTenant> {
  const slug = `t${process.pid}-${++tenantCounter}-${Date.now().toString(36)}`;
  const tenant = await server.app.services.tenants.provisionTenant({ slug, name: `Tenant ${slug}` });
  const users: Record<string, UserRow> = {};
  const tokens: Record<string, string> = {};
  for (const [key, roles] of Object.entries(people)) {
    users[key] = await server.app.services.tenants.createUser({
      tenantId: tenant.id,
      email: `${key}@${slug}.test`,
      name: key,
      roles,
      password: TEST_PASSWORD,
      partnerCompanyId: options.partnerCompanyId ?? null,
    });
    tokens[key] = await login(server, slug, `${key}@${slug}.test`, TEST_PASSWORD);
  }
  return { tenant, users, tokens };
}

export async function login(server: TestServer, tenant: string, email: string, password: string): Promise<string> {
  const res = await server.gql<{ login: { token: string } }>(
    "mutation($t: String!, $e: String!, $p: String!) { login(tenant: $t, email: $e, password: $p) { token } }",
    { t: tenant, e: email, p: password },
  );
  if (!res.data?.login) throw new Error(`login failed: ${JSON.stringify(res.errors)}`);
  return res.data.login.token;
}

/** Error codes of a response, for assertions. */
export const codes = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.code);
/** The machine-readable reasons (extensions.reason) of a response's errors. */
export const reasons = (res: GraphQLResponse) => (res.errors ?? []).map((e) => e.extensions?.reason);
export const fieldsOf = (res: GraphQLResponse) =>
  (res.errors?.[0]?.extensions?.fields ?? []).map((f) => f.field).sort();

/** The trigger-kept board counts of a tenant against a real count of its rows: they must agree exactly. */
export async function expectStageCountsExact(server: TestServer, tenantId: string): Promise<void> {
  const db = server.app.database.db;
  const kept = await db.select().from(stageCounts).where(eq(stageCounts.tenantId, tenantId));
  const real = await db
    .select({ pipelineId: leads.pipelineId, status: leads.status, n: count() })
    .from(leads)
    .where(and(eq(leads.tenantId, tenantId), isNull(leads.retiredAt)))
    .groupBy(leads.pipelineId, leads.status);
  const asMap = (rows: { pipelineId: string; status: string; n: number }[]) =>
    Object.fromEntries(rows.filter((r) => r.n !== 0).map((r) => [`${r.pipelineId}/${r.status}`, r.n]));
  expect(asMap(kept.map((k) => ({ pipelineId: k.pipelineId, status: k.status, n: Number(k.leads) })))).toEqual(
    asMap(real.map((r) => ({ ...r, n: Number(r.n) }))),
  );
}

/** Reads until `done` holds or `ms` pass, then returns the last value read (the test's assertion says what was wrong). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * A graphql-ws client of the test server, signed in with the token, that
 * never retries: a test waits for the server's close, not a reconnect.
 */
export function wsClient(
  server: Pick<TestServer, "url">,
  token: string | undefined,
  options: Omit<Partial<ClientOptions>, "url"> = {},
): Client {
  return createClient({
    url: `${server.url.replace("http", "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
    ...options,
  });
}
