import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../test/database.js";
import { CREATE_LEAD } from "../test/documents.js";
import { createTestTenant, startTestServer } from "../test/harness.js";
import { backup, restore } from "./backup.js";

/**
 * A backup restored elsewhere is the same Leadline: the leads, their request
 * numbers and the sessions come back. PGlite is backed up stopped; PostgreSQL
 * while the server runs.
 */
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step();
});

it("restores a backup into a new database that serves the same leads to the same session", {
  timeout: 180_000,
}, async () => {
  const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
  const source = await createTestDatabase({ persistent: true });
  cleanup.push(() => source.drop());
  const server = await startTestServer({}, source);
  const t = await createTestTenant(server, { manager: ["MANAGER"] });
  for (let i = 1; i <= 3; i++) {
    const res = await server.gql(
      CREATE_LEAD,
      { input: { source: "MANUAL", name: `Kept ${i}`, email: `kept${i}@example.org` } },
      t.tokens.manager,
    );
    expect(res.errors).toBeUndefined();
  }
  const folder = mkdtempSync(join(tmpdir(), "leadline-backup-"));
  cleanup.push(() => rmSync(folder, { recursive: true, force: true }));
  const file = join(folder, "leadline.backup");
  if (onPostgres) await backup(source.config, file);
  await server.stop();
  if (!onPostgres) await backup(source.config, file);

  let target: TestDatabase;
  if (onPostgres) {
    target = await createTestDatabase();
  } else {
    const dataDir = join(folder, "restored");
    target = { config: { kind: "pglite", dataDir }, drop: async () => {} };
  }
  cleanup.push(() => target.drop());
  await restore(target.config, file);

  const restored = await startTestServer({}, target);
  cleanup.push(() => restored.stop());
  const res = await restored.gql(
    "{ leads(orderBy: { field: REQUEST_ID, direction: ASC }) { totalCount edges { node { name requestId } } } }",
    {},
    t.tokens.manager,
  );
  expect(res.errors).toBeUndefined();
  expect(res.data?.leads.totalCount).toBe(3);
  expect(res.data?.leads.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
    "Kept 1",
    "Kept 2",
    "Kept 3",
  ]);
  // The request counter came back too: the next lead continues the sequence.
  const next = await restored.gql(
    CREATE_LEAD,
    { input: { source: "MANUAL", name: "After restore", email: "after@example.org" } },
    t.tokens.manager,
  );
  expect(next.data?.createLead.lead.requestId).toBe(4);
});
