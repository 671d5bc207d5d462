import { and, count, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads } from "../db/schema/index.js";
import { createTestDatabase, type TestDatabase } from "../test/database.js";
import { CREATE_LEAD } from "../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../test/harness.js";

/**
 * Budgets are counted in the shared database, so two instances give a client
 * one budget between them (on PostgreSQL; PGlite is one process by nature).
 * Addresses come from X-Forwarded-For, as behind the cluster's HAProxy, so
 * each case spends a fresh address's budget.
 */
const LIMITS = { perTokenPerMinute: 5, perIpPerMinute: 4, webhookPerMinute: 3 };
const twoInstances = Boolean(process.env.TEST_DATABASE_URL);

let database: TestDatabase;
let setup: TestServer;
let a: TestServer;
let b: TestServer;
let t: TestTenant;

beforeAll(async () => {
  database = await createTestDatabase();
  const limited = { rateLimits: LIMITS, trustProxy: "loopback" };
  a = await startTestServer(limited, database);
  b = twoInstances ? await startTestServer(limited, database) : a;
  // An in-memory PGlite is one instance's own: there, the tenant is made on the limited instance
  // (its two sign-ins come from 127.0.0.1, inside that address's budget).
  setup = twoInstances ? await startTestServer({}, database) : a;
  t = await createTestTenant(setup, { rep: ["SALES"], other: ["SALES"] });
});
afterAll(async () => {
  for (const server of new Set([a, b, setup])) await server?.stop();
  await database?.drop();
});

let address = 0;
const freshAddress = () => `203.0.113.${++address}`;

function post(server: TestServer, path: string, body: unknown, headers: Record<string, string>) {
  return fetch(`${server.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
}

const createLead = (server: TestServer, token: string, i: number) =>
  post(
    server,
    "/graphql",
    {
      query: CREATE_LEAD,
      variables: { input: { source: "MANUAL", name: `Budget ${i}`, email: `budget${i}@example.org` } },
    },
    { authorization: `Bearer ${token}`, "x-forwarded-for": freshAddress() },
  );

describe("rate limits", () => {
  it("gives a token one budget across instances, refuses past it with 429 and Retry-After, and writes nothing then", async () => {
    const remaining: string[] = [];
    for (let i = 0; i < LIMITS.perTokenPerMinute; i++) {
      const res = await createLead(i % 2 ? b : a, t.tokens.rep as string, i);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe("5");
      remaining.push(res.headers.get("ratelimit-remaining") ?? "");
    }
    expect(remaining).toEqual(["4", "3", "2", "1", "0"]);

    const refused = await createLead(b, t.tokens.rep as string, 99);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    const body = (await refused.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", reason: "RATE_LIMITED" });

    // Nothing was written by the refused request; another token's budget is untouched.
    const [stored] = await a.app.database.db
      .select({ n: count() })
      .from(leads)
      .where(and(eq(leads.tenantId, t.tenant.id), like(leads.name, "Budget %")));
    expect(stored?.n).toBe(LIMITS.perTokenPerMinute);
    expect((await createLead(a, t.tokens.other as string, 100)).status).toBe(200);
  });

  it("limits requests without a token per client address, and one address's flood leaves others alone", async () => {
    const flooder = freshAddress();
    const signIn = (server: TestServer, from: string) =>
      post(
        server,
        "/graphql",
        { query: 'mutation { login(tenant: "nope", email: "x@example.org", password: "wrong-password") { token } }' },
        { "x-forwarded-for": from },
      );
    for (let i = 0; i < LIMITS.perIpPerMinute; i++) expect((await signIn(i % 2 ? b : a, flooder)).status).toBe(200);
    expect((await signIn(a, flooder)).status).toBe(429);
    expect((await signIn(b, freshAddress())).status).toBe(200);
  });

  it("limits the inbound webhook per tenant and sending address", async () => {
    const sender = freshAddress();
    const hook = (server: TestServer) =>
      post(server, `/hooks/leads/${t.tenant.slug}`, { name: "Hooked" }, { "x-forwarded-for": sender });
    for (let i = 0; i < LIMITS.webhookPerMinute; i++) expect((await hook(i % 2 ? b : a)).status).toBe(401);
    const refused = await hook(a);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBeTruthy();
  });
});
