import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema/index.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  reasons,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";
import {
  CREATE_ENDPOINT,
  createEndpoint,
  createLead,
  ENDPOINTS,
  eventually,
  REPLAY,
  type Receiver,
  startReceiver,
  UPDATE_ENDPOINT,
} from "./webhooks-out.testkit.js";

/**
 * Managing endpoints over GraphQL, on a server run as in production:
 * WEBHOOK_ALLOW_PRIVATE_NETWORKS off. Public targets here are documentation
 * addresses given as literals, so no test needs DNS or sends anything out
 * (these tenants make no leads, so nothing is delivered to them).
 */
let server: TestServer;
let t: TestTenant;
let other: TestTenant;
let admin: string;
let receiver: Receiver;

const PUBLIC_URL = "https://93.184.216.34/leadline";
const DELETE = "mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }";

beforeAll(async () => {
  server = await startTestServer({ webhookAllowPrivateNetworks: false });
  t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
  other = await createTestTenant(server, { admin: ["ADMIN"] });
  admin = t.tokens.admin as string;
  receiver = await startReceiver();
});
afterAll(async () => {
  await receiver?.close();
  await server?.stop();
});

const db = () => server.app.database.db;

describe("endpoint management", () => {
  it("should give an admin the endpoint's secret once, store it sealed, and never list it", async () => {
    const created = await server.gql(
      CREATE_ENDPOINT,
      { input: { url: PUBLIC_URL, eventTypes: ["CREATED", "STATUS_CHANGED", "CREATED"] } },
      admin,
    );
    const { secret, endpoint } = created.data?.createWebhookEndpoint ?? {};
    expect(endpoint).toMatchObject({
      url: PUBLIC_URL,
      eventTypes: ["CREATED", "STATUS_CHANGED"],
      active: true,
      disabledReason: null,
    });
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64")).toHaveLength(32);

    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, endpoint.id));
    expect(row?.secretSealed).not.toContain(secret.slice(6));
    expect(server.app.services.secretBox.open(row?.secretSealed ?? "", t.tenant.id)).toBe(secret);

    const listed = await server.gql(ENDPOINTS, {}, admin);
    expect(listed.data?.webhookEndpoints.map((e: { id: string }) => e.id)).toContain(endpoint.id);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    const fields = await server.gql('{ __type(name: "WebhookEndpoint") { fields { name } } }', {}, admin);
    expect(fields.data?.__type.fields.map((f: { name: string }) => f.name)).not.toContain("secret");
  });

  it("should change an endpoint's URL and types, and delete it with its delivery log", async () => {
    const { id } = await createEndpoint(server, admin, { url: PUBLIC_URL });
    const changed = await server.gql(
      UPDATE_ENDPOINT,
      { id, input: { url: "https://1.1.1.1/other", eventTypes: ["CONVERTED"] } },
      admin,
    );
    expect(changed.errors).toBeUndefined();
    expect(changed.data?.updateWebhookEndpoint).toMatchObject({
      url: "https://1.1.1.1/other",
      eventTypes: ["CONVERTED"],
      active: true,
    });
    expect((await server.gql(DELETE, { id }, admin)).data?.deleteWebhookEndpoint).toBe(true);
    expect(codes(await server.gql(DELETE, { id }, admin))).toEqual(["NOT_FOUND"]);
  });

  it("should refuse everyone but admins", async () => {
    const { id } = await createEndpoint(server, admin, { url: PUBLIC_URL });
    const input = { url: PUBLIC_URL, eventTypes: ["CREATED"] };
    for (const token of [t.tokens.manager, t.tokens.rep]) {
      expect(codes(await server.gql(ENDPOINTS, {}, token))).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(CREATE_ENDPOINT, { input }, token))).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(UPDATE_ENDPOINT, { id, input: { ...input, active: false } }, token))).toEqual([
        "FORBIDDEN",
      ]);
      expect(codes(await server.gql(DELETE, { id }, token))).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(REPLAY, { id, since: "0" }, token))).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await server.gql(ENDPOINTS, {}))).toEqual(["UNAUTHENTICATED"]);
  });

  it("should not let another tenant's admin see, change, replay or delete an endpoint", async () => {
    const { id } = await createEndpoint(server, admin, { url: PUBLIC_URL });
    const theirs = other.tokens.admin;
    const listed = await server.gql(ENDPOINTS, {}, theirs);
    expect(listed.data?.webhookEndpoints).toEqual([]);
    const input = { url: "https://1.0.0.1/stolen", eventTypes: ["CREATED"], active: false };
    expect(codes(await server.gql(UPDATE_ENDPOINT, { id, input }, theirs))).toEqual(["NOT_FOUND"]);
    expect(codes(await server.gql(REPLAY, { id, since: "0" }, theirs))).toEqual(["NOT_FOUND"]);
    expect(codes(await server.gql(DELETE, { id }, theirs))).toEqual(["NOT_FOUND"]);
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row).toMatchObject({ tenantId: t.tenant.id, url: PUBLIC_URL, active: true });
  });

  it("should refuse a bad URL and no event types, naming each field", async () => {
    const res = await server.gql(CREATE_ENDPOINT, { input: { url: "ftp://example.com/x", eventTypes: [] } }, admin);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["eventTypes", "url"]);
    const withPassword = await server.gql(
      CREATE_ENDPOINT,
      { input: { url: "https://me:secret@93.184.216.34/", eventTypes: ["CREATED"] } },
      admin,
    );
    expect(fieldsOf(withPassword)).toEqual(["url"]);
    const page = await server.gql(ENDPOINTS, { first: 1_000 }, admin);
    expect(codes(page)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("private targets, with WEBHOOK_ALLOW_PRIVATE_NETWORKS off", () => {
  it.each([
    "http://127.0.0.1:8080/hook",
    "http://localhost:8080/hook",
    "http://[::1]:8080/hook",
    "http://169.254.169.254/latest/meta-data",
    "http://10.0.0.5/hook",
    "http://[fd00::5]/hook",
  ])("should refuse %s when an endpoint is created", async (url) => {
    const res = await server.gql(CREATE_ENDPOINT, { input: { url, eventTypes: ["CREATED"] } }, admin);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(reasons(res)).toEqual(["WEBHOOK_TARGET_PRIVATE"]);
    expect(fieldsOf(res)).toEqual(["url"]);
  });

  it("should refuse changing an endpoint to a private target, and keep it as it was", async () => {
    const { id } = await createEndpoint(server, admin, { url: PUBLIC_URL });
    const res = await server.gql(
      UPDATE_ENDPOINT,
      { id, input: { url: "http://192.168.0.10/hook", eventTypes: ["CREATED"] } },
      admin,
    );
    expect(reasons(res)).toEqual(["WEBHOOK_TARGET_PRIVATE"]);
    const [row] = await db().select().from(webhookEndpoints).where(eq(webhookEndpoints.id, id));
    expect(row?.url).toBe(PUBLIC_URL);
  });

  it("should refuse to connect to a private address at delivery time too (the name resolved elsewhere when saved)", async () => {
    // As if DNS had changed since the endpoints were saved: rows written past the create-time check.
    const tenant = await createTestTenant(server, { admin: ["ADMIN"] });
    const port = new URL(receiver.url).port;
    const seal = (s: string) => server.app.services.secretBox.seal(s, tenant.tenant.id);
    const secret = `whsec_${Buffer.alloc(32, 1).toString("base64")}`;
    const rows = await db()
      .insert(webhookEndpoints)
      .values(
        [`http://localhost:${port}/hooks`, `http://127.0.0.1:${port}/hooks`].map((url) => ({
          tenantId: tenant.tenant.id,
          url,
          eventTypes: ["CREATED" as const],
          secretSealed: seal(secret),
        })),
      )
      .returning();
    server.app.services.webhookDispatcher.watchTenant(tenant.tenant.id);
    await createLead(server, tenant, "Never Sent");
    const attempted = await eventually(
      async () => {
        const all = await db().select().from(webhookDeliveries).where(eq(webhookDeliveries.tenantId, tenant.tenant.id));
        return all.length === 2 && all.every((d) => d.attempt >= 1) ? all : null;
      },
      10_000,
      "an attempt to each endpoint",
    );
    expect(receiver.requests).toHaveLength(0);
    const byEndpoint = new Map(attempted.map((d) => [d.endpointId, d]));
    expect(byEndpoint.get(rows[0]?.id ?? "")?.lastError).toMatch(/localhost resolves to .*: refused/);
    expect(byEndpoint.get(rows[1]?.id ?? "")?.lastError).toBe("refused: 127.0.0.1 is not a public address");
    for (const d of attempted) expect(d).toMatchObject({ statusCode: null, deliveredAt: null });
  });
});
