import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, contacts, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  type GraphQLResponse,
  reasons,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";
import { companyConstraintClash } from "./crm-records.service.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const COMPANY_FIELDS = "id name website tin";
const CONTACT_FIELDS = "id firstName lastName email phone saved company { id name }";
const CREATE_COMPANY = `mutation($input: CompanyInput!) { createCompany(input: $input) { ${COMPANY_FIELDS} } }`;
const UPDATE_COMPANY = `mutation($id: ID!, $input: CompanyInput!) { updateCompany(id: $id, input: $input) { ${COMPANY_FIELDS} } }`;
const CREATE_CONTACT = `mutation($input: ContactInput!) { createContact(input: $input) { ${CONTACT_FIELDS} } }`;
const UPDATE_CONTACT = `mutation($id: ID!, $input: ContactInput!) { updateContact(id: $id, input: $input) { ${CONTACT_FIELDS} } }`;
const COMPANY = `query($id: ID!) { company(id: $id) { ${COMPANY_FIELDS} contacts { id } leads { id } } }`;
const CONTACT = `query($id: ID!) { contact(id: $id) { ${CONTACT_FIELDS} leads { id status } deals { id name } } }`;
const COMPANIES = `query($search: String, $first: Int, $after: String) {
  companies(search: $search, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } }
  }
}`;
const CONTACTS = `query($search: String, $companyId: ID, $saved: Boolean, $first: Int, $after: String) {
  contacts(search: $search, companyId: $companyId, saved: $saved, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id email } }
  }
}`;

let seq = 0;
/** A unique token per test run, so names never clash between tests. */
const unique = (label: string) => `${label} ${++seq}-${Date.now().toString(36)}`;

async function createCompany(tenant: TestTenant, input: Record<string, unknown>, token = tenant.tokens.manager) {
  const res = await server.gql(CREATE_COMPANY, { input }, token);
  const company = res.data?.createCompany;
  if (!company) throw new Error(JSON.stringify(res.errors));
  return company as { id: string; name: string; website: string | null; tin: string | null };
}

async function createContact(tenant: TestTenant, input: Record<string, unknown>, token = tenant.tokens.manager) {
  const res = await server.gql(CREATE_CONTACT, { input }, token);
  const contact = res.data?.createContact;
  if (!contact) throw new Error(JSON.stringify(res.errors));
  return contact as { id: string; email: string | null };
}

async function createLead(tenant: TestTenant, input: Record<string, unknown>) {
  const res = await server.gql(CREATE_LEAD, { input: { source: "MANUAL", ...input } }, tenant.tokens.manager);
  const id = res.data?.createLead?.lead?.id as string | undefined;
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

const countOf = async (table: typeof companies | typeof contacts, tenant = t) => {
  const [row] = await server.app.database.db
    .select({ n: count() })
    .from(table)
    .where(eq(table.tenantId, tenant.tenant.id));
  return row?.n ?? 0;
};

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, {
    manager: ["MANAGER"],
    rep: ["SALES"],
    rep2: ["SALES"],
    marketer: ["MARKETEER"],
    partner: ["PARTNER"],
    customer: ["CUSTOMER"],
  });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(async () => {
  await server?.stop();
});

