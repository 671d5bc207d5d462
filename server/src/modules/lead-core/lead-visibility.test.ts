import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { companies } from "../../db/schema/index.js";
import { CREATE_LEAD, LEAD_BY_ID, LEAD_BY_REQUEST_ID, LEADS } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

let server: TestServer;
let a: TestTenant;
let b: TestTenant;
let partnerCo: string;
const leadsOf: Record<string, { id: string; requestId: number }> = {};

const create = async (input: Record<string, unknown>, token: string | undefined) => {
  const res = await server.gql(CREATE_LEAD, { input: { source: "MANUAL", email: "x@example.com", ...input } }, token);
  if (!res.data?.createLead) throw new Error(JSON.stringify(res.errors));
  return res.data.createLead.lead as { id: string; requestId: number };
};
const ids = (res: { data?: Record<string, any> | null }) =>
  ((res.data?.leads.edges ?? []) as { node: { id: string } }[]).map((e) => e.node.id).sort();

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestTenant(server, {
    manager: ["MANAGER"],
    rep1: ["SALES"],
    rep2: ["SALES"],
    marketeer: ["MARKETEER"],
  });
  const [company] = await server.app.database.db
    .insert(companies)
    .values({ tenantId: a.tenant.id, name: "Partner Co" })
    .returning();
  partnerCo = company?.id as string;
  const partners = await createTestTenant(
    server,
    { partner: ["PARTNER"], supervisor: ["PARTNER_SUPERVISOR"] },
    { partnerCompanyId: partnerCo },
  );
  // Partners of tenant A live in a separate fixture only to set their company; move them into A.
  const { users } = await import("../../db/schema/index.js");
  for (const key of ["partner", "supervisor"]) {
    await server.app.database.db
      .update(users)
      .set({ tenantId: a.tenant.id })
      .where(eq(users.id, partners.users[key]?.id as string));
    a.users[key] = partners.users[key] as never;
    a.tokens[key] = partners.tokens[key] as string;
  }
  b = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });

  leadsOf.rep1 = await create({ name: "Rep1 lead" }, a.tokens.rep1);
  leadsOf.rep2 = await create({ name: "Rep2 lead" }, a.tokens.rep2);
  leadsOf.pool = await create({ name: "Pool lead" }, a.tokens.manager);
  leadsOf.partner = await create(
    { name: "Partner lead", ownerId: a.users.rep2?.id, partnerRepresentativeId: a.users.partner?.id },
    a.tokens.manager,
  );
  leadsOf.partnerCompany = await create(
    { name: "Partner company lead", ownerId: a.users.rep2?.id, partnerCompanyId: partnerCo },
    a.tokens.manager,
  );
  leadsOf.b = await create({ name: "Tenant B lead" }, b.tokens.rep);
});
afterAll(() => server?.stop());

describe("lead visibility", () => {
  it("rep1 cannot read rep2's lead by id, by requestId or in a list", async () => {
    expect((await server.gql(LEAD_BY_ID, { id: leadsOf.rep2?.id }, a.tokens.rep1)).data?.lead).toBeNull();
    expect((await server.gql(LEAD_BY_REQUEST_ID, { n: leadsOf.rep2?.requestId }, a.tokens.rep1)).data?.lead).toBeNull();
    const list = await server.gql(LEADS, { first: 100 }, a.tokens.rep1);
    expect(ids(list)).toEqual([leadsOf.rep1?.id, leadsOf.pool?.id].sort());
    expect(list.data?.leads.totalCount).toBe(2);
    // Their own lead is readable both ways.
    expect((await server.gql(LEAD_BY_REQUEST_ID, { n: leadsOf.rep1?.requestId }, a.tokens.rep1)).data?.lead.id).toBe(
      leadsOf.rep1?.id,
    );
  });

  it("managers and marketeers see every lead of their tenant and nothing else", async () => {
    const everyone = [leadsOf.rep1, leadsOf.rep2, leadsOf.pool, leadsOf.partner, leadsOf.partnerCompany]
      .map((l) => l?.id)
      .sort();
    expect(ids(await server.gql(LEADS, { first: 100 }, a.tokens.manager))).toEqual(everyone);
    expect(ids(await server.gql(LEADS, { first: 100 }, a.tokens.marketeer))).toEqual(everyone);
  });

  it("partners see the leads they represent; supervisors those of their partner company", async () => {
    expect(ids(await server.gql(LEADS, { first: 100 }, a.tokens.partner))).toEqual([leadsOf.partner?.id]);
    expect(ids(await server.gql(LEADS, { first: 100 }, a.tokens.supervisor))).toEqual([leadsOf.partnerCompany?.id]);
  });

  it("a partner's API key sees only the partner's leads", async () => {
    const key = await server.gql(
      'mutation { createApiKey(name: "portal", roles: [PARTNER]) { secret } }',
      {},
      a.tokens.partner,
    );
    const secret = key.data?.createApiKey.secret;
    expect(ids(await server.gql(LEADS, { first: 100 }, secret))).toEqual([leadsOf.partner?.id]);
    expect((await server.gql(LEAD_BY_ID, { id: leadsOf.rep1?.id }, secret)).data?.lead).toBeNull();
  });

  it("tenant B sees nothing of tenant A, with a session or an admin API key", async () => {
    const key = await server.gql(
      'mutation { createApiKey(name: "etl", roles: [ADMIN]) { secret } }',
      {},
      b.tokens.admin,
    );
    for (const token of [b.tokens.admin, key.data?.createApiKey.secret]) {
      expect(ids(await server.gql(LEADS, { first: 100 }, token))).toEqual([leadsOf.b?.id]);
      for (const lead of [leadsOf.rep1, leadsOf.pool, leadsOf.partner]) {
        expect((await server.gql(LEAD_BY_ID, { id: lead?.id }, token)).data?.lead).toBeNull();
      }
    }
    // requestIds overlap across tenants; each resolves inside its own tenant only.
    expect((await server.gql(LEAD_BY_REQUEST_ID, { n: 1 }, b.tokens.admin)).data?.lead.id).toBe(leadsOf.b?.id);
  });

  it("every tenant counts requestIds from 1", async () => {
    expect(leadsOf.rep1?.requestId).toBe(1);
    expect(leadsOf.b?.requestId).toBe(1);
  });

  it("answers UNAUTHENTICATED without a token", async () => {
    expect(codes(await server.gql(LEADS, { first: 5 }))).toEqual(["UNAUTHENTICATED"]);
  });
});
