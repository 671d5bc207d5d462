import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts, leadEvents, leads, messages, stageCounts, trackingEvents } from "../../db/schema/index.js";
import { CREATE_LEAD, LEADS } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";
import { download, PNG, upload } from "../files/upload.testkit.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const PROMPT = `mutation($input: CreateLeadInput!, $onDuplicate: DuplicateResolution) {
  createLead(input: $input, onDuplicate: $onDuplicate) {
    lead { id requestId name email phone jobTitle city version contact { id } }
    duplicates { lead { id } contact { id } reasons confidence }
    merged
  }
}`;
const MERGE = `mutation($target: ID!, $source: ID!) {
  mergeLeads(targetId: $target, sourceId: $source) {
    id name email phone jobTitle city companyName companyWebsite version score
    attachments { url name }
    activities(first: 50) { edges { node { type data } } }
  }
}`;
const LEAD = "query($id: ID) { lead(id: $id) { id } }";
const ADD_NOTE = `mutation($id: ID!, $body: String!, $attachments: [AttachmentInput!]) {
  addNote(id: $id, body: $body, attachments: $attachments) { id }
}`;

const db = () => server.app.database.db;

async function createLead(input: Record<string, unknown>, token = t.tokens.manager) {
  const res = await server.gql(CREATE_LEAD, { input: { source: "MANUAL", ...input } }, token);
  const lead = res.data?.createLead?.lead as { id: string; requestId: number } | undefined;
  if (!lead) throw new Error(JSON.stringify(res.errors));
  return lead;
}

const leadRow = async (id: string) => (await db().select().from(leads).where(eq(leads.id, id)))[0];
const leadCount = async () =>
  (await db().select({ id: leads.id }).from(leads).where(eq(leads.tenantId, t.tenant.id))).length;
const eventsOf = async (id: string) =>
  db().select().from(leadEvents).where(eq(leadEvents.leadId, id)).orderBy(leadEvents.sequence);
const merge = (target: string, source: string, token = t.tokens.manager) =>
  server.gql(MERGE, { target, source }, token);

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], rep1: ["SALES"], rep2: ["SALES"] });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

describe("createLead's merge prompt", () => {
  it("creates nothing and takes no requestId when duplicates exist and no choice was made", async () => {
    const existing = await createLead({ name: "Mary Jackson", email: "mary@langley.example" });
    const before = await leadCount();
    const res = await server.gql(
      PROMPT,
      { input: { name: "Mary W. Jackson", source: "CALL", email: "MARY@langley.example", city: "Hampton" } },
      t.tokens.manager,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.createLead).toEqual({
      lead: null,
      duplicates: [{ lead: { id: existing.id }, contact: null, reasons: ["email"], confidence: 0.95 }],
      merged: false,
    });
    expect(await leadCount()).toBe(before);
    // The number the prompt did not take goes to the next lead created.
    const next = await createLead({ name: "Someone New", email: "new-person@elsewhere.example" });
    expect(next.requestId).toBe(existing.requestId + 1);
  });

  it("MERGE fills the best match's empty fields, keeps its own values and records MERGED", async () => {
    const existing = await createLead({ name: "Dorothy Vaughan", email: "dorothy@langley.example", city: "Hampton" });
    const before = await leadCount();
    const res = await server.gql(
      PROMPT,
      {
        input: {
          name: "Dot Vaughan",
          source: "CALL",
          email: "dorothy@langley.example",
          phone: "(757) 555-0142",
          jobTitle: "Head of Computing",
          city: "Newport News",
        },
        onDuplicate: "MERGE",
      },
      t.tokens.manager,
    );
    expect(res.errors).toBeUndefined();
    const payload = res.data?.createLead;
    expect(payload.merged).toBe(true);
    expect(payload.duplicates.map((d: { lead: { id: string } }) => d.lead.id)).toEqual([existing.id]);
    expect(payload.lead).toMatchObject({
      id: existing.id,
      name: "Dorothy Vaughan",
      phone: "+17575550142",
      jobTitle: "Head of Computing",
      city: "Hampton",
    });
    expect(await leadCount()).toBe(before);
    const merged = (await eventsOf(existing.id)).find((e) => e.type === "MERGED");
    expect(merged?.payload).toMatchObject({
      from: "createLead",
      filled: expect.arrayContaining(["phone", "jobTitle"]),
      unapplied: { name: "Dot Vaughan", city: "Newport News" },
    });
  });

  it("MERGE needs the right to work the best match", async () => {
    // A manager's lead without owner sits in the pool: a rep sees it but has not claimed it.
    await createLead({ name: "Pool Person", email: "pool@person.example" });
    const res = await server.gql(
      PROMPT,
      { input: { name: "Pool Person", source: "CALL", email: "pool@person.example" }, onDuplicate: "MERGE" },
      t.tokens.rep1,
    );
    expect(codes(res)).toEqual(["FORBIDDEN"]);
  });

  it("MERGE into a converted lead is a CONFLICT", async () => {
    const existing = await createLead({ name: "Converted Carl", email: "carl@converted.example" });
    await db().update(leads).set({ convertedAt: new Date() }).where(eq(leads.id, existing.id));
    const res = await server.gql(
      PROMPT,
      { input: { name: "Carl", source: "CALL", email: "carl@converted.example" }, onDuplicate: "MERGE" },
      t.tokens.manager,
    );
    expect(codes(res)).toEqual(["CONFLICT"]);
  });

  it("KEEP_BOTH creates the lead and lists the duplicates", async () => {
    const existing = await createLead({ name: "Christine Darden", phone: "+1 757 555 0199" });
    const res = await server.gql(
      PROMPT,
      { input: { name: "Christine Darden", source: "CALL", phone: "7575550199" }, onDuplicate: "KEEP_BOTH" },
      t.tokens.manager,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.createLead.merged).toBe(false);
    expect(res.data?.createLead.lead.id).not.toBe(existing.id);
    expect(res.data?.createLead.duplicates).toEqual([
      { lead: { id: existing.id }, contact: null, reasons: ["phone"], confidence: 0.9 },
    ]);
  });

  it("MERGE with only a tenant contact matching makes the lead for that contact", async () => {
    const [contact] = await db()
      .insert(contacts)
      .values({ tenantId: t.tenant.id, firstName: "Annie", lastName: "Easley", email: "annie@lewis.example" })
      .returning();
    const prompt = await server.gql(
      PROMPT,
      { input: { name: "Annie Easley", source: "CALL", email: "annie@lewis.example" } },
      t.tokens.manager,
    );
    expect(prompt.data?.createLead).toMatchObject({ lead: null, duplicates: [{ contact: { id: contact?.id } }] });
    const res = await server.gql(
      PROMPT,
      { input: { name: "Annie Easley", source: "CALL", email: "annie@lewis.example" }, onDuplicate: "MERGE" },
      t.tokens.manager,
    );
    expect(res.data?.createLead).toMatchObject({ merged: false, lead: { contact: { id: contact?.id } } });
  });

  it("does not count the contact the input chose as a duplicate of the lead made for it", async () => {
    const [contact] = await db()
      .insert(contacts)
      .values({ tenantId: t.tenant.id, firstName: "Mae", lastName: "Jemison", email: "mae@endeavour.example" })
      .returning();
    const res = await server.gql(
      PROMPT,
      { input: { name: "Mae Jemison", source: "CALL", existingContactId: contact?.id } },
      t.tokens.manager,
    );
    expect(res.data?.createLead).toMatchObject({
      merged: false,
      duplicates: [],
      lead: { contact: { id: contact?.id } },
    });
    const own = await server.gql(
      "query($id: ID) { lead(id: $id) { duplicates { contact { id } } } }",
      { id: res.data?.createLead.lead.id },
      t.tokens.manager,
    );
    expect(own.data?.lead.duplicates).toEqual([]);
  });
});

describe("mergeLeads", () => {
  it("moves files, messages and signals, fills empty fields only, retires the source", async () => {
    const target = await createLead(
      { name: "Evelyn Boyd", email: "evelyn@granville.example", city: "Washington" },
      t.tokens.rep1,
    );
    const source = await createLead(
      {
        name: "Evelyn Granville",
        email: "evelyn.granville@ibm.example",
        phone: "+1 202 555 0123",
        city: "New York",
        jobTitle: "Mathematician",
        companyName: "IBM Research",
        companyWebsite: "https://www.ibm-research.com/labs",
        attachments: [{ url: "https://docs.example/cv.pdf", name: "cv.pdf", fileType: "application/pdf", size: 10 }],
      },
      t.tokens.rep2,
    );
    const { body: file } = await upload(server, t.tokens.rep2, PNG(300), { leadId: source.id, name: "desk.png" });
    const note = await server.gql(
      ADD_NOTE,
      {
        id: source.id,
        body: "Prefers email",
        attachments: [{ url: file.url, name: "desk.png", fileType: "image/png", size: 300 }],
      },
      t.tokens.rep2,
    );
    expect(note.errors).toBeUndefined();
    await db().insert(messages).values({
      tenantId: t.tenant.id,
      leadId: source.id,
      channel: "EMAIL",
      direction: "OUTBOUND",
      purpose: "REPLY",
      to: "evelyn.granville@ibm.example",
      body: "Hello",
    });
    const tracked = await server.gql(
      "mutation($e: [TrackingEventInput!]!) { trackEvents(events: $e) }",
      { e: [1, 2, 3].map(() => ({ leadId: source.id, type: "form_submit" })) },
      t.tokens.manager,
    );
    expect(tracked.data?.trackEvents).toBe(3);
    // Before the merge the target's owner cannot reach the source's file.
    expect((await download(server, t.tokens.rep1, file.url)).status).toBe(404);
    const targetBefore = await leadRow(target.id);
    const sourceScore = (await leadRow(source.id))?.score ?? 0;
    expect(sourceScore).toBeGreaterThan(0);

    const res = await merge(target.id, source.id);
    expect(res.errors).toBeUndefined();
    const merged = res.data?.mergeLeads;
    expect(merged).toMatchObject({
      id: target.id,
      name: "Evelyn Boyd",
      email: "evelyn@granville.example",
      city: "Washington",
      phone: "+12025550123",
      jobTitle: "Mathematician",
      companyName: "IBM Research",
      companyWebsite: "https://ibm-research.com/labs",
    });
    expect(merged.version).toBeGreaterThan(targetBefore?.version ?? 0);
    expect(merged.score).toBeGreaterThanOrEqual(sourceScore);
    expect(merged.attachments.map((a: { name: string }) => a.name).sort()).toEqual(["cv.pdf", "desk.png"]);
    // The source's note shows on the target's timeline; the MERGED entry names the source.
    const timeline = merged.activities.edges.map(
      (e: { node: { type: string; data: Record<string, unknown> } }) => e.node,
    );
    expect(timeline.find((n: { type: string }) => n.type === "NOTE_ADDED")?.data.body).toBe("Prefers email");
    expect(timeline.find((n: { type: string }) => n.type === "MERGED")?.data).toMatchObject({
      sourceId: source.id,
      sourceRequestId: source.requestId,
      moved: { attachments: 2, messages: 1, trackingEvents: 3 },
    });
    expect((await download(server, t.tokens.rep1, file.url)).status).toBe(200);
    expect(await db().select().from(messages).where(eq(messages.leadId, target.id))).toHaveLength(1);
    expect(await db().select().from(trackingEvents).where(eq(trackingEvents.leadId, target.id))).toHaveLength(3);
    const targetRow = await leadRow(target.id);
    expect(targetRow?.companyDomain).toBe("ibm-research.com");

    const retired = await leadRow(source.id);
    expect(retired?.retiredAt).not.toBeNull();
    expect(retired?.mergedIntoId).toBe(target.id);
    expect((await eventsOf(source.id)).at(-1)).toMatchObject({
      type: "MERGED",
      payload: { mergedIntoId: target.id, mergedIntoRequestId: target.requestId },
    });
    // Gone from lookups, lists and duplicate searches.
    expect((await server.gql(LEAD, { id: source.id }, t.tokens.manager)).data?.lead).toBeNull();
    const list = await server.gql(LEADS, { first: 200 }, t.tokens.manager);
    expect(list.data?.leads.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(source.id);
    const find = async (input: Record<string, string>) =>
      (
        await server.gql(
          "query($i: DuplicateProbeInput!) { findDuplicates(input: $i) { lead { id } } }",
          { i: input },
          t.tokens.manager,
        )
      ).data?.findDuplicates;
    expect(await find({ email: "evelyn.granville@ibm.example" })).toEqual([]);
    expect(await find({ phone: "202-555-0123" })).toEqual([{ lead: { id: target.id } }]);
  });

  it("takes the source out of the board counts", async () => {
    const target = await createLead({ name: "Count Target", email: "count-target@example.com" });
    const source = await createLead({ name: "Count Source", email: "count-source@example.com" });
    const counted = async () => {
      const [row] = await db()
        .select({ n: stageCounts.leads })
        .from(stageCounts)
        .where(and(eq(stageCounts.tenantId, t.tenant.id), eq(stageCounts.status, "new")));
      return Number(row?.n ?? 0);
    };
    const board = async () => {
      const res = await server.gql("{ board { columns { stage { key } totalCount } } }", {}, t.tokens.manager);
      return res.data?.board.columns.find((c: { stage: { key: string } }) => c.stage.key === "new").totalCount;
    };
    const before = { counted: await counted(), board: await board() };
    expect((await merge(target.id, source.id)).errors).toBeUndefined();
    expect(await counted()).toBe(before.counted - 1);
    expect(await board()).toBe(before.board - 1);
  });

  it("is for managers: a rep gets FORBIDDEN", async () => {
    const a = await createLead({ name: "Rep A", email: "rep-a@example.com" }, t.tokens.rep1);
    const b = await createLead({ name: "Rep B", email: "rep-b@example.com" }, t.tokens.rep1);
    expect(codes(await merge(a.id, b.id, t.tokens.rep1))).toEqual(["FORBIDDEN"]);
    expect((await leadRow(b.id))?.retiredAt).toBeNull();
  });

  it("refuses converted leads with CONFLICT and changes nothing", async () => {
    const target = await createLead({ name: "Conv Target", email: "conv-target@example.com" });
    const source = await createLead({ name: "Conv Source", email: "conv-source@example.com", city: "Rome" });
    await db().update(leads).set({ convertedAt: new Date() }).where(eq(leads.id, source.id));
    expect(codes(await merge(target.id, source.id))).toEqual(["CONFLICT"]);
    expect(codes(await merge(source.id, target.id))).toEqual(["CONFLICT"]);
    expect((await leadRow(target.id))?.city).toBeNull();
    expect((await leadRow(source.id))?.retiredAt).toBeNull();
  });

  it("answers NOT_FOUND for unknown, other tenants' and already merged leads, BAD_USER_INPUT for the same lead", async () => {
    const a = await createLead({ name: "Nf A", email: "nf-a@example.com" });
    const b = await createLead({ name: "Nf B", email: "nf-b@example.com" });
    const foreign = await createLead({ name: "Foreign", email: "foreign@example.com" }, other.tokens.manager);
    expect(codes(await merge(a.id, "00000000-0000-4000-8000-000000000000"))).toEqual(["NOT_FOUND"]);
    expect(codes(await merge(a.id, "not-an-id"))).toEqual(["NOT_FOUND"]);
    expect(codes(await merge(a.id, foreign.id))).toEqual(["NOT_FOUND"]);
    expect((await leadRow(foreign.id))?.retiredAt).toBeNull();
    const same = await merge(a.id, a.id);
    expect(codes(same)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(same)).toEqual(["sourceId"]);
    expect((await merge(a.id, b.id)).errors).toBeUndefined();
    expect(codes(await merge(a.id, b.id))).toEqual(["NOT_FOUND"]);
  });

  it("merges the same pair from both sides at once without deadlock: one wins", async () => {
    const a = await createLead({ name: "Race A", email: "race-a@example.com" });
    const b = await createLead({ name: "Race B", email: "race-b@example.com" });
    const results = await Promise.all([merge(a.id, b.id), merge(b.id, a.id)]);
    expect(results.map((r) => (r.errors ? codes(r)[0] : "ok")).sort()).toEqual(["NOT_FOUND", "ok"]);
    const rows = [await leadRow(a.id), await leadRow(b.id)];
    expect(rows.filter((r) => r?.retiredAt).length).toBe(1);
  });
});
