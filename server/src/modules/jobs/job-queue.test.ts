import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DatabaseHandle, openDatabase } from "../../db/client.js";
import { createLogger } from "../../logger.js";
import { createTestDatabase, type TestDatabase } from "../../test/database.js";
import { JobQueue } from "./job-queue.js";

/**
 * Stopping the queue while a handler runs: pg-boss stops waiting for it
 * after its timeout, and records a finished job without waiting for that
 * statement. The queue lets the handler finish and the record be written
 * before it says it has stopped, so nothing is sent to a closed database.
 */
describe("stopping the job queue", () => {
  let testDatabase: TestDatabase;
  let database: DatabaseHandle;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    testDatabase = await createTestDatabase();
    database = await openDatabase(testDatabase.config);
    process.on("unhandledRejection", onUnhandled);
  });
  afterAll(async () => {
    process.off("unhandledRejection", onUnhandled);
    await testDatabase?.drop();
  });

  it("should let a running handler finish and its job be recorded before the database closes", async () => {
    // pg-boss gives a handler at least a second at stop; this one takes longer, inside the queue's five.
    const jobs = new JobQueue(database.executeSql, createLogger("silent"), 0.5, undefined, 5_000);
    await jobs.start();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finished = false;
    await jobs.work("lead-expiry", async () => {
      started();
      await new Promise((resolve) => setTimeout(resolve, 1_800));
      finished = true;
    });
    await database.db.transaction((tx) =>
      jobs.schedule(tx, "lead-expiry", { leadId: "00000000-0000-4000-8000-000000000001" }, { startAfter: new Date() }),
    );
    await running;
    await jobs.stop();
    expect(finished).toBe(true);
    const { rows } = await database.executeSql("select state from pgboss.job where name = $1", ["lead-expiry"]);
    expect(rows.map((r) => r.state)).toEqual(["completed"]);
    await database.close();
    // What pg-boss might still have sent would fail now, unhandled.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(unhandled).toEqual([]);
  }, 20_000);

  it("should send nothing once stopped, for a handler that outlives the stop", async () => {
    const reopened = await openDatabase(testDatabase.config);
    const jobs = new JobQueue(reopened.executeSql, createLogger("silent"), 0.5);
    await jobs.start();
    let started!: () => void;
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    let finished = false;
    await jobs.work("lead-expiry", async () => {
      started();
      // Longer than the stop waits (five seconds): pg-boss then records the job on its own.
      await new Promise((resolve) => setTimeout(resolve, 5_800));
      finished = true;
    });
    await reopened.db.transaction((tx) =>
      jobs.schedule(tx, "lead-expiry", { leadId: "00000000-0000-4000-8000-000000000002" }, { startAfter: new Date() }),
    );
    await running;
    await jobs.stop();
    expect(finished).toBe(false);
    await reopened.close();
    // The handler ends now; its job stays active until it expires, and is run again then, as after a crash.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(finished).toBe(true);
    expect(unhandled).toEqual([]);
  }, 30_000);
});
