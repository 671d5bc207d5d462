import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { companies, leads, users } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer } from "../../test/harness.js";
import { canSeeLead, visibleLeads } from "./lead-access.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

it("canSeeLead (for rows in hand) and visibleLeads (SQL) agree for every role and lead", async () => {
  const t = await createTestTenant(server, {
    admin: ["ADMIN"],
    manager: ["MANAGER"],
    rep1: ["SALES"],
    rep2: ["SALES"],
    marketeer: ["MARKETEER"],
    partner: ["PARTNER"],
    supervisor: ["PARTNER_SUPERVISOR"],
    customer: ["CUSTOMER"],
  });
  const db = server.app.database.db;
  const [company] = await db.insert(companies).values({ tenantId: t.tenant.id, name: "Partner Co" }).returning();
  await db
    .update(users)
    .set({ partnerCompanyId: company?.id })
    .where(eq(users.id, t.users.supervisor?.id as string));
  const make = (token: string | undefined, input: Record<string, unknown>) =>
    server.gql(CREATE_LEAD, { input: { name: "L", source: "API", email: "l@example.com", ...input } }, token);
  await make(t.tokens.rep1, {});
  await make(t.tokens.rep2, {});
  await make(t.tokens.manager, {});
  await make(t.tokens.manager, { ownerId: t.users.rep2?.id, partnerRepresentativeId: t.users.partner?.id });
  await make(t.tokens.manager, { ownerId: t.users.rep1?.id, partnerCompanyId: company?.id });
  await make(t.tokens.customer, {});
  const claimed = await make(t.tokens.manager, {});
  await server.gql(
    "mutation($id: ID!) { claimLead(id: $id) { id } }",
    { id: claimed.data?.createLead.lead.id },
    t.tokens.rep2,
  );
  const retired = await make(t.tokens.rep1, {});
  await db.update(leads).set({ retiredAt: new Date() }).where(eq(leads.id, retired.data?.createLead.lead.id));
  const all = await db.select().from(leads).where(eq(leads.tenantId, t.tenant.id));
  for (const key of Object.keys(t.users)) {
    const viewer = await server.app.services.auth.authenticate(`Bearer ${t.tokens[key]}`);
    if (!viewer) throw new Error("no viewer");
    const bySql = (
      await db
        .select({ id: leads.id })
        .from(leads)
        .where(and(visibleLeads(viewer)))
    )
      .map((r) => r.id)
      .sort();
    const inJs = all
      .filter((lead) => canSeeLead(viewer, lead))
      .map((l) => l.id)
      .sort();
    expect({ key, ids: inJs }).toEqual({ key, ids: bySql });
  }
});
