import { slaState } from "@leadline/shared";
import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/client.js";
import { leadEvents, leads, tenants } from "../../db/schema/index.js";
import { createTestDatabase } from "../../test/database.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer } from "../../test/harness.js";
import { slaDueLeads } from "./sla.service.js";
import { slaStateSql } from "./sla.sql.js";

const until = async (check: () => Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
};

async function slaJobs(server: TestServer): Promise<number> {
  const rows = rowsOf(
    await server.app.database.db.execute(sql`select count(*)::int as n from pgboss.job where name = 'sla-check'`),
  );
  return Number(rows[0]?.n);
}

async function slaEvents(server: TestServer, leadId: string) {
  return server.app.database.db
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.type, "SLA_CHANGED")))
    .orderBy(asc(leadEvents.sequence));
}

/** A tenant whose leads are at risk after 1.5 s and breached after 3 s, and whose claims last 2 s. */
async function fastSlaTenant(server: TestServer) {
  const t = await createTestTenant(server, { rep: ["SALES"], manager: ["MANAGER"] });
  await server.app.database.db
    .update(tenants)
    .set({ slaFirstResponseMinutes: 3 / 60, slaAtRiskPercent: 50, claimWindowMinutes: 2 / 60 })
    .where(eq(tenants.id, t.tenant.id));
  return t;
}

async function createLead(server: TestServer, token: string | undefined) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Clock", source: "CHAT", email: "clock@example.com" } },
    token,
  );
  return res.data?.createLead.lead as { id: string; sla: { firstResponseDueAt: string; atRiskAt: string } };
}

describe("SLA timers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.stop());

  it("announces AT_RISK and BREACHED once each, within a second of the threshold", async () => {
    const t = await fastSlaTenant(server);
    const lead = await createLead(server, t.tokens.rep);
    expect(await until(async () => (await slaEvents(server, lead.id)).length >= 2, 6_000)).toBe(true);
    await new Promise((r) => setTimeout(r, 700));
    const events = await slaEvents(server, lead.id);
    expect(events.map((e) => [e.payload.from, e.payload.to])).toEqual([
      ["ON_TRACK", "AT_RISK"],
      ["AT_RISK", "BREACHED"],
    ]);
    const atRiskLag = (events[0]?.createdAt.getTime() ?? 0) - new Date(lead.sla.atRiskAt).getTime();
    const breachLag = (events[1]?.createdAt.getTime() ?? 0) - new Date(lead.sla.firstResponseDueAt).getTime();
    expect(atRiskLag).toBeGreaterThanOrEqual(-50);
    expect(atRiskLag).toBeLessThan(1_000);
    expect(breachLag).toBeGreaterThanOrEqual(-50);
    expect(breachLag).toBeLessThan(1_000);
    const read = await server.gql("query($id: ID) { lead(id: $id) { sla { state } } }", { id: lead.id }, t.tokens.rep);
    expect(read.data?.lead.sla.state).toBe("BREACHED");
  });

  it("stops at MET once the first response is recorded", async () => {
    const t = await fastSlaTenant(server);
    const lead = await createLead(server, t.tokens.rep);
    await server.app.database.db.transaction(async (tx) => {
      const [row] = await tx.select().from(leads).where(eq(leads.id, lead.id)).for("update");
      if (row) await server.app.services.sla.recordFirstResponse(tx, row, new Date());
    });
    await new Promise((r) => setTimeout(r, 3_800));
    expect((await slaEvents(server, lead.id)).map((e) => e.payload.to)).toEqual(["MET"]);
  });

  it("announces each passed threshold once however many sweeps run at once, and a create schedules no job", async () => {
    const t = await createTestTenant(server, { rep: ["SALES"] });
    const jobsBefore = await slaJobs(server);
    const made = await Promise.all([1, 2, 3].map(() => createLead(server, t.tokens.rep)));
    expect(await slaJobs(server)).toBe(jobsBefore);
    // The tenant's clock is hours long: only a sweep as of tomorrow sees these leads due.
    const tomorrow = new Date(Date.now() + 86_400_000);
    const sweeps = await Promise.all([1, 2, 3, 4].map(() => server.app.services.sla.sweep(tomorrow)));
    expect(sweeps.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
    for (const lead of made) {
      expect((await slaEvents(server, lead.id)).map((e) => [e.payload.from, e.payload.to])).toEqual([
        ["ON_TRACK", "BREACHED"],
      ]);
    }
    expect(await server.app.services.sla.sweep(tomorrow)).toBe(0);
  });

  it("computes the same state in SQL as in @leadline/shared, at every boundary", async () => {
    const base = new Date("2026-01-01T10:00:00Z");
    const at = (s: number) => new Date(base.getTime() + s * 1000);
    const cases = [
      { firstResponseDueAt: at(60), atRiskAt: at(45), firstResponseAt: null, paused: false, now: at(0) },
      { firstResponseDueAt: at(60), atRiskAt: at(45), firstResponseAt: null, paused: false, now: at(45) },
      { firstResponseDueAt: at(60), atRiskAt: at(45), firstResponseAt: null, paused: false, now: at(60) },
      { firstResponseDueAt: at(60), atRiskAt: at(45), firstResponseAt: at(70), paused: false, now: at(80) },
      { firstResponseDueAt: at(60), atRiskAt: at(45), firstResponseAt: null, paused: true, now: at(80) },
      { firstResponseDueAt: null, atRiskAt: null, firstResponseAt: null, paused: false, now: at(0) },
    ];
    for (const c of cases) {
      const [row] = await server.app.database.db
        .select({ state: slaStateSql(sql`${c.now.toISOString()}::timestamptz`) })
        .from(sql`(select ${c.firstResponseDueAt?.toISOString() ?? null}::timestamptz as first_response_due_at,
          ${c.atRiskAt?.toISOString() ?? null}::timestamptz as sla_at_risk_at,
          ${c.firstResponseAt?.toISOString() ?? null}::timestamptz as first_response_at,
          ${c.paused}::boolean as sla_paused) as leads`);
      expect(row?.state).toBe(slaState(c, c.now));
    }
  });
});

