import { LEAD_SOURCES } from "@leadline/shared";
import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { leads } from "../../db/schema/index.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

/**
 * Property: whatever a sender puts in the body, the webhook and the REST API
 * answer without a server error, and a refused body creates nothing.
 */
let server: TestServer;
let t: TestTenant;
let secret: string;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"] });
  const rotated = await server.gql("mutation { rotateWebhookSecret { secret } }", {}, t.tokens.admin);
  secret = rotated.data?.rotateWebhookSecret.secret;
  const created = await server.gql(
    'mutation { createApiKey(name: "fuzz", roles: [MANAGER]) { secret } }',
    {},
    t.tokens.admin,
  );
  apiKey = created.data?.createApiKey.secret;
});
afterAll(() => server?.stop());

const leadCount = async () => {
  const [row] = await server.app.database.db.select({ n: count() }).from(leads).where(eq(leads.tenantId, t.tenant.id));
  return Number(row?.n);
};

/** Lead-shaped objects with hostile values, beside arbitrary JSON. */
const text = fc.oneof(fc.string(), fc.string({ unit: "binary", maxLength: 300 }), fc.constant(""), fc.constant(null));
const leadish = fc.record(
  {
    name: fc.oneof(text, fc.string({ minLength: 190, maxLength: 400 })),
    source: fc.oneof(fc.constantFrom(...LEAD_SOURCES), fc.string()),
    email: fc.oneof(text, fc.emailAddress()),
    phone: fc.oneof(text, fc.constant("+14155550100")),
    companyWebsite: text,
    companyTin: fc.oneof(text, fc.stringMatching(/^\d{9,12}$/)),
    expiresAt: fc.oneof(
      text,
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
    ),
    pipelineId: fc.oneof(text, fc.uuid()),
    ownerId: fc.oneof(text, fc.uuid()),
    attribution: fc.oneof(fc.constant(null), fc.record({ utmSource: text }), fc.jsonValue()),
    attachments: fc.oneof(fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 })),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(leadish, fc.array(leadish, { maxLength: 4 }), fc.jsonValue());

it("should answer 1,000 generated signed bodies without a 5xx, creating nothing for a refused one", async () => {
  await fc.assert(
    fc.asyncProperty(body, async (value) => {
      const payload = JSON.stringify(value) ?? "null";
      const id = `msg_${crypto.randomUUID()}`;
      const at = new Date();
      const before = await leadCount();
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
      expect(res.status).toBeLessThan(500);
      const answer = (await res.json()) as { lead?: unknown; leads?: unknown[] };
      const made = res.status === 201 ? (answer.leads?.length ?? 1) : 0;
      expect(await leadCount()).toBe(before + made);
    }),
    { numRuns: 1_000 },
  );
}, 240_000);

it("should answer 1,000 generated REST bodies without a 5xx, creating nothing for a refused one", async () => {
  await fc.assert(
    fc.asyncProperty(body, fc.option(fc.string({ maxLength: 300 })), async (value, idempotencyKey) => {
      const before = await leadCount();
      const res = await fetch(`${server.url}/api/v1/leads`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${apiKey}`,
          "content-type": "application/json",
          ...(idempotencyKey !== null && /^[\x21-\x7e]*$/.test(idempotencyKey)
            ? { "idempotency-key": idempotencyKey }
            : {}),
        },
        body: JSON.stringify(value) ?? "null",
      });
      expect(res.status).toBeLessThan(500);
      const answer = (await res.json()) as { lead?: unknown; leads?: unknown[] };
      const made = res.status === 201 ? (answer.leads?.length ?? 1) : 0;
      // A replayed key makes nothing new even with 201.
      expect(await leadCount()).toBeLessThanOrEqual(before + made);
      if (res.status !== 201) expect(await leadCount()).toBe(before);
    }),
    { numRuns: 1_000 },
  );
}, 240_000);
