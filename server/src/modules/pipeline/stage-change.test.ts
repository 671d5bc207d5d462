import { PIPELINE_PRESETS, type PipelinePresetKey } from "@leadline/shared";
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  expectStageCountsExact,
  reasons,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

/**
 * One writer of stage changes (stage-change.ts) behind the kanban move,
 * conversion, expiry, the service journey and score promotions: these tests
 * hold every path to the same side effects.
 */
let server: TestServer;
let t: TestTenant;
let pipelineOf: Record<PipelinePresetKey, string>;

const MOVE = "mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { id status reviewRequestStatus } }";
const CONVERT = `mutation($id: ID!) {
  convertLead(id: $id, input: { createCompany: false }) { lead { id status reviewRequestStatus readOnly } }
}`;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"] });
  const res = await server.gql("{ pipelines { id preset } }", {}, t.tokens.admin);
  pipelineOf = Object.fromEntries(
    ((res.data?.pipelines ?? []) as { id: string; preset: PipelinePresetKey }[]).map((p) => [p.preset, p.id]),
  ) as Record<PipelinePresetKey, string>;
});
afterAll(() => server?.stop());

const db = () => server.app.database.db;

async function createLead(preset: PipelinePresetKey, name = "Stage Lead"): Promise<string> {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name, source: "API", email: `${crypto.randomUUID()}@example.com`, pipelineId: pipelineOf[preset] } },
    t.tokens.manager,
  );
  const id = res.data?.createLead.lead?.id;
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

/** Puts a lead in a stage without an event, to test a change from there. */
const placeAt = (id: string, status: string) => db().update(leads).set({ status }).where(eq(leads.id, id));

const statusChanges = async (id: string) => {
  const [row] = await db()
    .select({ n: count() })
    .from(leadEvents)
    .where(and(eq(leadEvents.leadId, id), eq(leadEvents.type, "STATUS_CHANGED")));
  return Number(row?.n);
};

const expectCountsExact = () => expectStageCountsExact(server, t.tenant.id);

describe("a stage change by any path", () => {
  it("should make a lead that reaches WON by a move review-eligible", async () => {
    const id = await createLead("field_service");
    const moved = await server.gql(MOVE, { id, to: "completed" }, t.tokens.manager);
    expect(moved.data?.moveLead).toMatchObject({ status: "completed", reviewRequestStatus: "ELIGIBLE" });
    expect(await statusChanges(id)).toBe(1);
    await expectCountsExact();
  });

  it("should make a lead that reaches WON by conversion review-eligible and read-only", async () => {
    const id = await createLead("lifecycle");
    await placeAt(id, "sql");
    const converted = await server.gql(CONVERT, { id }, t.tokens.manager);
    expect(converted.data?.convertLead.lead).toMatchObject({
      status: "converted",
      reviewRequestStatus: "ELIGIBLE",
      readOnly: true,
    });
    expect(await statusChanges(id)).toBe(1);
    const again = await server.gql(MOVE, { id, to: "sql" }, t.tokens.manager);
    expect(reasons(again)).toEqual(["READ_ONLY"]);
    await expectCountsExact();
  });

  it("should record the outcome and exactly one event when a lead expires into LOST", async () => {
    const id = await createLead("simple");
    await db()
      .update(leads)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(leads.id, id));
    await server.app.services.expiry.expireLead({ leadId: id });
    const [row] = await db().select().from(leads).where(eq(leads.id, id));
    expect(row).toMatchObject({ status: "lost", outcome: "expired" });
    expect(await statusChanges(id)).toBe(1);
    // Running the timer again changes nothing: the lead is no longer open.
    await server.app.services.expiry.expireLead({ leadId: id });
    expect(await statusChanges(id)).toBe(1);
    await expectCountsExact();
  });

  it("should write one event and keep counts exact through a run of moves", async () => {
    const id = await createLead("lifecycle");
    for (const to of ["working", "mql", "sql", "disqualified", "new"]) {
      expect(codes(await server.gql(MOVE, { id, to }, t.tokens.manager))).toEqual([]);
    }
    expect(await statusChanges(id)).toBe(5);
    const events = await db()
      .select({ payload: leadEvents.payload })
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, id), eq(leadEvents.type, "STATUS_CHANGED")));
    expect(events.every((e) => (e.payload as { via?: string }).via === "MOVE")).toBe(true);
    await expectCountsExact();
  });
});

