import { and, count, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  createTestTenant,
  expectStageCountsExact,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
});
afterAll(() => server?.stop());

const expectCountsTrue = () => expectStageCountsExact(server, t.tenant.id);

it("keeps per-stage counts exact through creates, concurrent moves, remaps and bulk writes", async () => {
  const ids: string[] = [];
  for (let i = 0; i < 12; i++) {
    const res = await server.gql(
      CREATE_LEAD,
      { input: { name: `L${i}`, source: "API", email: `l${i}@example.com` } },
      t.tokens.manager,
    );
    ids.push(res.data?.createLead.lead.id);
  }
  await expectCountsTrue();
  // Opposite moves at once must neither deadlock nor drift.
  const move = (id: string | undefined, to: string) =>
    server.gql(
      "mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { id } }",
      { id, to },
      t.tokens.manager,
    );
  await Promise.all(ids.slice(0, 6).map((id) => move(id, "working")));
  const results = await Promise.all([
    ...ids.slice(0, 3).map((id) => move(id, "new")),
    ...ids.slice(6, 9).map((id) => move(id, "working")),
  ]);
  expect(results.every((r) => !r.errors)).toBe(true);
  await expectCountsTrue();
  // A stage removed with its leads mapped elsewhere.
  const pipelines = await server.gql(
    "{ pipelines { id preset stages { key label category transitions } } }",
    {},
    t.tokens.admin,
  );
  const lifecycle = pipelines.data?.pipelines.find((p: { preset: string }) => p.preset === "lifecycle");
  const stages = lifecycle.stages
    .filter((s: { key: string }) => s.key !== "working")
    .map((s: { key: string; label: string; category: string; transitions: string[] }) => ({
      ...s,
      transitions: s.transitions.filter((k) => k !== "working"),
    }));
  const remap = await server.gql(
    "mutation($id: ID!, $stages: [StageInput!]!, $m: [StageMappingInput!]) { updatePipeline(id: $id, stages: $stages, stageMapping: $m) { id } }",
    { id: lifecycle.id, stages, m: [{ from: "working", to: "mql" }] },
    t.tokens.admin,
  );
  expect(remap.errors).toBeUndefined();
  await expectCountsTrue();
  // Retiring and deleting rows directly.
  await server.app.database.db
    .update(leads)
    .set({ retiredAt: new Date() })
    .where(eq(leads.id, ids[0] as string));
  await server.app.database.db.delete(leads).where(eq(leads.id, ids[1] as string));
  await expectCountsTrue();
  // Board and list totals for someone who sees everything come from the kept counts.
  const board = await server.gql("{ board { columns { stage { key } totalCount } } }", {}, t.tokens.manager);
  const mql = board.data?.board.columns.find((c: { stage: { key: string } }) => c.stage.key === "mql");
  const [real] = await server.app.database.db
    .select({ n: count() })
    .from(leads)
    .where(and(eq(leads.status, "mql"), isNull(leads.retiredAt)));
  expect(mql.totalCount).toBe(Number(real?.n));
  const list = await server.gql("{ leads(first: 1) { totalCount } }", {}, t.tokens.manager);
  expect(list.data?.leads.totalCount).toBe(10);
});
