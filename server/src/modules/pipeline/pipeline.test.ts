import { MAX_CARDS_PER_COLUMN, PIPELINE_PRESETS } from "@leadline/shared";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  reasons,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let pipelinesByPreset: Record<string, { id: string; name: string; isDefault: boolean }>;

const PIPELINES =
  "{ pipelines { id name preset isDefault stages { key label category position transitions wipLimit } } }";
const MOVE = `mutation($id: ID!, $to: String!, $before: ID, $after: ID, $v: Int) {
  moveLead(id: $id, toStatus: $to, beforeId: $before, afterId: $after, expectedVersion: $v) { id status version reviewRequestStatus }
}`;
const UPDATE_PIPELINE = `mutation($id: ID!, $name: String, $stages: [StageInput!]!, $mapping: [StageMappingInput!]) {
  updatePipeline(id: $id, name: $name, stages: $stages, stageMapping: $mapping) { id name stages { key wipLimit } }
}`;
const BOARD = `query($p: ID, $per: Int, $filter: LeadFilter) { board(pipelineId: $p, perColumn: $per, filter: $filter) {
  pipeline { id } columns { stage { key } totalCount leads { totalCount pageInfo { hasNextPage endCursor } edges { node { id name } } } }
} }`;

async function createLead(token: string | undefined, input: Record<string, unknown> = {}) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Card", source: "MANUAL", email: "c@example.com", ...input } },
    token,
  );
  if (!res.data?.createLead) throw new Error(JSON.stringify(res.errors));
  return res.data.createLead.lead as { id: string; status: string; version: number };
}

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"], rep2: ["SALES"] });
  const res = await server.gql(PIPELINES, {}, t.tokens.rep);
  pipelinesByPreset = Object.fromEntries(res.data?.pipelines.map((p: { preset: string }) => [p.preset, p]));
});
afterAll(() => server?.stop());

