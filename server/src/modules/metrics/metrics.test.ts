import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const METRICS = `query($from: DateTime, $to: DateTime) {
  metrics(from: $from, to: $to) { from to created firstResponseMedianSeconds slaMetRate converted conversionRate bySource byStage }
}`;

async function createLead(token: string | undefined, name: string, source: string) {
  const res = await server.gql(CREATE_LEAD, { input: { name, source, email: `${name}@example.com` } }, token);
  const id = res.data?.createLead?.lead?.id as string | undefined;
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

/** Sets a lead's clock as if it was created `ageMin` minutes ago with the given response history. */
async function shape(
  id: string,
  ageMin: number,
  sla: { respondedAfterMin?: number; dueAfterMin: number; converted?: boolean },
) {
  await server.app.database.db
    .update(leads)
    .set({
      createdAt: sql`now() - make_interval(mins => ${ageMin})`,
      firstResponseDueAt: sql`now() - make_interval(mins => ${ageMin}) + make_interval(mins => ${sla.dueAfterMin})`,
      firstResponseAt:
        sla.respondedAfterMin === undefined
          ? null
          : sql`now() - make_interval(mins => ${ageMin}) + make_interval(mins => ${sla.respondedAfterMin})`,
      convertedAt: sla.converted ? sql`now()` : null,
      status: sla.converted ? "converted" : undefined,
    })
    .where(eq(leads.id, id));
}

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], rep: ["SALES"] });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
  // Manager-made leads start in the pool; the rep's own lead is theirs.
  const a = await createLead(t.tokens.manager, "a", "WEBSITE_FORM");
  const b = await createLead(t.tokens.manager, "b", "WEBSITE_FORM");
  const c = await createLead(t.tokens.manager, "c", "API");
  const d = await createLead(t.tokens.rep, "d", "MANUAL");
  await shape(a, 600, { respondedAfterMin: 10, dueAfterMin: 60, converted: true }); // met, 600 s
  await shape(b, 600, { respondedAfterMin: 90, dueAfterMin: 60 }); // answered late, 5,400 s
  await shape(c, 600, { dueAfterMin: 60 }); // past due, unanswered: breached
  await shape(d, 5, { dueAfterMin: 60 }); // still running: not decided
  // Outside every window below: 40 days old.
  const old = await createLead(t.tokens.manager, "old", "API");
  await shape(old, 40 * 24 * 60, { respondedAfterMin: 1, dueAfterMin: 60 });
  await createLead(other.tokens.manager, "theirs", "API");
});
afterAll(async () => {
  await server?.stop();
});

describe("metrics", () => {
  it("counts the last 30 days by default: created, median first response, SLA met rate, conversion, sources and stages", async () => {
    const res = await server.gql(METRICS, {}, t.tokens.manager);
    expect(res.errors).toBeUndefined();
    expect(res.data?.metrics).toMatchObject({
      created: 4,
      firstResponseMedianSeconds: 3000, // median of 600 s and 5,400 s
      slaMetRate: 1 / 3, // a met; b late; c breached; d undecided
      converted: 1,
      conversionRate: 0.25,
      bySource: { WEBSITE_FORM: 2, API: 1, MANUAL: 1 },
    });
    expect(res.data?.metrics.byStage).toEqual({ converted: 1, new: 3 });
  });

  it("takes an explicit window and reports it", async () => {
    const to = new Date();
    const from = new Date(to.getTime() - 60 * 60_000);
    const res = await server.gql(METRICS, { from: from.toISOString(), to: to.toISOString() }, t.tokens.manager);
    expect(res.data?.metrics).toMatchObject({ created: 1, converted: 0, conversionRate: 0, slaMetRate: null });
    expect(res.data?.metrics.from).toBe(from.toISOString());
    const all = await server.gql(METRICS, { from: new Date(0).toISOString() }, t.tokens.manager);
    expect(all.data?.metrics.created).toBe(5);
  });

  it("gives a rep the figures of the leads they may see, and another tenant only its own", async () => {
    const rep = await server.gql(METRICS, {}, t.tokens.rep);
    // The rep sees their own lead and the unowned pool (a, b, c were made by a manager and are unowned).
    expect(rep.data?.metrics.created).toBe(4);
    await server.app.database.db.update(leads).set({ ownerId: t.users.manager?.id }).where(eq(leads.name, "a"));
    const narrowed = await server.gql(METRICS, {}, t.tokens.rep);
    expect(narrowed.data?.metrics).toMatchObject({ created: 3, converted: 0 });
    const theirs = await server.gql(METRICS, {}, other.tokens.manager);
    expect(theirs.data?.metrics).toMatchObject({ created: 1, bySource: { API: 1 } });
  });

  it("answers null rates when nothing was created, and refuses a window that ends before it starts", async () => {
    const empty = await server.gql(
      METRICS,
      { from: "2001-01-01T00:00:00Z", to: "2001-02-01T00:00:00Z" },
      t.tokens.manager,
    );
    expect(empty.data?.metrics).toMatchObject({
      created: 0,
      firstResponseMedianSeconds: null,
      slaMetRate: null,
      conversionRate: null,
      bySource: {},
    });
    const bad = await server.gql(
      METRICS,
      { from: "2001-02-01T00:00:00Z", to: "2001-01-01T00:00:00Z" },
      t.tokens.manager,
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(codes(await server.gql(METRICS, {}))).toEqual(["UNAUTHENTICATED"]);
  });
});
