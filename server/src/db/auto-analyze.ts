import type { ExecuteSql } from "./client.js";

/** How often the embedded database's statistics are checked (PostgreSQL's autovacuum naps 60 s). */
export const AUTO_ANALYZE_INTERVAL_MS = 10_000;

/**
 * Tables whose statistics have fallen behind, by PostgreSQL's own autovacuum
 * rule for ANALYZE: more rows changed since the last one than
 * `autovacuum_analyze_threshold` (50) plus `autovacuum_analyze_scale_factor`
 * (10%) of the rows it holds.
 */
const STALE_TABLES = `select format('%I.%I', schemaname, relname) as name from pg_stat_user_tables
  where n_mod_since_analyze > 50 + 0.1 * n_live_tup order by relname`;

/**
 * Keeps the planner's statistics current on embedded PGlite, which runs no
 * autovacuum: without it every table keeps the statistics it had when it was
 * empty, and the planner, taking each for a row or two, picks nested loops
 * that go quadratic as the tables fill (the SLA sweep took 2.5 s at 3,000
 * leads). Every interval, the tables PostgreSQL's rule would analyze are
 * analyzed, in one statement. PostgreSQL needs none of this.
 */
export class AutoAnalyze {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly executeSql: ExecuteSql,
    private readonly onError: (err: unknown) => void,
    private readonly intervalMs = AUTO_ANALYZE_INTERVAL_MS,
  ) {}

  /** Analyzes the tables whose statistics are stale; answers their names. */
  async runOnce(): Promise<string[]> {
    const { rows } = await this.executeSql(STALE_TABLES);
    const names = rows.map((r) => String((r as { name: string }).name));
    if (names.length) await this.executeSql(`analyze ${names.join(", ")}`);
    return names;
  }

  start(): void {
    if (this.timer) return;
    const tick = () => {
      this.running = this.runOnce()
        .catch(this.onError)
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, this.intervalMs).unref();
  }

  /** Stops the checks and waits for one under way. */
  async stop(): Promise<void> {
    const timer = this.timer;
    this.timer = null;
    if (timer) clearTimeout(timer);
    await this.running;
  }
}
