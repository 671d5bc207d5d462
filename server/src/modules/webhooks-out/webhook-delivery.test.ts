import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { leadEvents, webhookDeliveries } from "../../db/schema/index.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import { messageIdOf } from "./webhook-payload.js";
import {
  createEndpoint,
  createLead,
  ENDPOINTS,
  eventually,
  FAST_DELIVERY,
  REPLAY,
  type Received,
  type Receiver,
  renameLead,
  startReceiver,
  UPDATE_ENDPOINT,
  verified,
} from "./webhooks-out.testkit.js";

/**
 * Outbound webhooks end to end: events committed through the API reach a
 * real local receiver, signed per Standard Webhooks, retried, in order per
 * lead. Retries back off in milliseconds here (FAST_DELIVERY), not minutes.
 */
let server: TestServer;
let t: TestTenant;
let admin: string;
const receivers: Receiver[] = [];

beforeAll(async () => {
  server = await startTestServer({ webhookDelivery: FAST_DELIVERY });
  t = await createTestTenant(server, { admin: ["ADMIN"] });
  admin = t.tokens.admin as string;
});
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
  // Each test's endpoints go, so later tests' events reach only their own receivers.
  const listed = await server.gql(ENDPOINTS, {}, admin);
  for (const e of listed.data?.webhookEndpoints ?? []) {
    await server.gql("mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }", { id: e.id }, admin);
  }
});
afterAll(() => server?.stop());

async function receiver(...args: Parameters<typeof startReceiver>): Promise<Receiver> {
  const r = await startReceiver(...args);
  receivers.push(r);
  return r;
}

const db = () => server.app.database.db;
const succeeded = (r: Receiver) => r.requests.filter((q) => q.status >= 200 && q.status < 300);

it("should deliver every event exactly once, in order per lead, signed, to an endpoint that fails three times and then recovers", async () => {
  const hook = await receiver(({ n }) => (n <= 3 ? 500 : 204));
  const { id, secret } = await createEndpoint(server, admin, {
    url: hook.url,
    eventTypes: ["CREATED", "UPDATED"],
  });
  const a = await createLead(server, t, "Ada Order");
  const b = await createLead(server, t, "Bea Order");
  await renameLead(server, t, a, "Ada Order 2");
  await renameLead(server, t, b, "Bea Order 2");
  await renameLead(server, t, a, "Ada Order 3");
  const events = await db()
    .select({ sequence: leadEvents.sequence, leadId: leadEvents.leadId, type: leadEvents.type })
    .from(leadEvents)
    .where(eq(leadEvents.tenantId, t.tenant.id))
    .orderBy(leadEvents.sequence);
  const expected = events.filter((e) => [a, b].includes(e.leadId) && ["CREATED", "UPDATED"].includes(e.type));
  expect(expected).toHaveLength(5);

  await eventually(() => succeeded(hook).length >= expected.length, 15_000, "five successful deliveries");
  // Nothing more arrives once all are delivered: no late duplicate.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const ok = succeeded(hook);
  expect(hook.requests.filter((q) => q.status === 500)).toHaveLength(3);

  // Every request verifies with the official package; each successful one is a distinct event.
  const documents = ok.map((q) => verified(secret, q));
  for (const q of hook.requests) expect(() => verified(secret, q)).not.toThrow();
  expect(documents.map((d) => d.sequence).sort()).toEqual(expected.map((e) => String(e.sequence)).sort());
  expect(new Set(ok.map((q) => q.headers["webhook-id"])).size).toBe(ok.length);
  expect(ok.map((q) => q.headers["webhook-id"]).sort()).toEqual(
    expected.map((e) => messageIdOf(id, e.sequence)).sort(),
  );

  // In order per lead: each lead's events arrive (every request, failed ones too) in sequence order.
  for (const lead of [a, b]) {
    const arrived = hook.requests.map((q) => JSON.parse(q.body)).filter((d) => d.leadId === lead);
    const sequences = arrived.map((d) => Number(d.sequence));
    expect(sequences).toEqual([...sequences].sort((x, y) => x - y));
    // Successful ones: exactly the lead's events, each once, in order.
    const delivered = documents.filter((d) => d.leadId === lead).map((d) => Number(d.sequence));
    expect(delivered).toEqual(expected.filter((e) => e.leadId === lead).map((e) => e.sequence));
  }

  // The delivery log: attempts and the last status, over the API.
  const log = await server.gql(ENDPOINTS, { first: 10 }, admin);
  const deliveries = log.data?.webhookEndpoints[0].deliveries;
  expect(deliveries).toHaveLength(5);
  expect(
    deliveries.every((d: { statusCode: number; deliveredAt: string }) => d.statusCode === 204 && d.deliveredAt),
  ).toBe(true);
  expect(deliveries.reduce((n: number, d: { attempt: number }) => n + d.attempt, 0)).toBe(8);
  expect(log.data?.webhookEndpoints[0]).toMatchObject({ active: true, failingSince: null });
});

