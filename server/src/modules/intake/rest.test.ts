import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

/**
 * The REST API over real HTTP. Every answer is checked against the OpenAPI
 * document the server itself serves, with a standard JSON Schema validator
 * (Ajv, draft 2020-12, the dialect of OpenAPI 3.1).
 */
let server: TestServer;
let t: TestTenant;
let key: string;
let doc: Record<string, any>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
  const created = await server.gql(
    'mutation { createApiKey(name: "crm sync", roles: [MANAGER]) { secret } }',
    {},
    t.tokens.admin,
  );
  key = created.data?.createApiKey.secret;
  doc = (await (await fetch(`${server.url}/api/v1/openapi.json`)).json()) as Record<string, any>;
});
afterAll(() => server?.stop());

async function call(method: string, path: string, options: { body?: unknown; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method: method.toUpperCase(),
    headers: {
      authorization: `Bearer ${key}`,
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, any> };
}

/** The answer against the document's schema for that operation and status. */
function expectDocumented(method: string, path: string, answer: { status: number; body: unknown }) {
  const schema = doc.paths[path]?.[method]?.responses?.[String(answer.status)]?.content?.["application/json"]?.schema;
  expect(schema, `${method.toUpperCase()} ${path} ${answer.status} is documented`).toBeDefined();
  const validate = ajv.compile({ ...schema, components: doc.components });
  const valid = validate(answer.body);
  expect(validate.errors ?? [], JSON.stringify(answer.body).slice(0, 500)).toEqual([]);
  expect(valid).toBe(true);
}

const leadCount = async () => {
  const [row] = await server.app.database.db.select({ n: count() }).from(leads).where(eq(leads.tenantId, t.tenant.id));
  return Number(row?.n);
};
const input = (name = "Rest Lead") => ({ name, source: "API", email: `${crypto.randomUUID()}@example.com` });

describe("the OpenAPI document", () => {
  it("should be OpenAPI 3.1 with every operation the API serves", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual([
      "/api/v1/imports",
      "/api/v1/imports/{id}",
      "/api/v1/imports/{id}/errors",
      "/api/v1/leads",
      "/api/v1/leads/export",
      "/api/v1/leads/{ref}",
    ]);
    expect(Object.keys(doc.paths["/api/v1/leads"]).sort()).toEqual(["get", "post"]);
    expect(Object.keys(doc.paths["/api/v1/leads/{ref}"]).sort()).toEqual(["get", "patch"]);
    // Every schema in it compiles under the 2020-12 dialect.
    for (const [name, schema] of Object.entries(doc.components.schemas)) {
      expect(() => ajv.compile({ ...(schema as object), components: doc.components }), name).not.toThrow();
    }
  });
});

describe("POST /api/v1/leads", () => {
  it("should create a lead with channel API through the one create path, answering the documented shape", async () => {
    const created = await call("post", "/leads", { body: { ...input("Ada Rest"), city: "Lisbon" } });
    expect(created.status).toBe(201);
    expectDocumented("post", "/api/v1/leads", created);
    expect(created.body.lead).toMatchObject({ name: "Ada Rest", channel: "API", city: "Lisbon", version: 1 });
  });

  it("should refuse without an API key, and a bad body with the same fields and reason as GraphQL", async () => {
    const anonymous = await fetch(`${server.url}/api/v1/leads`, { method: "POST", body: JSON.stringify(input()) });
    expect(anonymous.status).toBe(401);
    const before = await leadCount();
    const bad = { name: "X".repeat(300), source: "API", email: "nope", companyTin: "12" };
    const rest = await call("post", "/leads", { body: bad });
    expect(rest.status).toBe(400);
    expectDocumented("post", "/api/v1/leads", rest);
    const graphql = await server.gql(CREATE_LEAD, { input: bad }, t.tokens.manager);
    expect(rest.body.errors[0].extensions).toEqual(graphql.errors?.[0]?.extensions);
    expect(await leadCount()).toBe(before);
  });

  it("should name an empty reference id as bad input over REST and GraphQL alike (a fuzzer found it failing)", async () => {
    const bad = { ...input("Empty refs"), ownerId: "", queueId: "", existingCompanyId: "" };
    const rest = await call("post", "/leads", { body: bad });
    expect(rest.status).toBe(400);
    const fields = rest.body.errors[0].extensions.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(["existingCompanyId", "ownerId", "queueId"]);
    const graphql = await server.gql(CREATE_LEAD, { input: bad }, t.tokens.manager);
    expect(graphql.errors?.[0]?.extensions).toEqual(rest.body.errors[0].extensions);
  });

  it("should replay an Idempotency-Key with the same body, and refuse it with another (409)", async () => {
    const body = input("Keyed");
    const headers = { "idempotency-key": `k-${crypto.randomUUID()}` };
    const first = await call("post", "/leads", { body, headers });
    const before = await leadCount();
    const again = await call("post", "/leads", { body, headers });
    expect([again.status, again.body]).toEqual([201, first.body]);
    const other = await call("post", "/leads", { body: input("Other"), headers });
    expect(other.status).toBe(409);
    expect(other.body.errors[0].extensions.reason).toBe("IDEMPOTENCY_KEY_REUSED");
    expectDocumented("post", "/api/v1/leads", other);
    expect(await leadCount()).toBe(before);
  });

  it("should create a batch all or nothing", async () => {
    const before = await leadCount();
    const bad = await call("post", "/leads", { body: [input("A"), { ...input("B"), phone: "no" }] });
    expect(bad.body.errors[0].extensions.fields.map((f: { field: string }) => f.field)).toEqual(["1.phone"]);
    expect(await leadCount()).toBe(before);
    const good = await call("post", "/leads", { body: [input("A"), input("B")] });
    expect(good.status).toBe(201);
    expectDocumented("post", "/api/v1/leads", good);
    expect(good.body.leads).toHaveLength(2);
  });
});

