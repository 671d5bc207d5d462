import { permissionsFor, type Role } from "@leadline/shared";
import { eq, ilike, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../modules/auth/viewer.js";
import { findDuplicateMatches } from "../modules/duplicates/duplicate-match.js";
import { listLeads } from "../modules/lead-core/lead-query.js";
import { createTestDatabase, type TestDatabase } from "../test/database.js";
import { type DatabaseHandle, openDatabase, rowsOf } from "./client.js";
import { leads, tenants } from "./schema/index.js";
import { reusingPlans, withIndexedSearch, withTenant } from "./tenant-scope.js";

// Prepared statements are a PostgreSQL connection's own; PGlite has no driver round trip to save.
describe.skipIf(!process.env.TEST_DATABASE_URL)("statements with parameters on PostgreSQL", () => {
  let testDatabase: TestDatabase;
  let handle: DatabaseHandle;
  let tenantId: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    if (testDatabase.config.kind !== "postgres") throw new Error("needs PostgreSQL");
    // One connection, so the statements below and the look at what it keeps share a session.
    handle = await openDatabase({ ...testDatabase.config, poolSize: 1, rowSecurity: true });
    const [tenant] = await handle.db.insert(tenants).values({ slug: "prepared", name: "Prepared" }).returning();
    tenantId = tenant?.id as string;
  });
  afterAll(async () => {
    await handle?.close();
    await testDatabase?.drop();
  });

  /** The texts of the statements the connection keeps prepared (read with no parameter, so not one of them). */
  const kept = async () =>
    rowsOf(await handle.db.execute(sql`select statement from pg_prepared_statements`)).map((r) => String(r.statement));
  /** How the session plans prepared statements now, read through `db` (a transaction, or the pool). */
  const mode = async (db: Pick<DatabaseHandle["db"], "execute"> = handle.db) =>
    rowsOf(await db.execute(sql`show plan_cache_mode`))[0]?.plan_cache_mode;
  const mentioning = async (column: string) => (await kept()).filter((text) => text.includes(`"leads"."${column}"`));

  it("should keep a tenant's statement prepared and reuse it for other values", async () => {
    for (const name of ["Ada", "Bea", "Cy"]) {
      await withTenant(tenantId, () => handle.db.select().from(leads).where(eq(leads.name, name)));
    }
    expect(await mentioning("name")).toHaveLength(1);
  });

  it("should keep statements prepared inside a transaction and outside any tenant", async () => {
    await withTenant(tenantId, () =>
      handle.db.transaction(async (tx) => {
        await tx.select().from(leads).where(eq(leads.email, "ada@example.com"));
        await tx.transaction((savepoint) => savepoint.select().from(leads).where(eq(leads.jobTitle, "CEO")));
      }),
    );
    await handle.db.select().from(leads).where(eq(leads.companyName, "Acme"));
    expect(await mentioning("email")).toHaveLength(1);
    expect(await mentioning("job_title")).toHaveLength(1);
    expect(await mentioning("company_name")).toHaveLength(1);
  });

  it("should plan every run of a tenant's prepared statement for its values, and let work outside a tenant keep plans", async () => {
    // A generic plan kept after five runs read a rep's whole tenant for their contacts (docs/performance.md).
    expect(await withTenant(tenantId, () => mode())).toBe("force_custom_plan");
    expect(await withTenant(tenantId, () => handle.db.transaction((tx) => mode(tx)))).toBe("force_custom_plan");
    // The credential check, jobs and sweeps find rows by key, time or sequence.
    expect(await mode()).toBe("auto");
  });

  it("should keep PostgreSQL's plans in a tenant's transaction opened by reusingPlans, and only there", async () => {
    const seen = await withTenant(tenantId, async () => [
      await reusingPlans(() =>
        handle.db.transaction(async (tx) => {
          const before = await mode(tx);
          // A search inside is still planned for its term: unnamed, whatever the mode.
          await withIndexedSearch(tx, (db) => db.select().from(leads).where(ilike(leads.companyWebsite, "%acme%")));
          return [before, await mode(tx)];
        }),
      ),
      await handle.db.transaction((tx) => mode(tx)),
      await mode(handle.db),
    ]);
    expect(seen).toEqual([["auto", "auto"], "force_custom_plan", "force_custom_plan"]);
    // Without a tenant nothing opens the statement: the connection's own mode, PostgreSQL's choice.
    expect(await mode(handle.db)).toBe("auto");
    expect(await mentioning("company_website")).toHaveLength(0);
  });

  it("should plan a search for its own term every time, in a transaction or not", async () => {
    await withTenant(tenantId, async () => {
      await withIndexedSearch(handle.db, (db) => db.select().from(leads).where(ilike(leads.phone, "%55%")));
      await handle.db.transaction((tx) =>
        withIndexedSearch(tx, (db) => db.select().from(leads).where(ilike(leads.city, "%ber%"))),
      );
    });
    expect(await mentioning("phone")).toHaveLength(0);
    expect(await mentioning("city")).toHaveLength(0);
    // The same statement outside a search is kept: what differs is the search, not the text.
    await withTenant(tenantId, () => handle.db.select().from(leads).where(ilike(leads.phone, "%55%")));
    expect(await mentioning("phone")).toHaveLength(1);
  });

  // Last: its pages select every column, which the look at kept statements above goes by.
  it("should keep one plan for an unfiltered list of everything, and plan a rep's list for the rep", async () => {
    const viewer = (roles: Role[]): Viewer => ({
      tenantId,
      userId: "00000000-0000-4000-8000-000000000001",
      roles,
      permissions: permissionsFor(roles),
      partnerCompanyId: null,
      via: { kind: "session", sessionId: "s" },
    });
    // The sort key's column names the statement apart from the others this file prepares.
    const list = (roles: Role[], status?: string) =>
      withTenant(tenantId, () =>
        listLeads(handle.db, viewer(roles), {
          first: 10,
          orderBy: { field: "SCORE", direction: "DESC" },
          ...(status ? { filter: { status: [status] } } : {}),
        }),
      );
    // PostgreSQL tries its own plan five times before it weighs keeping one.
    for (let i = 0; i < 8; i++) {
      await list(["MANAGER"]);
      await list(["SALES"]);
      await list(["MANAGER"], "new");
    }
    const plans = rowsOf(
      await handle.db.execute(
        sql`select statement, generic_plans, custom_plans from pg_prepared_statements where statement like '%as sort_key%'`,
      ),
    );
    expect(plans).toHaveLength(3);
    const everything = plans.filter((p) => Number(p.generic_plans) > 0);
    expect(everything).toHaveLength(1);
    // Kept: the statement with neither the rep's visibility nor the status filter in its condition.
    const condition = String(everything[0]?.statement).split(" where ")[1];
    expect(condition).not.toContain("owner_id");
    expect(condition).not.toContain('"status"');
  });
});

