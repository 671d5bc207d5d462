import { permissionsFor } from "@leadline/shared";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WrittenQuery } from "../../db/client.js";
import { intakeReceipts, leads, scoreSnapshots } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant-scope.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLeadParams } from "../lead-core/lead.params.js";
import type { PlannedOutcome } from "./create-lead.js";

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
    t = await createTestTenant(server, { rep: ["SALES"], manager: ["MANAGER"] });
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

  /**
   * A closing statement (RunOptions.closing) that keeps, under the lead's id, the requestId it
   * reads from the new lead and the status it was given, as an idempotency receipt does. Counts
   * the times it was built.
   */
  let closings = 0;
  const closing = (planned: readonly PlannedOutcome[]): WrittenQuery => {
    closings++;
    return {
      sql: `insert into intake_receipts (tenant_id, channel, key, body_hash, status, response)
        select tenant_id, 'test', id::text, 'closing', 201, jsonb_build_object('requestId', request_id, 'status', $2::text)
        from new_lead where id = $1::uuid`,
      params: [planned[0]?.lead.id, planned[0]?.lead.status],
    };
  };

  /** Creates one lead as the rep; answers whether another connection saw it before the body returned. */
  const create = (input: Partial<CreateLeadParams>, route = false, closes = false) =>
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
          closes ? { closing } : { endsTransaction: true },
        );
        const id = made.lead?.id as string;
        seenInside = (await server.app.database.db.select().from(leads).where(eq(leads.id, id))).length === 1;
        return made;
      });
      return { lead: outcome.lead, seenInside };
    });

  /** What the closing statement kept for a lead, read by another connection. */
  const closed = async (leadId: string) => {
    const [row] = await server.app.database.db
      .select()
      .from(intakeReceipts)
      .where(and(eq(intakeReceipts.channel, "test"), eq(intakeReceipts.key, leadId)));
    return row?.response;
  };

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

  it("should write a closing statement into the insert that carries the commit, reading the new lead", async () => {
    closings = 0;
    const { lead, seenInside } = await create({ name: "Closed", email: "closed@example.com" }, false, true);
    expect(closings).toBe(1);
    expect(seenInside).toBe(true);
    expect(await closed(lead?.id as string)).toEqual({ requestId: lead?.requestId, status: lead?.status });
  });

  it("should leave the closing statement to the caller when a write follows the insert", async () => {
    closings = 0;
    const { lead, seenInside } = await create(
      { name: "Closed Later", email: "closed-later@example.com", jobTitle: "Chief Executive Officer" },
      false,
      true,
    );
    expect(lead?.score).toBeGreaterThan(0);
    expect(closings).toBe(0);
    expect(seenInside).toBe(false);
    expect(await closed(lead?.id as string)).toBeUndefined();
  });

  it("should commit a machine channel's lead with its insert when no rule routes it, and at the end when one does", async () => {
    const unrouted = await create({ name: "Unrouted", email: "unrouted@example.com", city: "Lima" }, true);
    expect(unrouted.seenInside).toBe(true);
    expect(unrouted.lead?.queueId).toBeNull();

    const queue = await server.gql(
      "mutation($input: QueueInput!) { upsertQueue(input: $input) { id } }",
      { input: { name: "Oslo", strategy: "ROUND_ROBIN", memberIds: [viewer.userId] } },
      t.tokens.manager,
    );
    const queueId = queue.data?.upsertQueue.id as string;
    const rules = await server.gql(
      "mutation($rules: [RoutingRuleInput!]!) { setRoutingRules(rules: $rules) { id } }",
      { rules: [{ city: "Oslo", queueId }] },
      t.tokens.manager,
    );
    expect(rules.errors).toBeUndefined();
    const routed = await create({ name: "Routed", email: "routed@example.com", city: "oslo" }, true);
    expect(routed.seenInside).toBe(false);
    expect(routed.lead?.queueId).toBe(queueId);
    expect(routed.lead?.ownerId).toBe(viewer.userId);
    const elsewhere = await create({ name: "Elsewhere", email: "elsewhere@example.com", city: "Lima" }, true);
    expect(elsewhere.seenInside).toBe(true);
  });
});
