import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import type { Config } from "../config.js";

/**
 * Backups of the whole database, tenants and jobs alike (docs/operations.md,
 * "Backups"). On PostgreSQL: `pg_dump --format=custom`, restored with
 * `pg_restore --clean`, online and consistent (one snapshot). Embedded:
 * PGlite's own data dump (a gzipped tarball of its data folder), taken
 * and restored with the server stopped, since PGlite is one process's.
 */
export async function backup(database: Config["database"], file: string): Promise<void> {
  if (database.kind === "postgres") {
    await run("pg_dump", ["--format=custom", "--no-owner", `--file=${file}`, database.url]);
    return;
  }
  if (!database.dataDir || !existsSync(database.dataDir)) throw new Error("no embedded database to back up (DATA_DIR)");
  const pg = await PGlite.create(database.dataDir, { extensions: { pg_trgm } });
  try {
    const dump = await pg.dumpDataDir("gzip");
    writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await pg.close();
  }
}

/** Restores a backup over the configured database: on PostgreSQL object by object; embedded into an empty DATA_DIR. */
export async function restore(database: Config["database"], file: string): Promise<void> {
  if (database.kind === "postgres") {
    await run("pg_restore", [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--single-transaction",
      `--dbname=${database.url}`,
      file,
    ]);
    return;
  }
  if (!database.dataDir) throw new Error("set DATA_DIR to the folder to restore into");
  if (existsSync(database.dataDir) && readdirSync(database.dataDir).length > 0) {
    throw new Error(`${database.dataDir} is not empty: restore into a new DATA_DIR, then point the server at it`);
  }
  const pg = await PGlite.create(database.dataDir, {
    extensions: { pg_trgm },
    loadDataDir: new Blob([readFileSync(file)]),
  });
  await pg.close();
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}`))));
  });
}
