import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../logger.js";
import { createTestDatabase, type TestDatabase } from "../test/database.js";
import { eventually } from "../test/harness.js";
import { AutoAnalyze } from "./auto-analyze.js";
import { type DatabaseHandle, openDatabase } from "./client.js";

/**
 * The embedded database's statistics upkeep. PGlite only: PostgreSQL runs its
 * own autovacuum, which could analyze a table before the test looks.
 */
describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))("AutoAnalyze on embedded PGlite", () => {
  let database: TestDatabase;
  let handle: DatabaseHandle | undefined;
  afterEach(async () => {
    await handle?.close();
    await database?.drop();
  });

  const lastAnalyzed = async (table: string) =>
    (await handle?.executeSql("select last_analyze from pg_stat_user_tables where relname = $1", [table]))?.rows[0]
      ?.last_analyze ?? null;
  const addTenants = async (n: number, tag: string) => {
    await handle?.executeSql(
      `insert into tenants (slug, name) select '${tag}-' || g, 'Tenant ' || g from generate_series(1, ${n}) g`,
    );
    // A backend reports its row counts at most once a second; the next statement's end reports them now.
    await handle?.executeSql("select pg_stat_force_next_flush()");
    await handle?.executeSql("select 1");
  };

  it("analyzes a table once PostgreSQL's rule says its statistics are stale, and not before", async () => {
    database = await createTestDatabase();
    handle = await openDatabase(database.config);
    const analyze = new AutoAnalyze(handle.executeSql, (err) => {
      throw err;
    });
    // 40 changed rows are under the rule's 50: left alone.
    await addTenants(40, "a");
    expect(await analyze.runOnce()).not.toContain("public.tenants");
    expect(await lastAnalyzed("tenants")).toBeNull();
    await addTenants(40, "b");
    expect(await analyze.runOnce()).toContain("public.tenants");
    expect(await lastAnalyzed("tenants")).not.toBeNull();
    // Analyzed: nothing to do until more than 50 rows and 10% of the table change again (150 rows: 65).
    expect(await analyze.runOnce()).toEqual([]);
    await addTenants(70, "c");
    expect(await analyze.runOnce()).toEqual(["public.tenants"]);
  });

  it("runs on its own in a database opened by a server (with a log), and stops with it", async () => {
    database = await createTestDatabase();
    handle = await openDatabase(database.config, { log: createLogger("silent") });
    expect(handle.autoAnalyze).toBeInstanceOf(AutoAnalyze);
    await handle.autoAnalyze?.stop();
    // The server's own interval is 10 s; the same class at 50 ms shows the loop.
    const analyze = new AutoAnalyze(
      handle.executeSql,
      (err) => {
        throw err;
      },
      50,
    );
    analyze.start();
    await addTenants(100, "d");
    await eventually(
      () => lastAnalyzed("tenants"),
      (at) => at !== null,
      10_000,
    );
    await analyze.stop();
    // Opened without a log (scripts, tests), it keeps nothing up by itself.
    const bare = await openDatabase(database.config);
    expect(bare.autoAnalyze).toBeUndefined();
    await bare.close();
  });
});