it("should sign each attempt with a fresh timestamp under the same webhook-id", async () => {
  // The first answer takes over a second, so the retry is signed in a later second than the first attempt.
  const hook = await receiver(({ n }) => (n === 1 ? { status: 503, delayMs: 1_100 } : 200));
  const { secret } = await createEndpoint(server, admin, { url: hook.url });
  await createLead(server, t, "Retried Once");
  await eventually(() => succeeded(hook).length === 1, 10_000, "the delivery");
  const [first, second] = hook.requests as [Received, Received];
  expect(hook.requests).toHaveLength(2);
  expect(second.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
  expect(Number(second.headers["webhook-timestamp"])).toBeGreaterThan(Number(first.headers["webhook-timestamp"]));
  expect(second.headers["webhook-signature"]).not.toBe(first.headers["webhook-signature"]);
  // Each verifies on its own (the package also checks the timestamp is within 5 minutes of now).
  expect(verified(secret, first).type).toBe("CREATED");
  expect(verified(secret, second).type).toBe("CREATED");
});

it("should describe the event in the body: type, sequence, lead, tenant, time, payload and a lead snapshot", async () => {
  const hook = await receiver();
  const { secret } = await createEndpoint(server, admin, { url: hook.url });
  const leadId = await createLead(server, t, "Body Shape");
  await eventually(() => hook.requests.length === 1, 10_000, "the delivery");
  const document = verified(secret, hook.requests[0] as Received);
  const [event] = await db()
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.type, "CREATED")));
  expect(document).toEqual({
    type: "CREATED",
    timestamp: event?.createdAt.toISOString(),
    occurredAt: event?.createdAt.toISOString(),
    sequence: String(event?.sequence),
    leadId,
    tenant: { id: t.tenant.id, slug: t.tenant.slug },
    data: {
      payload: event?.payload,
      lead: expect.objectContaining({ id: leadId, name: "Body Shape", requestId: expect.any(Number), version: 1 }),
    },
  });
  expect(hook.requests[0]?.headers["content-type"]).toBe("application/json");
});

it("should send only the event types the endpoint selected", async () => {
  const hook = await receiver();
  const { id } = await createEndpoint(server, admin, { url: hook.url, eventTypes: ["UPDATED"] });
  const leadId = await createLead(server, t, "Filter Me");
  await renameLead(server, t, leadId, "Filtered");
  await eventually(() => hook.requests.length >= 1, 10_000, "the UPDATED delivery");
  await new Promise((resolve) => setTimeout(resolve, 400));
  expect(hook.requests.map((q) => JSON.parse(q.body).type)).toEqual(["UPDATED"]);
  const rows = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
  expect(rows.map((r) => r.eventType)).toEqual(["UPDATED"]);
});

it("should not follow a redirect: a 3xx is a failed attempt and the target is never called", async () => {
  const target = await receiver();
  const hook = await receiver(({ n }) => (n <= 2 ? { status: 307, headers: { location: target.url } } : 204));
  const { id } = await createEndpoint(server, admin, { url: hook.url });
  await createLead(server, t, "Redirected");
  await eventually(() => succeeded(hook).length === 1, 10_000, "the delivery after two redirects");
  expect(hook.requests.map((q) => q.status)).toEqual([307, 307, 204]);
  expect(target.requests).toHaveLength(0);
  // The log kept the redirect as the failure it was until the success replaced it. The receiver answers
  // before the dispatcher writes the outcome, so wait for the row.
  const row = await eventually(
    async () => {
      const [found] = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
      return found?.statusCode === 204 ? found : null;
    },
    10_000,
    "the delivery's recorded success",
  );
  expect(row).toMatchObject({ attempt: 3, statusCode: 204, lastError: null });
});

it("should count an answer slower than the attempt timeout as a failure, and try again", async () => {
  // FAST_DELIVERY cuts an attempt after 2 s; this receiver answers the first one after 2.5 s.
  const hook = await receiver(({ n }) => (n === 1 ? { status: 200, delayMs: 2_500 } : 204));
  const { id } = await createEndpoint(server, admin, { url: hook.url });
  await createLead(server, t, "Slow Receiver");
  const [row] = await eventually(async () => {
    const rows = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    return rows[0]?.deliveredAt ? rows : null;
  }, 10_000);
  expect(row).toMatchObject({ attempt: 2, statusCode: 204 });
  expect(hook.requests.map((q) => q.headers["webhook-id"])).toEqual([
    hook.requests[0]?.headers["webhook-id"],
    hook.requests[0]?.headers["webhook-id"],
  ]);
});

