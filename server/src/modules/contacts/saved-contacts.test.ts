import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contacts } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const SAVE = `mutation($id: ID!, $saved: Boolean!) {
  saveContact(id: $id, saved: $saved) { id firstName lastName email phone saved company { name } }
}`;
const LEAD_CONTACT = "query($id: ID) { lead(id: $id) { version contact { id saved } } }";

async function createLead(token: string | undefined, input: Record<string, unknown> = {}) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Kitchen refit", source: "EVENT", email: `c${Math.random()}@example.com`, ...input } },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createLead.lead as { id: string; version: number };
}

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

describe("saveContact", () => {
  it("saves the lead's person as a contact and links the lead to it", async () => {
    const lead = await createLead(t.tokens.rep1, {
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      phone: "+14155550100",
    });
    const res = await server.gql(SAVE, { id: lead.id, saved: true }, t.tokens.rep1);
    expect(res.errors).toBeUndefined();
    expect(res.data?.saveContact).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      phone: "+14155550100",
      saved: true,
    });
    const seen = await server.gql(LEAD_CONTACT, { id: lead.id }, t.tokens.rep1);
    expect(seen.data?.lead.contact).toEqual({ id: res.data?.saveContact.id, saved: true });
    expect(seen.data?.lead.version).toBe(lead.version + 1);
  });

  it("finds the same contact from another lead of the same person, by email or by phone", async () => {
    const first = await createLead(t.tokens.rep1, { email: "bob@example.com", phone: "+14155550101" });
    const saved = await server.gql(SAVE, { id: first.id, saved: true }, t.tokens.rep1);
    const byEmail = await createLead(t.tokens.rep1, { email: "BOB@example.com" });
    const byPhone = await createLead(t.tokens.rep1, { email: null, phone: "+1 415 555 0101" });
    const again = await server.gql(SAVE, { id: byEmail.id, saved: true }, t.tokens.rep1);
    const third = await server.gql(SAVE, { id: byPhone.id, saved: true }, t.tokens.rep1);
    expect(again.data?.saveContact.id).toBe(saved.data?.saveContact.id);
    expect(third.data?.saveContact.id).toBe(saved.data?.saveContact.id);
  });

  it("makes one contact when two leads of one person are saved at the same moment", async () => {
    const email = `same${Math.random()}@example.com`;
    const [a, b] = [await createLead(t.tokens.rep1, { email }), await createLead(t.tokens.rep1, { email })];
    const results = await Promise.all([
      server.gql(SAVE, { id: a?.id, saved: true }, t.tokens.rep1),
      server.gql(SAVE, { id: b?.id, saved: true }, t.tokens.rep1),
    ]);
    expect(results[0]?.data?.saveContact.id).toBe(results[1]?.data?.saveContact.id);
    expect(await server.app.database.db.select().from(contacts).where(eq(contacts.email, email))).toHaveLength(1);
  });

  it("unsaves with saved: false and keeps the contact", async () => {
    const lead = await createLead(t.tokens.rep1);
    const saved = await server.gql(SAVE, { id: lead.id, saved: true }, t.tokens.rep1);
    const unsaved = await server.gql(SAVE, { id: lead.id, saved: false }, t.tokens.rep1);
    expect(unsaved.data?.saveContact).toMatchObject({ id: saved.data?.saveContact.id, saved: false });
  });

  it("respects visibility and work rights: NOT_FOUND unseen, FORBIDDEN seen but not theirs", async () => {
    const own = await createLead(t.tokens.rep1);
    const pool = await createLead(t.tokens.manager);
    const as = (id: string, token: string | undefined) => server.gql(SAVE, { id, saved: true }, token).then(codes);
    expect(await as(own.id, t.tokens.rep2)).toEqual(["NOT_FOUND"]);
    expect(await as(own.id, other.tokens.manager)).toEqual(["NOT_FOUND"]);
    expect(await as("not-an-id", t.tokens.rep1)).toEqual(["NOT_FOUND"]);
    expect(await as(pool.id, t.tokens.rep2)).toEqual(["FORBIDDEN"]);
    expect(await as(own.id, t.tokens.marketeer)).toEqual(["FORBIDDEN"]);
    const seen = await server.gql(LEAD_CONTACT, { id: own.id }, t.tokens.rep1);
    expect(seen.data?.lead.contact).toBeNull();
  });

  it("never matches another tenant's contact", async () => {
    const theirs = await server.gql(
      CREATE_LEAD,
      { input: { name: "Theirs", source: "EVENT", email: "shared@example.com" } },
      other.tokens.manager,
    );
    const theirContact = await server.gql(
      SAVE,
      { id: theirs.data?.createLead.lead.id, saved: true },
      other.tokens.manager,
    );
    const ours = await createLead(t.tokens.rep1, { email: "shared@example.com" });
    const ourContact = await server.gql(SAVE, { id: ours.id, saved: true }, t.tokens.rep1);
    expect(ourContact.data?.saveContact.id).not.toBe(theirContact.data?.saveContact.id);
  });
});
