import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads } from "../../db/schema/index.js";
import { CREATE_LEAD, LEADS } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
const TOTAL = 27;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], rep: ["SALES"] });
  for (let i = 1; i <= TOTAL; i++) {
    const res = await server.gql(
      CREATE_LEAD,
      {
        input: {
          name: `Lead ${i}`,
          source: i % 2 ? "REFERRAL" : "EVENT",
          email: `l${i}@example.com`,
          companyName: i === 7 ? "Needle Corp" : null,
        },
      },
      i % 3 === 0 ? t.tokens.rep : t.tokens.manager,
    );
    // Scores spread over bands so score order and band filters have something to show.
    await server.app.database.db
      .update(leads)
      .set({ score: (i * 37) % 101 })
      .where(eq(leads.id, res.data?.createLead.lead.id));
  }
});
afterAll(() => server?.stop());

async function walk(variables: Record<string, unknown>, pageSize: number) {
  const seen: { requestId: number; score: number }[] = [];
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const res: { data?: Record<string, any> | null } = await server.gql(
      LEADS,
      { ...variables, first: pageSize, after },
      t.tokens.manager,
    );
    const conn = res.data?.leads;
    expect(conn.totalCount).toBe(variables.expectTotal ?? TOTAL);
    seen.push(...conn.edges.map((e: { node: { requestId: number; score: number } }) => e.node));
    pages++;
    if (!conn.pageInfo.hasNextPage) break;
    after = conn.pageInfo.endCursor;
  }
  return { seen, pages };
}

describe("leads list", () => {
  it("pages through every lead exactly once, newest first by default", async () => {
    const { seen, pages } = await walk({}, 10);
    expect(pages).toBe(3);
    expect(seen.map((l) => l.requestId)).toEqual(Array.from({ length: TOTAL }, (_, i) => TOTAL - i));
  });

  it("answers the whole total on an empty page too: past the last lead, and with first 0", async () => {
    const last = await server.gql("{ leads(first: 200) { pageInfo { endCursor } } }", {}, t.tokens.manager);
    const oldest = last.data?.leads.pageInfo.endCursor;
    const past = await server.gql(
      "query($after: String) { leads(first: 5, after: $after) { totalCount edges { node { id } } } }",
      { after: oldest },
      t.tokens.manager,
    );
    expect(past.data?.leads).toEqual({ totalCount: TOTAL, edges: [] });
    const none = await server.gql("{ leads(first: 0) { totalCount edges { node { id } } } }", {}, t.tokens.manager);
    expect(none.data?.leads).toEqual({ totalCount: TOTAL, edges: [] });
  });

  it("orders by score with a stable tie-break across pages", async () => {
    const { seen } = await walk({ orderBy: { field: "SCORE", direction: "DESC" } }, 4);
    expect(new Set(seen.map((l) => l.requestId)).size).toBe(TOTAL);
    const scores = seen.map((l) => l.score);
    expect(scores).toEqual([...scores].sort((x, y) => y - x));
  });

  it("orders by requestId ascending and by next action with empty values last", async () => {
    const asc = await walk({ orderBy: { field: "REQUEST_ID", direction: "ASC" } }, 8);
    expect(asc.seen.map((l) => l.requestId)).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
    const due = await walk({ orderBy: { field: "NEXT_ACTION_DUE", direction: "ASC" } }, 8);
    expect(due.seen).toHaveLength(TOTAL);
  });

  it("filters by source, score band, mine, unassigned and search, with matching totals", async () => {
    const bySource = await server.gql(LEADS, { filter: { source: ["EVENT"] }, first: 100 }, t.tokens.manager);
    expect(bySource.data?.leads.totalCount).toBe(13);
    const hot = await server.gql(LEADS, { filter: { scoreBand: ["HOT", "CHAMPION"] }, first: 100 }, t.tokens.manager);
    expect(hot.data?.leads.edges.every((e: { node: { score: number } }) => e.node.score >= 70)).toBe(true);
    const mine = await server.gql(LEADS, { filter: { mine: true }, first: 100 }, t.tokens.rep);
    expect(mine.data?.leads.totalCount).toBe(9);
    const pool = await server.gql(LEADS, { filter: { unassigned: true }, first: 100 }, t.tokens.manager);
    expect(pool.data?.leads.totalCount).toBe(18);
    const needle = await server.gql(LEADS, { filter: { search: "needle" }, first: 100 }, t.tokens.manager);
    expect(needle.data?.leads.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["Lead 7"]);
    const percent = await server.gql(LEADS, { filter: { search: "%" }, first: 100 }, t.tokens.manager);
    expect(percent.data?.leads.totalCount).toBe(0);
  });

  it("rejects a forged cursor and an oversized page with BAD_USER_INPUT", async () => {
    expect(fieldsOf(await server.gql(LEADS, { after: "garbage" }, t.tokens.manager))).toEqual(["after"]);
    expect(fieldsOf(await server.gql(LEADS, { first: 5000 }, t.tokens.manager))).toEqual(["first"]);
  });
});

describe("request protection", () => {
  it("rejects a query deeper than the limit before executing it", async () => {
    const deep = `{ leads(first: 1) { edges { node { contact { company { id } } owner { partnerCompany { id } } activities { edges { node { actor { partnerCompany { name } } } } } } } } }`;
    const res = await server.gql(deep, {}, t.tokens.manager);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
    // One level less is a legitimate query.
    const ok = await server.gql(
      deep.replace("actor { partnerCompany { name } }", "actor { name }"),
      {},
      t.tokens.manager,
    );
    expect(ok.errors).toBeUndefined();
  });

  it("rejects too many aliases before executing them", async () => {
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { id }`).join(" ");
    const res = await server.gql(`{ ${aliases} }`, {}, t.tokens.manager);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.message).toMatch(/alias/i);
  });

  it("does not suggest field names outside development", async () => {
    const res = await server.gql("{ leadz { totalCount } }", {}, t.tokens.manager);
    expect(codes(res)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(res.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it("refuses a body over the size limit", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.tokens.manager}` },
      body: JSON.stringify({ query: "{ me { id } }", variables: { pad: "x".repeat(2_000_000) } }),
    });
    expect(res.status).toBe(413);
  });
});
