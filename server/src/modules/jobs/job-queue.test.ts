import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client.js";
import { createLogger } from "../../logger.js";
import { createTestDatabase, type TestDatabase } from "../../test/database.js";
import { JobQueue } from "./job-queue.js";

/**
 * Stopping the queue while a handler runs: pg-boss stops waiting for it
 * after its timeout, and records a finished job without waiting for that
 * statement. The queue lets the handler finish and the record be written
 * before it says it has stopped, and sends nothing to the database after.
 */
describe("stopping the job queue", () => {
  let testDatabase: TestDatabase;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await testDatabase?.drop();
  });

  /** A started queue on its own database handle, running one job whose handler takes `ms`; resolves once it runs. */
  async function queueRunning(ms: number, leadId: string) {
    const database = await openDatabase(testDatabase.config);
    const jobs = new JobQueue(database.executeSql, createLogger("silent"), 0.5);
    await jobs.start();
    const state = { finished: false };
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    await jobs.work("lead-expiry", async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, ms));
      state.finished = true;
    });
    await database.db.transaction((tx) => jobs.schedule(tx, "lead-expiry", { leadId }, { startAfter: new Date() }));
    await running;
    return { database, jobs, state };
  }

  it("should let a running handler finish and its job be recorded before the database closes", async () => {
    const leadId = "00000000-0000-4000-8000-000000000001";
    const { database, jobs, state } = await queueRunning(1_800, leadId);
    await jobs.stop();
    expect(state.finished).toBe(true);
    const { rows } = await database.executeSql("select state from pgboss.job where data->>'leadId' = $1", [leadId]);
    expect(rows.map((r) => r.state)).toEqual(["completed"]);
    await database.close();
    // What pg-boss might still have sent would fail now, unhandled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled).toEqual([]);
  }, 20_000);

  it("should send nothing once stopped, for a handler that outlives the stop", async () => {
    // Longer than the stop waits (five seconds): pg-boss then records the job on its own.
    const { database, jobs, state } = await queueRunning(5_800, "00000000-0000-4000-8000-000000000002");
    await jobs.stop();
    expect(state.finished).toBe(false);
    await database.close();
    // The handler ends now; its job stays active until it expires, and is run again then, as after a crash.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(state.finished).toBe(true);
    expect(unhandled).toEqual([]);
  }, 30_000);
});
