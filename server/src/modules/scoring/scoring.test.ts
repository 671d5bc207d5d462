import { DEFAULT_SCORING_RULES } from "@leadline/shared";
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/client.js";
import { leadEvents, leads, pipelines, scoreSnapshots, tenants, trackingEvents } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const RULES = "{ scoringRules }";
const SET_RULES = "mutation($rules: JSON!) { setScoringRules(rules: $rules) }";
const TRACK = "mutation($events: [TrackingEventInput!]!) { trackEvents(events: $events) }";
const RECOMPUTE = "mutation($id: ID!) { recomputeScore(id: $id) { id score scoreBand status version } }";
const SCORED = `query($id: ID) { lead(id: $id) { id score scoreBand status version
  scoreHistory { score band reasons createdAt } } }`;

const db = () => server.app.database.db;

async function createLead(tenant: TestTenant, input: Record<string, unknown> = {}, token = tenant.tokens.manager) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Prospect", source: "WEBSITE_FORM", email: `p${Math.random()}@example.com`, ...input } },
    token,
  );
  const lead = res.data?.createLead?.lead as { id: string; score: number; status: string } | undefined;
  if (!lead) throw new Error(JSON.stringify(res.errors));
  return lead;
}

async function track(tenant: TestTenant, events: Record<string, unknown>[], token = tenant.tokens.manager) {
  const res = await server.gql(TRACK, { events }, token);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data?.trackEvents as number;
}

const many = (leadId: string, type: string, n: number) => Array.from({ length: n }, () => ({ leadId, type }));

async function scored(tenant: TestTenant, id: string) {
  const res = await server.gql(SCORED, { id }, tenant.tokens.manager);
  return res.data?.lead as {
    score: number;
    scoreBand: string;
    status: string;
    version: number;
    scoreHistory: { score: number; band: string; reasons: { rule: string; points: number; detail: string }[] }[];
  };
}

const eventsOf = async (leadId: string, type: "SCORE_CHANGED" | "STATUS_CHANGED") =>
  db()
    .select()
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, leadId), eq(leadEvents.type, type)))
    .orderBy(leadEvents.sequence);

const storedRules = async (tenantId: string) =>
  (await db().select({ rules: tenants.scoringRules }).from(tenants).where(eq(tenants.id, tenantId)))[0]?.rules;

/** Waits until every recompute job queued for the tenant has completed. */
const recomputed = (tenantId: string, ms?: number) =>
  waitFor(async () => {
    const jobs = rowsOf(
      await db().execute(
        sql`select state from pgboss.job where name = 'score-recompute' and singleton_key = ${tenantId}`,
      ),
    );
    return jobs.length > 0 && jobs.every((j) => j.state === "completed");
  }, ms);

const waitFor = async (check: () => Promise<boolean>, ms = 10_000) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, {
    admin: ["ADMIN"],
    manager: ["MANAGER"],
    rep: ["SALES"],
    rep2: ["SALES"],
    marketeer: ["MARKETEER"],
    partner: ["PARTNER"],
    customer: ["CUSTOMER"],
  });
  other = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

