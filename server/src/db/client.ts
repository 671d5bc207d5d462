import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite, type Transaction as PgliteTransaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type ExtractTablesWithRelations, is, SQL, sql } from "drizzle-orm";
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { AutoAnalyze } from "./auto-analyze.js";
import { currentTenant, plansEachTime, reusesPlans, tenantScopeSql } from "./tenant-scope.js";

/**
 * Drizzle without its relational query API (`db.query.…`), which Leadline
 * does not use: with a schema, every transaction built a query builder for
 * each of the schema's tables, on every create.
 */
export type Database = PgDatabase<PgQueryResultHKT>;
export type Transaction = PgTransaction<
  PgQueryResultHKT,
  Record<string, never>,
  ExtractTablesWithRelations<Record<string, never>>
>;
/** What query helpers take, so the same helper runs inside or outside a transaction. */
export type Executor = Database | Transaction;

/** Raw SQL with $n parameters, as pg-boss calls it; several statements when there are no values. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>;

export interface DatabaseHandle {
  db: Database;
  /**
   * A connection of its own for long-lived per-instance readers (the live
   * fan-out): straight to PostgreSQL when requests go through a
   * transaction-pooling PgBouncer, the same as `db` otherwise. Not scoped to
   * a tenant.
   */
  sessionDb: Database;
  kind: "postgres" | "pglite";
  executeSql: ExecuteSql;
  /** The embedded database's statistics upkeep, when it runs (see openDatabase). */
  autoAnalyze?: AutoAnalyze;
  /** LISTEN on a channel; resolves with the function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "drizzle");

/**
 * Opens the configured database and applies the committed migrations. A
 * server passes its log: the embedded database then keeps its planner
 * statistics current (AutoAnalyze), reporting a failure there.
 */
export async function openDatabase(
  config: Config["database"],
  options: { log?: Pick<Logger, "error"> } = {},
): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    // Through a transaction-pooling PgBouncer (a direct URL given), no statement is prepared: the
    // next transaction may run on another server connection. Session work goes direct.
    const pooled = Boolean(config.directUrl);
    const driver = postgres(config.url, {
      max: config.poolSize,
      onnotice: () => {},
      prepare: !pooled,
      // Which prepared statements keep a plan (statementOptions).
      ...(pooled
        ? {}
        : { connection: { plan_cache_mode: config.rowSecurity === false ? "force_custom_plan" : "auto" } }),
    });
    const client = pooled ? oneStatementPerConnection(driver) : preparedStatements(driver);
    const direct = pooled ? postgres(config.directUrl as string, { max: 3, onnotice: () => {} }) : client;
    const db = drizzlePostgres(scopedPostgres(client, config.rowSecurity !== false));
    await migratePostgres(drizzlePostgres(direct), { migrationsFolder });
    return {
      db: db as unknown as Database,
      sessionDb: (pooled ? drizzlePostgres(direct) : db) as unknown as Database,
      kind: "postgres",
      listen: async (channel, onPayload) => {
        // postgres.js keeps one dedicated connection for LISTEN and re-listens after reconnects.
        const { unlisten } = await direct.listen(channel, onPayload);
        return unlisten;
      },
      executeSql: async (text, values) => {
        if (values?.length) return { rows: await client.unsafe(text, values.map(toDriverValue) as never[]) };
        // Scripts (pg-boss migrations) may open their own transaction: give them one connection throughout.
        const reserved = await direct.reserve();
        try {
          return { rows: await reserved.unsafe(text) };
        } finally {
          reserved.release();
        }
      },
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        await client.end({ timeout: 5 });
        if (direct !== client) await direct.end({ timeout: 5 });
      },
    };
  }
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  const client = await PGlite.create(config.dataDir ?? undefined, { extensions: { pg_trgm } });
  await migratePglite(drizzlePglite(client), { migrationsFolder });
  const db = drizzlePglite(config.rowSecurity === false ? client : scopedPglite(client));
  const executeSql: ExecuteSql = async (text, values) => {
    if (values?.length) return { rows: (await client.query(text, values.map(toDriverValue))).rows };
    // PGlite runs several statements only through exec; the last result is the answer.
    const results = await client.exec(text);
    return { rows: results.at(-1)?.rows ?? [] };
  };
  const { log } = options;
  const autoAnalyze = log
    ? new AutoAnalyze(executeSql, (err) => log.error({ err }, "ANALYZE of the embedded database failed"))
    : undefined;
  autoAnalyze?.start();
  return {
    autoAnalyze,
    db: db as unknown as Database,
    sessionDb: db as unknown as Database,
    kind: "pglite",
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    executeSql,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await autoAnalyze?.stop();
      await client.close();
    },
  };
}

