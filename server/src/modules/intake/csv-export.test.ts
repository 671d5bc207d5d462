import { ATTRIBUTION_KEYS, LEAD_FIELDS } from "@leadline/shared";
import { parse } from "csv-parse/sync";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LeadRow, leads } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import { EXPORT_COLUMNS } from "./csv-export.js";

/** GET /api/v1/leads/export over real HTTP, and an export imported back through POST /api/v1/imports. */
let server: TestServer;
let a: Tenant;
let b: Tenant;

interface Tenant extends TestTenant {
  key: string;
}

async function tenantWithKey(): Promise<Tenant> {
  const t = await createTestTenant(server, {
    admin: ["ADMIN"],
    manager: ["MANAGER"],
    rep: ["SALES"],
    other: ["SALES"],
  });
  const created = await server.gql(
    'mutation { createApiKey(name: "export", roles: [MANAGER]) { secret } }',
    {},
    t.tokens.admin,
  );
  return { ...t, key: created.data?.createApiKey.secret };
}

const u = crypto.randomUUID().slice(0, 8);
/** Values a CSV must quote, escape or defuse, and fields of every kind. */
const REFERRALS = [
  {
    name: "Ada Lovelace",
    source: "REFERRAL",
    email: `ada-${u}@example.com`,
    phone: "+1 202 555 0143",
    jobTitle: "CTO",
    companyName: `Analytical Engines ${u}`,
    companyWebsite: `https://engines-${u}.example.com`,
    city: "London",
    description: 'Said "call me", then:\nwrote twice, from Paris',
    expiresAt: "2031-01-01T00:00:00.000Z",
    attribution: { utmSource: "newsletter", utmCampaign: "spring" },
  },
  { name: '=HYPERLINK("http://evil.example")', source: "REFERRAL", email: `formula-${u}@example.com` },
  { name: "Charles Babbage", source: "REFERRAL", phone: "+44 20 7946 0958", companyTin: "123456789" },
];
const CALLS = [
  { name: "Call One", source: "CALL", email: `call1-${u}@example.com` },
  { name: "Call Two", source: "CALL", email: `call2-${u}@example.com` },
];

beforeAll(async () => {
  server = await startTestServer();
  a = await tenantWithKey();
  b = await tenantWithKey();
  const created = await rest(a.key, "POST", "/leads", [...REFERRALS, ...CALLS]);
  expect(created.status).toBe(201);
});
afterAll(() => server?.stop());

