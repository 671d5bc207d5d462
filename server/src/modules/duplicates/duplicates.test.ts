import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowsOf } from "../../db/client.js";
import { textArray } from "../../db/ids.js";
import { contacts, leadCompanyNames, leads, tenants } from "../../db/schema/index.js";
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
let t: TestTenant;
let other: TestTenant;

const FIND = `query($input: DuplicateProbeInput!) {
  findDuplicates(input: $input) { lead { id name } contact { id email } reasons confidence }
}`;
const LEAD_DUPLICATES = `query($id: ID) { lead(id: $id) { id duplicates { lead { id } reasons confidence } } }`;
const MERGE = `mutation($target: ID!, $source: ID!) { mergeLeads(targetId: $target, sourceId: $source) { id } }`;

interface Match {
  lead: { id: string; name: string } | null;
  contact: { id: string; email: string } | null;
  reasons: string[];
  confidence: number;
}

async function createLead(input: Record<string, unknown>, token = t.tokens.manager) {
  const res = await server.gql(CREATE_LEAD, { input: { source: "MANUAL", ...input } }, token);
  const id = res.data?.createLead?.lead?.id as string | undefined;
  if (!id) throw new Error(JSON.stringify(res.errors));
  return id;
}

async function find(input: Record<string, unknown>, token = t.tokens.manager): Promise<Match[]> {
  const res = await server.gql(FIND, { input }, token);
  if (!res.data) throw new Error(JSON.stringify(res.errors));
  return res.data.findDuplicates;
}

const matchFor = (matches: Match[], id: string) => matches.find((m) => m.lead?.id === id);

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], rep: ["SALES"], rep2: ["SALES"] });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