describe("createCompany / updateCompany (seed 002)", () => {
  it("creates a company with its website and TIN normalized; company(id) returns it", async () => {
    const name = unique("Analytical Engines");
    const company = await createCompany(t, {
      name: `  ${name} `,
      website: "WWW.Analytical-Engines.com/",
      tin: "123-456-789",
    });
    expect(company).toMatchObject({ name, website: "https://analytical-engines.com", tin: "123456789" });
    const res = await server.gql(COMPANY, { id: company.id }, t.tokens.manager);
    expect(res.data?.company).toMatchObject({ id: company.id, name, contacts: [], leads: [] });
  });

  it("refuses a name, website domain or TIN already in the tenant, naming each clashing field; nothing is created", async () => {
    const name = unique("Babbage Ltd");
    await createCompany(t, { name, website: "https://babbage.co.uk", tin: "1234567890" });
    const before = await countOf(companies);
    const byName = await server.gql(CREATE_COMPANY, { input: { name: name.toUpperCase() } }, t.tokens.manager);
    expect(codes(byName)).toEqual(["CONFLICT"]);
    expect(reasons(byName)).toEqual(["ALREADY_EXISTS"]);
    expect(fieldsOf(byName)).toEqual(["name"]);
    const byOthers = await server.gql(
      CREATE_COMPANY,
      { input: { name: unique("Other name"), website: "http://shop.babbage.co.uk/x", tin: "12345-67890" } },
      t.tokens.manager,
    );
    expect(reasons(byOthers)).toEqual(["ALREADY_EXISTS"]);
    expect(fieldsOf(byOthers)).toEqual(["tin", "website"]);
    expect(await countOf(companies)).toBe(before);
  });

  it("lets one of two concurrent creates of one name win; the other gets ALREADY_EXISTS, not an internal error", async () => {
    const name = unique("Race Co");
    const results = await Promise.all(
      [1, 2].map(() => server.gql(CREATE_COMPANY, { input: { name } }, t.tokens.manager)),
    );
    expect(results.filter((r) => r.data?.createCompany).length).toBe(1);
    const loser = results.find((r) => r.errors) as GraphQLResponse;
    expect(reasons(loser)).toEqual(["ALREADY_EXISTS"]);
    expect(fieldsOf(loser)).toEqual(["name"]);
  });

  it("maps a unique-index violation from the database driver to the field it names", async () => {
    const name = unique("Index Co");
    const db = server.app.database.db;
    await db.insert(companies).values({ tenantId: t.tenant.id, name, tin: "333333333" });
    const error = await db
      .insert(companies)
      .values({ tenantId: t.tenant.id, name: unique("Index Co other"), tin: "333333333" })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(companyConstraintClash(error)).toMatchObject({ field: "tin" });
  });

  it("reports every bad field at once and creates nothing", async () => {
    const before = await countOf(companies);
    const res = await server.gql(
      CREATE_COMPANY,
      { input: { name: "  ", website: "not a website", tin: "12ab" } },
      t.tokens.manager,
    );
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(reasons(res)).toEqual(["INVALID_INPUT"]);
    expect(fieldsOf(res)).toEqual(["name", "tin", "website"]);
    expect(await countOf(companies)).toBe(before);
  });

  it("updates a company; keeping its own values is no clash, taking another's is, and changes nothing", async () => {
    const a = await createCompany(t, { name: unique("Difference Co"), tin: "111111111" });
    const b = await createCompany(t, { name: unique("Engine Co"), website: "engine-co.com" });
    const same = await server.gql(
      UPDATE_COMPANY,
      { id: a.id, input: { name: a.name, website: "difference.com", tin: "111111111" } },
      t.tokens.manager,
    );
    expect(same.errors).toBeUndefined();
    expect(same.data?.updateCompany).toMatchObject({ website: "https://difference.com", tin: "111111111" });
    const clash = await server.gql(
      UPDATE_COMPANY,
      { id: a.id, input: { name: b.name, website: "www.engine-co.com" } },
      t.tokens.manager,
    );
    expect(reasons(clash)).toEqual(["ALREADY_EXISTS"]);
    expect(fieldsOf(clash)).toEqual(["name", "website"]);
    const after = await server.gql(COMPANY, { id: a.id }, t.tokens.manager);
    expect(after.data?.company).toMatchObject({ name: a.name, website: "https://difference.com" });
  });

  it("lets a partner create no company", async () => {
    const res = await server.gql(CREATE_COMPANY, { input: { name: unique("Partner Co") } }, t.tokens.partner);
    expect(codes(res)).toEqual(["FORBIDDEN"]);
  });
});

describe("createContact / updateContact", () => {
  it("creates a contact of a company with email and phone normalized, and lists it under the company", async () => {
    const company = await createCompany(t, { name: unique("Contact Co") });
    const contact = await createContact(t, {
      firstName: " Grace ",
      lastName: "Hopper",
      email: "Grace@Navy.example",
      phone: "(415) 555-0101",
      companyId: company.id,
    });
    expect(contact).toMatchObject({
      firstName: "Grace",
      email: "grace@navy.example",
      phone: "+14155550101",
      saved: false,
      company: { id: company.id },
    });
    const res = await server.gql(COMPANY, { id: company.id }, t.tokens.manager);
    expect(res.data?.company.contacts).toEqual([{ id: contact.id }]);
  });

  it("reports every bad field at once and creates nothing", async () => {
    const before = await countOf(contacts);
    const res = await server.gql(
      CREATE_CONTACT,
      { input: { email: "nope", phone: "12", companyId: "00000000-0000-4000-8000-000000000000" } },
      t.tokens.manager,
    );
    expect(reasons(res)).toEqual(["INVALID_INPUT"]);
    expect(fieldsOf(res)).toEqual(["companyId", "email", "phone"]);
    const empty = await server.gql(CREATE_CONTACT, { input: { firstName: " " } }, t.tokens.manager);
    expect(fieldsOf(empty)).toEqual(["firstName"]);
    expect(await countOf(contacts)).toBe(before);
  });

  it("updates only the fields given; null clears one", async () => {
    const contact = await createContact(t, { firstName: "Alan", lastName: "Turing", email: "alan@bletchley.example" });
    const res = await server.gql(
      UPDATE_CONTACT,
      { id: contact.id, input: { lastName: null, phone: "+442071234567" } },
      t.tokens.manager,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.updateContact).toMatchObject({
      firstName: "Alan",
      lastName: null,
      email: "alan@bletchley.example",
      phone: "+442071234567",
    });
    const bad = await server.gql(UPDATE_CONTACT, { id: contact.id, input: { email: "x@" } }, t.tokens.manager);
    expect(fieldsOf(bad)).toEqual(["email"]);
    const again = await server.gql(CONTACT, { id: contact.id }, t.tokens.manager);
    expect(again.data?.contact.email).toBe("alan@bletchley.example");
  });
});

