import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads, routingRules, stages, tenants } from "../../db/schema/index.js";
import { TenantConfigCache } from "../../db/tenant-config-cache.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

/**
 * The tenant's configuration version and the cache keyed by it: every change
 * to the configuration moves the version in its own transaction, lead traffic
 * does not, and a create after a change never uses what was cached before it.
 */
let server: TestServer;
let t: TestTenant;
let secret: string;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
  const rotated = await server.gql("mutation { rotateWebhookSecret { secret } }", {}, t.tokens.admin);
  secret = rotated.data?.rotateWebhookSecret.secret;
});
afterAll(() => server?.stop());

const db = () => server.app.database.db;
const versionOf = async () => {
  const [row] = await db().select({ v: tenants.configVersion }).from(tenants).where(eq(tenants.id, t.tenant.id));
  return Number(row?.v);
};

async function hook(body: Record<string, unknown>) {
  const payload = JSON.stringify(body);
  const id = `msg_${crypto.randomUUID()}`;
  const at = new Date();
  const res = await fetch(`${server.url}/hooks/leads/${t.tenant.slug}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": new Webhook(secret).sign(id, at, payload),
    },
    body: payload,
  });
  expect(res.status).toBe(201);
  const { lead } = (await res.json()) as { lead: { id: string } };
  const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
  if (!row) throw new Error("lead not stored");
  return row;
}

const partnerLead = () => ({ name: "Cached", source: "PARTNER", email: `${crypto.randomUUID()}@example.com` });

describe("tenants.config_version", () => {
  it("should move with every change to the tenant, its pipelines, stages and routing rules", async () => {
    let before = await versionOf();
    const moved = async () => {
      const now = await versionOf();
      const grew = now > before;
      before = now;
      return grew;
    };
    const settings = await server.gql(
      "mutation { updateTenantSettings(input: { slaFirstResponseMinutes: 45 }) { slaFirstResponseMinutes } }",
      {},
      t.tokens.admin,
    );
    expect(codes(settings)).toEqual([]);
    expect(await moved()).toBe(true);
    const [stage] = await db().select().from(stages).where(eq(stages.tenantId, t.tenant.id)).limit(1);
    await db()
      .update(stages)
      .set({ label: `${stage?.label} (edited)` })
      .where(eq(stages.id, stage?.id as string));
    expect(await moved()).toBe(true);
    const queue = await server.gql(
      "mutation($input: QueueInput!) { upsertQueue(input: $input) { id } }",
      { input: { name: "Version", strategy: "ROUND_ROBIN", memberIds: [t.users.rep?.id] } },
      t.tokens.admin,
    );
    const rules = await server.gql(
      "mutation($rules: [RoutingRuleInput!]!) { setRoutingRules(rules: $rules) { id } }",
      { rules: [{ source: "REFERRAL", queueId: queue.data?.upsertQueue.id }] },
      t.tokens.admin,
    );
    expect(codes(rules)).toEqual([]);
    expect(await moved()).toBe(true);
    await db().delete(routingRules).where(eq(routingRules.tenantId, t.tenant.id));
    expect(await moved()).toBe(true);
  });

  it("should not move when leads are created and moved", async () => {
    const before = await versionOf();
    const created = await server.gql(
      CREATE_LEAD,
      { input: { name: "Traffic", source: "MANUAL", email: `${crypto.randomUUID()}@example.com` } },
      t.tokens.rep,
    );
    expect(codes(created)).toEqual([]);
    const id = created.data?.createLead.lead.id;
    const moved = await server.gql(
      'mutation($id: ID!) { moveLead(id: $id, toStatus: "working") { status } }',
      { id },
      t.tokens.rep,
    );
    expect(codes(moved), JSON.stringify(moved.errors)).toEqual([]);
    await hook(partnerLead());
    expect(await versionOf()).toBe(before);
  });
});

describe("configuration cached by version", () => {
  it("should route by rules set after the tenant's rules were cached, and stop when they are removed", async () => {
    // Cached: no rule for PARTNER.
    expect((await hook(partnerLead())).queueId).toBeNull();
    const queue = await server.gql(
      "mutation($input: QueueInput!) { upsertQueue(input: $input) { id } }",
      { input: { name: "Partners", strategy: "ROUND_ROBIN", memberIds: [t.users.rep?.id] } },
      t.tokens.admin,
    );
    const queueId = queue.data?.upsertQueue.id;
    const set = (rules: unknown[]) =>
      server.gql(
        "mutation($rules: [RoutingRuleInput!]!) { setRoutingRules(rules: $rules) { id } }",
        { rules },
        t.tokens.admin,
      );
    expect(codes(await set([{ source: "PARTNER", queueId }]))).toEqual([]);
    expect((await hook(partnerLead())).queueId).toBe(queueId);
    expect(codes(await set([]))).toEqual([]);
    expect((await hook(partnerLead())).queueId).toBeNull();
  });

  it("should place a lead by tenant settings changed after they were cached", async () => {
    const minutesOf = (lead: { createdAt: Date; firstResponseDueAt: Date | null }) =>
      Math.round(((lead.firstResponseDueAt?.getTime() ?? 0) - lead.createdAt.getTime()) / 60_000);
    const update = (minutes: number) =>
      server.gql(
        "mutation($m: Float!) { updateTenantSettings(input: { slaFirstResponseMinutes: $m }) { slaFirstResponseMinutes } }",
        { m: minutes },
        t.tokens.admin,
      );
    expect(codes(await update(30))).toEqual([]);
    expect(minutesOf(await hook(partnerLead()))).toBe(30);
    expect(codes(await update(90))).toEqual([]);
    expect(minutesOf(await hook(partnerLead()))).toBe(90);
  });

  it("should show a lead's stage as it is after a stage is renamed, on the next read", async () => {
    const created = await server.gql(
      CREATE_LEAD,
      { input: { name: "Staged", source: "MANUAL", email: `${crypto.randomUUID()}@example.com` } },
      t.tokens.rep,
    );
    const id = created.data?.createLead.lead.id;
    const label = async () => {
      const res = await server.gql("query($id: ID!) { lead(id: $id) { stage { key label } } }", { id }, t.tokens.rep);
      expect(codes(res)).toEqual([]);
      return res.data?.lead.stage as { key: string; label: string };
    };
    const before = await label();
    // Cached now. A rename through SQL moves the version as the admin's mutation would (trigger).
    await db()
      .update(stages)
      .set({ label: "Renamed after caching" })
      .where(and(eq(stages.tenantId, t.tenant.id), eq(stages.key, before.key)));
    expect(await label()).toEqual({ key: before.key, label: "Renamed after caching" });
    // The board's columns come from the same cache.
    const board = await server.gql("{ board(perColumn: 0) { columns { stage { key label } } } }", {}, t.tokens.rep);
    expect(codes(board)).toEqual([]);
    expect(board.data?.board.columns).toContainEqual({ stage: { key: before.key, label: "Renamed after caching" } });
    // Another tenant's cached stages are not this tenant's.
    const other = await createTestTenant(server, { rep: ["SALES"] });
    const theirs = await server.gql("{ leads(first: 1) { edges { node { id } } } }", {}, other.tokens.rep);
    expect(codes(theirs)).toEqual([]);
    expect(await label()).toEqual({ key: before.key, label: "Renamed after caching" });
  });
});

describe("TenantConfigCache", () => {
  it("should reuse a value only at the version it was read at", async () => {
    const cache = new TenantConfigCache<string>();
    let loads = 0;
    let stored = 1;
    const load = async () => ({ version: stored, value: `v${stored} load ${++loads}` });
    expect(await cache.get("t", 1, load)).toBe("v1 load 1");
    expect(await cache.get("t", 1, load)).toBe("v1 load 1");
    stored = 2;
    expect(await cache.get("t", 2, load)).toBe("v2 load 2");
    // No version known: always read afresh.
    expect(await cache.get("t", undefined, load)).toBe("v2 load 3");
  });

  it("should not reuse, after a change of this process, what was read at the changing request's version", async () => {
    const cache = new TenantConfigCache<string>();
    let stored = 1;
    let loads = 0;
    const load = async () => ({ version: stored, value: `v${stored} load ${++loads}` });
    expect(await cache.get("t", 1, load)).toBe("v1 load 1");
    // A request that read version 1 changes the configuration; a read racing it still sees version 1.
    cache.retire("t", 1);
    expect(await cache.get("t", 1, load)).toBe("v1 load 2");
    expect(await cache.get("t", 1, load)).toBe("v1 load 3");
    stored = 2;
    // The changing request still carries version 1: it reads afresh, and sees the change.
    expect(await cache.get("t", 1, load)).toBe("v2 load 4");
    // Requests that read version 2 share the entry again.
    expect(await cache.get("t", 2, load)).toBe("v2 load 4");
  });

  it("should keep no failed load, and drop the oldest entry when full", async () => {
    const cache = new TenantConfigCache<number>(2);
    await expect(cache.get("a", 1, () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    let loads = 0;
    const load = async () => ({ version: 1, value: ++loads });
    expect(await cache.get("a", 1, load)).toBe(1);
    await cache.get("b", 1, load);
    await cache.get("c", 1, load);
    expect(await cache.get("a", 1, load)).toBe(4);
    expect(await cache.get("c", 1, load)).toBe(3);
  });
});