/**
 * A statement with parameters goes as a named prepared statement, parsed
 * once per connection. Unnamed (drizzle's default), postgres.js sends it in
 * two round trips, asking for its parameter types first, and PostgreSQL
 * parses it anew every time. A tenant's statements are planned for their
 * values every run (`plan_cache_mode = force_custom_plan`, set in each one's
 * opening, db/tenant-scope.ts): a generic plan, which PostgreSQL would
 * otherwise keep after five runs, read a rep's 1,000,000-lead tenant for
 * their contacts (2.8 s instead of 89 ms, docs/performance.md). The few that
 * find rows by key opt out (`reusingPlans`). Work outside a tenant (the
 * credential check every request makes, jobs, sweeps, the live feed) reads
 * by key, time or sequence, and keeps PostgreSQL's own choice (`auto`, the
 * connection's mode): planning the credential check cost 0.4 ms against
 * 0.06 ms to run it. Without row security there is no opening to carry the
 * mode, and the connection plans every statement for its values. Searches
 * (`plansEachTime`) stay unnamed unless their caller prepares them
 * (`runPrepared`). Through a transaction-pooling PgBouncer the connection is
 * opened with `prepare: false`, which overrides all of it.
 */
function statementOptions(params: readonly unknown[] | undefined, options?: postgres.UnsafeQueryOptions) {
  return params?.length && !plansEachTime() ? { ...options, prepare: true } : options;
}

/** `statementOptions` for every statement sent through `client`, its transactions and savepoints included. */
function preparedStatements<S extends postgres.Sql | postgres.TransactionSql>(client: S): S {
  const unsafe = (text: string, params?: never[], options?: postgres.UnsafeQueryOptions) =>
    client.unsafe(text, params, statementOptions(params, options));
  const begin = (options: unknown, fn?: unknown) => {
    const [mode, body] = (fn ? [options, fn] : ["", options]) as [string, (tx: postgres.TransactionSql) => unknown];
    return (client as postgres.Sql).begin(mode, (tx) => body(preparedStatements(tx)));
  };
  const savepoint = (name: unknown, fn?: unknown) => {
    const [label, body] = (fn ? [name as string, fn] : ["", name]) as [
      string,
      (tx: postgres.TransactionSql) => unknown,
    ];
    return (client as postgres.TransactionSql).savepoint(label, (sp) => body(preparedStatements(sp)));
  };
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === "unsafe"
        ? unsafe
        : key === "begin"
          ? begin
          : key === "savepoint"
            ? savepoint
            : Reflect.get(target, key, receiver),
  });
}

/**
 * The postgres.js client drizzle talks through. Every transaction runs in
 * `scopedTransaction`. While a request names its tenant (db/tenant-scope.ts)
 * and row security is on, each transaction begins and sets the row-security
 * role and tenant in one message, and each statement outside a transaction
 * becomes begin and scope, statement, commit, written together on one
 * reserved connection, so it costs one round trip as before (and holds
 * through a transaction-pooling PgBouncer).
 */
function scopedPostgres(client: postgres.Sql, rowSecurity: boolean): postgres.Sql {
  const begin = (options: unknown, fn?: unknown) => {
    const [mode, body] = (fn ? [options, fn] : ["", options]) as [string, (tx: postgres.TransactionSql) => unknown];
    const tenantId = rowSecurity ? currentTenant() : undefined;
    const opening = tenantId ? openingOf(tenantId, reusesPlans(), mode) : `begin ${onlyWords(mode)}`;
    return scopedTransaction(client, opening, body);
  };
  const unsafe = (text: string, params?: never[], options?: postgres.UnsafeQueryOptions) => {
    const tenantId = rowSecurity ? currentTenant() : undefined;
    if (!tenantId) return client.unsafe(text, params, options);
    const opening = openingOf(tenantId, reusesPlans());
    return pendingQuery((values) =>
      scopedStatement(client, opening, (sql) => sql.unsafe(text, params, statementOptions(params, options)), values),
    );
  };
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === "begin" ? begin : key === "unsafe" ? unsafe : Reflect.get(target, key, receiver),
  });
}

/** A transaction mode (`isolation level serializable`, `read only`) as words only: it is written into SQL. */
const onlyWords = (mode: string) => mode.replace(/[^a-z ]/gi, "");

