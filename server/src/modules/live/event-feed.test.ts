import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, fieldsOf, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

let server: TestServer;
let a: TestTenant;
let b: TestTenant;

const SINCE = `query($s: String!, $first: Int) {
  leadEventsSince(sequence: $s, first: $first) { type sequence fromStatus toStatus at lead { id name } actor { id } }
}`;
type Event = {
  type: string;
  sequence: string;
  fromStatus: string | null;
  toStatus: string | null;
  lead: { id: string; name: string };
  actor: { id: string } | null;
};

async function create(token: string | undefined, name: string) {
  const res = await server.gql(CREATE_LEAD, { input: { name, source: "CALL", email: "e@example.com" } }, token);
  return res.data?.createLead.lead.id as string;
}

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestTenant(server, { manager: ["MANAGER"], rep1: ["SALES"], rep2: ["SALES"] });
  b = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

describe("leadEventsSince", () => {
  it("returns what was missed, in sequence order, only for leads the viewer may see", async () => {
    const start = (await server.gql(SINCE, { s: "0", first: 1000 }, a.tokens.manager)).data?.leadEventsSince as Event[];
    const from = start.at(-1)?.sequence ?? "0";
    const mine = await create(a.tokens.rep1, "rep1's");
    const theirs = await create(a.tokens.rep2, "rep2's");
    await create(b.tokens.manager, "tenant b");
    await server.gql(
      'mutation($id: ID!) { moveLead(id: $id, toStatus: "working") { id } }',
      { id: mine },
      a.tokens.rep1,
    );
    const seen = (await server.gql(SINCE, { s: from }, a.tokens.rep1)).data?.leadEventsSince as Event[];
    expect(seen.map((e) => [e.type, e.lead.name])).toEqual([
      ["CREATED", "rep1's"],
      ["STATUS_CHANGED", "rep1's"],
    ]);
    expect(seen[1]).toMatchObject({ fromStatus: "new", toStatus: "working", actor: { id: a.users.rep1?.id } });
    const sequences = seen.map((e) => BigInt(e.sequence));
    expect(sequences[1]! > sequences[0]!).toBe(true);
    const all = (await server.gql(SINCE, { s: from }, a.tokens.manager)).data?.leadEventsSince as Event[];
    expect(all.map((e) => e.lead.id).sort()).toEqual([mine, mine, theirs].sort());
    const other = (await server.gql(SINCE, { s: from }, b.tokens.manager)).data?.leadEventsSince as Event[];
    expect(other.map((e) => e.lead.name)).toEqual(["tenant b"]);
  });

  it("pages by the last sequence seen", async () => {
    for (let i = 0; i < 5; i++) await create(a.tokens.manager, `page ${i}`);
    const first = (await server.gql(SINCE, { s: "0", first: 3 }, a.tokens.manager)).data?.leadEventsSince as Event[];
    const next = (await server.gql(SINCE, { s: first.at(-1)?.sequence, first: 3 }, a.tokens.manager)).data
      ?.leadEventsSince as Event[];
    expect(first).toHaveLength(3);
    expect(BigInt(next[0]!.sequence) > BigInt(first.at(-1)!.sequence)).toBe(true);
  });

  it("names a bad sequence or page size", async () => {
    expect(fieldsOf(await server.gql(SINCE, { s: "abc" }, a.tokens.manager))).toEqual(["sequence"]);
    expect(fieldsOf(await server.gql(SINCE, { s: "0", first: 5000 }, a.tokens.manager))).toEqual(["first"]);
  });
});

describe("catchUpCursor", () => {
  const CURSOR = "query { catchUpCursor }";
  const cursor = async (token: string | undefined) =>
    (await server.gql(CURSOR, {}, token)).data?.catchUpCursor as string;

  it("starts a few seconds back in the viewer's own tenant, so a catch-up from it finds what followed", async () => {
    const id = await create(a.tokens.rep1, "just now");
    await create(b.tokens.manager, "other tenant");
    const from = await cursor(a.tokens.rep1);
    // The lead was created within the commit margin: catching up from the cursor brings it (again).
    const since = (await server.gql(SINCE, { s: from, first: 1000 }, a.tokens.rep1)).data?.leadEventsSince as Event[];
    expect(since.map((e) => e.lead.id)).toContain(id);
    expect(since.map((e) => e.lead.name)).not.toContain("other tenant");
    // Nothing of the last seconds is at or below the cursor.
    const recent = (await server.gql(SINCE, { s: "0", first: 1000 }, a.tokens.manager)).data
      ?.leadEventsSince as Event[];
    const created = recent.find((e) => e.lead.id === id && e.type === "CREATED");
    expect(BigInt(created!.sequence) > BigInt(from)).toBe(true);
  });

  it("moves past events older than the margin", async () => {
    const id = await create(a.tokens.rep1, "a while ago");
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const from = await cursor(a.tokens.rep1);
    const since = (await server.gql(SINCE, { s: from, first: 1000 }, a.tokens.rep1)).data?.leadEventsSince as Event[];
    expect(since.map((e) => e.lead.id)).not.toContain(id);
  });

  it("is 0 for a tenant without events, and asks for a session", async () => {
    const empty = await createTestTenant(server, { manager: ["MANAGER"] });
    expect(await cursor(empty.tokens.manager)).toBe("0");
    expect((await server.gql(CURSOR, {}, undefined)).errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
