import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { type ExtractTablesWithRelations, sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Config } from "../config.js";
import * as schema from "./schema/index.js";

type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** What query helpers take, so the same helper runs inside or outside a transaction. */
export type Executor = Database | Transaction;

/** Raw SQL with $n parameters, as pg-boss calls it; several statements when there are no values. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: any[] }>;

export interface DatabaseHandle {
  db: Database;
  kind: "postgres" | "pglite";
  executeSql: ExecuteSql;
  /** LISTEN on a channel; resolves with the function that stops listening. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

const migrationsFolder = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "drizzle");

/** Opens the configured database and applies the committed migrations. */
export async function openDatabase(config: Config["database"]): Promise<DatabaseHandle> {
  if (config.kind === "postgres") {
    // Through a transaction-pooling PgBouncer (a direct URL given), no statement is prepared: the
    // next transaction may run on another server connection. Session work goes direct.
    const pooled = Boolean(config.directUrl);
    const client = postgres(config.url, { max: config.poolSize, onnotice: () => {}, prepare: !pooled });
    const direct = pooled ? postgres(config.directUrl as string, { max: 2, onnotice: () => {} }) : client;
    const db = drizzlePostgres(client, { schema });
    await migratePostgres(drizzlePostgres(direct, { schema }), { migrationsFolder });
    return {
      db: db as unknown as Database,
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
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Database,
    kind: "pglite",
    listen: async (channel, onPayload) => {
      const unlisten = await client.listen(channel, onPayload);
      return () => unlisten();
    },
    executeSql: async (text, values) => {
      if (values?.length) return { rows: (await client.query(text, values.map(toDriverValue))).rows };
      // PGlite runs several statements only through exec; the last result is the answer.
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: () => client.close(),
  };
}

/** Plain objects travel as JSON text; undefined as NULL. */
export function toDriverValue(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return JSON.stringify(value);
  return value;
}

/**
 * Runs a statement as a named prepared statement: the driver sends an
 * unnamed statement with parameters in two round trips (it asks for the
 * parameter types first) and the server parses it every time, while a named
 * one is parsed once per connection and then sent in one. Every value is a
 * parameter, so the texts stay few and the driver's per-connection cache of
 * them small.
 */
export async function runPrepared(
  db: Executor,
  query: { sql: string; params: unknown[] },
): Promise<Record<string, unknown>[]> {
  return rowsOf(await db._.session.prepareQuery(query, undefined, "prepared", false).execute());
}

/** Rows of a raw `execute`: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<
    string,
    unknown
  >[];
}
