import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads } from "../../db/schema/index.js";
import { withTenant } from "../../db/tenant-scope.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import type { Viewer } from "../auth/viewer.js";
import { lockWorkableLeadOrThrow } from "../lead-core/lead-access.js";
import { StageChanger, stagesOfPipeline } from "./stage-change.js";

/**
 * A stage change that ends its transaction (a kanban move) sends its write with the commit right
 * behind it: another connection sees the new stage before the transaction's body has returned,
 * and nothing more may run in that transaction.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("a move that ends its transaction, on PostgreSQL", () => {
  let server: TestServer;
  let t: TestTenant;
  let viewer: Viewer;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTestTenant(server, { manager: ["MANAGER"] });
    const authenticated = await server.app.services.auth.authenticate(`Bearer ${t.tokens.manager}`);
    if (!authenticated) throw new Error("no viewer");
    viewer = authenticated;
  });
  afterAll(() => server?.stop());

  const newLead = async (name: string) => {
    const input = { name, source: "CALL", email: `${name.toLowerCase()}@example.com` };
    const res = await server.gql(CREATE_LEAD, { input }, t.tokens.manager);
    return res.data?.createLead.lead.id as string;
  };

  /** Moves the lead one stage along, ending the transaction with it; then runs `after` in the same transaction. */
  const move = (
    id: string,
    after?: (tx: Parameters<Parameters<typeof server.app.database.db.transaction>[0]>[0]) => Promise<unknown>,
  ) =>
    withTenant(viewer.tenantId, () =>
      server.app.database.db.transaction(async (tx) => {
        const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
        const stages = await stagesOfPipeline(tx, lead.pipelineId);
        const from = stages.find((s) => s.key === lead.status);
        const to = stages.find((s) => s.key !== lead.status && from?.transitions.includes(s.key));
        if (!to) throw new Error("no stage to move to");
        await new StageChanger(server.app.services.sla).change(tx, lead, stages, {
          to,
          via: "MOVE",
          actor: viewer,
          endsTransaction: true,
        });
        const [seen] = await server.app.database.db
          .select({ status: leads.status })
          .from(leads)
          .where(eq(leads.id, id));
        await after?.(tx);
        return { to: to.key, seenInside: seen?.status };
      }),
    );

  it("should commit a move with its write when nothing follows it", async () => {
    const id = await newLead("Mover");
    const { to, seenInside } = await move(id);
    expect(seenInside).toBe(to);
    const events = await withTenant(viewer.tenantId, () =>
      server.app.database.db
        .select({ type: leadEvents.type })
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, id), eq(leadEvents.type, "STATUS_CHANGED"))),
    );
    expect(events).toHaveLength(1);
  });

  it("should refuse a statement after the move that ended the transaction", async () => {
    const id = await newLead("Late");
    const statusOf = async () =>
      (
        await withTenant(viewer.tenantId, () =>
          server.app.database.db.select({ status: leads.status }).from(leads).where(eq(leads.id, id)),
        )
      )[0]?.status;
    const before = await statusOf();
    const error = await move(id, (tx) => tx.select({ id: leads.id }).from(leads).where(eq(leads.id, id))).then(
      () => null,
      (e: { cause?: unknown }) => e,
    );
    // drizzle wraps the driver's refusal in its own "Failed query" error.
    expect(String(error?.cause ?? error)).toMatch(/already committed/);
    // The move had committed with its write.
    expect(await statusOf()).not.toBe(before);
  });
});
