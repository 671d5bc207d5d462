import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, contacts, deals, leadEvents, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const CONVERT = `mutation($id: ID!, $input: ConvertLeadInput!) {
  convertLead(id: $id, input: $input) {
    lead { id status readOnly convertedAt convertedContact { id } convertedCompany { id } convertedDeal { id amount currency } }
    contact { id firstName lastName email phone company { id name } }
    company { id name website tin }
    deal { id name stage amount currency probability closeDate }
  }
}`;

async function createLead(tenant: TestTenant, input: Record<string, unknown>) {
  const res = await server.gql(CREATE_LEAD, { input: { source: "MANUAL", ...input } }, tenant.tokens.manager);
  const id = res.data?.createLead?.lead?.id as string | undefined;
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

/** Walks the lifecycle preset up to SQL, the stage conversions start from. */
async function toSql(id: string) {
  const res = await server.gql(
    `mutation($id: ID!) { moveLead(id: $id, toStatus: "sql") { status } }`,
    { id },
    t.tokens.manager,
  );
  expect(res.data?.moveLead?.status).toBe("sql");
}

const convert = (id: string, input: Record<string, unknown> = {}, token = t.tokens.manager) =>
  server.gql(CONVERT, { id, input }, token);

const countOf = async (table: typeof contacts | typeof companies | typeof deals) => {
  const [row] = await server.app.database.db.select({ n: count() }).from(table).where(eq(table.tenantId, t.tenant.id));
  return row?.n ?? 0;
};
const snapshot = async () => ({
  contacts: await countOf(contacts),
  companies: await countOf(companies),
  deals: await countOf(deals),
});
const leadRow = async (id: string) => {
  const [row] = await server.app.database.db.select().from(leads).where(eq(leads.id, id));
  return row;
};
const eventTypes = async (id: string) =>
  (
    await server.app.database.db
      .select({ type: leadEvents.type })
      .from(leadEvents)
      .where(eq(leadEvents.leadId, id))
      .orderBy(leadEvents.sequence)
  ).map((e) => e.type);

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], rep: ["SALES"] });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(async () => {
  await server?.stop();
});