it("should record the last status code and error text while a delivery keeps failing", async () => {
  const hook = await receiver(() => 500);
  const { id } = await createEndpoint(server, admin, { url: hook.url });
  await createLead(server, t, "Keeps Failing");
  await eventually(() => hook.requests.length >= 2, 10_000, "two failed attempts");
  const [row] = await eventually(async () => {
    const rows = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
    return rows[0] && rows[0].attempt >= 2 ? rows : null;
  });
  expect(row).toMatchObject({ statusCode: 500, deliveredAt: null, nextAttemptAt: expect.any(Date) });
  expect(row?.lastError).toBe("HTTP 500: receiver says no");
  const listed = await server.gql(ENDPOINTS, {}, admin);
  expect(listed.data?.webhookEndpoints[0].failingSince).toEqual(expect.any(String));
});

it("should replay every selected event after a sequence, under the same webhook-ids, and count them", async () => {
  const hook = await receiver();
  const { id, secret } = await createEndpoint(server, admin, { url: hook.url });
  const first = await createLead(server, t, "Replay One");
  await createLead(server, t, "Replay Two");
  await createLead(server, t, "Replay Three");
  // Recorded as delivered, not just received: a replay leaves a delivery that is still in flight to finish.
  await eventually(
    async () => {
      const rows = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
      return rows.length === 3 && rows.every((r) => r.deliveredAt);
    },
    10_000,
    "three recorded deliveries",
  );
  const firstIds = hook.requests.map((q) => q.headers["webhook-id"]);
  const [created] = await db()
    .select({ sequence: leadEvents.sequence })
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, first), eq(leadEvents.type, "CREATED")));

  // Since the first lead's event (exclusive): the other two again.
  const replayed = await server.gql(REPLAY, { id, since: String(created?.sequence) }, admin);
  expect(replayed.data?.replayWebhookEvents).toBe(2);
  await eventually(() => hook.requests.length === 5, 10_000, "two replayed deliveries");
  const again = hook.requests.slice(3);
  expect(again.map((q) => q.headers["webhook-id"])).toEqual(firstIds.slice(1));
  for (const q of again) expect(verified(secret, q).type).toBe("CREATED");

  // Events older than the endpoint itself can be replayed too; a bad sequence is refused.
  const all = await server.gql(REPLAY, { id, since: "0" }, admin);
  expect(all.data?.replayWebhookEvents).toBeGreaterThanOrEqual(3);
  const bad = await server.gql(REPLAY, { id, since: "yesterday" }, admin);
  expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
});

it("should hold a lead's later event until its earlier one is delivered, while other leads go on", async () => {
  let blockedLead: string | null = null;
  const hook = await receiver(({ body }) => (JSON.parse(body).leadId === blockedLead ? 500 : 204));
  const { id } = await createEndpoint(server, admin, { url: hook.url, eventTypes: ["CREATED", "UPDATED"] });
  const stuck = await createLead(server, t, "Stuck");
  blockedLead = stuck;
  // The first attempt may already be on its way; from now on this lead is refused.
  await eventually(
    async () => {
      const rows = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, id));
      return rows.some((r) => r.leadId === stuck && r.attempt >= 1 && !r.deliveredAt);
    },
    10_000,
    "a failed attempt for the stuck lead",
  );
  await renameLead(server, t, stuck, "Stuck Later");
  const other = await createLead(server, t, "Free");
  await eventually(() => succeeded(hook).some((q) => JSON.parse(q.body).leadId === other), 10_000, "the free lead");
  await new Promise((resolve) => setTimeout(resolve, 500));
  // The stuck lead's UPDATED was never attempted: its CREATED is still pending.
  expect(hook.requests.filter((q) => JSON.parse(q.body).leadId === stuck).map((q) => JSON.parse(q.body).type)).toEqual(
    expect.not.arrayContaining(["UPDATED"]),
  );
  blockedLead = null;
  await eventually(
    () => succeeded(hook).filter((q) => JSON.parse(q.body).leadId === stuck).length === 2,
    10_000,
    "both of the stuck lead's events",
  );
  const order = succeeded(hook)
    .filter((q) => JSON.parse(q.body).leadId === stuck)
    .map((q) => JSON.parse(q.body).type);
  expect(order).toEqual(["CREATED", "UPDATED"]);
});

it("should pause an endpoint set inactive by an admin and resume with what it missed when re-enabled", async () => {
  const hook = await receiver();
  const { id } = await createEndpoint(server, admin, { url: hook.url });
  const paused = await server.gql(
    UPDATE_ENDPOINT,
    { id, input: { url: hook.url, eventTypes: ["CREATED"], active: false } },
    admin,
  );
  expect(paused.data?.updateWebhookEndpoint).toMatchObject({ active: false, disabledReason: null });
  await createLead(server, t, "While Paused");
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(hook.requests).toHaveLength(0);
  await server.gql(UPDATE_ENDPOINT, { id, input: { url: hook.url, eventTypes: ["CREATED"], active: true } }, admin);
  await eventually(() => hook.requests.length === 1, 10_000, "the missed event");
  expect(JSON.parse(hook.requests[0]?.body ?? "{}").data.lead.name).toBe("While Paused");
});