describe("companies / contacts lists", () => {
  it("pages companies by name with cursors and counts the search's matches, case-insensitively", async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const names = ["C", "A", "E", "B", "D"].map((l) => `${l} ${tag} Holdings`);
    for (const name of names) await createCompany(t, { name });
    await createCompany(t, { name: unique("Unrelated") });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const res: GraphQLResponse = await server.gql(
        COMPANIES,
        { search: tag.toUpperCase(), first: 2, after },
        t.tokens.manager,
      );
      expect(res.errors).toBeUndefined();
      const conn: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { name: string } }[];
      } = res.data?.companies;
      expect(conn.totalCount).toBe(5);
      seen.push(...conn.edges.map((e) => e.node.name));
      expect(conn.pageInfo.hasNextPage).toBe(page < 2);
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual([...names].sort());
    const tooMany = await server.gql(COMPANIES, { first: 1000 }, t.tokens.manager);
    expect(fieldsOf(tooMany)).toEqual(["first"]);
    const badCursor = await server.gql(COMPANIES, { after: "garbage" }, t.tokens.manager);
    expect(fieldsOf(badCursor)).toEqual(["after"]);
  });

  it("searches contacts by name, email and phone, and filters by company and saved", async () => {
    const tag = `yq${Date.now().toString(36)}`;
    const company = await createCompany(t, { name: unique("Search Co") });
    const a = await createContact(t, { firstName: `Kay${tag}`, email: `kay@${tag}.example` });
    const b = await createContact(t, { lastName: "Lamarr", email: `hedy@${tag}.example`, companyId: company.id });
    const c = await createContact(t, { firstName: "Phone", phone: "+14155550199" });
    const ids = async (vars: Record<string, unknown>) => {
      const res = await server.gql(CONTACTS, vars, t.tokens.manager);
      expect(res.errors).toBeUndefined();
      return res.data?.contacts.edges.map((e: { node: { id: string } }) => e.node.id);
    };
    expect(await ids({ search: tag.toUpperCase() })).toEqual([b.id, a.id]);
    expect(await ids({ search: "lamarr" })).toEqual([b.id]);
    expect(await ids({ search: "4155550199" })).toEqual([c.id]);
    expect(await ids({ search: "100%_" })).toEqual([]);
    expect(await ids({ companyId: company.id })).toEqual([b.id]);
    // Paged newest first, one at a time.
    const first = await server.gql(CONTACTS, { search: tag, first: 1 }, t.tokens.manager);
    expect(first.data?.contacts).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true } });
    const second = await server.gql(
      CONTACTS,
      { search: tag, first: 1, after: first.data?.contacts.pageInfo.endCursor },
      t.tokens.manager,
    );
    expect(second.data?.contacts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([a.id]);
    expect(second.data?.contacts.pageInfo.hasNextPage).toBe(false);
  });

  it("filters saved contacts (seed 003)", async () => {
    const email = `saved-${Date.now().toString(36)}@example.com`;
    const leadId = await createLead(t, { name: "Saved Person", email, ownerId: t.users.manager?.id });
    const saved = await server.gql(
      `mutation($id: ID!) { saveContact(id: $id, saved: true) { id } }`,
      { id: leadId },
      t.tokens.manager,
    );
    const contactId = saved.data?.saveContact.id;
    expect(contactId).toBeTruthy();
    const res = await server.gql(CONTACTS, { saved: true, search: email }, t.tokens.manager);
    expect(res.data?.contacts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([contactId]);
    const unsaved = await server.gql(CONTACTS, { saved: false, search: email }, t.tokens.manager);
    expect(unsaved.data?.contacts.edges).toEqual([]);
  });
});