describe("convertLead", () => {
  it("creates contact, company and deal in one step; the lead is WON, read-only and linked", async () => {
    const id = await createLead(t, {
      name: "Ada at Analytical",
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@analytical.example",
      phone: "+14155550100",
      companyName: "Analytical Engines",
      companyWebsite: "https://www.analytical-engines.com/about",
      companyTin: "123456789",
    });
    await toSql(id);
    const res = await convert(id, {
      createDeal: true,
      dealName: "Engine No. 2",
      amount: 25000,
      currency: "gbp",
      probability: 60,
      closeDate: "2027-01-31T00:00:00.000Z",
    });
    expect(res.errors).toBeUndefined();
    const result = res.data?.convertLead;
    expect(result.lead).toMatchObject({ status: "converted", readOnly: true });
    expect(result.lead.convertedAt).toBeTruthy();
    expect(result.contact).toMatchObject({ firstName: "Ada", lastName: "Lovelace", email: "ada@analytical.example" });
    expect(result.company).toMatchObject({ name: "Analytical Engines", tin: "123456789" });
    expect(result.contact.company.id).toBe(result.company.id);
    expect(result.deal).toMatchObject({
      name: "Engine No. 2",
      stage: "qualification",
      amount: 25000,
      currency: "GBP",
      probability: 60,
      closeDate: "2027-01-31T00:00:00.000Z",
    });
    expect(result.lead.convertedContact.id).toBe(result.contact.id);
    expect(result.lead.convertedCompany.id).toBe(result.company.id);
    expect(result.lead.convertedDeal).toMatchObject({ id: result.deal.id, currency: "GBP" });
    const types = await eventTypes(id);
    expect(types.slice(-2)).toEqual(["STATUS_CHANGED", "CONVERTED"]);
  });

  it("reuses the tenant's contact and company instead of creating them twice", async () => {
    const before = await snapshot();
    const id = await createLead(t, { name: "Ada again", email: "someone@else.example", companyName: "Other name Ltd" });
    // Same person and company as the first conversion, spelt the way leads store them.
    await server.app.database.db
      .update(leads)
      .set({ email: "ada@analytical.example", companyName: "ANALYTICAL ENGINES" })
      .where(eq(leads.id, id));
    await toSql(id);
    const res = await convert(id);
    expect(res.errors).toBeUndefined();
    expect(await snapshot()).toEqual(before);
    const [first] = await server.app.database.db
      .select()
      .from(contacts)
      .where(and(eq(contacts.tenantId, t.tenant.id), eq(contacts.email, "ada@analytical.example")));
    expect(res.data?.convertLead.contact.id).toBe(first?.id);
    expect(res.data?.convertLead.deal).toBeNull();
  });

  it("creates no company when the lead names none, and gives the contact the lead's name", async () => {
    const id = await createLead(t, { name: "Walk-in customer", phone: "+14155550199" });
    await toSql(id);
    const res = await convert(id);
    expect(res.data?.convertLead).toMatchObject({
      company: null,
      contact: { firstName: "Walk-in customer", phone: "+14155550199" },
    });
  });

  it("answers CONFLICT to every later change of a converted lead", async () => {
    const id = await createLead(t, { name: "Read only", email: "ro@example.com" });
    await toSql(id);
    expect((await convert(id)).errors).toBeUndefined();
    const version = (await leadRow(id))?.version;
    const mutations: [string, Record<string, unknown>][] = [
      [`mutation($id: ID!) { updateLead(id: $id, input: { city: "Paris" }) { id } }`, {}],
      [`mutation($id: ID!) { moveLead(id: $id, toStatus: "working") { id } }`, {}],
      [`mutation($id: ID!) { claimLead(id: $id) { id } }`, {}],
      [`mutation($id: ID!) { releaseLead(id: $id) { id } }`, {}],
      [`mutation($id: ID!) { takeOwnership(id: $id) { id } }`, {}],
      [`mutation($id: ID!, $o: ID) { assignLead(id: $id, ownerId: $o) { id } }`, { o: t.users.rep?.id }],
      [`mutation($id: ID!) { setNextAction(id: $id, type: CALL, dueAt: "2030-01-01T00:00:00Z") { id } }`, {}],
      [`mutation($id: ID!) { clearNextAction(id: $id) { id } }`, {}],
      [`mutation($id: ID!) { addNote(id: $id, body: "late note") { id } }`, {}],
      [`mutation($id: ID!) { routeLead(id: $id) { id } }`, {}],
      [CONVERT, { input: {} }],
    ];
    for (const [query, vars] of mutations) {
      const res = await server.gql(query, { id, ...vars }, t.tokens.manager);
      expect({ query, codes: codes(res) }).toEqual({ query, codes: ["CONFLICT"] });
    }
    expect((await leadRow(id))?.version).toBe(version);
  });

  it("refuses bad deal fields, naming each, and changes nothing", async () => {
    const id = await createLead(t, { name: "Bad deal", email: "bad@example.com", companyName: "Bad Deal Co" });
    await toSql(id);
    const before = await snapshot();
    const res = await convert(id, { createDeal: true, amount: -5, currency: "ZZZ", probability: 120 });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(res.errors?.[0]?.extensions?.fields?.map((f: { field: string }) => f.field)).toEqual([
      "amount",
      "currency",
      "probability",
    ]);
    const stray = await convert(id, { amount: 10 });
    expect(stray.errors?.[0]?.extensions?.fields).toEqual([
      { field: "amount", message: "is only used with createDeal: true" },
    ]);
    expect(await snapshot()).toEqual(before);
    expect((await leadRow(id))?.status).toBe("sql");
  });

  it("converts only along the pipeline's transitions, for managers, within the tenant", async () => {
    const id = await createLead(t, { name: "Too early", email: "early@example.com" });
    const early = await convert(id);
    expect(codes(early)).toEqual(["CONFLICT"]);
    expect(early.errors?.[0]?.message).toContain("sql");
    expect(codes(await convert(id, {}, t.tokens.rep))).toEqual(["FORBIDDEN"]);
    expect(codes(await convert(id, {}, other.tokens.manager))).toEqual(["NOT_FOUND"]);
    const foreignCompany = await createLead(other, {
      name: "Theirs",
      email: "x@other.example",
      companyName: "Theirs Inc",
    });
    await server.gql(
      `mutation($id: ID!) { moveLead(id: $id, toStatus: "sql") { id } }`,
      { id: foreignCompany },
      other.tokens.manager,
    );
    const theirs = await convert(foreignCompany, {}, other.tokens.manager);
    await toSql(id);
    const res = await convert(id, { companyId: theirs.data?.convertLead.company.id });
    expect(res.errors?.[0]?.extensions?.fields).toEqual([
      { field: "companyId", message: "is not a company of this tenant" },
    ]);
    expect((await leadRow(id))?.convertedAt).toBeNull();
  });

  it("leaves no contact, company or status change behind when the deal step fails", async () => {
    const id = await createLead(t, {
      name: "Fails at the deal",
      email: "fails@deal.example",
      companyName: "Fails At Deal Ltd",
    });
    await toSql(id);
    const before = await snapshot();
    const events = await eventTypes(id);
    const db = server.app.database.db;
    // A fault in the database itself, after contact and company were written in the same transaction.
    await db.execute(sql`create function leadline_test_fail_deal() returns trigger language plpgsql as $$
      begin raise exception 'deal insert failed (test)'; end $$`);
    await db.execute(sql`create trigger leadline_test_fail_deal before insert on deals
      for each row execute function leadline_test_fail_deal()`);
    try {
      const res = await convert(id, { createDeal: true, amount: 100, currency: "USD" });
      expect(codes(res)).toEqual(["INTERNAL_SERVER_ERROR"]);
    } finally {
      await db.execute(sql`drop trigger leadline_test_fail_deal on deals`);
      await db.execute(sql`drop function leadline_test_fail_deal()`);
    }
    expect(await snapshot()).toEqual(before);
    const lead = await leadRow(id);
    expect(lead).toMatchObject({ status: "sql", convertedAt: null, contactId: null, companyId: null });
    expect(await eventTypes(id)).toEqual(events);
    // And once the fault is gone the same conversion succeeds.
    expect((await convert(id, { createDeal: true, amount: 100, currency: "USD" })).errors).toBeUndefined();
  });
});
