import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { leads, tenants } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant-scope.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import { InboxService, queueViewConditions } from "./inbox.service.js";

let server: TestServer;
let t: TestTenant;
let timeZone: string;
let endOfToday: number;

const SET_NEXT = `mutation($id: ID!, $type: NextActionType!, $due: DateTime!, $note: String) {
  setNextAction(id: $id, type: $type, dueAt: $due, note: $note) { id nextAction { type dueAt note } }
}`;
const INBOX = `query($view: QueueView!, $first: Int, $after: String) {
  inbox(view: $view, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } }
}`;
const COUNTS = "{ inboxCounts { now today later recovery } }";

/** Midnight after `now` in a time zone, as epoch ms. */
function nextMidnight(zone: string, now = Date.now()): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    })
      .formatToParts(new Date(now))
      .map((p) => [p.type, p.value]),
  );
  const elapsed = (Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second)) * 1000;
  return now - elapsed - (now % 1000) + 24 * 3_600_000;
}

const db = () => server.app.database.db;
async function lead(name: string, token = t.tokens.rep1) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name, source: "CALL", email: `${name.replace(/\W/g, "")}@example.com` } },
    token,
  );
  const id = res.data?.createLead.lead.id as string;
  // Answered already, so the SLA clock does not put every lead in NOW.
  await db().update(leads).set({ firstResponseAt: new Date() }).where(eq(leads.id, id));
  return id;
}
const names = async (view: string, token = t.tokens.rep1) =>
  (await server.gql(INBOX, { view, first: 100 }, token)).data?.inbox.edges.map(
    (e: { node: { name: string } }) => e.node.name,
  );

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], rep1: ["SALES"], rep2: ["SALES"] });
  // A zone far from UTC whose midnight is at least two hours away, so "later today" exists.
  timeZone =
    ["Pacific/Auckland", "Asia/Kolkata", "America/Los_Angeles", "Pacific/Honolulu"].find((zone) => {
      const left = nextMidnight(zone) - Date.now();
      return left > 2.5 * 3_600_000 && left < 21 * 3_600_000;
    }) ?? "Pacific/Auckland";
  endOfToday = nextMidnight(timeZone);
  await db().update(tenants).set({ timeZone }).where(eq(tenants.id, t.tenant.id));

  const due = async (id: string, at: number, type = "CALL") => {
    const res = await server.gql(SET_NEXT, { id, type, due: new Date(at).toISOString() }, t.tokens.rep1);
    expect(res.errors).toBeUndefined();
  };
  await due(await lead("overdue call"), Date.now() - 3_600_000);
  await due(await lead("call in 30 min"), Date.now() + 30 * 60_000);
  await due(await lead("late today"), endOfToday - 30 * 60_000, "FOLLOW_UP");
  await due(await lead("earlier today"), endOfToday - 60 * 60_000, "REPLY");
  await due(await lead("just after midnight"), endOfToday + 30 * 60_000);
  await due(await lead("next week"), Date.now() + 7 * 86_400_000);
  const slaRisk = await lead("sla at risk");
  await db()
    .update(leads)
    .set({
      firstResponseAt: null,
      slaAtRiskAt: new Date(Date.now() - 1000),
      firstResponseDueAt: new Date(Date.now() + 15 * 60_000),
    })
    .where(eq(leads.id, slaRisk));
  const stale = await lead("stale no action");
  await db()
    .update(leads)
    .set({ lastActivityAt: new Date(Date.now() - 4 * 86_400_000) })
    .where(eq(leads.id, stale));
  await lead("fresh no action");
  const lostRecently = await lead("lost recently");
  await db()
    .update(leads)
    .set({ status: "disqualified", updatedAt: new Date(Date.now() - 10 * 86_400_000) })
    .where(eq(leads.id, lostRecently));
  const lostLongAgo = await lead("lost long ago");
  await db()
    .update(leads)
    .set({ status: "disqualified", updatedAt: new Date(Date.now() - 40 * 86_400_000) })
    .where(eq(leads.id, lostLongAgo));
  await lead("rep2's", t.tokens.rep2);
});
afterAll(() => server?.stop());

