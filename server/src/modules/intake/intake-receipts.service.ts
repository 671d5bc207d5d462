import { lt } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { intakeReceipts } from "../../db/schema/index.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { RECEIPT_HOURS } from "./lead-batch.js";

const PURGE_EVERY_MS = 60 * 60 * 1000;

/**
 * Idempotency receipts live 24 hours (a lookup already ignores older ones);
 * this job deletes them so the table stays the size of one day's requests.
 * One run pending at a time across every instance (a singleton job), each
 * run scheduling the next.
 */
export class IntakeReceiptsService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
  ) {}

  async schedulePurge(startAfter = new Date()): Promise<void> {
    await this.jobs.schedule(this.db, "intake-receipts-purge", {}, { startAfter, singletonKey: "intake-receipts" });
  }

  /** Job handler: deletes what expired, then schedules the next run. Answers how many went. */
  async purgeExpired(): Promise<number> {
    const cutoff = new Date(Date.now() - RECEIPT_HOURS * 3_600_000);
    const gone = await this.db
      .delete(intakeReceipts)
      .where(lt(intakeReceipts.createdAt, cutoff))
      .returning({ key: intakeReceipts.key });
    await this.schedulePurge(new Date(Date.now() + PURGE_EVERY_MS));
    return gone.length;
  }
}