describe("GET /api/v1/leads", () => {
  it("should page through the visible leads with filters, in the documented shape", async () => {
    for (const name of ["Page 1", "Page 2", "Page 3"]) {
      await call("post", "/leads", { body: { ...input(name), source: "REFERRAL" } });
    }
    const first = await call("get", "/leads?first=2&source=REFERRAL");
    expect(first.status).toBe(200);
    expectDocumented("get", "/api/v1/leads", first);
    expect(first.body.data.map((l: { source: string }) => l.source)).toEqual(["REFERRAL", "REFERRAL"]);
    expect(first.body.pageInfo.hasNextPage).toBe(true);
    const next = await call(
      "get",
      `/leads?first=2&source=REFERRAL&after=${encodeURIComponent(first.body.pageInfo.endCursor)}`,
    );
    expect(next.body.data).toHaveLength(1);
    expect(next.body.pageInfo.hasNextPage).toBe(false);
    const bad = await call("get", "/leads?first=1000&source=CARRIER_PIGEON&colour=blue");
    expect(bad.status).toBe(400);
    // Every bad parameter at once; the unknown one is named as the query's.
    expect(bad.body.errors[0].extensions.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "first",
      "query",
      "source",
    ]);
    expectDocumented("get", "/api/v1/leads", bad);
  });
});

describe("/api/v1/leads/{ref}", () => {
  it("should read a lead by id or by number, with its version as ETag; 404 for another tenant's", async () => {
    const created = (await call("post", "/leads", { body: input("Findable") })).body.lead;
    const byId = await call("get", `/leads/${created.id}`);
    const byNumber = await call("get", `/leads/${created.requestId}`);
    expect(byId.body).toEqual(byNumber.body);
    expect(byId.headers.get("etag")).toBe(`"${created.version}"`);
    expectDocumented("get", "/api/v1/leads/{ref}", byId);
    const other = await createTestTenant(server, { admin: ["ADMIN"] });
    const theirs = await server.gql(CREATE_LEAD, { input: input("Theirs") }, other.tokens.admin);
    const hidden = await call("get", `/leads/${theirs.data?.createLead.lead.id}`);
    expect(hidden.status).toBe(404);
    expectDocumented("get", "/api/v1/leads/{ref}", hidden);
  });

  it("should change the named fields, refuse a stale If-Match with 412 and change nothing", async () => {
    const created = (await call("post", "/leads", { body: input("Patchy") })).body.lead;
    const changed = await call("patch", `/leads/${created.id}`, {
      body: { city: "Porto", jobTitle: "CTO" },
      headers: { "if-match": `"${created.version}"` },
    });
    expect(changed.status).toBe(200);
    expectDocumented("patch", "/api/v1/leads/{ref}", changed);
    // The title scores too (a second version from the rescore), as over GraphQL.
    expect(changed.body).toMatchObject({ city: "Porto", jobTitle: "CTO" });
    expect(changed.body.version).toBeGreaterThan(created.version);
    expect(changed.headers.get("etag")).toBe(`"${changed.body.version}"`);
    const stale = await call("patch", `/leads/${created.id}`, {
      body: { city: "Faro" },
      headers: { "if-match": `"${created.version}"` },
    });
    expect(stale.status).toBe(412);
    expect(stale.body.errors[0].extensions).toMatchObject({
      reason: "STALE_VERSION",
      currentVersion: changed.body.version,
    });
    expectDocumented("patch", "/api/v1/leads/{ref}", stale);
    expect((await call("get", `/leads/${created.id}`)).body.city).toBe("Porto");
    const unknownField = await call("patch", `/leads/${created.id}`, { body: { colour: "blue" } });
    expect(unknownField.status).toBe(400);
  });
});