describe("inbox views", () => {
  it("NOW holds overdue and within-the-hour actions and SLA-urgent leads, most urgent first", async () => {
    expect(await names("NOW")).toEqual(["overdue call", "sla at risk", "call in 30 min"]);
  });

  it("TODAY ends at midnight in the tenant's time zone, next call first", async () => {
    expect(await names("TODAY")).toEqual(["earlier today", "late today"]);
  });

  it("LATER starts at that midnight", async () => {
    expect(await names("LATER")).toEqual(["just after midnight", "next week"]);
  });

  it("RECOVERY holds stale open leads without a next action and LOST leads of the last 30 days", async () => {
    expect((await names("RECOVERY")).sort()).toEqual(["lost recently", "stale no action"]);
  });

  it("moves the day boundary with the tenant's zone", async () => {
    // Seen from a zone where that midnight is earlier, "late today" is tomorrow already.
    const shifted = ["Pacific/Kiritimati", "Etc/GMT-14", "Etc/GMT+12"].find((z) => {
      const m = nextMidnight(z);
      return m < endOfToday - 30 * 60_000 && m > Date.now() + 3_600_000;
    });
    if (!shifted) return;
    await db().update(tenants).set({ timeZone: shifted }).where(eq(tenants.id, t.tenant.id));
    try {
      expect(await names("LATER")).toContain("late today");
    } finally {
      await db().update(tenants).set({ timeZone }).where(eq(tenants.id, t.tenant.id));
    }
  });

  it("counts match the lists, and a rep sees only their own leads while a manager sees all", async () => {
    const counts = (await server.gql(COUNTS, {}, t.tokens.rep1)).data?.inboxCounts;
    expect(counts).toEqual({ now: 3, today: 2, later: 2, recovery: 2 });
    for (const view of ["NOW", "TODAY", "LATER", "RECOVERY"]) {
      const res = await server.gql(INBOX, { view, first: 1 }, t.tokens.rep1);
      expect(res.data?.inbox.totalCount).toBe(counts[view.toLowerCase()]);
    }
    expect(await names("RECOVERY", t.tokens.rep2)).toEqual([]);
    const managerCounts = (await server.gql(COUNTS, {}, t.tokens.manager)).data?.inboxCounts;
    expect(managerCounts.now).toBe(3);
  });

  it("pages a view with cursors, each page with the whole view's total", async () => {
    const first = await server.gql(INBOX, { view: "NOW", first: 2 }, t.tokens.rep1);
    expect(first.data?.inbox.pageInfo.hasNextPage).toBe(true);
    expect(first.data?.inbox.totalCount).toBe(3);
    const rest = await server.gql(
      INBOX,
      { view: "NOW", first: 2, after: first.data?.inbox.pageInfo.endCursor },
      t.tokens.rep1,
    );
    expect(rest.data?.inbox.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["call in 30 min"]);
    expect(rest.data?.inbox.totalCount).toBe(3);
    const empty = await server.gql(INBOX, { view: "NOW", first: 2 }, t.tokens.rep2);
    expect(empty.data?.inbox).toMatchObject({ totalCount: 0, edges: [] });
  });

  it("counts a tab's total in its page's own statement on the first page", async () => {
    // Every tab sorts by a computed key that no index holds, so its page reads every match anyway.
    const statements: string[] = [];
    const counting = new Proxy(db(), {
      get(target, name) {
        const value = Reflect.get(target, name, target);
        if (typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (name === "execute" || name === "select") statements.push(String(name));
          return value.apply(target, args);
        };
      },
    }) as Database;
    const inbox = new InboxService(counting);
    for (const [token, view, total] of [
      [t.tokens.rep1, "NOW", 3],
      [t.tokens.rep1, "TODAY", 2],
      [t.tokens.rep2, "NOW", 0],
    ] as const) {
      const viewer = await server.app.services.auth.authenticate(`Bearer ${token}`);
      if (!viewer) throw new Error("no viewer");
      statements.length = 0;
      const page = await withTenant(viewer.tenantId, () => inbox.inbox(viewer, view, { first: 1, countNow: true }));
      expect(await page.totalCount).toBe(total);
      expect([view, total, statements]).toEqual([view, total, ["execute"]]);
    }
  });
});

describe("the NOW tab's reads", () => {
  it("visit each urgent lead's page about once, the stage category looked up once per statement", async () => {
    const other = await createTestTenant(server, { rep: ["SALES"] });
    const input = { name: "Urgent", source: "CALL", email: "urgent@example.com" };
    const first = (await server.gql(CREATE_LEAD, { input }, other.tokens.rep)).data?.createLead.lead;
    const urgent = 2_000;
    await server.app.database.executeSql(
      `insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, owner_id,
         created_by_id, next_action_type, next_action_due_at)
       select tenant_id, request_id + g, pipeline_id, status, rank, source, channel, name, owner_id,
         created_by_id, 'CALL', now() - interval '1 day'
       from leads, generate_series(1, ${urgent}) g where id = $1`,
      [first?.id],
    );
    await server.app.database.executeSql("analyze leads");
    const { NOW } = queueViewConditions(sql`'UTC'`);
    const { sql: text, params } = db()
      .select({ id: leads.id })
      .from(leads)
      .where(and(eq(leads.tenantId, other.tenant.id), NOW))
      .toSQL();
    const { rows } = await server.app.database.executeSql(`explain (analyze, buffers, format json) ${text}`, params);
    const plan = rows[0]?.["QUERY PLAN"];
    const top = (typeof plan === "string" ? JSON.parse(plan) : plan)[0].Plan;
    expect(top["Actual Rows"]).toBe(urgent);
    // A lookup of the stage per lead read two pages of stages for each (4,000 more here).
    expect(top["Shared Hit Blocks"] + top["Shared Read Blocks"]).toBeLessThan(urgent);
  });
});

describe("next actions", () => {
  it("sets and clears a next action, and only on leads the user works", async () => {
    const id = await lead("to schedule");
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const set = await server.gql(
      SET_NEXT,
      { id, type: "REVIEW_REQUEST", due, note: " ask for a review " },
      t.tokens.rep1,
    );
    expect(set.data?.setNextAction.nextAction).toEqual({
      type: "REVIEW_REQUEST",
      dueAt: due,
      note: "ask for a review",
    });
    const cleared = await server.gql(
      "mutation($id: ID!) { clearNextAction(id: $id) { nextAction { type } } }",
      { id },
      t.tokens.rep1,
    );
    expect(cleared.data?.clearNextAction.nextAction).toBeNull();
    expect(codes(await server.gql(SET_NEXT, { id, type: "CALL", due }, t.tokens.rep2))).toEqual(["NOT_FOUND"]);
    const pool = await lead("pool", t.tokens.manager);
    expect(codes(await server.gql(SET_NEXT, { id: pool, type: "CALL", due }, t.tokens.rep2))).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql(SET_NEXT, { id, type: "VISIT", due }, t.tokens.rep1))).toEqual(["BAD_USER_INPUT"]);
  });
});
