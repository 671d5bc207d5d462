import { and, count, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeReceipts, leadEvents, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

/**
 * The signed inbound webhook, driven over real HTTP and signed with the
 * official `standardwebhooks` package, as an integrator's code would.
 */
let server: TestServer;
let t: TestTenant;
let secret: string;

const ROTATE = "mutation { rotateWebhookSecret { secret previousValidUntil } }";

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
  const rotated = await server.gql(ROTATE, {}, t.tokens.admin);
  secret = rotated.data?.rotateWebhookSecret.secret;
});
afterAll(() => server?.stop());

const db = () => server.app.database.db;

interface SendOptions {
  secret?: string;
  id?: string;
  at?: Date;
  slug?: string;
  /** Sign these bytes but send the body: a body changed on the way. */
  signed?: string;
}

async function send(body: unknown, options: SendOptions = {}) {
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  const id = options.id ?? `msg_${crypto.randomUUID()}`;
  const at = options.at ?? new Date();
  const signature = new Webhook(options.secret ?? secret).sign(id, at, options.signed ?? payload);
  const res = await fetch(`${server.url}/hooks/leads/${options.slug ?? t.tenant.slug}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signature,
    },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any>, id };
}

const leadCount = async () => {
  const [row] = await db().select({ n: count() }).from(leads).where(eq(leads.tenantId, t.tenant.id));
  return Number(row?.n);
};
const reasonOf = (body: Record<string, any>) => body.errors?.[0]?.extensions?.reason;
const lead = (name = "Hook Lead") => ({
  name,
  source: "WEBHOOK",
  email: `${crypto.randomUUID()}@example.com`,
  jobTitle: "Head of Procurement",
});

/** A lead whose title scores nothing: nothing is written after its insert. */
const untitled = (name: string) => {
  const { jobTitle: _, ...rest } = lead(name);
  return rest;
};

describe("POST /hooks/leads/:tenantSlug", () => {
  it("should create a signed lead through the one create path: channel WEBHOOK, numbered, scored, with its event", async () => {
    const sent = await send({ ...lead("Ada Hook"), city: "Lisbon", attribution: { utmSource: "partner" } });
    expect(sent.status).toBe(201);
    expect(sent.body.lead).toMatchObject({ requestId: expect.any(Number), merged: false, duplicates: 0 });
    const [row] = await db().select().from(leads).where(eq(leads.id, sent.body.lead.id));
    expect(row).toMatchObject({
      channel: "WEBHOOK",
      source: "WEBHOOK",
      city: "Lisbon",
      createdById: t.users.admin?.id,
      attribution: expect.objectContaining({ utmSource: "partner" }),
    });
    const events = await db()
      .select({ type: leadEvents.type, payload: leadEvents.payload })
      .from(leadEvents)
      .where(eq(leadEvents.leadId, sent.body.lead.id));
    expect(events.find((e) => e.type === "CREATED")?.payload).toMatchObject({ channel: "WEBHOOK" });
    // Readable over GraphQL like any lead.
    const read = await server.gql(
      "query($id: ID!) { lead(id: $id) { channel name } }",
      { id: sent.body.lead.id },
      t.tokens.manager,
    );
    expect(read.data?.lead).toEqual({ channel: "WEBHOOK", name: "Ada Hook" });
  });

  it("should refuse a bad signature with 401 and store nothing", async () => {
    const before = await leadCount();
    const wrongSecret = await send(lead(), {
      secret: `whsec_${Buffer.from("another secret entirely, 32 byte").toString("base64")}`,
    });
    expect(wrongSecret.status).toBe(401);
    expect(reasonOf(wrongSecret.body)).toBe("SIGNATURE_INVALID");
    const tampered = await send(lead("Changed on the way"), { signed: JSON.stringify(lead("Original")) });
    expect(tampered.status).toBe(401);
    const unsigned = await fetch(`${server.url}/hooks/leads/${t.tenant.slug}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(lead()),
    });
    expect(unsigned.status).toBe(401);
    // An unknown tenant answers as a bad signature does.
    const unknown = await send(lead(), { slug: "no-such-tenant" });
    expect([unknown.status, reasonOf(unknown.body)]).toEqual([401, "SIGNATURE_INVALID"]);
    expect(await leadCount()).toBe(before);
  });

  it("should refuse a timestamp more than 5 minutes old or ahead with 401 and store nothing", async () => {
    const before = await leadCount();
    const stale = await send(lead(), { at: new Date(Date.now() - 6 * 60_000) });
    expect([stale.status, reasonOf(stale.body)]).toEqual([401, "TIMESTAMP_OUT_OF_RANGE"]);
    const ahead = await send(lead(), { at: new Date(Date.now() + 6 * 60_000) });
    expect(ahead.status).toBe(401);
    expect(await leadCount()).toBe(before);
  });

  it("should answer a repeated webhook-id with the same lead, and another body under it with 409", async () => {
    const body = lead("Once Only");
    const first = await send(body);
    const before = await leadCount();
    const again = await send(body, { id: first.id });
    expect(again).toEqual({ ...first, status: 201 });
    expect(await leadCount()).toBe(before);
    const other = await send(lead("Something else"), { id: first.id });
    expect([other.status, reasonOf(other.body)]).toEqual([409, "IDEMPOTENCY_KEY_REUSED"]);
    expect(await leadCount()).toBe(before);
  });

  it("should replay a batch as first answered, requestIds included, whether its receipt went with the insert or after", async () => {
    // Plain leads: the receipt goes with the insert. A title that scores: it goes after the score's snapshot.
    for (const batch of [
      [untitled("Replay One"), untitled("Replay Two")],
      [untitled("Replay Three"), { ...lead("Replay Four"), jobTitle: "Chief Executive Officer" }],
    ]) {
      const first = await send(batch);
      expect(first.status).toBe(201);
      const numbers = first.body.leads.map((l: { requestId: number }) => l.requestId);
      expect(numbers).toEqual([numbers[0], numbers[0] + 1]);
      const again = await send(batch, { id: first.id });
      expect(again).toEqual(first);
      const [receipt] = await db()
        .select()
        .from(intakeReceipts)
        .where(and(eq(intakeReceipts.tenantId, t.tenant.id), eq(intakeReceipts.key, first.id)));
      expect(receipt?.response).toEqual(first.body);
    }
  });

  it("should create one lead when the same webhook-id arrives several times at once", async () => {
    const body = lead("Raced");
    const id = `msg_${crypto.randomUUID()}`;
    const before = await leadCount();
    const answers = await Promise.all(Array.from({ length: 5 }, () => send(body, { id })));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(answers.map((a) => a.body.lead.id)).size).toBe(1);
    expect(await leadCount()).toBe(before + 1);
  });

  it("should create a batch all or nothing, naming a bad lead by its index", async () => {
    const before = await leadCount();
    const bad = await send([lead("B1"), { ...lead("B2"), email: "not an email" }, lead("B3")]);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      reason: "INVALID_INPUT",
      fields: [{ field: "1.email", message: expect.any(String) }],
    });
    const shape = await send([lead("S1"), { ...lead("S2"), source: "CARRIER_PIGEON", colour: "blue" }]);
    expect(shape.status).toBe(400);
    expect(shape.body.errors[0].extensions.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "1",
      "1.source",
    ]);
    expect(await leadCount()).toBe(before);
    const good = await send([lead("G1"), lead("G2"), lead("G3")]);
    expect(good.status).toBe(201);
    expect(good.body.leads).toHaveLength(3);
    const numbers = good.body.leads.map((l: { requestId: number }) => l.requestId);
    expect(numbers).toEqual([numbers[0], numbers[0] + 1, numbers[0] + 2]);
    expect(await leadCount()).toBe(before + 3);
  });

  it("should refuse a body that is not JSON or holds no lead, and more than 500", async () => {
    expect((await send("not json")).status).toBe(400);
    expect((await send([])).status).toBe(400);
    const tooMany = await send(Array.from({ length: 501 }, () => lead()));
    expect(tooMany.body.errors[0].extensions.fields).toEqual([{ field: "body", message: "must hold 1 to 500 leads" }]);
  });

  it("should route a webhook lead by the tenant's rules in its creation's transaction", async () => {
    const queue = await server.gql(
      `mutation($input: QueueInput!) { upsertQueue(input: $input) { id } }`,
      { input: { name: "Hooks", strategy: "ROUND_ROBIN", memberIds: [t.users.rep?.id] } },
      t.tokens.admin,
    );
    const queueId = queue.data?.upsertQueue.id;
    const rules = await server.gql(
      "mutation($rules: [RoutingRuleInput!]!) { setRoutingRules(rules: $rules) { id } }",
      { rules: [{ source: "PARTNER", queueId }] },
      t.tokens.admin,
    );
    expect(codes(rules)).toEqual([]);
    const sent = await send({ ...lead("Routed"), source: "PARTNER" });
    expect(sent.status).toBe(201);
    const [row] = await db().select().from(leads).where(eq(leads.id, sent.body.lead.id));
    expect(row).toMatchObject({ queueId, ownerId: t.users.rep?.id });
    const routed = await db()
      .select({ n: count() })
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, sent.body.lead.id), eq(leadEvents.type, "ROUTED")));
    expect(Number(routed[0]?.n)).toBe(1);
  });

  it("should merge into the open lead with the same email when the tenant's policy says MERGE", async () => {
    const email = `${crypto.randomUUID()}@example.com`;
    const existing = await server.gql(
      CREATE_LEAD,
      { input: { name: "Mia Merge", source: "CALL", email } },
      t.tokens.manager,
    );
    const existingId = existing.data?.createLead.lead.id;
    const kept = await send({ ...lead("Mia M."), email });
    expect(kept.body.lead).toMatchObject({ merged: false, duplicates: 1 });

    await server.gql(
      "mutation { updateTenantSettings(input: { intakeDuplicatePolicy: MERGE }) { intakeDuplicatePolicy } }",
      {},
      t.tokens.admin,
    );
    const before = await leadCount();
    const merged = await send({ ...lead("Mia from the hook"), email, city: "Porto" });
    expect(merged.body.lead).toMatchObject({ merged: true });
    expect([existingId, kept.body.lead.id]).toContain(merged.body.lead.id);
    // Its receipt holds the lead merged into, with that lead's requestId.
    expect(await send({ ...lead("Mia from the hook"), email, city: "Porto" }, { id: merged.id })).toEqual(merged);
    expect(await leadCount()).toBe(before);
    // The same name at the same company with another email is a likely duplicate, never merged into: kept, flagged.
    const company = `Merge Co ${crypto.randomUUID().slice(0, 8)}`;
    await server.gql(
      CREATE_LEAD,
      {
        input: {
          name: "Noor Namesake",
          source: "CALL",
          email: `${crypto.randomUUID()}@example.com`,
          companyName: company,
        },
      },
      t.tokens.manager,
    );
    const namesake = await send({
      ...lead("Noor Namesake"),
      email: `${crypto.randomUUID()}@example.com`,
      companyName: company,
    });
    expect(namesake.body.lead).toMatchObject({ merged: false, duplicates: 1 });
    expect(await leadCount()).toBe(before + 2);
    await server.gql(
      "mutation { updateTenantSettings(input: { intakeDuplicatePolicy: KEEP_BOTH }) { intakeDuplicatePolicy } }",
      {},
      t.tokens.admin,
    );
  });
});

