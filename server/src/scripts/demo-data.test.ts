import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { leads } from "../db/schema/index.js";
import { createLogger } from "../logger.js";
import { CREATE_LEAD, LEADS } from "../test/documents.js";
import { login, startTestServer, type TestServer } from "../test/harness.js";
import { DEMO_PASSWORD, seedDemoTenant } from "./demo-data.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

it("seeds tenant demo once: every demo user signs in, ~300 leads spread out, numbering continues", async () => {
  expect(await seedDemoTenant(server.app.services, createLogger("silent"))).toBe(true);
  expect(await seedDemoTenant(server.app.services, createLogger("silent"))).toBe(false);
  const tokens: Record<string, string> = {};
  for (const who of ["admin", "manager", "rep1", "rep2", "marketeer", "partner"]) {
    tokens[who] = await login(server, "demo", `${who}@demo.test`, DEMO_PASSWORD);
  }
  const all = await server.gql(LEADS, { first: 1 }, tokens.admin);
  expect(all.data?.leads.totalCount).toBe(300);
  const db = server.app.database.db;
  const byStatus = await db.select({ status: leads.status, n: count() }).from(leads).groupBy(leads.status);
  expect(byStatus.length).toBeGreaterThanOrEqual(4);
  const bySource = await db.select({ source: leads.source, n: count() }).from(leads).groupBy(leads.source);
  expect(bySource.length).toBeGreaterThanOrEqual(10);
  const mine = await server.gql(LEADS, { first: 1, filter: { mine: true } }, tokens.rep1);
  expect(mine.data?.leads.totalCount).toBeGreaterThan(30);
  const created = await server.gql(
    CREATE_LEAD,
    { input: { name: "New", source: "CALL", phone: "+14155550100" } },
    tokens.rep1,
  );
  expect(created.data?.createLead.lead.requestId).toBe(301);
  const [own] = await db
    .select({ n: count() })
    .from(leads)
    .where(eq(leads.ownerId, created.data?.createLead.lead.owner.id));
  expect(own?.n).toBeGreaterThan(1);
});
