import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads, scoreSnapshots } from "../../db/schema/index.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

/**
 * A batch of creates is written set-based (one statement for the rows and
 * their events, one for the timers, one for the scores), and must end in
 * exactly the state the same leads created one by one would: numbers in
 * order and gap-free, one CREATED event, one SLA timer and a first score
 * each, and a lead that repeats an earlier one of the same batch treated as
 * if it arrived after it.
 */
let server: TestServer;
let t: TestTenant;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"] });
  const created = await server.gql(
    'mutation { createApiKey(name: "batch", roles: [MANAGER]) { secret } }',
    {},
    t.tokens.admin,
  );
  apiKey = created.data?.createApiKey.secret;
});
afterAll(() => server?.stop());

const db = () => server.app.database.db;

async function postBatch(body: unknown) {
  const res = await fetch(`${server.url}/api/v1/leads`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function setPolicy(policy: "MERGE" | "KEEP_BOTH") {
  const res = await server.gql(
    `mutation($p: IntakeDuplicatePolicy!) { updateTenantSettings(input: { intakeDuplicatePolicy: $p }) { intakeDuplicatePolicy } }`,
    { p: policy },
    t.tokens.admin,
  );
  expect(res.errors).toBeUndefined();
}

describe("a batch of new leads", () => {
  it("should number them in order without gaps, each with its event, SLA timer and first score", async () => {
    const batch = Array.from({ length: 40 }, (_, i) => ({
      name: `Batch ${i}`,
      source: "API",
      email: `batch${i}@example.com`,
      ...(i % 2 === 0 ? { jobTitle: "Chief Executive Officer" } : {}),
      ...(i % 5 === 0 ? { city: "Oslo" } : {}),
    }));
    const answer = await postBatch(batch);
    expect(answer.status).toBe(201);
    const ids: string[] = answer.body.leads.map((l: { id: string }) => l.id);
    const numbers: number[] = answer.body.leads.map((l: { requestId: number }) => l.requestId);
    expect(numbers).toEqual(numbers.map((_, i) => (numbers[0] as number) + i));
    const rows = await db().select().from(leads).where(inArray(leads.id, ids));
    expect(rows.map((r) => r.name).sort()).toEqual(batch.map((b) => b.name).sort());
    expect(rows.filter((r) => r.city === "Oslo")).toHaveLength(8);
    const created = await db()
      .select()
      .from(leadEvents)
      .where(and(inArray(leadEvents.leadId, ids), eq(leadEvents.type, "CREATED")));
    expect(created).toHaveLength(40);
    for (const event of created) {
      const lead = rows.find((r) => r.id === event.leadId);
      expect(event.payload).toMatchObject({ requestId: lead?.requestId, channel: "API" });
    }
    // Each clock runs from creation (the SLA sweep announces its thresholds; nothing is scheduled per lead).
    expect(rows.every((r) => r.slaState === "ON_TRACK" && r.firstResponseDueAt && r.slaAtRiskAt)).toBe(true);
    const scored = await db().select().from(scoreSnapshots).where(inArray(scoreSnapshots.leadId, ids));
    const scoringLeads = rows
      .filter((r) => r.score !== 0)
      .map((r) => r.id)
      .sort();
    expect(scored.map((s) => s.leadId).sort()).toEqual(scoringLeads);
    expect(scoringLeads.length).toBeGreaterThan(0);
  });

  it("should flag a repeat of an earlier lead of the same batch when keeping both", async () => {
    await setPolicy("KEEP_BOTH");
    const answer = await postBatch([
      { name: "Twin One", source: "API", email: "twin@example.com" },
      { name: "Other", source: "API", email: "other@example.com" },
      { name: "Twin Two", source: "API", email: "twin@example.com" },
    ]);
    expect(answer.status).toBe(201);
    const [one, other, two] = answer.body.leads;
    expect(one.duplicates ?? []).toEqual([]);
    expect(other.duplicates ?? []).toEqual([]);
    expect(two.id).not.toBe(one.id);
    // Listed on the lead, as a repeat arriving in a later request would be.
    const listed = await server.gql(
      "query($id: ID) { lead(id: $id) { duplicates { lead { id } } } }",
      { id: two.id },
      t.tokens.admin,
    );
    expect(listed.data?.lead.duplicates.map((d: { lead: { id: string } | null }) => d.lead?.id)).toContain(one.id);
  });

  it("should merge a repeat into the earlier lead of the same batch when merging", async () => {
    await setPolicy("MERGE");
    const answer = await postBatch([
      { name: "Merge Me", source: "API", email: "merge.me@example.com" },
      { name: "Merge Me", source: "API", email: "merge.me@example.com", city: "Bergen" },
    ]);
    expect(answer.status).toBe(201);
    const [first, second] = answer.body.leads;
    expect(second.id).toBe(first.id);
    const rows = await db().select().from(leads).where(eq(leads.email, "merge.me@example.com"));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.city).toBe("Bergen");
    await setPolicy("KEEP_BOTH");
  });

  it("should create nothing when one item is refused, naming it", async () => {
    const before = await db().select({ id: leads.id }).from(leads).where(eq(leads.tenantId, t.tenant.id));
    const answer = await postBatch([
      { name: "Fine", source: "API", email: "fine@example.com" },
      { name: "Broken", source: "API", email: "not-an-email" },
    ]);
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].extensions.fields).toEqual([expect.objectContaining({ field: "1.email" })]);
    const after = await db().select({ id: leads.id }).from(leads).where(eq(leads.tenantId, t.tenant.id));
    expect(after).toHaveLength(before.length);
  });
});