/** `begin` and the tenant's scope, as one simple-protocol message: the lightest way, for both ends, to send them. */
function openingOf(tenantId: string, reusePlans: boolean, mode = ""): string {
  return `begin ${onlyWords(mode)}; ${tenantScopeSql(tenantId, { reusePlans })}`;
}

/** The key under which a transaction of `scopedTransaction` offers its last statement with the commit (`runPreparedThenCommit`). */
const lastStatement = Symbol("lastStatement");

/**
 * A transaction on a reserved connection: its opening (`begin`, and under
 * row security the tenant's scope, `openingOf`) goes first, and the
 * caller's statements follow without waiting for its answer (postgres.js's
 * own `begin` waits for it: a round trip per transaction). The body gets
 * what drizzle uses of a postgres.js transaction: `unsafe`, and `savepoint`
 * for nested transactions, as postgres.js writes them. Commit on success,
 * rollback on any failure, then the connection goes back to the pool.
 *
 * The body may end with `runPreparedThenCommit`: its last statement goes
 * with the commit right behind it, so the transaction's locks are released
 * by PostgreSQL as soon as the statement has run, not a round trip (and a
 * busy event loop) later. Nothing may run in the transaction after it.
 */
async function scopedTransaction(
  client: postgres.Sql,
  opening: string,
  body: (tx: postgres.TransactionSql) => unknown,
): Promise<unknown> {
  const reserved = await client.reserve();
  const sql = preparedStatements(reserved);
  /** Set once the commit has been sent (by `lastStatement`): the transaction is over. */
  let ended = false;
  const open = () => {
    if (ended) throw new Error("The transaction has already committed with its last statement");
    return sql;
  };
  let savepoints = 0;
  const savepoint = async (name: unknown, fn?: unknown) => {
    const work = (fn ?? name) as (tx: postgres.TransactionSql) => unknown;
    const label = `s${++savepoints}`;
    await open().unsafe(`savepoint ${label}`).simple();
    try {
      const result = await work(tx);
      await open().unsafe(`release savepoint ${label}`).simple();
      return result;
    } catch (error) {
      await open().unsafe(`rollback to savepoint ${label}`).simple();
      throw error;
    }
  };
  const last = async (text: string, params: unknown[]) => {
    const statement = open()
      .unsafe(text, params as never[], { prepare: true })
      .execute();
    ended = true;
    // After a failed statement, commit ends the transaction as a rollback.
    const [ran, committed] = await Promise.allSettled([statement, sql.unsafe("commit").simple().execute()]);
    if (ran.status === "rejected") throw ran.reason;
    if (committed.status === "rejected") throw committed.reason;
    return ran.value;
  };
  const unsafe = (text: string, params?: never[], options?: postgres.UnsafeQueryOptions) =>
    open().unsafe(text, params, options);
  const tx = new Proxy(sql, {
    get: (target, key, receiver) =>
      key === "savepoint"
        ? savepoint
        : key === "unsafe"
          ? unsafe
          : key === lastStatement
            ? last
            : Reflect.get(target, key, receiver),
  }) as unknown as postgres.TransactionSql;
  try {
    const opened = sql.unsafe(opening).simple().execute();
    // Settled either way: a body that fails first must not leave the opening's failure unhandled.
    const [began, result] = await Promise.allSettled([opened, Promise.resolve().then(() => body(tx))]);
    if (began.status === "rejected") throw began.reason;
    if (result.status === "rejected") throw result.reason;
    if (!ended) await sql.unsafe("commit").simple();
    return result.value;
  } catch (error) {
    if (!ended) {
      await sql
        .unsafe("rollback")
        .simple()
        .catch(() => {});
    }
    throw error;
  } finally {
    reserved.release();
  }
}

/**
 * What drizzle uses of a pending postgres.js query: awaiting it, or its rows
 * as arrays. Lazy, as postgres.js's own: nothing is sent until one of the two
 * is asked for.
 */
function pendingQuery(run: (values: boolean) => Promise<unknown>) {
  // biome-ignore lint/suspicious/noThenProperty: it stands in for postgres.js's thenable query
  return { then: (ok: never, fail: never) => run(false).then(ok, fail), values: () => run(true) };
}

/**
 * Through a transaction-pooling PgBouncer, each statement outside a
 * transaction gets a connection to itself. postgres.js otherwise sends a
 * statement without parameters on a connection still busy with one that has
 * them (whose types it asks for first), and PgBouncer (1.18, Debian 12's)
 * hands the server back to the pool at the first statement's end while the
 * other's answer is still to come: it drops that answer ("got packet … from
 * server when not linked") and the caller waits for good. The cluster check's
 * live fan-out hung that way; `scripts/cluster/check.mjs` now sends that mix
 * through the pooler and fails if an answer does not come.
 */