describe("findDuplicates by normalized keys", () => {
  it("matches an email whatever its case", async () => {
    const id = await createLead({ name: "Grace Hopper", email: "Grace.Hopper@Navy.example" });
    const matches = await find({ email: "  GRACE.hopper@navy.EXAMPLE " });
    expect(matchFor(matches, id)).toMatchObject({ reasons: ["email"], confidence: 0.95 });
  });

  it("matches a phone written with or without the country code (US tenant)", async () => {
    const id = await createLead({ name: "Alan Turing", phone: "+1 (415) 555-0100" });
    const matches = await find({ phone: "4155550100" });
    expect(matchFor(matches, id)).toMatchObject({ reasons: ["phone"], confidence: 0.9 });
    expect(matchFor(await find({ phone: "415.555.0100" }), id)).toBeDefined();
  });

  it("reads phones without a prefix in the tenant's own country", async () => {
    const berlin = await createTestTenant(server, { manager: ["MANAGER"] });
    await server.app.database.db.update(tenants).set({ defaultCountry: "DE" }).where(eq(tenants.id, berlin.tenant.id));
    const id = await createLead({ name: "Konrad Zuse", phone: "030 1234567" }, berlin.tokens.manager);
    expect(matchFor(await find({ phone: "+49 30 1234567" }, berlin.tokens.manager), id)?.reasons).toEqual(["phone"]);
    expect(matchFor(await find({ phone: "(030) 123 45 67" }, berlin.tokens.manager), id)?.reasons).toEqual(["phone"]);
  });

  it("matches a website by its registrable domain, whatever the scheme, www or page", async () => {
    const id = await createLead({
      name: "Margaret Hamilton",
      email: "margaret@apollo.example",
      companyName: "Apollo Guidance",
      companyWebsite: "https://www.apollo-guidance.com/team/",
    });
    for (const website of ["apollo-guidance.com", "http://apollo-guidance.com", "https://shop.apollo-guidance.com/x"]) {
      expect(matchFor(await find({ companyWebsite: website }), id)?.reasons).toEqual(["domain"]);
    }
    const [row] = await server.app.database.db.select().from(leads).where(eq(leads.id, id));
    expect(row?.companyDomain).toBe("apollo-guidance.com");
  });

  it("matches a TIN written with separators", async () => {
    const id = await createLead({ name: "Ken Thompson", email: "ken@bell.example", companyTin: "123-456-789" });
    const match = matchFor(await find({ companyTin: "123 456 789" }), id);
    expect(match).toMatchObject({ reasons: ["tin"], confidence: 0.6 });
  });

  it("matches a misspelt name at the same company, less surely than an exact key", async () => {
    const id = await createLead({
      name: "Jonathan Smithers",
      email: "jsmithers@globex.example",
      companyName: "Globex Corporation",
    });
    const elsewhere = await createLead({
      name: "Jonathan Smithers",
      email: "jonathan@initech.example",
      companyName: "Initech",
    });
    const matches = await find({ name: "Jonathon Smithers", companyName: "Globex Corp" });
    const match = matchFor(matches, id);
    expect(match?.reasons).toHaveLength(2);
    expect(match?.reasons[0]).toMatch(/^company~0\.\d\d$/);
    expect(match?.reasons[1]).toMatch(/^name~0\.\d\d$/);
    expect(match?.confidence).toBeGreaterThan(0.3);
    expect(match?.confidence).toBeLessThan(0.9);
    // The same name at another company is another person.
    expect(matchFor(matches, elsewhere)).toBeUndefined();
    // A transposition in the name, the company exact.
    expect(matchFor(await find({ name: "Jonahtan Smithers", companyName: "globex corporation" }), id)?.reasons).toEqual(
      expect.arrayContaining(["company"]),
    );
  });

  it("matches a similar name alone, weakly", async () => {
    const id = await createLead({ name: "Radia Joy Perlman", email: "radia@spanning-tree.example" });
    const match = matchFor(await find({ name: "Radia Joy Perlmann" }), id);
    expect(match?.reasons).toEqual([expect.stringMatching(/^name~0\.\d\d$/)]);
    expect(match?.confidence).toBeLessThan(0.5);
    expect(matchFor(await find({ name: "Someone Else Entirely" }), id)).toBeUndefined();
  });

  it("ranks the best match first and combines evidence", async () => {
    const both = await createLead({ name: "Edsger Dijkstra", email: "ewd@tue.example", phone: "+31 40 247 9111" });
    const emailOnly = await createLead({ name: "E. W. Dijkstra", email: "ewd@tue.example" });
    const matches = await find({ email: "ewd@tue.example", phone: "+31402479111", name: "Edsger Dijkstra" });
    expect(matches.map((m) => m.lead?.id).slice(0, 2)).toEqual([both, emailOnly]);
    expect(matches[0]).toMatchObject({ reasons: ["email", "phone"], confidence: 1 });
  });

  it("keeps the company domain in step when the website changes", async () => {
    const id = await createLead({ name: "Barbara Liskov", email: "liskov@mit.example" });
    const updated = await server.gql(
      UPDATE_LEAD,
      { id, input: { companyWebsite: "www.clu-lang.org" } },
      t.tokens.manager,
    );
    expect(updated.errors).toBeUndefined();
    expect(matchFor(await find({ companyWebsite: "https://clu-lang.org" }), id)).toBeDefined();
    await server.gql(UPDATE_LEAD, { id, input: { companyWebsite: null } }, t.tokens.manager);
    expect(matchFor(await find({ companyWebsite: "https://clu-lang.org" }), id)).toBeUndefined();
  });

  it("finds tenant contacts by email or phone", async () => {
    const [contact] = await server.app.database.db
      .insert(contacts)
      .values({ tenantId: t.tenant.id, firstName: "Ada", lastName: "Byron", email: "ada@byron.example" })
      .returning();
    const matches = await find({ email: "Ada@Byron.example" });
    expect(matches).toEqual([
      { lead: null, contact: { id: contact?.id, email: "ada@byron.example" }, reasons: ["email"], confidence: 0.95 },
    ]);
  });

  it("looks contacts up by one bound array of keys, whatever the keys hold", async () => {
    const keys = ["a,b", 'say "hi"', "back\\slash", "{braces}", " spaced "];
    const [row] = rowsOf(await server.app.database.db.execute(sql`select ${textArray(keys)} as keys`));
    expect(row?.keys).toEqual(keys);
  });

  it("names probe values it cannot read, and wants at least one", async () => {
    const bad = await server.gql(FIND, { input: { email: "nope", phone: "12", companyTin: "1" } }, t.tokens.manager);
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(bad)).toEqual(["companyTin", "email", "phone"]);
    const empty = await server.gql(FIND, { input: { name: "  " } }, t.tokens.manager);
    expect(fieldsOf(empty)).toEqual(["input"]);
  });
});

