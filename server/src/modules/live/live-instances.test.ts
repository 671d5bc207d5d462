import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/database.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, wsClient } from "../../test/harness.js";

const EVENTS = "subscription { leadEvents(filter: { types: [CREATED] }) { sequence lead { name } } }";
const SINCE = "query($s: String!) { leadEventsSince(sequence: $s, first: 1000) { type sequence lead { name } } }";

function subscribe(server: TestServer, token: string | undefined, into: Map<string, string>) {
  const client = wsClient(server, token, { lazy: false });
  const connected = new Promise<void>((resolve) => client.on("connected", () => resolve()));
  client.subscribe(
    { query: EVENTS },
    {
      next: (v) => {
        const e = (v.data as { leadEvents: { sequence: string; lead: { name: string } } }).leadEvents;
        into.set(e.sequence, e.lead.name);
      },
      error: () => {},
      complete: () => {},
    },
  );
  /** A query over the same socket, answered once the subscription sent before it is live (docs/realtime.md). */
  const query = async (text: string, variables?: Record<string, unknown>) => {
    await connected;
    let data: Record<string, any> | null | undefined;
    for await (const result of client.iterate({ query: text, variables })) data = result.data;
    return data;
  };
  return { client, query };
}
const arrived = (seen: Map<string, string>, count: number) =>
  expect.poll(() => seen.size, { timeout: 10_000, interval: 50 }).toBeGreaterThanOrEqual(count);

// Two processes' worth of servers need a database both can reach: PostgreSQL.
describe.skipIf(!process.env.TEST_DATABASE_URL)("fan-out across instances", () => {
  it("a mutation on B reaches a subscriber on A; after A stops, catch-up on B loses and repeats nothing", async () => {
    // The database outlives either server: A is stopped mid-test.
    const database = await createTestDatabase();
    const a = await startTestServer({}, database);
    const b = await startTestServer({}, database);
    try {
      const t = await createTestTenant(a, { rep: ["SALES"] });
      const create = (name: string) =>
        b.gql(CREATE_LEAD, { input: { name, source: "API", email: "f@example.com" } }, t.tokens.rep);
      const seen = new Map<string, string>();
      const onA = subscribe(a, t.tokens.rep, seen);
      await onA.query("{ catchUpCursor }");
      for (let i = 0; i < 5; i++) await create(`before ${i}`);
      await arrived(seen, 5);
      expect([...seen.values()]).toEqual(["before 0", "before 1", "before 2", "before 3", "before 4"]);
      const lastSeen = [...seen.keys()].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1)).at(-1) as string;
      await a.stop();
      for (let i = 0; i < 5; i++) await create(`while away ${i}`);
      // Reconnect to B: subscribe first, then catch up over the same socket, so nothing falls between the two.
      const onB = subscribe(b, t.tokens.rep, seen);
      const missed = await onB.query(SINCE, { s: lastSeen });
      for (const e of missed?.leadEventsSince ?? []) if (e.type === "CREATED") seen.set(e.sequence, e.lead.name);
      for (let i = 0; i < 5; i++) await create(`after ${i}`);
      await arrived(seen, 15);
      await onB.client.dispose();
      const names = [...seen.entries()].sort(([x], [y]) => (BigInt(x) < BigInt(y) ? -1 : 1)).map(([, n]) => n);
      expect(names).toEqual([
        ...Array.from({ length: 5 }, (_, i) => `before ${i}`),
        ...Array.from({ length: 5 }, (_, i) => `while away ${i}`),
        ...Array.from({ length: 5 }, (_, i) => `after ${i}`),
      ]);
    } finally {
      await b.stop();
      await database.drop();
    }
  });
});
