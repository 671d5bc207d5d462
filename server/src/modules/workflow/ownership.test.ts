import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads, tenants, users } from "../../db/schema/index.js";
import { CREATE_LEAD, LEAD_BY_ID, UPDATE_LEAD } from "../../test/documents.js";
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

const CLAIM = "mutation($id: ID!) { claimLead(id: $id) { id version claimedBy { id } claimExpiresAt owner { id } } }";
const RELEASE = "mutation($id: ID!) { releaseLead(id: $id) { id claimedBy { id } } }";
const TAKE = "mutation($id: ID!) { takeOwnership(id: $id) { id owner { id } claimedBy { id } } }";
const ASSIGN = "mutation($id: ID!, $o: ID) { assignLead(id: $id, ownerId: $o) { id owner { id } } }";

const db = () => server.app.database.db;
async function poolLead() {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Pool", source: "EVENT", email: "p@example.com" } },
    t.tokens.manager,
  );
  return res.data?.createLead.lead as { id: string };
}
const eventsOf = (leadId: string, type: "RELEASED" | "CLAIMED" | "ASSIGNED") =>
  db()
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.type, type)));
const waitFor = async (check: () => Promise<boolean>, ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, {
    manager: ["MANAGER"],
    rep1: ["SALES"],
    rep2: ["SALES"],
    marketeer: ["MARKETEER"],
  });
});
afterAll(() => server?.stop());

