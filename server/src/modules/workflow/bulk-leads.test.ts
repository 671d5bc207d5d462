import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

const BULK = `mutation($ids: [ID!]!, $action: BulkLeadActionInput!) {
  bulkUpdateLeads(ids: $ids, action: $action) {
    succeeded { id status owner { id } queue { id } }
    failed { id code reason message }
  }
}`;
const MOVE = "mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { id status } }";

type Bulk = {
  bulkUpdateLeads: {
    succeeded: { id: string; status: string; owner: { id: string } | null; queue: { id: string } | null }[];
    failed: { id: string; code: string; reason: string; message: string }[];
  };
};

let server: TestServer;
let t: TestTenant;
let other: TestTenant;
const db = () => server.app.database.db;

async function poolLeads(tenant: TestTenant, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await server.gql(
      CREATE_LEAD,
      { input: { name: `Bulk ${i}`, source: "EVENT", email: `bulk${i}-${Date.now()}@example.com` } },
      tenant.tokens.manager,
    );
    const id = res.data?.createLead.lead?.id as string;
    ids.push(id);
  }
  return ids;
}

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], rep: ["SALES"] });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

describe("bulkUpdateLeads", () => {
  it("assigns 20 leads to a rep in one request, each with its ASSIGNED event", async () => {
    const ids = await poolLeads(t, 20);
    const res = await server.gql<Bulk>(BULK, { ids, action: { assignTo: t.users.rep?.id } }, t.tokens.manager);
    expect(res.errors).toBeUndefined();
    expect(res.data?.bulkUpdateLeads.failed).toEqual([]);
    expect(res.data?.bulkUpdateLeads.succeeded.map((l) => l.owner?.id)).toEqual(ids.map(() => t.users.rep?.id));
    const rows = await db().select().from(leads).where(inArray(leads.id, ids));
    expect(rows.every((r) => r.ownerId === t.users.rep?.id)).toBe(true);
    const assigned = await db()
      .select()
      .from(leadEvents)
      .where(and(inArray(leadEvents.leadId, ids), eq(leadEvents.type, "ASSIGNED")));
    expect(new Set(assigned.map((e) => e.leadId)).size).toBe(20);
  });

  it("reports each refused lead with its code and reason and does the rest", async () => {
    const [a, b, c] = await poolLeads(t, 3);
    await server.gql(MOVE, { id: a, to: "working" }, t.tokens.manager);
    await server.gql(MOVE, { id: b, to: "working" }, t.tokens.manager);
    await server.gql(MOVE, { id: c, to: "mql" }, t.tokens.manager);
    const [foreign] = await poolLeads(other, 1);
    const res = await server.gql<Bulk>(
      BULK,
      { ids: [a, b, c, foreign, "00000000-0000-4000-8000-000000000000"], action: { moveTo: "new" } },
      t.tokens.manager,
    );
    expect(res.errors).toBeUndefined();
    const out = res.data?.bulkUpdateLeads;
    expect(out?.succeeded.map((l) => [l.id, l.status])).toEqual([
      [a, "new"],
      [b, "new"],
    ]);
    expect(out?.failed.map((f) => [f.id, f.code, f.reason])).toEqual([
      [c, "CONFLICT", "TRANSITION_NOT_ALLOWED"],
      [foreign, "NOT_FOUND", "NOT_FOUND"],
      ["00000000-0000-4000-8000-000000000000", "NOT_FOUND", "NOT_FOUND"],
    ]);
    // Another tenant's lead is untouched, and nothing tells that it exists.
    const [row] = await db()
      .select()
      .from(leads)
      .where(eq(leads.id, foreign as string));
    expect(row?.status).toBe("new");
    expect(out?.failed[1]?.message).toBe(out?.failed[2]?.message);
  });

  it("refuses a rep's bulk assignment lead by lead, and changes nothing", async () => {
    const ids = await poolLeads(t, 2);
    const res = await server.gql<Bulk>(BULK, { ids, action: { assignTo: t.users.rep?.id } }, t.tokens.rep);
    expect(res.data?.bulkUpdateLeads.succeeded).toEqual([]);
    expect(res.data?.bulkUpdateLeads.failed.map((f) => f.code)).toEqual(["FORBIDDEN", "FORBIDDEN"]);
    const rows = await db().select().from(leads).where(inArray(leads.id, ids));
    expect(rows.every((r) => r.ownerId === null)).toBe(true);
  });

  it("refuses a request with no action, two actions or too many leads, before touching any lead", async () => {
    const ids = await poolLeads(t, 1);
    for (const action of [
      {},
      { assignTo: t.users.rep?.id, moveTo: "working" },
      { assignTo: t.users.rep?.id, unassign: true },
    ]) {
      const res = await server.gql(BULK, { ids, action }, t.tokens.manager);
      expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    }
    const many = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    expect(codes(await server.gql(BULK, { ids: many, action: { moveTo: "working" } }, t.tokens.manager))).toEqual([
      "BAD_USER_INPUT",
    ]);
    expect(codes(await server.gql(BULK, { ids: [], action: { moveTo: "working" } }, t.tokens.manager))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const [row] = await db()
      .select()
      .from(leads)
      .where(eq(leads.id, ids[0] as string));
    expect([row?.status, row?.ownerId, row?.version]).toEqual(["new", null, 1]);
  });
});
