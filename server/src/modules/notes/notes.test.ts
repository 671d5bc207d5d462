import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";
import { PNG, upload } from "../files/upload.testkit.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const ADD_NOTE = `mutation($id: ID!, $body: String!, $attachments: [AttachmentInput!]) {
  addNote(id: $id, body: $body, attachments: $attachments) { id type data createdAt actor { id } }
}`;
const LEAD_NOTES = `query($id: ID) { lead(id: $id) {
  version attachments { url name fileType size } activities { edges { node { id type data } } }
} }`;

async function createLead(token: string | undefined) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Roof leak", source: "EVENT", email: `c${Math.random()}@example.com` } },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createLead.lead as { id: string; version: number };
}

const photo = (url: string) => ({ url, name: "claimed.png", fileType: "image/png", size: 1 });

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, {
    manager: ["MANAGER"],
    rep1: ["SALES"],
    rep2: ["SALES"],
    marketeer: ["MARKETEER"],
  });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

describe("addNote", () => {
  it("writes a NOTE_ADDED entry holding the note and its photos, which join the lead's attachments", async () => {
    const lead = await createLead(t.tokens.rep1);
    const { body: file } = await upload(server, t.tokens.rep1, PNG(900), { leadId: lead.id, name: "roof.png" });
    const res = await server.gql(
      ADD_NOTE,
      { id: lead.id, body: "  Two tiles missing  ", attachments: [photo(file.url)] },
      t.tokens.rep1,
    );
    expect(res.errors).toBeUndefined();
    const stored = { url: file.url, name: "roof.png", fileType: "image/png", size: 900 };
    expect(res.data?.addNote).toMatchObject({
      type: "NOTE_ADDED",
      actor: { id: t.users.rep1?.id },
      data: { body: "Two tiles missing", attachments: [{ id: expect.any(String), ...stored }] },
    });
    const seen = await server.gql(LEAD_NOTES, { id: lead.id }, t.tokens.rep1);
    expect(seen.data?.lead.attachments).toEqual([stored]);
    const timeline = seen.data?.lead.activities.edges.map((e: { node: { id: string } }) => e.node);
    expect(timeline.at(-1)).toEqual({ id: res.data?.addNote.id, type: "NOTE_ADDED", data: res.data?.addNote.data });
  });

  it("leaves the lead's version alone, so an edit in progress does not conflict", async () => {
    const lead = await createLead(t.tokens.rep1);
    await server.gql(ADD_NOTE, { id: lead.id, body: "Called, no answer" }, t.tokens.rep1);
    const seen = await server.gql(LEAD_NOTES, { id: lead.id }, t.tokens.rep1);
    expect(seen.data?.lead.version).toBe(lead.version);
  });

  it("requires a body", async () => {
    const lead = await createLead(t.tokens.rep1);
    const res = await server.gql(ADD_NOTE, { id: lead.id, body: "   " }, t.tokens.rep1);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["body"]);
  });

  it("refuses a file uploaded for another lead, and server paths that are not uploads", async () => {
    const lead = await createLead(t.tokens.rep1);
    const elsewhere = await createLead(t.tokens.rep1);
    const { body: file } = await upload(server, t.tokens.rep1, PNG(), { leadId: elsewhere.id });
    const res = await server.gql(
      ADD_NOTE,
      { id: lead.id, body: "Photo", attachments: [photo(file.url)] },
      t.tokens.rep1,
    );
    expect(fieldsOf(res)).toEqual(["attachments.0.url"]);
    const path = await server.gql(
      ADD_NOTE,
      { id: lead.id, body: "Photo", attachments: [photo("/graphql")] },
      t.tokens.rep1,
    );
    expect(fieldsOf(path)).toEqual(["attachments.0.url"]);
    const seen = await server.gql(LEAD_NOTES, { id: lead.id }, t.tokens.rep1);
    expect(seen.data?.lead.attachments).toEqual([]);
  });

  it("keeps links to files stored elsewhere as given", async () => {
    const lead = await createLead(t.tokens.rep1);
    const link = { url: "https://files.example/quote.pdf", name: "quote.pdf", fileType: "application/pdf", size: 1200 };
    const res = await server.gql(ADD_NOTE, { id: lead.id, body: "Quote", attachments: [link] }, t.tokens.rep1);
    expect(res.data?.addNote.data.attachments).toEqual([{ id: expect.any(String), ...link }]);
  });

  it("is for those who may work the lead: NOT_FOUND unseen, FORBIDDEN seen but not theirs", async () => {
    const own = await createLead(t.tokens.rep1);
    const pool = await createLead(t.tokens.manager);
    expect(codes(await server.gql(ADD_NOTE, { id: own.id, body: "x" }, t.tokens.rep2))).toEqual(["NOT_FOUND"]);
    expect(codes(await server.gql(ADD_NOTE, { id: own.id, body: "x" }, other.tokens.manager))).toEqual(["NOT_FOUND"]);
    expect(codes(await server.gql(ADD_NOTE, { id: pool.id, body: "x" }, t.tokens.rep2))).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql(ADD_NOTE, { id: own.id, body: "x" }, t.tokens.marketeer))).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql(ADD_NOTE, { id: own.id, body: "x" }, t.tokens.manager))).toEqual([]);
  });
});