describe("claims", () => {
  it("of two concurrent claims exactly one wins; the other gets CONFLICT", async () => {
    for (let round = 0; round < 5; round++) {
      const lead = await poolLead();
      const results = await Promise.all([
        server.gql(CLAIM, { id: lead.id }, t.tokens.rep1),
        server.gql(CLAIM, { id: lead.id }, t.tokens.rep2),
      ]);
      expect(results.map((r) => codes(r)[0] ?? "OK").sort()).toEqual(["CONFLICT", "OK"]);
      expect(await eventsOf(lead.id, "CLAIMED")).toHaveLength(1);
    }
  });

  it("lets the claimer work the lead for the window, not the other rep", async () => {
    const lead = await poolLead();
    const claimed = await server.gql(CLAIM, { id: lead.id }, t.tokens.rep1);
    expect(claimed.data?.claimLead.claimedBy.id).toBe(t.users.rep1?.id);
    const hours = (new Date(claimed.data?.claimLead.claimExpiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(codes(await server.gql(UPDATE_LEAD, { id: lead.id, input: { city: "Oslo" } }, t.tokens.rep1))).toEqual([]);
    expect(codes(await server.gql(UPDATE_LEAD, { id: lead.id, input: { city: "Rome" } }, t.tokens.rep2))).toEqual([
      "FORBIDDEN",
    ]);
    // The claim is visible to the other rep as taken.
    const seen = await server.gql(
      "query($id: ID) { lead(id: $id) { claimedBy { id } } }",
      { id: lead.id },
      t.tokens.rep2,
    );
    expect(seen.data?.lead.claimedBy.id).toBe(t.users.rep1?.id);
  });

  it("refuses claims on owned leads and by roles without claim permission", async () => {
    const own = await server.gql(
      CREATE_LEAD,
      { input: { name: "Mine", source: "CALL", email: "m@example.com" } },
      t.tokens.rep1,
    );
    const owned = own.data?.createLead.lead.id;
    expect(codes(await server.gql(CLAIM, { id: owned }, t.tokens.manager))).toEqual(["CONFLICT"]);
    expect(codes(await server.gql(CLAIM, { id: (await poolLead()).id }, t.tokens.marketeer))).toEqual(["FORBIDDEN"]);
  });

  it("returns an expired claim to the pool with one RELEASED event", async () => {
    await db()
      .update(tenants)
      .set({ claimWindowMinutes: 2 / 60 })
      .where(eq(tenants.id, t.tenant.id));
    try {
      const lead = await poolLead();
      const claimed = await server.gql(CLAIM, { id: lead.id }, t.tokens.rep1);
      const due = new Date(claimed.data?.claimLead.claimExpiresAt).getTime();
      const released = await waitFor(async () => (await eventsOf(lead.id, "RELEASED")).length > 0, 6_000);
      expect(released).toBe(true);
      const [event] = await eventsOf(lead.id, "RELEASED");
      expect(event?.payload).toMatchObject({ reason: "expired", from: t.users.rep1?.id });
      expect(Math.abs((event?.createdAt.getTime() ?? 0) - due)).toBeLessThan(1_500);
      const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
      expect(row).toMatchObject({ claimedById: null, claimExpiresAt: null, ownerId: null });
      await new Promise((r) => setTimeout(r, 1_000));
      expect(await eventsOf(lead.id, "RELEASED")).toHaveLength(1);
    } finally {
      await db()
        .update(tenants)
        .set({ claimWindowMinutes: 24 * 60 })
        .where(eq(tenants.id, t.tenant.id));
    }
  });

  it("keeps the lead when ownership is taken before the window ends", async () => {
    await db()
      .update(tenants)
      .set({ claimWindowMinutes: 2 / 60 })
      .where(eq(tenants.id, t.tenant.id));
    try {
      const lead = await poolLead();
      await server.gql(CLAIM, { id: lead.id }, t.tokens.rep2);
      const taken = await server.gql(TAKE, { id: lead.id }, t.tokens.rep2);
      expect(taken.data?.takeOwnership).toMatchObject({ owner: { id: t.users.rep2?.id }, claimedBy: null });
      await new Promise((r) => setTimeout(r, 3_000));
      const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
      expect(row?.ownerId).toBe(t.users.rep2?.id);
      expect(await eventsOf(lead.id, "RELEASED")).toHaveLength(0);
    } finally {
      await db()
        .update(tenants)
        .set({ claimWindowMinutes: 24 * 60 })
        .where(eq(tenants.id, t.tenant.id));
    }
  });

  it("lets the claimer or a manager release, and only a claimer or manager take ownership", async () => {
    const lead = await poolLead();
    expect(codes(await server.gql(TAKE, { id: lead.id }, t.tokens.rep1))).toEqual(["FORBIDDEN"]);
    await server.gql(CLAIM, { id: lead.id }, t.tokens.rep1);
    expect(codes(await server.gql(RELEASE, { id: lead.id }, t.tokens.rep2))).toEqual(["FORBIDDEN"]);
    const released = await server.gql(RELEASE, { id: lead.id }, t.tokens.rep1);
    expect(released.data?.releaseLead.claimedBy).toBeNull();
    expect((await eventsOf(lead.id, "RELEASED"))[0]?.payload).toMatchObject({ reason: "released" });
    expect(codes(await server.gql(RELEASE, { id: lead.id }, t.tokens.rep1))).toEqual(["CONFLICT"]);
  });
});

describe("assignLead", () => {
  it("offers managers the tenant's active sales reps, managers and admins, by name, and no one else", async () => {
    const other = await createTestTenant(server, { boss: ["MANAGER"] });
    const ASSIGNABLE = "query { assignableUsers { id name roles } }";
    const names = async (token = t.tokens.manager) =>
      ((await server.gql(ASSIGNABLE, {}, token)).data?.assignableUsers as { name: string }[] | undefined)?.map(
        (u) => u.name,
      );
    expect(await names()).toEqual(["manager", "rep1", "rep2"]);
    expect(codes(await server.gql(ASSIGNABLE, {}, t.tokens.rep1))).toEqual(["FORBIDDEN"]);
    expect(await names(other.tokens.boss)).toEqual(["boss"]);
    await db()
      .update(users)
      .set({ active: false })
      .where(eq(users.id, t.users.rep2?.id as string));
    expect(await names()).toEqual(["manager", "rep1"]);
    await db()
      .update(users)
      .set({ active: true })
      .where(eq(users.id, t.users.rep2?.id as string));
  });

  it("is for managers; the owner must be an active user; null returns the lead to the pool", async () => {
    const lead = await poolLead();
    expect(codes(await server.gql(ASSIGN, { id: lead.id, o: t.users.rep1?.id }, t.tokens.rep1))).toEqual(["FORBIDDEN"]);
    const assigned = await server.gql(ASSIGN, { id: lead.id, o: t.users.rep1?.id }, t.tokens.manager);
    expect(assigned.data?.assignLead.owner.id).toBe(t.users.rep1?.id);
    expect((await eventsOf(lead.id, "ASSIGNED"))[0]?.payload).toMatchObject({ from: null, to: t.users.rep1?.id });
    // rep2 no longer sees it; rep1 does.
    expect((await server.gql(LEAD_BY_ID, { id: lead.id }, t.tokens.rep2)).data?.lead).toBeNull();
    await db()
      .update(users)
      .set({ active: false })
      .where(eq(users.id, t.users.rep2?.id as string));
    expect(fieldsOf(await server.gql(ASSIGN, { id: lead.id, o: t.users.rep2?.id }, t.tokens.manager))).toEqual([
      "ownerId",
    ]);
    await db()
      .update(users)
      .set({ active: true })
      .where(eq(users.id, t.users.rep2?.id as string));
    const other = await createTestTenant(server, { rep: ["SALES"] });
    expect(fieldsOf(await server.gql(ASSIGN, { id: lead.id, o: other.users.rep?.id }, t.tokens.manager))).toEqual([
      "ownerId",
    ]);
    const pooled = await server.gql(ASSIGN, { id: lead.id, o: null }, t.tokens.manager);
    expect(pooled.data?.assignLead.owner).toBeNull();
  });
});
