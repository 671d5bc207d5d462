import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { Config } from "../config.js";

export interface TestDatabase {
  config: Config["database"];
  drop(): Promise<void>;
}

/**
 * In-memory PGlite by default. With TEST_DATABASE_URL, a fresh PostgreSQL
 * database per test file, dropped afterwards, so files never share rows.
 */
export async function createTestDatabase(options: { persistent?: boolean } = {}): Promise<TestDatabase> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base && options.persistent) {
    // On disk, so a test can stop the server and start another on the same data.
    const dataDir = mkdtempSync(join(tmpdir(), "leadline-test-"));
    return { config: { kind: "pglite", dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!base) return { config: { kind: "pglite", dataDir: null }, drop: async () => {} };
  const name = `leadline_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    config: { kind: "postgres", url: url.toString(), poolSize: 20 },
    drop: async () => {
      const cleanup = postgres(base, { max: 1, onnotice: () => {} });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
