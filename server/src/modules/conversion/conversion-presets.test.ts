import { PIPELINE_PRESET_KEYS } from "@leadline/shared";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, reasons, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

interface Stage {
  key: string;
  category: "OPEN" | "WON" | "LOST";
  transitions: string[];
  conversionOnly: boolean;
}

const CREATE_PIPELINE = `mutation($name: String!, $preset: String!) {
  createPipeline(name: $name, preset: $preset) { id stages { key category transitions conversionOnly } }
}`;
const MOVE = `mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { status } }`;
const CONVERT = `mutation($id: ID!) { convertLead(id: $id, input: {}) { lead { status readOnly convertedAt } } }`;

let server: TestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], admin: ["ADMIN"] });
});
afterAll(() => server?.stop());

/** The shortest walk of moves from one stage to another along the pipeline's transitions (BFS). */
function walk(stages: Stage[], from: string, to: string): string[] | null {
  const queue: string[][] = [[from]];
  const seen = new Set([from]);
  while (queue.length) {
    const path = queue.shift() as string[];
    const at = stages.find((s) => s.key === path.at(-1));
    for (const next of at?.transitions ?? []) {
      if (next === to) return [...path.slice(1), next];
      if (!seen.has(next)) {
        seen.add(next);
        queue.push([...path, next]);
      }
    }
  }
  return null;
}

/**
 * The rule (issue 15): a WON stage kept for conversion is entered only by
 * convertLead; a WON stage a move may enter (a job completed) can still be
 * converted from, and the lead stays there. Either way a lead in a WON stage
 * can always become a client.
 */
describe.each(PIPELINE_PRESET_KEYS)("the %s preset", (preset) => {
  it("reaches its WON stage by conversion, or converts from it", async () => {
    const made = await server.gql(CREATE_PIPELINE, { name: `P ${preset}`, preset }, t.tokens.admin);
    expect(made.errors).toBeUndefined();
    const pipeline = made.data?.createPipeline as { id: string; stages: Stage[] };
    const won = pipeline.stages.find((s) => s.category === "WON") as Stage;
    expect(won).toBeDefined();
    const created = await server.gql(
      CREATE_LEAD,
      { input: { name: `Lead ${preset}`, source: "MANUAL", email: `${preset}@example.com`, pipelineId: pipeline.id } },
      t.tokens.manager,
    );
    expect(created.errors).toBeUndefined();
    const lead = created.data?.createLead.lead as { id: string; status: string };
    const path = walk(pipeline.stages, lead.status, won.key);
    expect(path, `no path from ${lead.status} to ${won.key}`).not.toBeNull();
    for (const step of (path as string[]).slice(0, -1)) {
      expect((await server.gql(MOVE, { id: lead.id, to: step }, t.tokens.manager)).errors).toBeUndefined();
    }
    if (won.conversionOnly) {
      const moved = await server.gql(MOVE, { id: lead.id, to: won.key }, t.tokens.manager);
      expect(reasons(moved)).toEqual(["CONVERSION_ONLY"]);
    } else {
      const moved = await server.gql(MOVE, { id: lead.id, to: won.key }, t.tokens.manager);
      expect(moved.data?.moveLead.status).toBe(won.key);
    }
    const converted = await server.gql(CONVERT, { id: lead.id }, t.tokens.manager);
    expect(converted.errors).toBeUndefined();
    expect(converted.data?.convertLead.lead).toMatchObject({ status: won.key, readOnly: true });
    const events = await server.app.database.db.select().from(leadEvents).where(eq(leadEvents.leadId, lead.id));
    // One entry into the WON stage, by whichever path, and one conversion.
    expect(events.filter((e) => e.type === "STATUS_CHANGED" && e.payload.to === won.key)).toHaveLength(1);
    expect(events.filter((e) => e.type === "CONVERTED")).toHaveLength(1);
  });
});
