import { permissionsFor } from "@leadline/shared";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads, scoreSnapshots } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant-scope.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLeadParams } from "../lead-core/lead.params.js";

/**
 * A create that nothing follows in its transaction commits with its insert
 * (the tenant's counter is then held while PostgreSQL runs the insert and
 * the commit, and no longer): another connection sees the lead before the
 * transaction's body has returned. A lead that needs a write after its
 * insert (a score snapshot, a route) commits when the body returns.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("a create that ends its transaction, on PostgreSQL", () => {
  let server: TestServer;
  let t: TestTenant;
  let viewer: Viewer;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTestTenant(server, { rep: ["SALES"] });
    viewer = {
      tenantId: t.tenant.id,
      userId: t.users.rep?.id as string,
      roles: ["SALES"],
      permissions: permissionsFor(["SALES"]),
      partnerCompanyId: null,
      via: { kind: "session", sessionId: "test" },
    };
  });
  afterAll(() => server?.stop());

  /** Creates one lead as the rep; answers whether another connection saw it before the body returned. */
  const create = (input: Partial<CreateLeadParams>, route = false) =>
    withTenant(viewer.tenantId, async () => {
      const { createLead } = server.app.services;
      const where = await createLead.placeOf(viewer, null);
      let seenInside = false;
      const outcome = await createLead.transaction(async (tx) => {
        const made = await createLead.runIn(
          tx,
          viewer,
          {
            input: { source: "API", ...input } as CreateLeadParams,
            channel: route ? "API" : "MANUAL",
            duplicates: "KEEP_BOTH",
            route,
          },
          where,
          { endsTransaction: true },
        );
        const id = made.lead?.id as string;
        seenInside = (await server.app.database.db.select().from(leads).where(eq(leads.id, id))).length === 1;
        return made;
      });
      return { lead: outcome.lead, seenInside };
    });

  it("should commit a lead with its insert when nothing follows it", async () => {
    const { lead, seenInside } = await create({ name: "Plain", email: "plain@example.com" });
    expect(lead?.requestId).toBeGreaterThan(0);
    expect(seenInside).toBe(true);
  });

  it("should write a scoring lead's snapshot after its insert, committing both at the end", async () => {
    const { lead, seenInside } = await create({
      name: "Scored",
      email: "scored@example.com",
      jobTitle: "Chief Executive Officer",
    });
    expect(lead?.score).toBeGreaterThan(0);
    expect(seenInside).toBe(false);
    const snapshots = await withTenant(viewer.tenantId, () =>
      server.app.database.db
        .select()
        .from(scoreSnapshots)
        .where(eq(scoreSnapshots.leadId, lead?.id as string)),
    );
    expect(snapshots).toHaveLength(1);
  });

  it("should route a machine channel's lead after its insert, committing at the end", async () => {
    const { lead, seenInside } = await create({ name: "Routed", email: "routed@example.com" }, true);
    expect(lead?.requestId).toBeGreaterThan(0);
    expect(seenInside).toBe(false);
  });
});
