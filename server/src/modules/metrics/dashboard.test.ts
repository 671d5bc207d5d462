import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads, tenants } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

// A fixed window, 3 days of March 2025 (UTC, the tenant's default zone).
const WINDOW = { from: "2025-03-03T00:00:00.000Z", to: "2025-03-06T00:00:00.000Z" };
const ARGS = "$from: DateTime, $to: DateTime";

const TREND = `query(${ARGS}, $bucket: MetricsBucket) { responseTrend(from: $from, to: $to, bucket: $bucket) {
  day start created responded firstResponseMedianSeconds slaDecided slaMet slaMetRate } }`;
const FUNNEL = `query(${ARGS}) { stageFunnel(from: $from, to: $to) { pipelineId pipelineName created
  steps { key label category leads reached } } }`;
const CONVERSION = `query(${ARGS}) { conversionBySource(from: $from, to: $to) {
  sources { source created converted conversionRate } campaigns { campaign created converted conversionRate } } }`;
const WORKLOAD = `query(${ARGS}) { repWorkload(from: $from, to: $to) {
  user { name } open created converted firstResponseMedianSeconds slaMetRate } }`;
const BANDS = `query(${ARGS}) { scoreBands(from: $from, to: $to) { band leads converted } }`;
const PANELS = { TREND, FUNNEL, CONVERSION, WORKLOAD, BANDS };

async function createLead(server: TestServer, token: string | undefined, name: string, source: string) {
  const res = await server.gql(CREATE_LEAD, { input: { name, source, email: `${name}@example.com` } }, token);
  const id = res.data?.createLead?.lead?.id as string | undefined;
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

/** Gives a lead a past: created at `createdAt`, answered `respondedAfterMin` later (or not), due an hour after creation. */
async function shape(
  id: string,
  createdAt: string,
  lead: {
    respondedAfterMin?: number;
    status?: string;
    converted?: boolean;
    ownerId?: string | null;
    score?: number;
    utmCampaign?: string;
    marketingCampaign?: string;
    retired?: boolean;
  },
) {
  const at = new Date(createdAt);
  const minutes = (n: number) => new Date(at.getTime() + n * 60_000);
  await server.app.database.db
    .update(leads)
    .set({
      createdAt: at,
      firstResponseDueAt: minutes(60),
      firstResponseAt: lead.respondedAfterMin === undefined ? null : minutes(lead.respondedAfterMin),
      status: lead.status,
      convertedAt: lead.converted ? minutes(3 * 24 * 60) : null,
      ownerId: lead.ownerId ?? null,
      score: lead.score ?? 0,
      attribution: lead.utmCampaign ? { utmSource: "google", utmCampaign: lead.utmCampaign } : null,
      marketingCampaign: lead.marketingCampaign ?? null,
      retiredAt: lead.retired ? sql`now()` : null,
    })
    .where(eq(leads.id, id));
}

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, {
    admin: ["ADMIN"],
    manager: ["MANAGER"],
    rep: ["SALES"],
    rep2: ["SALES"],
    idle: ["SALES"],
    marketeer: ["MARKETEER"],
  });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
  const m = t.tokens.manager;
  const rep = t.users.rep?.id;
  const rep2 = t.users.rep2?.id;
  const lead = (name: string, source: string) => createLead(server, m, name, source);
  // 3 March: answered in 10 min (met) and converted; answered in 90 min (late). 4 March: never answered (breached).
  // 5 March: answered in 30 min, in the pool. Plus a retired lead in the window and one before it.
  await shape(await lead("a", "WEBSITE_FORM"), "2025-03-03T10:00:00Z", {
    respondedAfterMin: 10,
    status: "converted",
    converted: true,
    ownerId: rep,
    score: 95,
    utmCampaign: "spring",
  });
  await shape(await lead("b", "WEBSITE_FORM"), "2025-03-03T12:00:00Z", {
    respondedAfterMin: 90,
    status: "working",
    ownerId: rep,
    score: 75,
    utmCampaign: "spring",
  });
  await shape(await lead("c", "API"), "2025-03-04T09:00:00Z", {
    status: "disqualified",
    ownerId: rep2,
    score: 45,
    marketingCampaign: "fair",
  });
  await shape(await lead("d", "MANUAL"), "2025-03-05T09:00:00Z", { respondedAfterMin: 30, score: 10 });
  await shape(await lead("gone", "API"), "2025-03-04T10:00:00Z", { ownerId: rep, retired: true });
  await shape(await lead("old", "API"), "2025-01-10T10:00:00Z", { ownerId: rep });
  await createLead(server, other.tokens.manager, "theirs", "API");
});
afterAll(async () => {
  await server?.stop();
});