describe("a stage removed from a pipeline", () => {
  const UPDATE = `mutation($id: ID!, $stages: [StageInput!]!, $mapping: [StageMappingInput!]) {
    updatePipeline(id: $id, stages: $stages, stageMapping: $mapping) { id }
  }`;

  async function pipelineWithLeadIn(status: string) {
    const created = await server.gql(
      `mutation { createPipeline(name: "Remap ${crypto.randomUUID().slice(0, 8)}", preset: "simple") { id } }`,
      {},
      t.tokens.admin,
    );
    const pipelineId = created.data?.createPipeline.id as string;
    const res = await server.gql(
      CREATE_LEAD,
      { input: { name: "Remapped", source: "API", email: `${crypto.randomUUID()}@example.com`, pipelineId } },
      t.tokens.manager,
    );
    const id = res.data?.createLead.lead.id as string;
    await placeAt(id, status);
    return { pipelineId, id };
  }

  /** The simple preset without `qualified`, and a plain WON stage `won` beside the conversion-only one. */
  const stages = PIPELINE_PRESETS.simple.stages
    .filter((s) => s.key !== "qualified")
    .map((s) => ({ ...s, transitions: s.transitions.filter((k) => k !== "qualified") }))
    .concat([{ key: "won", label: "Won", category: "WON", transitions: [] }]);

  it("should refuse to map its leads into a conversion-only stage", async () => {
    const { pipelineId, id } = await pipelineWithLeadIn("qualified");
    const res = await server.gql(
      UPDATE,
      { id: pipelineId, stages, mapping: [{ from: "qualified", to: "converted" }] },
      t.tokens.admin,
    );
    expect(reasons(res)).toEqual(["INVALID_INPUT"]);
    const [row] = await db().select().from(leads).where(eq(leads.id, id));
    expect(row?.status).toBe("qualified");
  });

  it("should map its leads with one event each, and a WON target makes them review-eligible", async () => {
    const { pipelineId, id } = await pipelineWithLeadIn("qualified");
    const res = await server.gql(
      UPDATE,
      { id: pipelineId, stages, mapping: [{ from: "qualified", to: "won" }] },
      t.tokens.admin,
    );
    expect(codes(res)).toEqual([]);
    const [row] = await db().select().from(leads).where(eq(leads.id, id));
    expect(row).toMatchObject({ status: "won", reviewRequestStatus: "ELIGIBLE" });
    expect(await statusChanges(id)).toBe(1);
    await expectCountsExact();
  });
});

describe("conversion-only stages", () => {
  for (const preset of Object.values(PIPELINE_PRESETS)) {
    it(`should let no move into a conversion-only stage of ${preset.key}`, async () => {
      const targets = preset.stages.filter((s) => s.conversionOnly);
      for (const target of targets) {
        for (const from of preset.stages.filter((s) => s.transitions.includes(target.key))) {
          const id = await createLead(preset.key);
          await placeAt(id, from.key);
          const res = await server.gql(MOVE, { id, to: target.key }, t.tokens.manager);
          expect({ from: from.key, reasons: reasons(res) }).toEqual({ from: from.key, reasons: ["CONVERSION_ONLY"] });
        }
      }
    });
  }

  it("should flag the stage on the API so clients need not know presets", async () => {
    const res = await server.gql(
      "{ pipelines { preset stages { key conversionOnly pausesSla } } }",
      {},
      t.tokens.manager,
    );
    const flags = Object.fromEntries(
      (
        (res.data?.pipelines ?? []) as {
          preset: string;
          stages: { key: string; conversionOnly: boolean; pausesSla: boolean }[];
        }[]
      ).map((p) => [p.preset, p.stages.filter((s) => s.conversionOnly || s.pausesSla).map((s) => s.key)]),
    );
    expect(flags).toEqual({
      lifecycle: ["converted"],
      simple: ["converted"],
      field_service: [],
      service_journey: ["pending"],
    });
  });

  it("should let the simple preset's lead be converted from a stage that leads to 'converted'", async () => {
    const id = await createLead("simple");
    await placeAt(id, "contacted");
    const converted = await server.gql(CONVERT, { id }, t.tokens.manager);
    expect(codes(converted)).toEqual([]);
    expect(converted.data?.convertLead.lead.status).toBe("converted");
  });
});
