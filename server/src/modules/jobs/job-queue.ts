import type { ScoredAgainst } from "@leadline/shared";
import { type SQL, sql } from "drizzle-orm";
import PgBoss from "pg-boss";
import { type ExecuteSql, type Executor, rowsOf, toDriverValue } from "../../db/client.js";
import { ROW_SECURITY_ROLE } from "../../db/tenant-scope.js";
import type { Logger } from "../../logger.js";

/** Every durable timer and background job Leadline runs, with its payload. */
export interface JobTypes {
  /** `at`: the threshold this check was scheduled for. */
  "sla-check": { leadId: string; at: string };
  "claim-expiry": { leadId: string; at: string };
  "invitation-expiry": { invitationId: string };
  "lead-expiry": { leadId: string };
  "staged-file-expiry": { fileId: string };
  /** A tenant's scoring rules changed; `previous` is what its leads were last scored against. */
  "score-recompute": { tenantId: string; previous: ScoredAgainst };
  /** Deletes intake idempotency receipts past their 24 hours; one pending at a time, rescheduled by each run. */
  "intake-receipts-purge": Record<string, never>;
  /** One delivery attempt of an outbound message; the handler reschedules itself with backoff. */
  "message-send": { messageId: string };
}
export type JobName = keyof JobTypes;
export const JOB_NAMES: JobName[] = [
  "sla-check",
  "claim-expiry",
  "invitation-expiry",
  "lead-expiry",
  "staged-file-expiry",
  "score-recompute",
  "intake-receipts-purge",
  "message-send",
];

/**
 * How long a started job may run before it counts as abandoned and is retried:
 * a job fetched by an instance that then died (a SIGKILL, a lost machine)
 * stays "active" until then, so this bounds how late its work can be (plus
 * the maintenance interval that notices it). pg-boss's default is 15 minutes:
 * an acknowledged email would wait that long after a crash
 * (scripts/cluster/check.mjs caught it). Each handler here is a few
 * statements, or one send with its own timeouts well inside this (SMTP 10 s to
 * connect, 20 s idle; SMS 15 s); a rules recompute pages a whole tenant.
 */
const DEFAULT_EXPIRE_SECONDS = 60;
const EXPIRE_SECONDS: Partial<Record<JobName, number>> = { "score-recompute": 15 * 60 };
const MAINTENANCE_SECONDS = 10;

/** Queues that keep at most one waiting job per singletonKey (a job already running does not count). */
const SHORT_QUEUES: readonly JobName[] = ["score-recompute", "intake-receipts-purge"];

export interface ScheduleOptions {
  startAfter: Date;
  /** One pending job per key and queue: rescheduling the same timer does not pile up jobs. */
  singletonKey?: string;
}

export type JobHandler<N extends JobName> = (data: JobTypes[N]) => Promise<void>;

/**
 * pg-boss 10 on Leadline's own database connection, PostgreSQL or PGlite
 * alike (pg-boss 11+ needs Node 22). Jobs are rows in the `pgboss` schema,
 * fetched with FOR UPDATE SKIP LOCKED, so each due job runs once however many
 * instances poll, and jobs due while every instance was down run at the next
 * start. Jobs are scheduled inside the business transaction (see `schedule`),
 * so a committed change always has its timer and a rolled-back one never does;
 * handlers re-read the lead and act only if the timer still applies.
 */
export class JobQueue {
  private readonly boss: PgBoss;
  private started = false;
  /** Set once `stop` has let everything finish: pg-boss's statements after that are not sent. */
  private stopped = false;
  /** Batches of jobs whose handlers are running. */
  private readonly handling = new Set<Promise<void>>();
  /** pg-boss's statements in flight, including the completions it sends without waiting for them. */
  private readonly statements = new Set<Promise<unknown>>();

  constructor(
    private readonly executeSql: ExecuteSql,
    private readonly log: Logger,
    private readonly pollingIntervalSeconds = 0.5,
    /**
     * How often an instance looks for jobs whose worker died. On the embedded database pg-boss's
     * maintenance script shares the one connection with the app's transactions, so it keeps
     * pg-boss's own two minutes there (every 10 s, CI saw a CSV import hang on it).
     */
    maintenanceIntervalSeconds = MAINTENANCE_SECONDS,
    /** How long `stop` lets running handlers finish. */
    private readonly stopTimeoutMs = 5_000,
  ) {
    this.boss = new PgBoss({
      db: { executeSql: (text, values) => this.bossStatement(text, values) },
      schedule: false,
      supervise: true,
      migrate: true,
      // How often an instance looks for jobs whose worker died (one instance at a time does it).
      maintenanceIntervalSeconds,
    });
    this.boss.on("error", (err) => this.log.error({ err }, "job queue error"));
  }