describe("scoring rules", () => {
  it("shows staff the defaults; partners and customers may not read them", async () => {
    for (const who of ["rep", "marketeer", "manager", "admin"]) {
      expect((await server.gql(RULES, {}, t.tokens[who])).data?.scoringRules).toEqual(DEFAULT_SCORING_RULES);
    }
    expect(codes(await server.gql(RULES, {}, t.tokens.partner))).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql(RULES, {}, t.tokens.customer))).toEqual(["FORBIDDEN"]);
  });

  it("lets only admins set them: anyone else gets FORBIDDEN and nothing changes", async () => {
    const tenant = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
    for (const who of ["manager", "rep"]) {
      const res = await server.gql(SET_RULES, { rules: { bands: { hot: 75 } } }, tenant.tokens[who]);
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
    expect(await storedRules(tenant.tenant.id)).toEqual({});
    expect((await server.gql(RULES, {}, tenant.tokens.rep)).data?.scoringRules.bands.hot).toBe(70);
  });

  it("refuses an invalid ruleset naming each JSON path, and stores nothing", async () => {
    const tenant = await createTestTenant(server, { admin: ["ADMIN"] });
    const res = await server.gql(
      SET_RULES,
      {
        rules: {
          weights: { page_view: { points: -2 }, "Bad Type": { points: 1, cap: 1 } },
          bands: { hot: 95 },
          thresholds: { mql: { stage: "" } },
          colour: "red",
        },
      },
      tenant.tokens.admin,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual([
      "bands.hot",
      "colour",
      "thresholds.mql.stage",
      "weights.Bad Type",
      "weights.page_view.points",
    ]);
    expect(res.errors?.[0]?.extensions?.fields).toContainEqual({
      field: "bands.hot",
      message: "must be between warm (40) and champion (90)",
    });
    expect(codes(await server.gql(SET_RULES, { rules: [1, 2] }, tenant.tokens.admin))).toEqual(["BAD_USER_INPUT"]);
    expect(await storedRules(tenant.tenant.id)).toEqual({});
  });

  const PREVIEW = `query($rules: JSON!, $lead: ScorePreviewLeadInput!) {
    previewScore(rules: $rules, lead: $lead) { score band reasons rules } }`;

  it("previews a sample lead under unsaved rules exactly as the server scores a real one, storing nothing", async () => {
    const tenant = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
    const overrides = { weights: { page_view: { points: 7, cap: 30 } }, titleKeywords: { "revenue operations": 18 } };
    const sample = { jobTitle: "Head of Revenue Operations", events: [{ type: "page_view", count: 3 }] };
    const preview = await server.gql(PREVIEW, { rules: overrides, lead: sample }, tenant.tokens.admin);
    expect(preview.errors).toBeUndefined();
    expect(preview.data?.previewScore).toMatchObject({
      score: 39,
      band: "COLD",
      reasons: [
        { rule: "weights.page_view", points: 21, detail: "3 page_view events" },
        {
          rule: "titleKeywords.revenue operations",
          points: 18,
          detail: "job title “Head of Revenue Operations” matches “revenue operations”",
        },
      ],
    });
    expect(preview.data?.previewScore.rules.weights.page_view).toEqual({ points: 7, cap: 30 });
    expect(await storedRules(tenant.tenant.id)).toEqual({});

    // The same rules saved, and a real lead with the same title and events: the same score and reasons.
    await server.gql(SET_RULES, { rules: overrides }, tenant.tokens.admin);
    const lead = await createLead(tenant, { jobTitle: sample.jobTitle });
    await track(tenant, many(lead.id, "page_view", 3));
    const real = await scored(tenant, lead.id);
    expect(real.score).toBe(preview.data?.previewScore.score);
    expect(real.scoreHistory[0]?.reasons).toEqual(preview.data?.previewScore.reasons);

    // Older events weigh less, by the previewed half-life.
    const decayed = await server.gql(
      PREVIEW,
      { rules: { decay: { halfLifeDays: 10 } }, lead: { events: [{ type: "demo_request", daysAgo: 10 }] } },
      tenant.tokens.admin,
    );
    expect(decayed.data?.previewScore).toMatchObject({ score: 15, band: "COLD" });
  });

  it("refuses a preview of an invalid ruleset with the same paths as saving it, and the sample's own by lead.<path>", async () => {
    const bad = { weights: { page_view: { points: -2 } }, bands: { hot: 95 } };
    const res = await server.gql(
      PREVIEW,
      { rules: bad, lead: { jobTitle: "CTO", events: [{ type: "Page View", count: 0 }] } },
      t.tokens.admin,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    const saved = await server.gql(SET_RULES, { rules: bad }, t.tokens.admin);
    expect(fieldsOf(res)).toEqual([...fieldsOf(saved), "lead.events.0.count", "lead.events.0.type"].sort());
  });

  it("lets only admins preview: everyone else gets FORBIDDEN", async () => {
    for (const who of ["manager", "rep", "marketeer", "partner", "customer"]) {
      const res = await server.gql(PREVIEW, { rules: {}, lead: { jobTitle: "CEO" } }, t.tokens[who]);
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
  });

  it("merges the tenant's JSON over the defaults and answers the effective set", async () => {
    const tenant = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
    const overrides = {
      weights: { page_view: { points: 4 }, trial_signup: { points: 20, cap: 40 } },
      bands: { hot: 75 },
    };
    const res = await server.gql(SET_RULES, { rules: overrides }, tenant.tokens.admin);
    const effective = res.data?.setScoringRules;
    expect(effective.weights.page_view).toEqual({ points: 4, cap: 20 });
    expect(effective.weights.trial_signup).toEqual({ points: 20, cap: 40 });
    expect(effective.weights.demo_request).toEqual(DEFAULT_SCORING_RULES.weights.demo_request);
    expect(effective.bands).toEqual({ champion: 90, hot: 75, warm: 40 });
    expect(effective.titleKeywords).toEqual(DEFAULT_SCORING_RULES.titleKeywords);
    expect((await server.gql(RULES, {}, tenant.tokens.rep)).data?.scoringRules).toEqual(effective);
    expect(await storedRules(tenant.tenant.id)).toEqual(overrides);
    // `{}` returns to the defaults.
    await server.gql(SET_RULES, { rules: {} }, tenant.tokens.admin);
    expect((await server.gql(RULES, {}, tenant.tokens.rep)).data?.scoringRules).toEqual(DEFAULT_SCORING_RULES);
  });

  it("keeps each tenant's rules to itself", async () => {
    const a = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
    const b = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
    await server.gql(SET_RULES, { rules: { weights: { page_view: { points: 10 } } } }, b.tokens.admin);
    expect((await server.gql(RULES, {}, a.tokens.manager)).data?.scoringRules.weights.page_view.points).toBe(2);
    const leadA = await createLead(a);
    const leadB = await createLead(b);
    await track(a, many(leadA.id, "page_view", 3));
    await track(b, many(leadB.id, "page_view", 3));
    expect((await scored(a, leadA.id)).score).toBe(6);
    expect((await scored(b, leadB.id)).score).toBe(20);
  });
});

describe("signals and snapshots", () => {
  it("scores a new lead from its job title, with a snapshot saying why", async () => {
    const lead = await createLead(t, { jobTitle: "VP of Sales" });
    expect(lead.score).toBe(15);
    const view = await scored(t, lead.id);
    expect(view.scoreHistory).toHaveLength(1);
    expect(view.scoreHistory[0]).toMatchObject({ score: 15, band: "COLD" });
    expect(view.scoreHistory[0]?.reasons).toEqual([
      { rule: "titleKeywords.vp", points: 15, detail: "job title “VP of Sales” matches “vp”" },
    ]);
    const plain = await createLead(t, { jobTitle: "Analyst" });
    expect(plain.score).toBe(0);
    expect((await scored(t, plain.id)).scoreHistory).toEqual([]);
  });

  it("stores tracked events, rescores the lead and explains it in a snapshot", async () => {
    const lead = await createLead(t, { jobTitle: "Director of IT" });
    const stored = await track(t, [
      ...many(lead.id, "page_view", 3),
      { leadId: lead.id, type: "email_click", properties: { campaign: "spring" } },
    ]);
    expect(stored).toBe(4);
    const view = await scored(t, lead.id);
    expect(view.score).toBe(12 + 6 + 5);
    expect(view.scoreHistory.map((s) => s.score)).toEqual([23, 12]);
    expect(view.scoreHistory[0]?.reasons).toEqual([
      { rule: "weights.page_view", points: 6, detail: "3 page_view events" },
      { rule: "weights.email_click", points: 5, detail: "1 email_click event" },
      { rule: "titleKeywords.director", points: 12, detail: "job title “Director of IT” matches “director”" },
    ]);
    const [changed] = await eventsOf(lead.id, "SCORE_CHANGED");
    expect(changed?.payload).toMatchObject({ from: 12, to: 23, band: "COLD", version: view.version });
    expect(changed?.actorUserId).toBe(t.users.manager?.id);
    const rows = await db().select().from(trackingEvents).where(eq(trackingEvents.leadId, lead.id));
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.type === "email_click")?.properties).toEqual({ campaign: "spring" });
  });

  it("lowers the score for negative signals: unsubscribes and a non-buyer's title", async () => {
    const lead = await createLead(t);
    await track(t, [{ leadId: lead.id, type: "demo_request" }, ...many(lead.id, "pricing_page_view", 2)]);
    expect((await scored(t, lead.id)).score).toBe(50);
    await track(t, [{ leadId: lead.id, type: "unsubscribe" }]);
    const view = await scored(t, lead.id);
    expect(view.score).toBe(20);
    expect(view.scoreHistory[0]?.reasons).toContainEqual({
      rule: "negativeSignals.events.unsubscribe",
      points: -30,
      detail: "unsubscribe (1×)",
    });
    const updated = await server.gql(
      `mutation($id: ID!) { updateLead(id: $id, input: { jobTitle: "Student" }) { score scoreBand } }`,
      { id: lead.id },
      t.tokens.manager,
    );
    expect(updated.data?.updateLead).toEqual({ score: 0, scoreBand: "COLD" });
    expect((await scored(t, lead.id)).scoreHistory[0]?.reasons.map((r) => r.rule)).toEqual([
      "weights.pricing_page_view",
      "weights.demo_request",
      "negativeSignals.events.unsubscribe",
      "negativeSignals.titleKeywords.student",
      "clamp",
    ]);
  });

  it("resolves an email to the newest visible lead with it and skips unknown leads", async () => {
    const older = await createLead(t);
    const newer = await createLead(t);
    await db()
      .update(leads)
      .set({ email: "same@example.com" })
      .where(inArray(leads.id, [older.id, newer.id]));
    const stored = await track(t, [
      { email: " Same@Example.com ", type: "form_submit" },
      { email: "nobody@example.com", type: "form_submit" },
      { leadId: "00000000-0000-4000-8000-000000000000", type: "form_submit" },
    ]);
    expect(stored).toBe(1);
    expect((await scored(t, newer.id)).score).toBe(15);
    expect((await scored(t, older.id)).score).toBe(0);
  });

  it("names the index of each bad event and stores nothing", async () => {
    const lead = await createLead(t);
    const res = await server.gql(
      TRACK,
      {
        events: [
          { leadId: lead.id, type: "page_view" },
          { leadId: lead.id, type: "Page View!" },
          { leadId: lead.id, email: "a@example.com", type: "page_view" },
          { type: "page_view" },
          { leadId: "not-an-id", type: "page_view" },
          { email: "not an email", type: "page_view" },
          { leadId: lead.id, type: "page_view", occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
          { leadId: lead.id, type: "page_view", properties: [1, 2] },
        ],
      },
      t.tokens.manager,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual([
      "events.1.type",
      "events.2.leadId",
      "events.3.leadId",
      "events.4.leadId",
      "events.5.email",
      "events.6.occurredAt",
      "events.7.properties",
    ]);
    const tooMany = await server.gql(TRACK, { events: many(lead.id, "page_view", 1_001) }, t.tokens.manager);
    expect(fieldsOf(tooMany)).toEqual(["events"]);
    const [row] = await db().select({ n: count() }).from(trackingEvents).where(eq(trackingEvents.leadId, lead.id));
    expect(row?.n).toBe(0);
    expect((await server.gql(TRACK, { events: [] }, t.tokens.manager)).data?.trackEvents).toBe(0);
  });

  it("takes events from staff and API keys, not from partners or customers", async () => {
    const lead = await createLead(t);
    const key = await server.gql(
      'mutation { createApiKey(name: "tracker", roles: [MARKETEER]) { secret } }',
      {},
      t.tokens.admin,
    );
    expect(await track(t, [{ leadId: lead.id, type: "page_view" }], key.data?.createApiKey.secret)).toBe(1);
    expect(await track(t, [{ leadId: lead.id, type: "page_view" }], t.tokens.marketeer)).toBe(1);
    for (const who of ["partner", "customer"]) {
      const res = await server.gql(TRACK, { events: [{ leadId: lead.id, type: "page_view" }] }, t.tokens[who]);
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
    expect((await scored(t, lead.id)).score).toBe(4);
  });

  it("does nothing to another tenant's lead", async () => {
    const lead = await createLead(t);
    const before = await scored(t, lead.id);
    expect(await track(other, many(lead.id, "demo_request", 1), other.tokens.admin)).toBe(0);
    expect(codes(await server.gql(RECOMPUTE, { id: lead.id }, other.tokens.admin))).toEqual(["NOT_FOUND"]);
    expect(await scored(t, lead.id)).toEqual(before);
    const [row] = await db().select({ n: count() }).from(trackingEvents).where(eq(trackingEvents.leadId, lead.id));
    expect(row?.n).toBe(0);
  });

  it("recomputeScore writes a snapshot each time, for leads the viewer can see", async () => {
    const lead = await createLead(t, { ownerId: t.users.rep?.id, jobTitle: "Founder" });
    const res = await server.gql(RECOMPUTE, { id: lead.id }, t.tokens.rep);
    expect(res.data?.recomputeScore).toMatchObject({ score: 20, scoreBand: "COLD", status: "new" });
    await server.gql(RECOMPUTE, { id: lead.id }, t.tokens.rep);
    const history = (await scored(t, lead.id)).scoreHistory;
    expect(history.map((s) => s.score)).toEqual([20, 20, 20]);
    expect(history[0]?.reasons).toEqual(history[2]?.reasons);
    expect(codes(await server.gql(RECOMPUTE, { id: lead.id }, t.tokens.rep2))).toEqual(["NOT_FOUND"]);
  });
});

describe("score history in lists", () => {
  it("gives each lead of a page its own history", async () => {
    const a = await createLead(t, { name: "Historian A", jobTitle: "CEO" });
    const b = await createLead(t, { name: "Historian B", jobTitle: "Director" });
    await track(t, [{ leadId: b.id, type: "page_view" }]);
    const res = await server.gql(
      `query { leads(filter: { search: "Historian" }, first: 10) { edges { node { id scoreHistory { score } } } } }`,
      {},
      t.tokens.manager,
    );
    const histories = Object.fromEntries(
      res.data?.leads.edges.map((e: { node: { id: string; scoreHistory: { score: number }[] } }) => [
        e.node.id,
        e.node.scoreHistory.map((s) => s.score),
      ]),
    );
    expect(histories).toEqual({ [a.id]: [20], [b.id]: [14, 12] });
  });
});

describe("bands", () => {
  it("switch at 39/40, 69/70 and 89/90, and follow the tenant's cut-offs", async () => {
    const scores = [39, 40, 69, 70, 89, 90];
    const bandsFor = async (tenant: TestTenant) => {
      const ids: string[] = [];
      for (const score of scores) {
        const lead = await createLead(tenant);
        await db().update(leads).set({ score }).where(eq(leads.id, lead.id));
        ids.push(lead.id);
      }
      const bands = [];
      for (const id of ids) bands.push((await scored(tenant, id)).scoreBand);
      return bands;
    };
    const a = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
    expect(await bandsFor(a)).toEqual(["COLD", "WARM", "WARM", "HOT", "HOT", "CHAMPION"]);
    const b = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
    await server.gql(SET_RULES, { rules: { bands: { warm: 40, hot: 89, champion: 90 } } }, b.tokens.admin);
    // Let the rules change's recompute finish first: it would rescore the leads below from their (no) events.
    expect(await recomputed(b.tenant.id)).toBe(true);
    expect(await bandsFor(b)).toEqual(["COLD", "WARM", "WARM", "WARM", "HOT", "CHAMPION"]);
    const hot = await server.gql(
      `query { leads(filter: { scoreBand: [HOT] }) { edges { node { score scoreBand } } } }`,
      {},
      b.tokens.manager,
    );
    expect(hot.data?.leads.edges.map((e: { node: { score: number } }) => e.node.score)).toEqual([89]);
  });
});

describe("auto-promotion", () => {
  const move = (id: string, to: string) =>
    server.gql(
      `mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { status } }`,
      { id, to },
      t.tokens.manager,
    );

  it("moves a lead up when its score crosses MQL, then SQL, with an event; never down", async () => {
    const lead = await createLead(t);
    await track(t, [{ leadId: lead.id, type: "demo_request" }, ...many(lead.id, "form_submit", 2)]);
    let view = await scored(t, lead.id);
    expect(view).toMatchObject({ score: 60, status: "mql" });
    const [toMql] = await eventsOf(lead.id, "STATUS_CHANGED");
    expect(toMql?.payload).toMatchObject({
      from: "new",
      to: "mql",
      threshold: "mql",
      score: 60,
      version: view.version,
    });
    await track(t, many(lead.id, "pricing_page_view", 2));
    view = await scored(t, lead.id);
    expect(view).toMatchObject({ score: 80, status: "sql" });
    await track(t, [{ leadId: lead.id, type: "competitor" }]);
    view = await scored(t, lead.id);
    expect(view).toMatchObject({ score: 30, status: "sql" });
    expect((await eventsOf(lead.id, "STATUS_CHANGED")).map((e) => e.payload.to)).toEqual(["mql", "sql"]);
  });

  it("jumps straight to SQL and places the card at the top of the column", async () => {
    const lead = await createLead(t);
    await track(t, [
      { leadId: lead.id, type: "demo_request" },
      ...many(lead.id, "form_submit", 2),
      ...many(lead.id, "pricing_page_view", 2),
    ]);
    const board = await server.gql(
      `{ board(perColumn: 1) { columns { stage { key } leads { edges { node { id } } } } } }`,
      {},
      t.tokens.manager,
    );
    const column = board.data?.board.columns.find((c: { stage: { key: string } }) => c.stage.key === "sql");
    expect(column.leads.edges[0].node.id).toBe(lead.id);
    expect((await eventsOf(lead.id, "STATUS_CHANGED")).map((e) => e.payload.to)).toEqual(["sql"]);
  });

  it("never moves a lead from a later open stage back to MQL", async () => {
    const lead = await createLead(t);
    expect((await move(lead.id, "sql")).data?.moveLead.status).toBe("sql");
    await track(t, [{ leadId: lead.id, type: "demo_request" }, ...many(lead.id, "form_submit", 2)]);
    expect(await scored(t, lead.id)).toMatchObject({ score: 60, status: "sql" });
  });

  it("respects a rep's move back until the score crosses again", async () => {
    const lead = await createLead(t);
    await track(t, [{ leadId: lead.id, type: "demo_request" }, ...many(lead.id, "form_submit", 2)]);
    expect((await move(lead.id, "working")).data?.moveLead.status).toBe("working");
    await track(t, [{ leadId: lead.id, type: "page_view" }]);
    expect(await scored(t, lead.id)).toMatchObject({ score: 62, status: "working" });
  });

  it("never moves a disqualified lead, and leaves converted ones alone", async () => {
    const disqualified = await createLead(t);
    expect((await move(disqualified.id, "disqualified")).data?.moveLead.status).toBe("disqualified");
    await track(t, [{ leadId: disqualified.id, type: "demo_request" }, ...many(disqualified.id, "form_submit", 3)]);
    expect(await scored(t, disqualified.id)).toMatchObject({ score: 60, status: "disqualified" });

    const converted = await createLead(t);
    await move(converted.id, "sql");
    await db().update(leads).set({ status: "converted", convertedAt: new Date() }).where(eq(leads.id, converted.id));
    expect(await track(t, many(converted.id, "demo_request", 1))).toBe(0);
    expect(codes(await server.gql(RECOMPUTE, { id: converted.id }, t.tokens.manager))).toEqual(["CONFLICT"]);
    expect(await scored(t, converted.id)).toMatchObject({ score: 0, status: "converted" });
    expect(await eventsOf(converted.id, "SCORE_CHANGED")).toEqual([]);
  });
});

describe("a rules change", () => {
  it("recomputes the tenant's leads in the background, with snapshots and promotions", async () => {
    const tenant = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
    const engaged = await createLead(tenant);
    const cold = await createLead(tenant);
    const steady = await createLead(tenant, { jobTitle: "CEO" });
    await track(tenant, [{ leadId: engaged.id, type: "demo_request" }, ...many(engaged.id, "page_view", 5)]);
    await track(tenant, many(cold.id, "email_open", 2));
    expect((await scored(tenant, engaged.id)).score).toBe(40);
    const bystander = await createLead(other);
    await track(other, many(bystander.id, "page_view", 2), other.tokens.admin);

    const res = await server.gql(
      SET_RULES,
      { rules: { weights: { email_open: { points: 10 } }, thresholds: { mql: { score: 40 } }, bands: { warm: 20 } } },
      tenant.tokens.admin,
    );
    expect(res.data?.setScoringRules.thresholds.mql).toEqual({ score: 40, stage: "mql" });
    expect(await recomputed(tenant.tenant.id)).toBe(true);
    // Below the old MQL threshold (50) and at the new one (40): crossed, so promoted.
    expect(await scored(tenant, engaged.id)).toMatchObject({ score: 40, scoreBand: "WARM", status: "mql" });
    const coldView = await scored(tenant, cold.id);
    expect(coldView.scoreHistory[0]).toMatchObject({ score: 15, band: "COLD" });
    expect(coldView.scoreHistory[0]?.reasons).toEqual([
      { rule: "weights.email_open", points: 15, detail: "2 email_open events, capped at 15" },
    ]);
    // Same score, new band: a snapshot records the band change.
    const steadyView = await scored(tenant, steady.id);
    expect(steadyView).toMatchObject({ score: 20, scoreBand: "WARM" });
    expect(steadyView.scoreHistory.map((s) => s.band)).toEqual(["WARM", "COLD"]);
    expect(await eventsOf(steady.id, "SCORE_CHANGED")).toEqual([]);
    const [system] = (await eventsOf(engaged.id, "STATUS_CHANGED")).slice(-1);
    expect(system?.actorUserId).toBeNull();
    // Another tenant's leads are not touched.
    expect((await scored(other, bystander.id)).scoreHistory).toHaveLength(1);
    const [snapshots] = await db()
      .select({ n: count() })
      .from(scoreSnapshots)
      .where(eq(scoreSnapshots.tenantId, tenant.tenant.id));
    // engaged: its events; cold: events, rules; steady: creation, band change.
    expect(snapshots?.n).toBe(1 + 2 + 2);
  });

  it("pages through every lead, however many share a creation time", async () => {
    const tenant = await createTestTenant(server, { admin: ["ADMIN"] });
    const [pipeline] = await db()
      .select({ id: pipelines.id })
      .from(pipelines)
      .where(and(eq(pipelines.tenantId, tenant.tenant.id), eq(pipelines.isDefault, true)));
    // 2,500 leads in runs of 700 with the same microsecond: pages of 1,000 end inside a run.
    await db().execute(sql`
      insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, email, job_title, created_at)
      select ${tenant.tenant.id}, g, ${pipeline?.id}, 'new', lpad(g::text, 6, '0') || 'i', 'API', 'API',
        'Bulk ' || g, 'bulk' || g || '@example.com', 'CEO', timestamptz '2026-01-01 00:00:00.000001' + (g / 700) * interval '1 microsecond'
      from generate_series(1, 2500) as g`);
    await server.gql(SET_RULES, { rules: { titleKeywords: { ceo: 33 } } }, tenant.tokens.admin);
    expect(await recomputed(tenant.tenant.id, 60_000)).toBe(true);
    const scores = await db()
      .select({ score: leads.score, n: count() })
      .from(leads)
      .where(eq(leads.tenantId, tenant.tenant.id))
      .groupBy(leads.score);
    expect(scores).toEqual([{ score: 33, n: 2500 }]);
  }, 90_000);
});
