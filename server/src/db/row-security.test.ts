import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { notifyBus } from "../modules/events/event-bus.js";
import { createTestDatabase } from "../test/database.js";
import { CREATE_LEAD, LEAD_BY_ID, LEADS } from "../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../test/harness.js";
import { rowsOf } from "./client.js";
import { companies, leads, tenants } from "./schema/index.js";
import { currentTenant, ROW_SECURITY_ROLE, withIndexedSearch, withTenant } from "./tenant-scope.js";

// The service layer's lead filter (tenant first, then visibility), removed on purpose while
// `dropFilter.on` is set: the database must still keep the tenants apart.
const dropFilter = vi.hoisted(() => ({ on: false }));
vi.mock("../modules/lead-core/lead-access.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../modules/lead-core/lead-access.js")>();
  const { sql: raw } = await import("drizzle-orm");
  return {
    ...original,
    visibleLeads: (viewer: Parameters<typeof original.visibleLeads>[0]) =>
      dropFilter.on ? raw`true` : original.visibleLeads(viewer),
    visibilityArms: (viewer: Parameters<typeof original.visibilityArms>[0]) =>
      dropFilter.on ? [raw`true`] : original.visibilityArms(viewer),
  };
});

/** PostgreSQL's refusal, under drizzle's wrapper. */
const refusedByPolicy = { cause: { message: expect.stringMatching(/violates row-level security policy/) } };

let server: TestServer;
let a: TestTenant;
let b: TestTenant;
const leadOf: Record<"a" | "b", string> = { a: "", b: "" };

const createLead = async (tenant: TestTenant, name: string) => {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name, source: "MANUAL", email: `${name.split(" ")[0]?.toLowerCase()}@example.com` } },
    tenant.tokens.admin,
  );
  if (!res.data?.createLead) throw new Error(JSON.stringify(res.errors));
  return res.data.createLead.lead.id as string;
};

beforeAll(async () => {
  // As configured by default, on PostgreSQL and the embedded database alike: on.
  const database = await createTestDatabase();
  server = await startTestServer({}, database);
  a = await createTestTenant(server, { admin: ["ADMIN"] });
  b = await createTestTenant(server, { admin: ["ADMIN"] });
  leadOf.a = await createLead(a, "Ada of A");
  leadOf.b = await createLead(b, "Bea of B");
  await server.app.database.db.insert(companies).values({ tenantId: b.tenant.id, name: "B's own company" });
  await createLead(b, "Bob of B");
});
afterAll(async () => {
  await server?.stop();
  await server?.database.drop();
});

