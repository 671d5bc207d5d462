import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies, contacts, leadEvents, leads, users } from "../../db/schema/index.js";
import { CREATE_LEAD, UPDATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  acme = await createTestTenant(server, { manager: ["MANAGER"], rep: ["SALES"], rep2: ["SALES"] });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

const db = () => server.app.database.db;
const create = (input: Record<string, unknown>, token = acme.tokens.manager) =>
  server.gql(CREATE_LEAD, { input }, token);
const valid = { name: "Dana Scully", source: "REFERRAL", email: "dana@fbi.example" };

async function leadCount(tenantId = acme.tenant.id) {
  const [row] = await db().select({ n: count() }).from(leads).where(eq(leads.tenantId, tenantId));
  return row?.n ?? 0;
}

async function addCompany(name: string, website: string | null, tin: string | null, tenantId = acme.tenant.id) {
  const domain = website ? new URL(website).hostname.replace(/^www\./, "") : null;
  const [row] = await db()
    .insert(companies)
    .values({ tenantId, name, website, websiteDomain: domain, tin })
    .returning();
  return row as NonNullable<typeof row>;
}

/**
 * A rejected create names the offending fields, writes no lead and no event,
 * and burns no requestId: the next valid create gets the next number.
 */
async function expectRejected(input: Record<string, unknown>, code: string, fields: string[]) {
  const before = await leadCount();
  const [events] = await db().select({ n: count() }).from(leadEvents).where(eq(leadEvents.tenantId, acme.tenant.id));
  const res = await create(input);
  expect(codes(res)).toEqual([code]);
  expect(fieldsOf(res)).toEqual([...fields].sort());
  expect(res.data?.createLead ?? null).toBeNull();
  expect(await leadCount()).toBe(before);
  const [eventsAfter] = await db()
    .select({ n: count() })
    .from(leadEvents)
    .where(eq(leadEvents.tenantId, acme.tenant.id));
  expect(eventsAfter?.n).toBe(events?.n);
}

describe("createLead validation", () => {
  it("requires a name", async () => {
    await expectRejected({ ...valid, name: "   " }, "BAD_USER_INPUT", ["name"]);
  });

  it("requires a phone or an email", async () => {
    await expectRejected({ name: "No Contact", source: "CALL" }, "BAD_USER_INPUT", ["email", "phone"]);
  });

  it("checks email syntax", async () => {
    await expectRejected({ ...valid, email: "dana@" }, "BAD_USER_INPUT", ["email"]);
  });

  it("rejects a phone number that cannot be read and stores good ones as E.164", async () => {
    await expectRejected({ ...valid, phone: "12" }, "BAD_USER_INPUT", ["phone"]);
    const res = await create({ name: "Phone Only", source: "CALL", phone: "(415) 555-2671" });
    expect(res.data?.createLead.lead.phone).toBe("+14155552671");
  });

  it("normalizes the website and rejects one that is not a site", async () => {
    await expectRejected({ ...valid, companyName: "Nowhere", companyWebsite: "not a site" }, "BAD_USER_INPUT", [
      "companyWebsite",
    ]);
    const res = await create({
      ...valid,
      companyName: "Lone Gunmen",
      companyWebsite: "HTTP://WWW.LoneGunmen.example.com/",
    });
    expect(res.data?.createLead.lead.companyWebsite).toBe("https://lonegunmen.example.com");
  });

  it("accepts a TIN of 9, 10 or 12 digits only", async () => {
    for (const tin of ["12345678", "12345678901", "1234567890123", "12345678a"]) {
      await expectRejected({ ...valid, companyName: `Tin ${tin}`, companyTin: tin }, "BAD_USER_INPUT", ["companyTin"]);
    }
    for (const tin of ["123456789", "123-456-7890", "123456789012"]) {
      const res = await create({ ...valid, companyName: `Tin ok ${tin}`, companyTin: tin });
      expect(res.data?.createLead.lead.companyTin).toBe(tin.replace(/-/g, ""));
    }
  });

  it("refuses a new company whose name, website or TIN already exists, naming each field", async () => {
    await addCompany("Roush Industries", "https://roush.com", "987654321");
    await expectRejected({ ...valid, companyName: "roush industries" }, "CONFLICT", ["companyName"]);
    await expectRejected({ ...valid, companyName: "Roush II", companyWebsite: "www.roush.com/about" }, "CONFLICT", [
      "companyWebsite",
    ]);
    await expectRejected(
      { ...valid, companyName: "Roush Industries", companyWebsite: "roush.com", companyTin: "987654321" },
      "CONFLICT",
      ["companyName", "companyTin", "companyWebsite"],
    );
    // Acme's company is no clash for another tenant.
    expect(codes(await create({ ...valid, companyName: "Roush Industries" }, other.tokens.manager))).toEqual([]);
  });

  it("requires an existing contact to belong to the chosen existing company", async () => {
    const company = await addCompany("Syndicate", null, null);
    const elsewhere = await addCompany("Elsewhere", null, null);
    const [contact] = await db()
      .insert(contacts)
      .values({
        tenantId: acme.tenant.id,
        companyId: elsewhere.id,
        firstName: "Cigarette",
        lastName: "Man",
        email: "cgb@syn.example",
      })
      .returning();
    await expectRejected(
      { name: "Syndicate deal", source: "EVENT", existingCompanyId: company.id, existingContactId: contact?.id },
      "BAD_USER_INPUT",
      ["existingContactId"],
    );
    // With its own company the contact is accepted and supplies the email.
    const res = await create({
      name: "Elsewhere deal",
      source: "EVENT",
      existingCompanyId: elsewhere.id,
      existingContactId: contact?.id,
    });
    expect(res.data?.createLead.lead.email).toBe("cgb@syn.example");
  });

  it("refuses new-company fields alongside an existing company, and unknown companies", async () => {
    const company = await addCompany("Existing Co", null, null);
    await expectRejected({ ...valid, existingCompanyId: company.id, companyName: "Other" }, "BAD_USER_INPUT", [
      "companyName",
    ]);
    const foreign = await addCompany("Foreign Co", null, null, other.tenant.id);
    await expectRejected({ ...valid, existingCompanyId: foreign.id }, "BAD_USER_INPUT", ["existingCompanyId"]);
  });

  it("requires the owner to be an active user of this tenant", async () => {
    await expectRejected({ ...valid, ownerId: other.users.manager?.id }, "BAD_USER_INPUT", ["ownerId"]);
    await db()
      .update(users)
      .set({ active: false })
      .where(eq(users.id, acme.users.rep2?.id as string));
    await expectRejected({ ...valid, ownerId: acme.users.rep2?.id }, "BAD_USER_INPUT", ["ownerId"]);
    await db()
      .update(users)
      .set({ active: true })
      .where(eq(users.id, acme.users.rep2?.id as string));
    const res = await create({ ...valid, ownerId: acme.users.rep2?.id });
    expect(res.data?.createLead.lead.owner.id).toBe(acme.users.rep2?.id);
  });

  it("lets only managers assign someone else", async () => {
    const res = await create({ ...valid, ownerId: acme.users.rep2?.id }, acme.tokens.rep);
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    const own = await create(valid, acme.tokens.rep);
    expect(own.data?.createLead.lead.owner.id).toBe(acme.users.rep?.id);
  });

  it("accepts only sources from the enum", async () => {
    const before = await leadCount();
    const res = await create({ ...valid, source: "CARRIER_PIGEON" });
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(await leadCount()).toBe(before);
  });

  it("names every bad field at once", async () => {
    await expectRejected({ name: "", source: "CALL", email: "x@", phone: "1", companyTin: "1" }, "BAD_USER_INPUT", [
      "companyTin",
      "email",
      "name",
      "phone",
    ]);
  });

  it("does not consume a requestId when rejected", async () => {
    const first = await create({ ...valid, name: "Before" });
    await expectRejected({ ...valid, email: "broken@" }, "BAD_USER_INPUT", ["email"]);
    const next = await create({ ...valid, name: "After" });
    expect(next.data?.createLead.lead.requestId).toBe(first.data?.createLead.lead.requestId + 1);
  });

  it("starts the lead in the default pipeline's first stage with an SLA clock and a CREATED event", async () => {
    const res = await create({
      ...valid,
      attribution: { utmSource: "newsletter" },
      attachments: [{ url: "https://files.example/a.pdf", name: "a.pdf", fileType: "application/pdf", size: 1200 }],
    });
    const lead = res.data?.createLead.lead;
    expect(lead).toMatchObject({
      status: "new",
      stage: { key: "new", category: "OPEN" },
      version: 1,
      channel: "MANUAL",
    });
    expect(lead.sla.state).toBe("ON_TRACK");
    expect(new Date(lead.sla.firstResponseDueAt).getTime() - Date.now()).toBeGreaterThan(59 * 60_000);
    expect(lead.attribution).toMatchObject({ utmSource: "newsletter" });
    expect(lead.attachments).toEqual([{ name: "a.pdf", size: 1200 }]);
    const events = await db().select().from(leadEvents).where(eq(leadEvents.leadId, lead.id));
    expect(events.map((e) => e.type)).toEqual(["CREATED"]);
  });
});

describe("updateLead", () => {
  const makeLead = async () => (await create({ ...valid, name: "Fox Mulder" })).data?.createLead.lead;

  it("changes named fields, bumps the version and records the change", async () => {
    const lead = await makeLead();
    const res = await server.gql(
      UPDATE_LEAD,
      { id: lead.id, input: { name: "Fox W. Mulder", phone: "+1 202 555 0143" }, v: 1 },
      acme.tokens.manager,
    );
    expect(res.data?.updateLead).toMatchObject({
      name: "Fox W. Mulder",
      phone: "+12025550143",
      email: "dana@fbi.example",
      version: 2,
    });
    const events = await db()
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "UPDATED")));
    expect(events[0]?.payload).toMatchObject({
      changes: { name: { from: "Fox Mulder", to: "Fox W. Mulder" } },
      version: 2,
    });
  });

  it("refuses a stale expectedVersion with CONFLICT and changes nothing", async () => {
    const lead = await makeLead();
    await server.gql(UPDATE_LEAD, { id: lead.id, input: { city: "Washington" }, v: 1 }, acme.tokens.manager);
    const stale = await server.gql(UPDATE_LEAD, { id: lead.id, input: { city: "Oxford" }, v: 1 }, acme.tokens.manager);
    expect(codes(stale)).toEqual(["CONFLICT"]);
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row).toMatchObject({ city: "Washington", version: 2 });
  });

  it("validates like create: no blank name, no dropping the last contact channel", async () => {
    const lead = await makeLead();
    expect(fieldsOf(await server.gql(UPDATE_LEAD, { id: lead.id, input: { name: "" } }, acme.tokens.manager))).toEqual([
      "name",
    ]);
    expect(
      fieldsOf(await server.gql(UPDATE_LEAD, { id: lead.id, input: { email: null } }, acme.tokens.manager)),
    ).toEqual(["email"]);
    expect(
      fieldsOf(await server.gql(UPDATE_LEAD, { id: lead.id, input: { companyTin: "12" } }, acme.tokens.manager)),
    ).toEqual(["companyTin"]);
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.version).toBe(1);
  });

  it("refuses changes to a converted lead", async () => {
    const lead = await makeLead();
    await db().update(leads).set({ convertedAt: new Date() }).where(eq(leads.id, lead.id));
    expect(
      codes(await server.gql(UPDATE_LEAD, { id: lead.id, input: { city: "Nowhere" } }, acme.tokens.manager)),
    ).toEqual(["CONFLICT"]);
  });

  it("answers NOT_FOUND for another tenant's lead and FORBIDDEN for a visible lead the rep may not work", async () => {
    const lead = await makeLead();
    expect(codes(await server.gql(UPDATE_LEAD, { id: lead.id, input: { city: "X" } }, other.tokens.manager))).toEqual([
      "NOT_FOUND",
    ]);
    // Unassigned pool leads are visible to reps but must be claimed before they are worked.
    expect(codes(await server.gql(UPDATE_LEAD, { id: lead.id, input: { city: "X" } }, acme.tokens.rep))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await server.gql(UPDATE_LEAD, { id: "nope", input: { city: "X" } }, acme.tokens.manager))).toEqual([
      "NOT_FOUND",
    ]);
  });
});