describe("idempotency receipts", () => {
  it("should free a key whose receipt is older than 24 hours even before the purge runs", async () => {
    const body = lead("Expired key");
    const first = await send(body);
    await db()
      .update(intakeReceipts)
      .set({ createdAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(intakeReceipts.key, first.id));
    const before = await leadCount();
    const reused = await send(body, { id: first.id });
    expect(reused.status).toBe(201);
    expect(reused.body.lead.id).not.toBe(first.body.lead.id);
    expect(await leadCount()).toBe(before + 1);
    // The key's receipt is the new answer's now: a repeat replays it.
    const again = await send(body, { id: first.id });
    expect(again.body.lead.id).toBe(reused.body.lead.id);
    expect(await leadCount()).toBe(before + 1);
  });

  it("should be purged after 24 hours, and the key free again", async () => {
    const body = lead("Old key");
    const first = await send(body);
    const fresh = await send(lead("Fresh key"));
    await db()
      .update(intakeReceipts)
      .set({ createdAt: new Date(Date.now() - 25 * 3_600_000) })
      .where(eq(intakeReceipts.key, first.id));
    expect(await server.app.services.intakeReceipts.purgeExpired()).toBeGreaterThanOrEqual(1);
    const keys = (await db().select({ key: intakeReceipts.key }).from(intakeReceipts)).map((r) => r.key);
    expect(keys).not.toContain(first.id);
    expect(keys).toContain(fresh.id);
    // The key may be used again: a new lead, not the old answer.
    const reused = await send(body, { id: first.id });
    expect(reused.status).toBe(201);
    expect(reused.body.lead.id).not.toBe(first.body.lead.id);
  });
});

describe("rotateWebhookSecret", () => {
  it("should keep the previous secret verifying for 24 hours, and be for admins only", async () => {
    expect(codes(await server.gql(ROTATE, {}, t.tokens.manager))).toEqual(["FORBIDDEN"]);
    const previous = secret;
    const rotated = await server.gql(ROTATE, {}, t.tokens.admin);
    const next = rotated.data?.rotateWebhookSecret;
    expect(next.secret).toMatch(/^whsec_/);
    const until = new Date(next.previousValidUntil).getTime();
    expect(until).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect((await send(lead(), { secret: previous })).status).toBe(201);
    expect((await send(lead(), { secret: next.secret })).status).toBe(201);
    secret = next.secret;
  });

  it("should keep one tenant's secret from signing for another tenant", async () => {
    const other = await createTestTenant(server, { admin: ["ADMIN"] });
    await server.gql(ROTATE, {}, other.tokens.admin);
    const sent = await send(lead(), { slug: other.tenant.slug });
    expect([sent.status, reasonOf(sent.body)]).toEqual([401, "SIGNATURE_INVALID"]);
  });
});
