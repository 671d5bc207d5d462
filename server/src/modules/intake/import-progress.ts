import type { LeadImportRow } from "../../db/schema/index.js";

/** How often a watched import's row is read again. */
export const IMPORT_PROGRESS_INTERVAL_MS = 500;

/**
 * An import's row each time it changes (every committed chunk moves its
 * counters), ending with the row that closes it. The row is the truth, so
 * this reads it again every interval rather than listening for a signal:
 * whichever instance serves the watcher sees the import another instance
 * runs, a restart loses nothing, and the cost (one primary-key read per
 * watcher per half second, while an import runs) is small next to the
 * import's own. `return()` ends it at once, even between reads.
 */
export class ImportProgress implements AsyncIterableIterator<LeadImportRow> {
  private last: LeadImportRow | null = null;
  private ended = false;
  private timer: NodeJS.Timeout | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private current: LeadImportRow | null,
    private readonly read: () => Promise<LeadImportRow | null>,
    private readonly intervalMs = IMPORT_PROGRESS_INTERVAL_MS,
  ) {}

  async next(): Promise<IteratorResult<LeadImportRow>> {
    while (!this.ended) {
      const row = this.current ?? (await this.read());
      this.current = null;
      if (this.ended) break;
      // Gone (its tenant deleted): nothing more will come.
      if (!row) return this.stop();
      if (!this.last || changed(this.last, row)) {
        // The closing row is the last one: the next call ends the stream.
        if (row.status !== "RUNNING") this.ended = true;
        this.last = row;
        return { value: row, done: false };
      }
      await this.sleep();
    }
    return { value: undefined, done: true };
  }

  return(): Promise<IteratorResult<LeadImportRow>> {
    return Promise.resolve(this.stop());
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  private stop(): IteratorResult<LeadImportRow> {
    this.ended = true;
    if (this.timer) clearTimeout(this.timer);
    this.wake?.();
    return { value: undefined, done: true };
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(resolve, this.intervalMs);
    });
  }
}

function changed(a: LeadImportRow, b: LeadImportRow): boolean {
  return a.status !== b.status || a.processedRows !== b.processedRows || a.errorCount !== b.errorCount;
}
