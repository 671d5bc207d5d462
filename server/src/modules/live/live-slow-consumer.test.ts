import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import { SLOW_CONSUMER_CLOSE, SUBSCRIBER_BUFFER } from "./live-events.service.js";

let server: TestServer;
let tenant: TestTenant;

/** A graphql-transport-ws client written by hand, so the test controls when it reads its socket. */
async function subscriber(query: string, variables: Record<string, unknown> = {}) {
  const socket = new WebSocket(`${server.url.replace("http", "ws")}/graphql`, "graphql-transport-ws");
  const messages: { type: string; payload?: unknown }[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on("message", (data) => messages.push(JSON.parse(data.toString())));
  await new Promise((resolve) => socket.on("open", resolve));
  socket.send(
    JSON.stringify({ type: "connection_init", payload: { authorization: `Bearer ${tenant.tokens.manager}` } }),
  );
  await until(() => messages.some((m) => m.type === "connection_ack"));
  socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query, variables } }));
  return { socket, messages, closed, nexts: () => messages.filter((m) => m.type === "next").length };
}

async function until(ok: () => boolean, timeoutMs = 20_000) {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const createLead = async (name: string) => {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name, source: "CHAT", email: "x@example.com" } },
    tenant.tokens.manager,
  );
  if (!res.data?.createLead) throw new Error(JSON.stringify(res.errors));
  return res.data.createLead.lead.id as string;
};

/** Appends `count` events to a lead in one statement: a burst, as a bulk change makes one. */
const burst = (leadId: string, count: number) =>
  server.app.database.db.execute(sql`
    insert into lead_events (tenant_id, lead_id, type, payload)
    select ${tenant.tenant.id}, ${leadId}, 'UPDATED', '{}'::jsonb from generate_series(1, ${count})`);

beforeAll(async () => {
  server = await startTestServer();
  tenant = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(async () => {
  await server?.stop();
});

describe("a slow consumer over a real socket", () => {
  it("is closed with 1013 once its queue passes the cap, while a client that keeps up gets every event", async () => {
    // Large messages fill the kernel's socket buffers quickly once the slow client stops reading
    // (written in SQL: the API caps a description at 10,000 characters).
    const big = await createLead("Big");
    await server.app.database.db.execute(sql`update leads set description = repeat('x', 262144) where id = ${big}`);
    const small = await createLead("Small");
    const slow = await subscriber("subscription { leadEvents { sequence lead { description } } }");
    const fast = await subscriber("subscription($ids: [ID!]) { leadEvents(filter: { leadIds: $ids }) { sequence } }", {
      ids: [small],
    });
    // Both are live before the slow one stops reading (a subscribe message has no acknowledgement).
    while (!fast.nexts() || !slow.nexts()) {
      await burst(small, 1);
      await new Promise((r) => setTimeout(r, 100));
    }
    const seen = { fast: fast.nexts(), slow: slow.nexts() };

    slow.socket.pause();
    // 16 MB for the slow client: more than the kernel buffers on loopback, so its sends stall.
    await burst(big, 64);
    await new Promise((r) => setTimeout(r, 1_000));
    // A burst larger than the cap, which the fast client drains as it arrives.
    await burst(small, SUBSCRIBER_BUFFER * 2);
    await until(() => fast.nexts() === seen.fast + SUBSCRIBER_BUFFER * 2);

    slow.socket.resume();
    const { code, reason } = await slow.closed;
    expect(code).toBe(SLOW_CONSUMER_CLOSE.code);
    expect(reason).toBe(SLOW_CONSUMER_CLOSE.reason);
    // The slow client got what was already on the wire, never the whole burst: it catches up with leadEventsSince.
    expect(slow.nexts()).toBeLessThan(seen.slow + 64 + SUBSCRIBER_BUFFER * 2);

    expect(fast.socket.readyState).toBe(WebSocket.OPEN);
    expect(fast.messages.some((m) => m.type === "error")).toBe(false);
    fast.socket.close();
  }, 60_000);
});