describe("pipelines", () => {
  it("gives every tenant the four presets, lifecycle as default", async () => {
    const res = await server.gql(PIPELINES, {}, t.tokens.rep);
    expect(res.data?.pipelines.map((p: { preset: string }) => p.preset).sort()).toEqual([
      "field_service",
      "lifecycle",
      "service_journey",
      "simple",
    ]);
    const lifecycle = res.data?.pipelines.find((p: { preset: string }) => p.preset === "lifecycle");
    expect(lifecycle.isDefault).toBe(true);
    expect(lifecycle.stages.map((s: { key: string }) => s.key)).toEqual([
      "new",
      "working",
      "mql",
      "sql",
      "converted",
      "disqualified",
    ]);
  });

  it("lets only admins create pipelines, from a known preset, under a free name", async () => {
    const create = (token: string | undefined, name: string, preset: string) =>
      server.gql(
        "mutation($n: String!, $p: String!) { createPipeline(name: $n, preset: $p) { id name preset isDefault stages { key } } }",
        { n: name, p: preset },
        token,
      );
    expect(codes(await create(t.tokens.manager, "Partners", "simple"))).toEqual(["FORBIDDEN"]);
    expect(fieldsOf(await create(t.tokens.admin, "Partners", "kanban"))).toEqual(["preset"]);
    const ok = await create(t.tokens.admin, "Partners", "simple");
    expect(ok.data?.createPipeline).toMatchObject({ name: "Partners", preset: "simple", isDefault: false });
    expect(ok.data?.createPipeline.stages).toHaveLength(5);
    expect(codes(await create(t.tokens.admin, "Partners", "field_service"))).toEqual(["CONFLICT"]);
  });

  it("lists the presets createPipeline takes, each stage as a pipeline built from it stores it", async () => {
    const res = await server.gql(
      "{ pipelinePresets { key name stages { key label category position transitions wipLimit conversionOnly pausesSla } } }",
      {},
      t.tokens.rep,
    );
    expect(res.data?.pipelinePresets).toEqual(
      Object.values(PIPELINE_PRESETS).map((preset) => ({
        key: preset.key,
        name: preset.name,
        stages: preset.stages.map((s, position) => ({
          key: s.key,
          label: s.label,
          category: s.category,
          position,
          transitions: s.transitions,
          wipLimit: null,
          conversionOnly: s.conversionOnly ?? false,
          pausesSla: s.pausesSla ?? false,
        })),
      })),
    );
    const created = await server.gql(PIPELINES, {}, t.tokens.rep);
    const lifecycle = created.data?.pipelines.find((p: { preset: string }) => p.preset === "lifecycle");
    expect(lifecycle.stages).toEqual(
      res.data?.pipelinePresets[0].stages.map(({ conversionOnly, pausesSla, ...s }: Record<string, unknown>) => s),
    );
  });

  it("lets only admins reshape or add pipelines; a refused change leaves everything as it was", async () => {
    const before = (await server.gql(PIPELINES, {}, t.tokens.admin)).data?.pipelines;
    const id = pipelinesByPreset.simple?.id;
    const stages = PIPELINE_PRESETS.simple.stages.map((s) => ({ ...s, label: `${s.label}!`, transitions: [] }));
    for (const token of [t.tokens.manager, t.tokens.rep]) {
      expect(codes(await server.gql(UPDATE_PIPELINE, { id, name: "Mine", stages }, token))).toEqual(["FORBIDDEN"]);
      const create = await server.gql(
        'mutation { createPipeline(name: "Rep\'s own", preset: "simple") { id } }',
        {},
        token,
      );
      expect(codes(create)).toEqual(["FORBIDDEN"]);
    }
    expect((await server.gql(PIPELINES, {}, t.tokens.admin)).data?.pipelines).toEqual(before);
  });

  it("refuses a way out of a stage reached only by conversion, naming the stage", async () => {
    const stages = PIPELINE_PRESETS.lifecycle.stages.map((s) =>
      s.key === "converted" ? { ...s, transitions: ["working"] } : s,
    );
    const res = await server.gql(UPDATE_PIPELINE, { id: pipelinesByPreset.lifecycle?.id, stages }, t.tokens.admin);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["stages.4.transitions"]);
  });

  it("holds the next move to the edited transitions map: a step removed is refused, one added is allowed", async () => {
    const created = await server.gql(
      'mutation { createPipeline(name: "Edited map", preset: "lifecycle") { id } }',
      {},
      t.tokens.admin,
    );
    const id = created.data?.createPipeline.id;
    const fresh = await createLead(t.tokens.rep, { pipelineId: id });
    const inMql = await createLead(t.tokens.rep, { pipelineId: id });
    expect(codes(await server.gql(MOVE, { id: inMql.id, to: "mql" }, t.tokens.rep))).toEqual([]);
    // Before: new → working allowed, mql → new not.
    const stages = PIPELINE_PRESETS.lifecycle.stages.map((s) => {
      if (s.key === "new") return { ...s, transitions: s.transitions.filter((k) => k !== "working") };
      if (s.key === "mql") return { ...s, transitions: [...s.transitions, "new"] };
      return s;
    });
    expect(codes(await server.gql(UPDATE_PIPELINE, { id, stages }, t.tokens.admin))).toEqual([]);
    const removed = await server.gql(MOVE, { id: fresh.id, to: "working" }, t.tokens.rep);
    expect(reasons(removed)).toEqual(["TRANSITION_NOT_ALLOWED"]);
    const added = await server.gql(MOVE, { id: inMql.id, to: "new" }, t.tokens.rep);
    expect(codes(added)).toEqual([]);
    expect(added.data?.moveLead.status).toBe("new");
  });

  it("validates a new stage list: transitions to existing stages, an OPEN and a WON stage, unique keys", async () => {
    const id = pipelinesByPreset.field_service?.id;
    const bad = await server.gql(
      UPDATE_PIPELINE,
      {
        id,
        stages: [
          { key: "new", label: "New", category: "OPEN", transitions: ["nowhere"] },
          { key: "new", label: "Again", category: "LOST", transitions: [] },
        ],
      },
      t.tokens.admin,
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(bad)).toEqual(["stages", "stages.0.transitions", "stages.1.key"]);
  });

  it("refuses to drop a stage that holds leads unless they are mapped, then moves them with events", async () => {
    const created = await server.gql(
      'mutation { createPipeline(name: "Field copy", preset: "field_service") { id } }',
      {},
      t.tokens.admin,
    );
    const pipelineId = created.data?.createPipeline.id;
    const lead = await createLead(t.tokens.manager, { pipelineId });
    await server.gql(MOVE, { id: lead.id, to: "contacted" }, t.tokens.manager);
    const stages = [
      { key: "new", label: "New", category: "OPEN", transitions: ["reached", "lost"] },
      { key: "reached", label: "Reached", category: "OPEN", transitions: ["completed", "lost"] },
      { key: "completed", label: "Completed", category: "WON", transitions: [] },
      { key: "lost", label: "Lost", category: "LOST", transitions: ["new"] },
    ];
    const refused = await server.gql(UPDATE_PIPELINE, { id: pipelineId, stages }, t.tokens.admin);
    expect(codes(refused)).toEqual(["CONFLICT"]);
    expect(refused.errors?.[0]?.extensions?.stagesWithLeads).toEqual([{ key: "contacted", leads: 1 }]);
    const [still] = await server.app.database.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(still?.status).toBe("contacted");
    const mapped = await server.gql(
      UPDATE_PIPELINE,
      { id: pipelineId, name: "Field jobs", stages, mapping: [{ from: "contacted", to: "reached" }] },
      t.tokens.admin,
    );
    expect(mapped.data?.updatePipeline.name).toBe("Field jobs");
    const [moved] = await server.app.database.db.select().from(leads).where(eq(leads.id, lead.id));
    expect(moved?.status).toBe("reached");
    const events = await server.app.database.db
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "STATUS_CHANGED")));
    expect(events.at(-1)?.payload).toMatchObject({ from: "contacted", to: "reached" });
  });
});

