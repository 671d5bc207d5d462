import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, webhookDeliveries } from "../../db/schema/index.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import {
  createEndpoint,
  createLead,
  ENDPOINTS,
  eventually,
  FAST_DELIVERY,
  REPLAY,
  type Receiver,
  renameLead,
  startReceiver,
  UPDATE_ENDPOINT,
  verified,
} from "./webhooks-out.testkit.js";

/**
 * What persistent failure leads to, with the 24-hour limits shortened to
 * about a second (a service option): an endpoint that keeps failing is
 * disabled and resumes when an admin re-enables it; a single event that
 * keeps being refused is given up, so its lead's later events go on.
 */
const typesOf = (r: Receiver, leadId: string) =>
  r.requests.map((q) => JSON.parse(q.body)).filter((d) => d.leadId === leadId);

describe("an endpoint failing for the whole disable limit", () => {
  let server: TestServer;
  let t: TestTenant;
  let admin: string;
  let hook: Receiver;
  let up = false;

  beforeAll(async () => {
    server = await startTestServer({
      webhookDelivery: { ...FAST_DELIVERY, disableAfterMs: 1_000, retryWindowMs: 3_600_000 },
    });
    t = await createTestTenant(server, { admin: ["ADMIN"] });
    admin = t.tokens.admin as string;
    hook = await startReceiver(() => (up ? 204 : 500));
  });
  afterAll(async () => {
    await hook?.close();
    await server?.stop();
  });

  it("should be disabled with a reason, keep what it owes, and deliver all of it, in order, once re-enabled", async () => {
    const { id, secret } = await createEndpoint(server, admin, { url: hook.url, eventTypes: ["CREATED", "UPDATED"] });
    const lead = await createLead(server, t, "Down For A While");
    const listed = await eventually(
      async () => {
        const res = await server.gql(ENDPOINTS, {}, admin);
        const endpoint = res.data?.webhookEndpoints[0];
        return endpoint?.active === false ? endpoint : null;
      },
      10_000,
      "the endpoint to be disabled",
    );
    expect(listed.disabledReason).toMatch(/^Every attempt has failed since .* \(last: HTTP 500: receiver says no\)/);
    const failures = hook.requests.length;
    expect(failures).toBeGreaterThanOrEqual(3);

    // Disabled: nothing more is attempted, and new events wait.
    await renameLead(server, t, lead, "Changed While Disabled");
    const other = await createLead(server, t, "Born While Disabled");
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(hook.requests.length).toBeLessThanOrEqual(failures + 1); // at most one attempt was already in flight
    const pending = await db(server).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    expect(pending.every((d) => d.deliveredAt === null)).toBe(true);

    // The receiver is fixed; an admin re-enables the endpoint: everything owed arrives, each lead in order.
    up = true;
    const before = hook.requests.length;
    const reenabled = await server.gql(
      UPDATE_ENDPOINT,
      { id, input: { url: hook.url, eventTypes: ["CREATED", "UPDATED"], active: true } },
      admin,
    );
    expect(reenabled.data?.updateWebhookEndpoint).toMatchObject({ active: true, disabledReason: null });
    await eventually(() => hook.requests.length - before >= 3, 10_000, "the three owed events");
    await new Promise((resolve) => setTimeout(resolve, 300));
    const delivered = hook.requests.slice(before);
    expect(delivered.map((q) => q.status)).toEqual([204, 204, 204]);
    for (const q of delivered) verified(secret, q);
    expect(typesOf({ ...hook, requests: delivered }, lead).map((d) => d.type)).toEqual(["CREATED", "UPDATED"]);
    expect(typesOf({ ...hook, requests: delivered }, other).map((d) => d.type)).toEqual(["CREATED"]);
    const after = await server.gql(ENDPOINTS, {}, admin);
    expect(after.data?.webhookEndpoints[0]).toMatchObject({ active: true, disabledReason: null, failingSince: null });
  });
});

describe("one event refused for its whole retry window", () => {
  let server: TestServer;
  let t: TestTenant;
  let admin: string;
  let hook: Receiver;
  let refused: string | null = null;

  beforeAll(async () => {
    server = await startTestServer({
      webhookDelivery: { ...FAST_DELIVERY, retryWindowMs: 800, disableAfterMs: 3_600_000 },
    });
    t = await createTestTenant(server, { admin: ["ADMIN"] });
    admin = t.tokens.admin as string;
    hook = await startReceiver(({ body }) => (JSON.parse(body).leadId === refused ? 422 : 204));
  });
  afterAll(async () => {
    await hook?.close();
    await server?.stop();
  });

  it("should be given up, let its lead's next event go, keep the endpoint enabled, and come back by replay", async () => {
    const { id } = await createEndpoint(server, admin, { url: hook.url, eventTypes: ["CREATED", "UPDATED"] });
    const poison = await createLead(server, t, "Poison");
    refused = poison;
    await renameLead(server, t, poison, "Poison Again");
    const [created] = await db(server)
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, poison), eq(leadEvents.type, "CREATED")));

    const givenUp = await eventually(
      async () => {
        const rows = await db(server).select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
        const first = rows.find((r) => r.eventType === "CREATED");
        return first && first.nextAttemptAt === null && first.attempt > 0 ? first : null;
      },
      10_000,
      "the CREATED delivery to be given up",
    );
    expect(givenUp).toMatchObject({ deliveredAt: null, statusCode: 422, lastError: "HTTP 422: receiver says no" });
    // Its lead's later event is no longer held back by it.
    await eventually(() => typesOf(hook, poison).some((d) => d.type === "UPDATED"), 10_000, "the UPDATED attempt");
    const listed = await server.gql(ENDPOINTS, {}, admin);
    expect(listed.data?.webhookEndpoints[0].active).toBe(true);

    // Fixed receiver: a replay from before the lead sends both again, in order.
    refused = null;
    const before = hook.requests.length;
    const replay = await server.gql(REPLAY, { id, since: String((created?.sequence ?? 1) - 1) }, admin);
    expect(replay.data?.replayWebhookEvents).toBe(2);
    await eventually(
      () => hook.requests.slice(before).filter((q) => q.status === 204).length >= 2,
      10_000,
      "the replayed events",
    );
    const again = hook.requests.slice(before).filter((q) => q.status === 204);
    // The UPDATED attempt's own retry, due as the receiver was fixed, may land before the replay.
    // It carries the same webhook-id (receivers dedupe by it): what counts is each one's last arrival.
    const lastArrivals = new Map<string, string>();
    for (const q of again) {
      const webhookId = String(q.headers["webhook-id"]);
      lastArrivals.delete(webhookId);
      lastArrivals.set(webhookId, JSON.parse(q.body).type);
    }
    expect([...lastArrivals.values()]).toEqual(["CREATED", "UPDATED"]);
  });
});

function db(server: TestServer) {
  return server.app.database.db;
}