function oneStatementPerConnection(client: postgres.Sql): postgres.Sql {
  const unsafe = (text: string, params?: never[], options?: postgres.UnsafeQueryOptions) =>
    pendingQuery(async (values) => {
      const sql = await client.reserve();
      try {
        const query = sql.unsafe(text, params, options);
        return await (values ? query.values() : query);
      } finally {
        sql.release();
      }
    });
  return new Proxy(client, {
    get: (target, key, receiver) => (key === "unsafe" ? unsafe : Reflect.get(target, key, receiver)),
  });
}

async function scopedStatement(
  client: postgres.Sql,
  opening: string,
  statement: (sql: postgres.ReservedSql) => postgres.PendingQuery<postgres.Row[]>,
  values: boolean,
): Promise<unknown> {
  const sql = await client.reserve();
  try {
    const query = statement(sql);
    const sent = [
      sql.unsafe(opening).simple().execute(),
      (values ? query.values() : query).execute(),
      // After a failed statement, commit ends the transaction as a rollback.
      sql.unsafe("commit").simple().execute(),
    ];
    const settled = await Promise.allSettled(sent);
    const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failed) throw failed.reason;
    return (settled[1] as PromiseFulfilledResult<unknown>).value;
  } finally {
    sql.release();
  }
}

/** The PGlite twin of `scopedPostgres`: one in-process connection, so each scoped statement is its own transaction. */
function scopedPglite(client: PGlite): PGlite {
  const query = (text: string, params?: unknown[], options?: never) => {
    const tenantId = currentTenant();
    if (!tenantId) return client.query(text, params, options);
    return client.transaction(async (tx) => {
      await tx.exec(tenantScopeSql(tenantId));
      return tx.query(text, params, options);
    });
  };
  const transaction = <T>(fn: (tx: PgliteTransaction) => Promise<T>) => {
    const tenantId = currentTenant();
    if (!tenantId) return client.transaction(fn);
    return client.transaction(async (tx) => {
      await tx.exec(tenantScopeSql(tenantId));
      return fn(tx);
    });
  };
  return new Proxy(client, {
    get: (target, key, receiver) =>
      key === "query" ? query : key === "transaction" ? transaction : Reflect.get(target, key, receiver),
  });
}

/** Plain objects travel as JSON text; undefined as NULL. */
export function toDriverValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}

/**
 * Runs written-out text with its parameters as a named prepared statement,
 * inside a search too (`plansEachTime`): for statements whose plan was
 * measured not to depend on the values (the duplicate probe's arms, a
 * batch's insert). Elsewhere every statement with parameters is prepared
 * anyway (`statementOptions`).
 */
export async function runPrepared(db: Executor, query: SQL | WrittenQuery): Promise<Record<string, unknown>[]> {
  return rowsOf(await db._.session.prepareQuery(writtenOut(query), undefined, "prepared", false).execute());
}

/** Statement text with its parameters. */
export interface WrittenQuery {
  sql: string;
  params: unknown[];
}

const dialect = new PgDialect();

/** A query as text and parameters: built SQL is written out the way drizzle sends it. */
const writtenOut = (query: SQL | WrittenQuery): WrittenQuery => (is(query, SQL) ? dialect.sqlToQuery(query) : query);

/**
 * `runPrepared` for a transaction's last statement: on PostgreSQL the
 * commit is sent right behind it (`scopedTransaction`), so its locks are
 * held for the statement and the commit alone. The caller must run nothing
 * more in the transaction (a statement after it throws). Elsewhere (the
 * embedded database, outside a transaction) it is `runPrepared`, and the
 * commit comes when the transaction's body returns.
 */
export async function runPreparedThenCommit(
  tx: Executor,
  query: SQL | WrittenQuery,
): Promise<Record<string, unknown>[]> {
  const client = (tx as unknown as { _: { session: { client?: Record<symbol, unknown> } } })._.session.client;
  const last = client?.[lastStatement] as
    | ((text: string, params: unknown[]) => Promise<Record<string, unknown>[]>)
    | undefined;
  if (!last) return runPrepared(tx, query);
  const { sql: text, params } = writtenOut(query);
  return rowsOf(await last(text, params));
}

/** Rows of a raw `execute`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<
    string,
    unknown
  >[];
}