async function rest(token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function download(token: string, query: string) {
  const res = await fetch(`${server.url}/api/v1/leads/export?${query}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const csvRows = (text: string) => parse(text, { columns: true }) as Record<string, string>[];
const ndjsonRows = (text: string) =>
  text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
const leadsOf = (tenantId: string) => server.app.database.db.select().from(leads).where(eq(leads.tenantId, tenantId));

describe("GET /api/v1/leads/export", () => {
  it("should stream the filtered leads as CSV, in number order, with a header and formulas defused", async () => {
    const res = await download(a.key, "source=REFERRAL");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="?leads-\d{4}-\d{2}-\d{2}\.csv"?$/);
    expect(res.text.split("\n")[0]).toBe(EXPORT_COLUMNS.join(","));
    const rows = csvRows(res.text);
    expect(rows.map((r) => r.name)).toEqual(["Ada Lovelace", '\'=HYPERLINK("http://evil.example")', "Charles Babbage"]);
    const numbers = rows.map((r) => Number(r.requestId));
    expect(numbers).toEqual([...numbers].sort((x, y) => x - y));
    expect(rows[0]).toMatchObject({
      source: "REFERRAL",
      phone: "'+12025550143",
      description: 'Said "call me", then:\nwrote twice, from Paris',
      expiresAt: "2031-01-01T00:00:00.000Z",
      utmSource: "newsletter",
      companyTin: "",
    });
  });

  it("should stream NDJSON, one lead a line, with the same fields typed", async () => {
    const res = await download(a.key, "format=ndjson&source=CALL");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    const rows = ndjsonRows(res.text);
    expect(rows.map((r) => r.name)).toEqual(["Call One", "Call Two"]);
    expect(Object.keys(rows[0] ?? {})).toEqual([...EXPORT_COLUMNS]);
    expect(rows[0]).toMatchObject({ source: "CALL", requestId: expect.any(Number), phone: null, utmSource: null });
  });

  it("should refuse a bad query before sending anything", async () => {
    const res = await download(a.key, "format=xml");
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).errors[0].extensions.fields[0].field).toBe("format");
    expect((await fetch(`${server.url}/api/v1/leads/export`)).status).toBe(401);
  });

  it("should export only what the caller may see: not another tenant's leads, not a colleague's own", async () => {
    const owned = await server.gql(
      CREATE_LEAD,
      {
        input: { name: "Owned elsewhere", source: "CALL", email: `owned-${u}@example.com`, ownerId: a.users.other?.id },
      },
      a.tokens.manager,
    );
    const ownedId = owned.data?.createLead.lead.id;
    expect(ownedId).toBeDefined();
    const ids = async (token: string, tenant: string) =>
      ndjsonRows((await download(token, `format=ndjson&search=${tenant}`)).text).map((r) => r.id);
    expect(await ids(a.key, "Owned")).toEqual([ownedId]);
    // The rep sees their own leads and the unowned pool, not a colleague's lead.
    expect(await ids(a.tokens.rep as string, "Owned")).toEqual([]);
    expect((await ids(a.tokens.rep as string, "Call")).length).toBe(2);
    expect(await ids(b.key, "")).toEqual([]);
  });

  it("should page through a set larger than one page without a gap or a repeat", async () => {
    const t = await tenantWithKey();
    for (let batch = 0; batch < 3; batch++) {
      const body = Array.from({ length: 150 }, (_, i) => ({
        name: `Bulk ${batch * 150 + i}`,
        source: "OTHER",
        email: `bulk${batch * 150 + i}-${u}@example.com`,
      }));
      expect((await rest(t.key, "POST", "/leads", body)).status).toBe(201);
    }
    const rows = ndjsonRows((await download(t.key, "format=ndjson")).text);
    expect(rows).toHaveLength(450);
    expect(new Set(rows.map((r) => r.id)).size).toBe(450);
    expect(rows.map((r) => r.requestId)).toEqual(rows.map((_, i) => (rows[0]?.requestId as number) + i));
  });
});

describe("an export imported into another tenant", () => {
  it("should make the same leads there, and nothing more when imported again", async () => {
    const exported = await download(a.key, "source=REFERRAL,CALL");
    const target = await tenantWithKey();
    const post = () =>
      fetch(`${server.url}/api/v1/imports`, {
        method: "POST",
        headers: { authorization: `Bearer ${target.key}`, "content-type": "text/csv" },
        body: exported.text,
      }).then((r) => r.json() as Promise<Record<string, any>>);
    const source = (await leadsOf(a.tenant.id)).filter((l) => l.source === "REFERRAL" || l.source === "CALL");
    expect(source.length).toBeGreaterThanOrEqual(5);
    const first = await post();
    expect(first).toMatchObject({ status: "DONE", createdCount: source.length, errorCount: 0, errors: [] });
    const copies = await leadsOf(target.tenant.id);
    expect(copies).toHaveLength(source.length);
    for (const original of source) {
      const copy = copies.find((l) => l.name === original.name);
      expect(copy, original.name).toBeDefined();
      expect(comparable(copy as LeadRow)).toEqual(comparable(original));
      expect(copy).toMatchObject({ channel: "IMPORT", tenantId: target.tenant.id });
    }
    const again = await post();
    expect(again).toMatchObject({ createdCount: 0, skippedCount: source.length });
    expect(await leadsOf(target.tenant.id)).toHaveLength(copies.length);
  });
});

/** What a person typed and where it came from; references to this tenant's records and the outcome aside. */
function comparable(lead: LeadRow): Record<string, unknown> {
  const out: Record<string, unknown> = { source: lead.source };
  for (const { key, kind } of LEAD_FIELDS) {
    if (kind === "ref" || key === "outcome") continue;
    const value = lead[key];
    out[key] = value instanceof Date ? value.toISOString() : value;
  }
  for (const key of ATTRIBUTION_KEYS) out[key] = lead.attribution?.[key] ?? null;
  return out;
}