describe("who sees which duplicates", () => {
  it("never matches across tenants", async () => {
    const mine = await createLead({ name: "Hedy Lamarr", email: "hedy@frequency.example" });
    const theirs = await createLead({ name: "Hedy Lamarr", email: "hedy@frequency.example" }, other.tokens.manager);
    const matches = await find({ email: "hedy@frequency.example" });
    expect(matches.map((m) => m.lead?.id)).toEqual([mine]);
    const theirMatches = await find({ email: "hedy@frequency.example" }, other.tokens.manager);
    expect(theirMatches.map((m) => m.lead?.id)).toEqual([theirs]);
  });

  it("shows a rep no duplicates among leads they may not see", async () => {
    const hidden = await createLead({ name: "Katherine Johnson", email: "kj@nasa.example" }, t.tokens.rep2);
    expect(await find({ email: "kj@nasa.example" }, t.tokens.rep)).toEqual([]);
    expect(matchFor(await find({ email: "kj@nasa.example" }, t.tokens.rep2), hidden)).toBeDefined();
    expect(matchFor(await find({ email: "kj@nasa.example" }, t.tokens.manager), hidden)).toBeDefined();
  });
});

describe("Lead.duplicates", () => {
  it("lists the lead's duplicates without itself, for a page of leads at once", async () => {
    const a = await createLead({ name: "Dennis Ritchie", email: "dmr@unix.example" });
    const b = await createLead({ name: "D. Ritchie", email: "DMR@unix.example", phone: "+1 908 582 3000" });
    const c = await createLead({ name: "Brian Kernighan", phone: "+1 (908) 582-3000" });
    const res = await server.gql(
      `query($a: ID, $b: ID, $c: ID) {
        a: lead(id: $a) { duplicates { lead { id } reasons } }
        b: lead(id: $b) { duplicates { lead { id } reasons } }
        c: lead(id: $c) { duplicates { lead { id } reasons } }
      }`,
      { a, b, c },
      t.tokens.manager,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.a.duplicates).toEqual([{ lead: { id: b }, reasons: ["email"] }]);
    expect(res.data?.b.duplicates.map((d: { lead: { id: string } }) => d.lead.id).sort()).toEqual([a, c].sort());
    expect(res.data?.c.duplicates).toEqual([{ lead: { id: b }, reasons: ["phone"] }]);
    const alone = await createLead({ name: "Nobody Alike", email: "unique-person@nowhere.example" });
    const single = await server.gql(LEAD_DUPLICATES, { id: alone }, t.tokens.manager);
    expect(single.data?.lead.duplicates).toEqual([]);
  });
});