describe("moveLead transitions", () => {
  for (const preset of Object.values(PIPELINE_PRESETS)) {
    it(`enforces the ${preset.key} transitions map, every pair`, async () => {
      const pipeline = pipelinesByPreset[preset.key];
      const lead = await createLead(t.tokens.manager, { pipelineId: pipeline?.id });
      for (const from of preset.stages) {
        for (const to of preset.stages) {
          if (to.key === from.key) continue;
          await server.app.database.db
            .update(leads)
            .set({ status: from.key, convertedAt: null })
            .where(eq(leads.id, lead.id));
          const res = await server.gql(MOVE, { id: lead.id, to: to.key }, t.tokens.manager);
          // The stage's own flag decides, for every preset: no move enters a conversion-only stage.
          const conversionOnly = Boolean(to.conversionOnly);
          const allowed = from.transitions.includes(to.key) && !conversionOnly;
          const reason = conversionOnly ? "CONVERSION_ONLY" : "TRANSITION_NOT_ALLOWED";
          expect({ from: from.key, to: to.key, codes: codes(res), reasons: reasons(res) }).toEqual({
            from: from.key,
            to: to.key,
            codes: allowed ? [] : ["CONFLICT"],
            reasons: allowed ? [] : [reason],
          });
          if (allowed) expect(res.data?.moveLead.status).toBe(to.key);
        }
      }
    });
  }

  it("records STATUS_CHANGED with from and to, and makes a won job eligible for a review request", async () => {
    const lead = await createLead(t.tokens.manager, { pipelineId: pipelinesByPreset.field_service?.id });
    const res = await server.gql(MOVE, { id: lead.id, to: "completed", v: 1 }, t.tokens.manager);
    expect(res.data?.moveLead).toMatchObject({ status: "completed", version: 2, reviewRequestStatus: "ELIGIBLE" });
    const [event] = await server.app.database.db
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "STATUS_CHANGED")));
    expect(event?.payload).toMatchObject({ from: "new", to: "completed" });
  });

  it("refuses a stale expectedVersion and an unknown stage", async () => {
    const lead = await createLead(t.tokens.manager);
    await server.gql(MOVE, { id: lead.id, to: "working", v: 1 }, t.tokens.manager);
    const stale = await server.gql(MOVE, { id: lead.id, to: "mql", v: 1 }, t.tokens.manager);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    expect(reasons(stale)).toEqual(["STALE_VERSION"]);
    expect(stale.errors?.[0]?.extensions?.currentVersion).toBe(2);
    expect(fieldsOf(await server.gql(MOVE, { id: lead.id, to: "limbo" }, t.tokens.manager))).toEqual(["toStatus"]);
  });

  it("lets reps move only leads they work: not another rep's, not the unclaimed pool", async () => {
    const theirs = await createLead(t.tokens.rep2);
    const pool = await createLead(t.tokens.manager);
    const own = await createLead(t.tokens.rep);
    expect(codes(await server.gql(MOVE, { id: theirs.id, to: "working" }, t.tokens.rep))).toEqual(["NOT_FOUND"]);
    expect(codes(await server.gql(MOVE, { id: pool.id, to: "working" }, t.tokens.rep))).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql(MOVE, { id: own.id, to: "working" }, t.tokens.rep))).toEqual([]);
  });

  it("respects a stage's WIP limit for reps; managers may exceed it", async () => {
    const created = await server.gql(
      'mutation { createPipeline(name: "WIP", preset: "simple") { id } }',
      {},
      t.tokens.admin,
    );
    const id = created.data?.createPipeline.id;
    const stages = PIPELINE_PRESETS.simple.stages.map((s) => ({ ...s, wipLimit: s.key === "contacted" ? 1 : null }));
    await server.gql(UPDATE_PIPELINE, { id, stages }, t.tokens.admin);
    const a = await createLead(t.tokens.rep, { pipelineId: id });
    const b = await createLead(t.tokens.rep, { pipelineId: id });
    expect(codes(await server.gql(MOVE, { id: a.id, to: "contacted" }, t.tokens.rep))).toEqual([]);
    const blocked = await server.gql(MOVE, { id: b.id, to: "contacted" }, t.tokens.rep);
    expect(codes(blocked)).toEqual(["CONFLICT"]);
    expect(reasons(blocked)).toEqual(["WIP_LIMIT"]);
    expect(codes(await server.gql(MOVE, { id: b.id, to: "contacted" }, t.tokens.manager))).toEqual([]);
  });
});

