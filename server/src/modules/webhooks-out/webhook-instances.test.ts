import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import {
  createEndpoint,
  createLead,
  eventually,
  FAST_DELIVERY,
  type Receiver,
  renameLead,
  startReceiver,
  verified,
} from "./webhooks-out.testkit.js";

/**
 * Two instances on one PostgreSQL database deliver a shared stream of
 * events: each event reaches the endpoint once, whichever instance took it.
 * (Embedded PGlite is one process's database; run with TEST_DATABASE_URL.)
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("several instances", () => {
  let a: TestServer;
  let b: TestServer;
  let t: TestTenant;
  let hook: Receiver;

  beforeAll(async () => {
    a = await startTestServer({ webhookDelivery: FAST_DELIVERY });
    b = await startTestServer({ webhookDelivery: FAST_DELIVERY }, a.database);
    t = await createTestTenant(a, { admin: ["ADMIN"] });
    // A little slow, so both instances have attempts in flight at once.
    hook = await startReceiver(({ n }) => ({ status: n % 7 === 0 ? 500 : 204, delayMs: 20 }));
  });
  afterAll(async () => {
    await hook?.close();
    await b?.stop();
    await a?.stop();
  });

  it("should send each event once in all, however many instances poll", async () => {
    const { secret } = await createEndpoint(a, t.tokens.admin as string, { url: hook.url });
    const leads = await Promise.all(Array.from({ length: 30 }, (_, i) => createLead(i % 2 ? a : b, t, `Shared ${i}`)));
    const ok = () => hook.requests.filter((q) => q.status === 204);
    await eventually(() => ok().length >= leads.length, 20_000, "every event delivered");
    await new Promise((resolve) => setTimeout(resolve, 500));
    const ids = ok().map((q) => q.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(leads.length);
    expect(new Set(ok().map((q) => verified(secret, q).leadId))).toEqual(new Set(leads));
    // Each event's requests: failures, then one success, and nothing after it.
    const byId = new Map<string, number[]>();
    for (const q of hook.requests) {
      const id = String(q.headers["webhook-id"]);
      byId.set(id, [...(byId.get(id) ?? []), q.status]);
    }
    for (const statuses of byId.values()) expect(statuses.indexOf(204)).toBe(statuses.length - 1);
  });

  it("should deliver an event whose transaction commits after later events were delivered", async () => {
    const tenant = await createTestTenant(a, { admin: ["ADMIN"] });
    const late = await startReceiver();
    try {
      await createEndpoint(a, tenant.tokens.admin as string, { url: late.url, eventTypes: ["UPDATED"] });
      const slow = await createLead(a, tenant, "Slow Writer");
      const fast = await createLead(a, tenant, "Fast Writer");
      // A change that takes its sequence number now and commits later, on its own connection.
      const { url } = a.database.config as { url: string };
      const sql = postgres(url, { max: 1, onnotice: () => {} });
      const open = await sql.reserve();
      await open`begin`;
      const [drawn] = await open`insert into lead_events (tenant_id, lead_id, type, payload)
        values (${tenant.tenant.id}, ${slow}, 'UPDATED', ${sql.json({ late: true })}) returning sequence`;
      // A later-numbered event commits and is delivered; the instances keep polling well past their margins.
      await renameLead(a, tenant, fast, "Fast Writer 2");
      await eventually(() => late.requests.length === 1, 10_000, "the later event");
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await open`commit`;
      open.release();
      await sql.end();
      await eventually(() => late.requests.length === 2, 10_000, "the event that committed late");
      const sequences = late.requests.map((q) => JSON.parse(q.body).sequence);
      expect(sequences[1]).toBe(String(drawn?.sequence));
      expect(Number(sequences[1])).toBeLessThan(Number(sequences[0]));
    } finally {
      await late.close();
    }
  });
});