describe("row-level security", () => {
  it("is on for every table with a tenant_id, plus tenants and queue_members, with the one policy", async () => {
    const rows = rowsOf(
      await server.app.database.db.execute(sql`
        select c.relname as table, c.relrowsecurity as on,
          exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'tenant_isolation') as policy,
          has_table_privilege(${ROW_SECURITY_ROLE}, c.oid, 'select, insert, update, delete') as granted
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p')
          and (c.relname in ('tenants', 'queue_members')
            or exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped))
        order by 1`),
    );
    expect(rows.length).toBeGreaterThan(30);
    expect(rows.filter((r) => !r.on || !r.policy).map((r) => r.table)).toEqual([]);
    // Tables without tenants (rate limits, login attempts) are granted too: a request touches them.
    const ungranted = rowsOf(
      await server.app.database.db.execute(sql`
        select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname in ('public', 'pgboss') and c.relkind in ('r', 'p')
          and not has_table_privilege(${ROW_SECURITY_ROLE}, c.oid, 'select, insert, update, delete')`),
    );
    expect(rows.every((r) => r.granted)).toBe(true);
    expect(ungranted).toEqual([]);
  });

  it("a query with no tenant filter, run for tenant A, reads, changes and deletes only A's rows", async () => {
    const { db } = server.app.database;
    const [all] = await db.select({ n: count() }).from(leads);
    expect(all?.n).toBe(3); // unscoped: the connecting role sees every tenant (jobs, sign-in)
    await withTenant(a.tenant.id, async () => {
      expect((await db.select({ id: leads.id }).from(leads)).map((r) => r.id)).toEqual([leadOf.a]);
      expect((await db.select({ id: tenants.id }).from(tenants)).map((r) => r.id)).toEqual([a.tenant.id]);
      // In a transaction as well as outside one.
      const inTx = await db.transaction(async (tx) => tx.select({ id: leads.id }).from(leads));
      expect(inTx.map((r) => r.id)).toEqual([leadOf.a]);
      const touched = await db.update(leads).set({ city: "Scoped" }).returning({ id: leads.id });
      expect(touched.map((r) => r.id)).toEqual([leadOf.a]);
      expect(await db.delete(companies).where(eq(companies.tenantId, b.tenant.id)).returning()).toEqual([]);
    });
    const [bLead] = await db.select({ city: leads.city }).from(leads).where(eq(leads.id, leadOf.b));
    expect(bLead?.city).not.toBe("Scoped");
  });

  it("refuses to write a row into another tenant, and names no tenant when none is set", async () => {
    const { db } = server.app.database;
    await withTenant(a.tenant.id, async () => {
      await expect(db.insert(companies).values({ tenantId: b.tenant.id, name: "Planted in B" })).rejects.toMatchObject(
        refusedByPolicy,
      );
      await expect(db.update(leads).set({ tenantId: b.tenant.id }).where(eq(leads.id, leadOf.a))).rejects.toMatchObject(
        refusedByPolicy,
      );
    });
    // As the row-security role with no tenant named, nothing is visible.
    const none = await db.transaction(async (tx) => {
      await tx.execute(sql.raw(`set local role ${ROW_SECURITY_ROLE}`));
      return tx.select({ n: count() }).from(leads);
    });
    expect(none[0]?.n).toBe(0);
  });

  it("through the API, with the service layer's tenant and visibility filter removed, A still sees no lead of B", async () => {
    dropFilter.on = true;
    try {
      const byId = await server.gql(LEAD_BY_ID, { id: leadOf.b }, a.tokens.admin);
      expect(byId.errors).toBeUndefined();
      expect(byId.data?.lead).toBeNull();
      const list = await server.gql(LEADS, { first: 50 }, a.tokens.admin);
      expect(list.errors).toBeUndefined();
      const edges = (list.data?.leads.edges ?? []) as { node: { id: string } }[];
      expect(edges.map((e) => e.node.id)).toEqual([leadOf.a]);
    } finally {
      dropFilter.on = false;
    }
    // The same request for B's admin shows B's lead: the filter was what kept it from A.
    const own = await server.gql(LEAD_BY_ID, { id: leadOf.b }, b.tokens.admin);
    expect(own.data?.lead?.id).toBe(leadOf.b);
  });

  it("is lifted only for the listed index-bound searches, and comes back in the same transaction", async () => {
    const { db } = server.app.database;
    await withTenant(a.tenant.id, async () => {
      const seen = await db.transaction(async (tx) => {
        const lifted = await withIndexedSearch(tx, (t) => t.select({ n: count() }).from(leads));
        const after = await tx.select({ n: count() }).from(leads);
        return [lifted[0]?.n, after[0]?.n];
      });
      expect(seen).toEqual([3, 1]);
      // Outside a transaction too, for a query the caller hands back unrun (drizzle's are lazy): it
      // ran scoped once, and a contact search's page then walked every contact instead of its index.
      const lifted = await withIndexedSearch(db, (d) => d.select({ n: count() }).from(leads));
      const after = await db.select({ n: count() }).from(leads);
      expect([lifted[0]?.n, after[0]?.n]).toEqual([3, 1]);
    });
    // docs/security.md names these callers; a new one belongs there too, with its tenant filter.
    const src = join(dirname(fileURLToPath(import.meta.url)), "..");
    const callers = (readdirSync(src, { recursive: true }) as string[])
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.endsWith("tenant-scope.ts"))
      .filter((f) => readFileSync(join(src, f), "utf8").includes("withIndexedSearch("))
      .map((f) => relative(src, join(src, f)).split("\\").join("/"))
      .sort();
    expect(callers).toEqual([
      "modules/crm/crm-records.service.ts",
      "modules/duplicates/duplicate-match.ts",
      "modules/duplicates/duplicate.service.ts",
    ]);
  });

  it("does not follow a request into work that serves every tenant: announcements arrive unscoped", async () => {
    // On PGlite a notification is handed over inside the statement that committed it; the live
    // fan-out and the webhook dispatcher started from there read every tenant's events.
    const seen: (string | null)[] = [];
    const stop = await notifyBus(server.app.database).subscribe(() => seen.push(currentTenant()));
    try {
      await withTenant(a.tenant.id, () =>
        server.app.database.db.execute(sql`select pg_notify('lead_events', ${`${a.tenant.id}:1`})`),
      );
      await createLead(a, "Announced from a request");
      await expect.poll(() => seen.length).toBeGreaterThanOrEqual(2);
      expect(new Set(seen)).toEqual(new Set([null]));
    } finally {
      await stop();
    }
  });
});
