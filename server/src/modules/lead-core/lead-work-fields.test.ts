import { afterAll, beforeAll, expect, it } from "vitest";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer } from "../../test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const MAY_WORK = "query($id: ID) { lead(id: $id) { viewerMayWork } }";
const MOVE = 'mutation($id: ID!) { moveLead(id: $id, toStatus: "working") { id } }';

it("Lead.viewerMayWork says what the writes allow: a rep may not work a pool lead until they claim it", async () => {
  const t = await createTestTenant(server, { manager: ["MANAGER"], rep1: ["SALES"], rep2: ["SALES"] });
  const created = await server.gql(
    CREATE_LEAD,
    { input: { name: "Pooled", source: "API", email: "pooled@example.com" } },
    t.tokens.manager,
  );
  const id = created.data?.createLead.lead.id;
  const mayWork = async (token: string | undefined) =>
    (await server.gql(MAY_WORK, { id }, token)).data?.lead?.viewerMayWork;

  expect(await mayWork(t.tokens.manager)).toBe(true);
  expect(await mayWork(t.tokens.rep1)).toBe(false);
  // The same viewer's write is refused, as the field said.
  expect(codes(await server.gql(MOVE, { id }, t.tokens.rep1))).toEqual(["FORBIDDEN"]);

  await server.gql("mutation($id: ID!) { claimLead(id: $id) { id } }", { id }, t.tokens.rep1);
  expect(await mayWork(t.tokens.rep1)).toBe(true);
  // rep2 still sees the lead (taken, in the pool) but may not work it.
  expect(await mayWork(t.tokens.rep2)).toBe(false);
  expect(codes(await server.gql(MOVE, { id }, t.tokens.rep1))).toEqual([]);
});

it("Lead.pipelineStages lists the lead's pipeline in board order, each with its transitions", async () => {
  const t = await createTestTenant(server, { manager: ["MANAGER"] });
  const created = await server.gql(
    CREATE_LEAD,
    { input: { name: "Staged", source: "API", email: "staged@example.com" } },
    t.tokens.manager,
  );
  const res = await server.gql(
    "query($id: ID) { lead(id: $id) { stage { key transitions } pipelineStages { key conversionOnly } } }",
    { id: created.data?.createLead.lead.id },
    t.tokens.manager,
  );
  const lead = res.data?.lead;
  expect(lead.pipelineStages.map((s: { key: string }) => s.key)).toEqual([
    "new",
    "working",
    "mql",
    "sql",
    "converted",
    "disqualified",
  ]);
  expect(lead.stage).toEqual({ key: "new", transitions: ["working", "mql", "sql", "disqualified"] });
});