describe("visibility and permissions", () => {
  it("shows a rep only the contacts and companies of leads they may see, and only those leads", async () => {
    const mine = await createCompany(t, { name: unique("Rep Visible Co") });
    const hidden = await createCompany(t, { name: unique("Rep Hidden Co") });
    const myContact = await createContact(t, { firstName: "Mine", email: "mine@rep.example", companyId: mine.id });
    const hiddenContact = await createContact(t, {
      firstName: "Hidden",
      email: "hidden@rep.example",
      companyId: hidden.id,
    });
    const myLead = await createLead(t, {
      name: "Rep lead",
      existingCompanyId: mine.id,
      existingContactId: myContact.id,
      ownerId: t.users.rep?.id,
    });
    const otherLead = await createLead(t, {
      name: "Colleague lead",
      existingCompanyId: mine.id,
      existingContactId: myContact.id,
      ownerId: t.users.rep2?.id,
    });
    await createLead(t, {
      name: "Manager lead",
      existingCompanyId: hidden.id,
      existingContactId: hiddenContact.id,
      ownerId: t.users.manager?.id,
    });

    const listed = await server.gql(CONTACTS, { search: "rep.example" }, t.tokens.rep);
    expect(listed.data?.contacts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([myContact.id]);
    expect(listed.data?.contacts.totalCount).toBe(1);
    const companiesSeen = await server.gql(COMPANIES, { search: "Rep " }, t.tokens.rep);
    const names = companiesSeen.data?.companies.edges.map((e: { node: { name: string } }) => e.node.name);
    expect(names).toContain(mine.name);
    expect(names).not.toContain(hidden.name);
    expect((await server.gql(CONTACT, { id: hiddenContact.id }, t.tokens.rep)).data?.contact).toBeNull();
    expect((await server.gql(COMPANY, { id: hidden.id }, t.tokens.rep)).data?.company).toBeNull();

    const contact = await server.gql(CONTACT, { id: myContact.id }, t.tokens.rep);
    expect(contact.data?.contact.leads.map((l: { id: string }) => l.id)).toEqual([myLead]);
    const company = await server.gql(COMPANY, { id: mine.id }, t.tokens.rep);
    expect(company.data?.company.leads.map((l: { id: string }) => l.id)).toEqual([myLead]);
    // The manager sees both leads of the contact.
    const managerView = await server.gql(CONTACT, { id: myContact.id }, t.tokens.manager);
    expect(managerView.data?.contact.leads.map((l: { id: string }) => l.id).sort()).toEqual([myLead, otherLead].sort());
    // A marketer (viewAll) sees every contact of the tenant.
    const marketer = await server.gql(CONTACTS, { search: "rep.example" }, t.tokens.marketer);
    expect(marketer.data?.contacts.totalCount).toBe(2);
  });

  it("shows a partner only the contacts of the leads they represent", async () => {
    const contact = await createContact(t, { firstName: "Partnered", email: "p@partnered.example" });
    const unrelated = await createContact(t, { firstName: "Unrelated", email: "u@partnered.example" });
    await createLead(t, {
      name: "Partner lead",
      existingContactId: contact.id,
      ownerId: t.users.rep?.id,
      partnerRepresentativeId: t.users.partner?.id,
    });
    const res = await server.gql(CONTACTS, { search: "partnered.example" }, t.tokens.partner);
    expect(res.data?.contacts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([contact.id]);
    expect((await server.gql(CONTACT, { id: unrelated.id }, t.tokens.partner)).data?.contact).toBeNull();
  });

  it("shows a customer only the contact of their own request, and lets them create none", async () => {
    const contact = await createContact(t, { firstName: "Requester", email: "r@customer.example" });
    const unrelated = await createContact(t, { firstName: "Stranger", email: "s@customer.example" });
    const leadId = await createLead(t, { name: "Request", existingContactId: contact.id, ownerId: t.users.rep?.id });
    // The service journey links a customer to their request; set it directly, as routing.test.ts does.
    await server.app.database.db.update(leads).set({ customerId: t.users.customer?.id }).where(eq(leads.id, leadId));
    const res = await server.gql(CONTACTS, { search: "customer.example" }, t.tokens.customer);
    expect(res.data?.contacts.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([contact.id]);
    expect((await server.gql(CONTACT, { id: unrelated.id }, t.tokens.customer)).data?.contact).toBeNull();
    const create = await server.gql(CREATE_CONTACT, { input: { firstName: "Me" } }, t.tokens.customer);
    expect(codes(create)).toEqual(["FORBIDDEN"]);
  });

  it("lets a rep create a contact and edit the contacts of their own leads only", async () => {
    const created = await createContact(t, { firstName: "By rep", email: "byrep@rep.example" }, t.tokens.rep);
    const leadId = await createLead(t, { name: "Rep's", existingContactId: created.id, ownerId: t.users.rep?.id });
    expect(leadId).toBeTruthy();
    const edit = await server.gql(UPDATE_CONTACT, { id: created.id, input: { lastName: "Edited" } }, t.tokens.rep);
    expect(edit.errors).toBeUndefined();
    expect(edit.data?.updateContact.lastName).toBe("Edited");
    // A contact of a pool lead: the rep sees it but works no lead of it.
    const pooled = await createContact(t, { firstName: "Pooled", email: "pool@rep.example" });
    await createLead(t, { name: "Pool lead", existingContactId: pooled.id });
    const refused = await server.gql(UPDATE_CONTACT, { id: pooled.id, input: { lastName: "X" } }, t.tokens.rep);
    expect(codes(refused)).toEqual(["FORBIDDEN"]);
    const company = await createCompany(t, { name: unique("Not the rep's") });
    const companyEdit = await server.gql(UPDATE_COMPANY, { id: company.id, input: { name: "Renamed" } }, t.tokens.rep);
    expect(codes(companyEdit)).toEqual(["NOT_FOUND"]);
  });

  it("lists a converted lead and its deal on the contact", async () => {
    const contact = await createContact(t, { firstName: "Convert", email: "convert@deal.example" });
    const leadId = await createLead(t, {
      name: "To convert",
      existingContactId: contact.id,
      ownerId: t.users.manager?.id,
    });
    const moved = await server.gql(
      `mutation($id: ID!) { moveLead(id: $id, toStatus: "sql") { status } }`,
      { id: leadId },
      t.tokens.manager,
    );
    expect(moved.errors).toBeUndefined();
    const converted = await server.gql(
      `mutation($id: ID!, $input: ConvertLeadInput!) { convertLead(id: $id, input: $input) { deal { id } } }`,
      { id: leadId, input: { createDeal: true, dealName: "First order" } },
      t.tokens.manager,
    );
    expect(converted.errors).toBeUndefined();
    const res = await server.gql(CONTACT, { id: contact.id }, t.tokens.manager);
    expect(res.data?.contact.leads).toEqual([{ id: leadId, status: "converted" }]);
    expect(res.data?.contact.deals).toEqual([{ id: converted.data?.convertLead.deal.id, name: "First order" }]);
  });
});

describe("tenant isolation", () => {
  it("never shows, edits or links another tenant's companies and contacts; names are unique per tenant only", async () => {
    const company = await createCompany(t, { name: unique("Isolated Co"), tin: "222222222" });
    const contact = await createContact(t, {
      firstName: "Isolated",
      email: "iso@isolated.example",
      companyId: company.id,
    });
    const tok = other.tokens.manager;
    expect((await server.gql(COMPANY, { id: company.id }, tok)).data?.company).toBeNull();
    expect((await server.gql(CONTACT, { id: contact.id }, tok)).data?.contact).toBeNull();
    expect((await server.gql(CONTACTS, { search: "isolated.example" }, tok)).data?.contacts.totalCount).toBe(0);
    expect((await server.gql(COMPANIES, { search: company.name }, tok)).data?.companies.totalCount).toBe(0);
    const edit = await server.gql(UPDATE_COMPANY, { id: company.id, input: { name: "Stolen" } }, tok);
    expect(codes(edit)).toEqual(["NOT_FOUND"]);
    const editContact = await server.gql(UPDATE_CONTACT, { id: contact.id, input: { firstName: "Stolen" } }, tok);
    expect(codes(editContact)).toEqual(["NOT_FOUND"]);
    const link = await server.gql(CREATE_CONTACT, { input: { firstName: "X", companyId: company.id } }, tok);
    expect(fieldsOf(link)).toEqual(["companyId"]);
    const sameName = await createCompany(other, { name: company.name, tin: "222222222" });
    expect(sameName.id).not.toBe(company.id);
    expect(await countOf(contacts, other)).toBe(0);
  });
});
