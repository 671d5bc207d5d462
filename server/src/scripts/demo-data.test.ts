import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formSubmissions, leadEvents, leads, messages, tenants } from "../db/schema/index.js";
import { createLogger } from "../logger.js";
import { CREATE_LEAD, LEADS } from "../test/documents.js";
import { login, startTestServer, type TestServer } from "../test/harness.js";
import { DEMO_PASSWORD, seedDemoTenant } from "./demo-data.js";

let server: TestServer;
beforeAll(async () => {
  // Email as on the embedded default (the built-in development mailbox), so the demo's replies go out.
  server = await startTestServer({ mail: { smtpUrl: null, from: "leads@leadline.test", devServerPort: 0 } });
});
afterAll(() => server?.stop());

it("seeds tenant demo once: every demo user signs in, ~300 leads spread out, numbering continues", {
  timeout: 180_000,
}, async () => {
  expect(await seedDemoTenant(server.app.services, createLogger("silent"))).toBe(true);
  expect(await seedDemoTenant(server.app.services, createLogger("silent"))).toBe(false);
  const tokens: Record<string, string> = {};
  for (const who of ["admin", "manager", "rep1", "rep2", "marketeer", "partner"]) {
    tokens[who] = await login(server, "demo", `${who}@demo.test`, DEMO_PASSWORD);
  }
  const all = await server.gql(LEADS, { first: 1 }, tokens.admin);
  // 300 arrivals; the few that the intake policy merged into a likely duplicate are not leads of their own.
  const total = all.data?.leads.totalCount as number;
  expect(total).toBeGreaterThan(280);
  expect(total).toBeLessThanOrEqual(300);
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
  // Numbering continues without a gap.
  expect(created.data?.createLead.lead.requestId).toBe(total + 1);
  const [own] = await db
    .select({ n: count() })
    .from(leads)
    .where(eq(leads.ownerId, created.data?.createLead.lead.owner.id));
  expect(own?.n).toBeGreaterThan(1);
});

it("makes every demo state through the product: channels, scores from their events, first responses from messages", {
  timeout: 120_000,
}, async () => {
  const db = server.app.database.db;
  const [demo] = await db.select().from(tenants).where(eq(tenants.slug, "demo"));
  const demoLeads = await db
    .select()
    .from(leads)
    .where(eq(leads.tenantId, demo?.id as string));
  const byChannel = (channel: string) => demoLeads.filter((l) => l.channel === channel);
  // 40 pushed and 40 submitted; a few are merged into a likely duplicate, as the tenant's intake policy says.
  expect(byChannel("WEBHOOK").length).toBeGreaterThan(30);
  expect(byChannel("FORM").length).toBeGreaterThan(30);
  expect(byChannel("MANUAL").length).toBeGreaterThanOrEqual(220);
  // A form lead carries its campaign and its submission, as the form path writes them.
  const submissions = await db
    .select()
    .from(formSubmissions)
    .where(eq(formSubmissions.tenantId, demo?.id as string));
  expect(submissions).toHaveLength(40);
  const submitted = new Set(submissions.map((s) => s.leadId));
  for (const lead of byChannel("FORM")) expect(submitted.has(lead.id)).toBe(true);
  for (const lead of byChannel("FORM")) expect(lead.attribution?.utmCampaign).toBeTruthy();
  // Every lead was created once, with its event.
  const created = await db
    .select({ n: count() })
    .from(leadEvents)
    .where(and(eq(leadEvents.tenantId, demo?.id as string), eq(leadEvents.type, "CREATED")));
  expect(created[0]?.n).toBe(demoLeads.length);
  // Every score is what the rules make of the lead's own tracking events and title: a recompute changes nothing.
  const admin = await server.app.services.auth.authenticate(
    `Bearer ${await login(server, "demo", "admin@demo.test", DEMO_PASSWORD)}`,
  );
  let scored = 0;
  for (const lead of demoLeads.filter((l) => !l.convertedAt)) {
    const again = await server.app.services.scoring.recomputeScore(admin as never, lead.id);
    expect([lead.id, again.score]).toEqual([lead.id, lead.score]);
    if (lead.score > 0) scored++;
  }
  expect(scored).toBeGreaterThan(50);
  // Every first response is a message a rep sent.
  const answered = demoLeads.filter((l) => l.firstResponseAt);
  expect(answered.length).toBeGreaterThan(5);
  const outbound = await db
    .select()
    .from(messages)
    .where(
      and(eq(messages.tenantId, demo?.id as string), eq(messages.direction, "OUTBOUND"), isNotNull(messages.leadId)),
    );
  for (const lead of answered) {
    const first = outbound
      .filter((m) => m.leadId === lead.id)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())[0];
    expect(first, `lead ${lead.requestId} has a first response without a message`).toBeDefined();
    expect(Math.abs((first?.createdAt.getTime() ?? 0) - (lead.firstResponseAt?.getTime() ?? 0))).toBeLessThan(5_000);
  }
});