// Its own database: the statistics it needs would change the plans the tests above look at.
describe.skipIf(!process.env.TEST_DATABASE_URL)("the duplicate lookup's plan on PostgreSQL", () => {
  let testDatabase: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    if (testDatabase.config.kind !== "postgres") throw new Error("needs PostgreSQL");
    handle = await openDatabase({ ...testDatabase.config, poolSize: 1, rowSecurity: true });
  });
  afterAll(async () => {
    await handle?.close();
    await testDatabase?.drop();
  });

  it("should plan a create's duplicate lookups by email, in leads and contacts, once for every email", async () => {
    const [tenant] = await handle.db.insert(tenants).values({ slug: "probes", name: "Probes" }).returning();
    const tenantId = tenant?.id as string;
    const viewer: Viewer = {
      tenantId,
      userId: "00000000-0000-4000-8000-000000000001",
      roles: ["MANAGER"],
      permissions: permissionsFor(["MANAGER"]),
      partnerCompanyId: null,
      via: { kind: "session", sessionId: "s" },
    };
    // Rows enough for the planner's statistics to tell the email indexes from a walk through the tenant's rows.
    await handle.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, email)
        select ${tenantId}, 1000 + g, gen_random_uuid(), 'new', 'a', 'API', 'API', 'Lead ' || g, 'lead' || g || '@example.com'
        from generate_series(1, 5000) g`);
      await tx.execute(sql`insert into contacts (tenant_id, first_name, email, phone)
        select ${tenantId}, 'Contact ' || g, 'contact' || g || '@example.com', '+1555' || g from generate_series(1, 5000) g`);
    });
    await handle.db.execute(sql`analyze leads, contacts`);
    // As the create path runs it: in a tenant's transaction that keeps plans (CreateLead.transaction).
    for (let i = 0; i < 10; i++) {
      const probe = { email: `probe${i}@example.com`, phone: null, domain: null, tin: null, name: "", companyName: "" };
      await withTenant(tenantId, () =>
        reusingPlans(() => handle.db.transaction((tx) => findDuplicateMatches(tx, viewer, [{ probe }]))),
      );
    }
    const plans = rowsOf(
      await handle.db.execute(
        sql`select statement, generic_plans, custom_plans from pg_prepared_statements
          where statement like '%dup_arm%' or statement like '%from "contacts"%'`,
      ),
    );
    expect(plans).toHaveLength(2);
    // PostgreSQL plans for the values five times, then keeps one plan: with the emails as one
    // array parameter it priced that plan for ten emails and planned every lookup afresh.
    for (const plan of plans) {
      expect(Number(plan.custom_plans), String(plan.statement)).toBeLessThanOrEqual(5);
      expect(Number(plan.generic_plans), String(plan.statement)).toBeGreaterThan(0);
    }
  });
});