// A misspelt company is searched among the tenant's distinct company names (a table kept by
// triggers on leads), then the leads of the names found: these fail if that table goes stale.
describe("a similar person at a misspelt company", () => {
  const db = () => server.app.database.db;

  it("finds the lead through its company's name, whatever the case or spacing", async () => {
    const id = await createLead({
      name: "Augusta King",
      email: "ada@engines.example",
      companyName: "Analytical  Engines Ltd",
    });
    const match = matchFor(await find({ name: "Agusta King", companyName: "ANALYTCAL engines ltd" }), id);
    expect(match?.reasons[0]).toMatch(/^company~0\.\d\d$/);
    expect(match?.reasons[1]).toMatch(/^name~0\.\d\d$/);
  });

  it("follows the lead when its company is renamed", async () => {
    const id = await createLead({
      name: "Charles Babbage",
      email: "babbage@engines.example",
      companyName: "Difference Engines Ltd",
    });
    const renamed = await server.gql(
      UPDATE_LEAD,
      { id, input: { companyName: "Mechanical Calculators Inc" } },
      t.tokens.manager,
    );
    expect(renamed.errors).toBeUndefined();
    expect(
      matchFor(await find({ name: "Charles Babbadge", companyName: "Mechanical Calculatros Inc" }), id),
    ).toBeDefined();
    expect(
      matchFor(await find({ name: "Charles Babbadge", companyName: "Diference Engines Ltd" }), id),
    ).toBeUndefined();
  });

  it("never offers a merged lead by its company", async () => {
    const target = await createLead({ name: "Joseph Jacquard", email: "jacquard@looms.example" });
    const source = await createLead({
      name: "Joseph Jacquard",
      email: "joseph@looms.example",
      companyName: "Punched Card Looms",
    });
    const probe = { name: "Josef Jacquard", companyName: "Punched Cards Looms" };
    expect(matchFor(await find(probe), source)).toBeDefined();
    expect((await server.gql(MERGE, { target, source }, t.tokens.manager)).errors).toBeUndefined();
    const matches = await find(probe);
    expect(matchFor(matches, source)).toBeUndefined();
    // The target took the company over (an empty field filled from the source).
    expect(matchFor(matches, target)).toBeDefined();
  });

  it("does not look at other tenants' companies", async () => {
    const theirs = await createLead(
      { name: "Herman Hollerith", email: "herman@tabulating.example", companyName: "Tabulating Machine Co" },
      other.tokens.manager,
    );
    const probe = { name: "Herman Holerith", companyName: "Tabulatin Machine Co" };
    expect(await find(probe)).toEqual([]);
    expect(matchFor(await find(probe, other.tokens.manager), theirs)).toBeDefined();
  });

  it("counts only names that still have a live lead towards its limit", async () => {
    // More than the search reads, each closer to the probe than the live lead's company, none live any more.
    const id = await createLead({
      name: "Tommy Flowers",
      email: "flowers@colossus.example",
      companyName: "Colossus Valves",
    });
    const [model] = await db().select().from(leads).where(eq(leads.id, id));
    if (!model) throw new Error("lead not stored");
    const { id: _id, ...fields } = model;
    const stale = await db()
      .insert(leads)
      .values(
        Array.from({ length: 60 }, (_, i) => ({
          ...fields,
          requestId: 900_000 + i,
          name: `Someone Else ${i}`,
          companyName: `Colossus Valvse ${i}`,
        })),
      )
      .returning({ id: leads.id });
    const half = stale.slice(0, 30).map((row) => row.id);
    await db().update(leads).set({ retiredAt: new Date() }).where(sql`${leads.id} in ${half}`);
    await db()
      .update(leads)
      .set({ companyName: sql`'Elsewhere ' || ${leads.requestId}` })
      .where(and(eq(leads.tenantId, t.tenant.id), sql`${leads.requestId} >= 900030`));
    expect(matchFor(await find({ name: "Tomy Flowers", companyName: "Colossus Valvse" }), id)).toBeDefined();
  });

  it("holds every live lead's company name under its own tenant", async () => {
    const missing = await db().execute(sql`select ${leads.id} from ${leads}
      where ${leads.retiredAt} is null and ${leads.companyName} is not null and not exists (
        select 1 from ${leadCompanyNames} where ${leadCompanyNames.tenantId} = ${leads.tenantId}
          and ${leadCompanyNames.name} = lower(${leads.companyName}))`);
    expect(rowsOf(missing)).toEqual([]);
    const [{ names } = { names: 0 }] = await db()
      .select({ names: sql<number>`count(*)::int` })
      .from(leadCompanyNames)
      .where(eq(leadCompanyNames.tenantId, other.tenant.id));
    expect(names).toBe(1);
  });
});
