import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database.js";
import { type DatabaseHandle, openDatabase, rowsOf, runPreparedThenCommit } from "./client.js";
import { tenantCounters, tenants } from "./schema/index.js";
import { withTenant } from "./tenant-scope.js";

/**
 * A transaction may end with `runPreparedThenCommit`: its last statement goes
 * with the commit right behind it, so its locks (a tenant's request-number
 * counter) are released as soon as PostgreSQL has run the two, not when the
 * server gets round to sending the commit. Another connection therefore sees
 * the transaction's writes before its body has returned.
 */
/** A row of a tenant table: a counter named `name`. */
const insertCounter = (tenantId: string, name: string) => ({
  sql: "insert into tenant_counters (tenant_id, name, value) values ($1, $2, 1) returning name",
  params: [tenantId, name],
});

/** The failure's message and its causes' (drizzle wraps the driver's error). */
const messages = async (attempt: Promise<unknown>) => {
  const error = await attempt.then(
    () => null,
    (e: unknown) => e,
  );
  const out: string[] = [];
  for (let e = error as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
    out.push(String(e.message));
  return out.join(" / ");
};

describe.skipIf(!process.env.TEST_DATABASE_URL)("a transaction's last statement on PostgreSQL", () => {
  let testDatabase: TestDatabase;
  let scoped: DatabaseHandle;
  let plain: DatabaseHandle;
  let tenantId: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    if (testDatabase.config.kind !== "postgres") throw new Error("needs PostgreSQL");
    scoped = await openDatabase({ ...testDatabase.config, poolSize: 3, rowSecurity: true });
    plain = await openDatabase({ ...testDatabase.config, poolSize: 3, rowSecurity: false });
    const [tenant] = await scoped.db.insert(tenants).values({ slug: "last", name: "Last" }).returning();
    tenantId = tenant?.id as string;
  });
  afterAll(async () => {
    await scoped?.close();
    await plain?.close();
    await testDatabase?.drop();
  });

  /** Whether another connection sees the counter with this name now. */
  const committed = async (name: string) =>
    (await plain.db.select().from(tenantCounters).where(eq(tenantCounters.name, name))).length === 1;

  const cases: [string, () => DatabaseHandle, (work: () => Promise<unknown>) => Promise<unknown>][] = [
    ["under a tenant's row security", () => scoped, (work) => withTenant(tenantId, work)],
    ["outside any tenant", () => scoped, (work) => work()],
    ["with row security off", () => plain, (work) => work()],
  ];

  for (const [name, handle, within] of cases) {
    it(`should commit with the last statement, before the body returns, ${name}`, async () => {
      const slug = `early ${name}`;
      let seenInside = false;
      const result = await within(() =>
        handle().db.transaction(async (tx) => {
          const [row] = await runPreparedThenCommit(tx, insertCounter(tenantId, slug));
          seenInside = await committed(slug);
          return row;
        }),
      );
      expect(seenInside).toBe(true);
      expect(result).toEqual({ name: slug });
    });
  }

  it("should commit only at the body's end after a plain statement (the difference the test above sees)", async () => {
    let seenInside = true;
    await scoped.db.transaction(async (tx) => {
      await tx.execute(sql`insert into tenant_counters (tenant_id, name, value) values (${tenantId}, 'late', 1)`);
      seenInside = await committed("late");
    });
    expect(seenInside).toBe(false);
    expect(await committed("late")).toBe(true);
  });

  it("should refuse a statement after the last one, and keep what committed", async () => {
    const attempt = scoped.db.transaction(async (tx) => {
      await runPreparedThenCommit(tx, insertCounter(tenantId, "then-more"));
      await tx.execute(sql`select 1`);
    });
    expect(await messages(attempt)).toMatch(/already committed/);
    expect(await committed("then-more")).toBe(true);
    // The connection went back to the pool in a clean state.
    expect(rowsOf(await scoped.db.execute(sql`select 1 as one`))).toEqual([{ one: 1 }]);
  });

  it("should roll back everything when the last statement fails", async () => {
    const attempt = withTenant(tenantId, () =>
      scoped.db.transaction(async (tx) => {
        await tx.insert(tenantCounters).values({ tenantId, name: "before-failure", value: 1 });
        await runPreparedThenCommit(tx, insertCounter(tenantId, "then-more")); // taken by the test above
      }),
    );
    expect(await messages(attempt)).toMatch(/duplicate key/);
    expect(await committed("before-failure")).toBe(false);
    // The failed transaction left nothing behind on its connection.
    for (let i = 0; i < 4; i++) expect(await withTenant(tenantId, () => committed("then-more"))).toBe(true);
  });
});

describe.skipIf(process.env.TEST_DATABASE_URL)("a transaction's last statement on the embedded database", () => {
  let testDatabase: TestDatabase;
  let handle: DatabaseHandle;
  let tenantId: string;

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    handle = await openDatabase(testDatabase.config);
    const [tenant] = await handle.db.insert(tenants).values({ slug: "embedded", name: "Embedded" }).returning();
    tenantId = tenant?.id as string;
  });
  afterAll(async () => {
    await handle?.close();
    await testDatabase?.drop();
  });

  it("should run as a plain statement, committed with the rest when the body returns", async () => {
    const made = await handle.db.transaction(async (tx) => {
      const [row] = await runPreparedThenCommit(tx, insertCounter(tenantId, "embedded"));
      await tx.insert(tenantCounters).values({ tenantId, name: "embedded-after", value: 1 });
      return row;
    });
    expect(made).toEqual({ name: "embedded" });
    const rows = await handle.db.select().from(tenantCounters).where(eq(tenantCounters.tenantId, tenantId));
    expect(rows.map((r) => r.name).sort()).toEqual(["embedded", "embedded-after"]);
  });
});