  async start(): Promise<void> {
    await this.boss.start();
    for (const name of JOB_NAMES) {
      const options = {
        name,
        retryLimit: 5,
        retryDelay: 1,
        retryBackoff: true,
        expireInSeconds: EXPIRE_SECONDS[name] ?? DEFAULT_EXPIRE_SECONDS,
        ...(SHORT_QUEUES.includes(name) ? { policy: "short" as const } : {}),
      };
      if (!(await this.boss.getQueue(name))) await this.boss.createQueue(name, options);
      // Queues made by an older version take today's options too.
      else await this.boss.updateQueue(name, options);
    }
    await this.executeSql(GRANT_JOBS_TO_TENANT_ROLE);
    this.started = true;
  }

  async work<N extends JobName>(name: N, handler: JobHandler<N>): Promise<void> {
    await this.boss.work<JobTypes[N]>(
      name,
      { pollingIntervalSeconds: this.pollingIntervalSeconds, batchSize: 20 },
      async (jobs) => {
        const run = (async () => {
          for (const job of jobs) await handler(job.data);
        })();
        this.handling.add(run);
        try {
          await run;
        } finally {
          this.handling.delete(run);
        }
      },
    );
  }

  /**
   * A statement of pg-boss's own. pg-boss records a finished job without
   * waiting for it (pg-boss 10's `complete` and `fail` after a handler), so
   * these are tracked for `stop` to wait on. After `stop` none is sent: its
   * answer never comes (whoever sent it is not waiting, and an answer it
   * cannot read would throw where no one catches), and a job whose end was
   * not recorded is run again when it expires, as after a crash.
   */
  private bossStatement(text: string, values?: unknown[]): Promise<{ rows: any[] }> {
    if (this.stopped) {
      this.log.warn("job queue statement after stop not sent; its job runs again when it expires");
      return new Promise(() => {});
    }
    const statement = this.executeSql(text, values);
    this.statements.add(statement);
    const settled = () => this.statements.delete(statement);
    statement.then(settled, settled);
    return statement;
  }

  /** Enqueues a job inside the caller's transaction. */
  async schedule<N extends JobName>(tx: Executor, name: N, data: JobTypes[N], options: ScheduleOptions): Promise<void> {
    await this.boss.send(name, data, {
      startAfter: options.startAfter,
      singletonKey: options.singletonKey,
      db: { executeSql: (text, values) => executeInTransaction(tx, text, values ?? []) },
    });
  }

  /** Many jobs of one kind in one statement, in the caller's transaction (a batch of new leads' timers). */
  async scheduleMany<N extends JobName>(
    tx: Executor,
    name: N,
    jobs: readonly { data: JobTypes[N]; startAfter: Date }[],
  ): Promise<void> {
    if (jobs.length === 0) return;
    await this.boss.insert(
      jobs.map((job) => ({ name, data: job.data, startAfter: job.startAfter.toISOString() })),
      {
        db: { executeSql: (text: string, values?: unknown[]) => executeInTransaction(tx, text, values ?? []) },
      } as never,
    );
  }

  /**
   * Stops fetching, then lets running handlers finish (up to `stopTimeoutMs`
   * in all) and pg-boss record them, so that nothing of the queue's is still
   * to be sent when the database closes.
   */
  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    const until = Date.now() + this.stopTimeoutMs;
    await this.boss.stop({ graceful: true, wait: true, close: false, timeout: this.stopTimeoutMs });
    // pg-boss stops waiting for handlers at its timeout; they may still be running.
    const left = Math.max(0, until - Date.now());
    await Promise.race([Promise.allSettled([...this.handling]), new Promise((r) => setTimeout(r, left).unref())]);
    // A turn for pg-boss to send what follows a handler's end (its completion), then those statements.
    await new Promise((resolve) => setImmediate(resolve));
    this.stopped = true;
    await Promise.allSettled([...this.statements]);
  }
}

/**
 * A tenant's transaction runs as the row-security role (db/tenant-scope.ts)
 * and schedules its jobs there, so that role may write pg-boss's tables. The
 * schema is pg-boss's own, made at its start, hence granted here, not in a
 * migration; the lock keeps instances starting together from granting at once.
 */
const GRANT_JOBS_TO_TENANT_ROLE = `begin;
select pg_advisory_xact_lock(hashtext('leadline.job_grants'));
grant usage on schema pgboss to ${ROW_SECURITY_ROLE};
grant select, insert, update, delete on all tables in schema pgboss to ${ROW_SECURITY_ROLE};
grant usage, select, update on all sequences in schema pgboss to ${ROW_SECURITY_ROLE};
commit;`;

/** Runs pg-boss's `$n` SQL through a drizzle transaction, so the job commits with the change. */
async function executeInTransaction(tx: Executor, text: string, values: unknown[]): Promise<{ rows: any[] }> {
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = [];
  parts.forEach((part, i) => {
    chunks.push(i % 2 === 0 ? sql.raw(part) : sql`${toDriverValue(values[Number(part) - 1])}`);
  });
  const result = await tx.execute(sql.join(chunks));
  return { rows: rowsOf(result) };
}