describe("dashboard panels", () => {
  it("trends first response and SLA per day of creation, empty days included, and per week", async () => {
    const res = await server.gql(TREND, WINDOW, t.tokens.manager);
    expect(res.errors).toBeUndefined();
    expect(res.data?.responseTrend).toEqual([
      {
        day: "2025-03-03",
        start: "2025-03-03T00:00:00.000Z",
        created: 2,
        responded: 2,
        firstResponseMedianSeconds: 3000, // median of 600 s and 5,400 s
        slaDecided: 2,
        slaMet: 1,
        slaMetRate: 0.5,
      },
      {
        day: "2025-03-04",
        start: "2025-03-04T00:00:00.000Z",
        created: 1,
        responded: 0,
        firstResponseMedianSeconds: null,
        slaDecided: 1, // past due, unanswered: breached
        slaMet: 0,
        slaMetRate: 0,
      },
      {
        day: "2025-03-05",
        start: "2025-03-05T00:00:00.000Z",
        created: 1,
        responded: 1,
        firstResponseMedianSeconds: 1800,
        slaDecided: 1,
        slaMet: 1,
        slaMetRate: 1,
      },
    ]);
    const empty = await server.gql(
      TREND,
      { from: "2025-02-01T00:00:00Z", to: "2025-02-03T00:00:00Z" },
      t.tokens.manager,
    );
    expect(empty.data?.responseTrend).toMatchObject([
      { day: "2025-02-01", created: 0, firstResponseMedianSeconds: null, slaMetRate: null },
      { day: "2025-02-02", created: 0 },
    ]);
    // 3 March 2025 is a Monday: one week holds the window.
    const weekly = await server.gql(TREND, { ...WINDOW, bucket: "WEEK" }, t.tokens.manager);
    expect(weekly.data?.responseTrend).toMatchObject([{ day: "2025-03-03", created: 4, slaDecided: 4, slaMet: 2 }]);
  });

  it("buckets days in the tenant's time zone", async () => {
    const ny = await createTestTenant(server, { manager: ["MANAGER"] });
    await server.app.database.db
      .update(tenants)
      .set({ timeZone: "America/New_York" })
      .where(eq(tenants.id, ny.tenant.id));
    // 02:00 UTC on 4 March is 21:00 on 3 March in New York.
    await shape(await createLead(server, ny.tokens.manager, "late", "API"), "2025-03-04T02:00:00Z", {});
    const res = await server.gql(TREND, WINDOW, ny.tokens.manager);
    expect(res.data?.responseTrend.map((p: { day: string; created: number }) => [p.day, p.created])).toEqual([
      ["2025-03-02", 0], // the window starts at 19:00 on 2 March there
      ["2025-03-03", 1],
      ["2025-03-04", 0],
      ["2025-03-05", 0],
    ]);
    expect(res.data?.responseTrend[1].start).toBe("2025-03-03T05:00:00.000Z");
  });

  it("refuses a daily trend of more than 400 points", async () => {
    const res = await server.gql(TREND, { from: "2020-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z" }, t.tokens.manager);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    const weekly = await server.gql(
      TREND,
      { from: "2020-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z", bucket: "WEEK" },
      t.tokens.manager,
    );
    expect(weekly.errors).toBeUndefined();
  });

  it("lays the window's leads along the default pipeline: at each stage now, and reached", async () => {
    const res = await server.gql(FUNNEL, WINDOW, t.tokens.manager);
    expect(res.errors).toBeUndefined();
    const funnel = res.data?.stageFunnel;
    expect(funnel.created).toBe(4);
    expect(
      funnel.steps.map((s: { key: string; leads: number; reached: number }) => [s.key, s.leads, s.reached]),
    ).toEqual([
      ["new", 1, 4],
      ["working", 1, 2],
      ["mql", 0, 1],
      ["sql", 0, 1],
      ["converted", 1, 1],
      ["disqualified", 1, 1],
    ]);
    expect(funnel.steps[4].category).toBe("WON");
  });

  it("converts by source and by campaign (UTM first, else the campaign typed on the lead)", async () => {
    const res = await server.gql(CONVERSION, WINDOW, t.tokens.manager);
    expect(res.errors).toBeUndefined();
    expect(res.data?.conversionBySource.sources).toEqual([
      { source: "WEBSITE_FORM", created: 2, converted: 1, conversionRate: 0.5 },
      expect.objectContaining({ created: 1, converted: 0, conversionRate: 0 }),
      expect.objectContaining({ created: 1, converted: 0, conversionRate: 0 }),
    ]);
    expect(res.data?.conversionBySource.sources.map((s: { source: string }) => s.source).sort()).toEqual([
      "API",
      "MANUAL",
      "WEBSITE_FORM",
    ]);
    expect(res.data?.conversionBySource.campaigns).toEqual([
      { campaign: "spring", created: 2, converted: 1, conversionRate: 0.5 },
      { campaign: "fair", created: 1, converted: 0, conversionRate: 0 },
      { campaign: null, created: 1, converted: 0, conversionRate: 0 },
    ]);
  });

  it("gives each rep's share of the window, still-open leads among it, idle reps included, the pool left out", async () => {
    const res = await server.gql(WORKLOAD, WINDOW, t.tokens.manager);
    expect(res.errors).toBeUndefined();
    expect(res.data?.repWorkload).toEqual([
      // Of rep's: b is open, a won; "old" is open but outside the window; "gone" is retired.
      { user: { name: "rep" }, open: 1, created: 2, converted: 1, firstResponseMedianSeconds: 3000, slaMetRate: 0.5 },
      { user: { name: "rep2" }, open: 0, created: 1, converted: 0, firstResponseMedianSeconds: null, slaMetRate: 0 },
      { user: { name: "idle" }, open: 0, created: 0, converted: 0, firstResponseMedianSeconds: null, slaMetRate: null },
    ]);
  });

  it("counts the window's leads per score band under the tenant's cut-offs, every band present", async () => {
    const res = await server.gql(BANDS, WINDOW, t.tokens.manager);
    expect(res.data?.scoreBands).toEqual([
      { band: "CHAMPION", leads: 1, converted: 1 },
      { band: "HOT", leads: 1, converted: 0 },
      { band: "WARM", leads: 1, converted: 0 },
      { band: "COLD", leads: 1, converted: 0 },
    ]);
    const empty = await server.gql(BANDS, { from: "2001-01-01T00:00:00Z", to: "2001-02-01T00:00:00Z" }, t.tokens.admin);
    expect(empty.data?.scoreBands.map((b: { leads: number }) => b.leads)).toEqual([0, 0, 0, 0]);
  });

  it("agrees with metrics on the same window", async () => {
    const metrics = await server.gql(
      `query(${ARGS}) { metrics(from: $from, to: $to) { created converted slaMetRate firstResponseMedianSeconds } }`,
      WINDOW,
      t.tokens.manager,
    );
    expect(metrics.data?.metrics).toEqual({
      created: 4,
      converted: 1,
      slaMetRate: 0.5, // a and d met, b late, c breached
      firstResponseMedianSeconds: 1800, // of 600, 1,800 and 5,400 s
    });
  });
});

describe("dashboard access", () => {
  it("lets managers and admins in and refuses reps and marketeers every panel (FORBIDDEN)", async () => {
    for (const [name, query] of Object.entries(PANELS)) {
      expect(codes(await server.gql(query, WINDOW, t.tokens.admin)), name).toEqual([]);
      expect(codes(await server.gql(query, WINDOW, t.tokens.rep)), name).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(query, WINDOW, t.tokens.marketeer)), name).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(query, WINDOW)), name).toEqual(["UNAUTHENTICATED"]);
    }
  });

  it("keeps each tenant to its own leads", async () => {
    const theirs = await server.gql(BANDS, {}, other.tokens.manager);
    expect(theirs.data?.scoreBands.reduce((n: number, b: { leads: number }) => n + b.leads, 0)).toBe(1);
    const window = await server.gql(FUNNEL, WINDOW, other.tokens.manager);
    expect(window.data?.stageFunnel.created).toBe(0);
    const workload = await server.gql(WORKLOAD, {}, other.tokens.manager);
    expect(workload.data?.repWorkload).toEqual([]);
  });
});