describe("board", () => {
  it("orders cards by rank, places a moved card between its neighbours and pages each column", async () => {
    const created = await server.gql(
      'mutation { createPipeline(name: "Board", preset: "simple") { id } }',
      {},
      t.tokens.admin,
    );
    const p = created.data?.createPipeline.id;
    const cards = [];
    for (const name of ["A", "B", "C", "D"]) cards.push(await createLead(t.tokens.manager, { pipelineId: p, name }));
    const names = async (per?: number) => {
      const res = await server.gql(BOARD, { p, per }, t.tokens.manager);
      return res.data?.board.columns[0].leads.edges.map((e: { node: { name: string } }) => e.node.name);
    };
    expect(await names()).toEqual(["D", "C", "B", "A"]);
    // Move A between D (above) and C (below).
    const [a, , c, d] = cards;
    expect(
      codes(await server.gql(MOVE, { id: a?.id, to: "not_contacted", after: d?.id, before: c?.id }, t.tokens.manager)),
    ).toEqual([]);
    expect(await names()).toEqual(["D", "A", "C", "B"]);
    // Swapped neighbours are refused.
    expect(
      fieldsOf(
        await server.gql(MOVE, { id: a?.id, to: "not_contacted", after: c?.id, before: d?.id }, t.tokens.manager),
      ),
    ).toEqual(["afterId"]);
    // Into another column: to the top, or between named cards.
    await server.gql(MOVE, { id: d?.id, to: "contacted" }, t.tokens.manager);
    await server.gql(MOVE, { id: c?.id, to: "contacted", before: d?.id }, t.tokens.manager);
    const res = await server.gql(BOARD, { p, per: 2 }, t.tokens.manager);
    const columns = res.data?.board.columns;
    expect(
      columns.map((col: { stage: { key: string }; totalCount: number }) => [col.stage.key, col.totalCount]),
    ).toEqual([
      ["not_contacted", 2],
      ["contacted", 2],
      ["qualified", 0],
      ["converted", 0],
      ["lost", 0],
    ]);
    expect(columns[1].leads.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["C", "D"]);
    // Paging a column past the prefetched cards.
    const page1 = await server.gql(BOARD, { p, per: 1 }, t.tokens.manager);
    const first = page1.data?.board.columns[0].leads;
    expect(first.pageInfo.hasNextPage).toBe(true);
    const more = await server.gql(
      `query($p: ID, $after: String) { board(pipelineId: $p, perColumn: 1) { columns { leads(first: 5, after: $after) { edges { node { name } } pageInfo { hasNextPage } } } } }`,
      { p, after: first.pageInfo.endCursor },
      t.tokens.manager,
    );
    expect(more.data?.board.columns[0].leads.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["B"]);
  });

  it("prefetches up to MAX_CARDS_PER_COLUMN cards a column, and names perColumn past it", async () => {
    const most = await server.gql(BOARD, { per: MAX_CARDS_PER_COLUMN }, t.tokens.manager);
    expect(most.errors).toBeUndefined();
    expect(fieldsOf(await server.gql(BOARD, { per: MAX_CARDS_PER_COLUMN + 1 }, t.tokens.manager))).toEqual([
      "perColumn",
    ]);
    expect(fieldsOf(await server.gql(BOARD, { per: -1 }, t.tokens.manager))).toEqual(["perColumn"]);
  });

  it("counts and shows only what the viewer may see", async () => {
    const created = await server.gql(
      'mutation { createPipeline(name: "Mine", preset: "simple") { id } }',
      {},
      t.tokens.admin,
    );
    const p = created.data?.createPipeline.id;
    await createLead(t.tokens.rep, { pipelineId: p, name: "rep's" });
    await createLead(t.tokens.rep2, { pipelineId: p, name: "rep2's" });
    const rep = await server.gql(BOARD, { p }, t.tokens.rep);
    expect(rep.data?.board.columns[0].totalCount).toBe(1);
    expect(rep.data?.board.columns[0].leads.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual([
      "rep's",
    ]);
    const manager = await server.gql(BOARD, { p }, t.tokens.manager);
    expect(manager.data?.board.columns[0].totalCount).toBe(2);
    const other = await createTestTenant(server, { admin: ["ADMIN"] });
    expect(codes(await server.gql(BOARD, { p }, other.tokens.admin))).toEqual(["BAD_USER_INPUT"]);
  });
});