describe("SLA timers across instances and restarts", () => {
  it("two instances on one database produce exactly one event per SLA transition and claim expiry", async () => {
    const a = await startTestServer({}, await createTestDatabase({ persistent: true }));
    // PGlite is one process's database: the second instance needs PostgreSQL.
    const b = process.env.TEST_DATABASE_URL ? await startTestServer({}, a.database) : null;
    try {
      const t = await fastSlaTenant(a);
      const created = await Promise.all(Array.from({ length: 6 }, () => createLead(a, t.tokens.rep)));
      const pool = await Promise.all(Array.from({ length: 4 }, () => createLead(a, t.tokens.manager)));
      for (const lead of pool) {
        const claimed = await (b ?? a).gql(
          "mutation($id: ID!) { claimLead(id: $id) { id } }",
          { id: lead.id },
          t.tokens.rep,
        );
        expect(claimed.errors).toBeUndefined();
      }
      const done = await until(
        async () => (await Promise.all(created.map((l) => slaEvents(a, l.id)))).every((e) => e.length >= 2),
        8_000,
      );
      expect(done).toBe(true);
      await new Promise((r) => setTimeout(r, 1_000));
      for (const lead of created) {
        expect((await slaEvents(a, lead.id)).map((e) => e.payload.to)).toEqual(["AT_RISK", "BREACHED"]);
      }
      for (const lead of pool) {
        const released = await a.app.database.db
          .select()
          .from(leadEvents)
          .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "RELEASED")));
        expect(released.map((e) => e.payload.reason)).toEqual(["expired"]);
      }
    } finally {
      await b?.stop();
      await a.stop();
      await a.database.drop();
    }
  });

  it("fires timers that fell due while the server was down as soon as it is back", async () => {
    const database = await createTestDatabase({ persistent: true });
    const first = await startTestServer({}, database);
    const t = await fastSlaTenant(first);
    const lead = await createLead(first, t.tokens.rep);
    await first.stop();
    await new Promise((r) => setTimeout(r, 3_500));
    const second = await startTestServer({}, database);
    try {
      const started = Date.now();
      expect(await until(async () => (await slaEvents(second, lead.id)).length > 0, 5_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(2_000);
      // Both thresholds passed while down: the checks see BREACHED at once.
      await new Promise((r) => setTimeout(r, 1_000));
      expect((await slaEvents(second, lead.id)).at(-1)?.payload.to).toBe("BREACHED");
    } finally {
      await second.stop();
      await database.drop();
    }
  });
});

describe("the SLA sweep's reads", () => {
  it("touch each open lead a bounded number of times, however stale the planner's statistics", async () => {
    const server = await startTestServer();
    try {
      // Embedded PGlite never analyzes by itself; without its upkeep the statistics stay as they were: near empty.
      await server.app.database.autoAnalyze?.stop();
      const t = await createTestTenant(server, { rep: ["SALES"] });
      const first = await createLead(server, t.tokens.rep);
      const open = 2_000;
      await server.app.database.executeSql(
        `insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, owner_id,
           created_by_id, first_response_due_at, sla_at_risk_at, sla_state)
         select tenant_id, request_id + g, pipeline_id, status, rank, source, channel, name, owner_id,
           created_by_id, first_response_due_at, sla_at_risk_at, sla_state
         from leads, generate_series(1, ${open - 1}) g where id = $1`,
        [first.id],
      );
      let pages = 0;
      for (const due of slaDueLeads(server.app.database.db, new Date())) {
        const { sql: text, params } = due.toSQL();
        const { rows } = await server.app.database.executeSql(
          `explain (analyze, buffers, format json) ${text}`,
          params,
        );
        const plan = rows[0]?.["QUERY PLAN"];
        const top = (typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan;
        pages += top["Shared Hit Blocks"] + top["Shared Read Blocks"];
      }
      // A scan reads each lead's page or index entry about once; the two thresholds in one statement
      // read every open lead's index entries once per open lead (300,000 pages at 3,000 leads).
      expect(pages).toBeGreaterThan(0);
      expect(pages).toBeLessThan(3 * open);
    } finally {
      await server.stop();
    }
  });
});
