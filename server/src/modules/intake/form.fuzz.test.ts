import { count, eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { captureForms, formSubmissions, leads } from "../../db/schema/index.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

/**
 * Property: whatever a visitor (or a bot) posts to a capture form, the
 * server answers without a 5xx; an accepted post adds exactly one
 * submission (and at most one lead), a refused one changes nothing.
 * The guards' clocks and budgets are opened up so bodies reach the create path.
 */
let server: TestServer;
let t: TestTenant;
let formId: string;

beforeAll(async () => {
  server = await startTestServer({ formGuard: { minFillMs: 0, perIpPerMinute: 1e6, perFormPerMinute: 1e6 } });
  t = await createTestTenant(server, { marketer: ["MARKETEER"] });
  const created = await server.gql(
    `mutation { upsertCaptureForm(input: { name: "Fuzzed", fields: ["city", "description", "companyWebsite"] }) { id } }`,
    {},
    t.tokens.marketer,
  );
  formId = created.data?.upsertCaptureForm.id;
});
afterAll(() => server?.stop());

const db = () => server.app.database.db;
async function counts() {
  const [l] = await db().select({ n: count() }).from(leads).where(eq(leads.tenantId, t.tenant.id));
  const [s] = await db().select({ n: count() }).from(formSubmissions).where(eq(formSubmissions.formId, formId));
  const [f] = await db().select({ n: captureForms.submissions }).from(captureForms).where(eq(captureForms.id, formId));
  return { leads: Number(l?.n), submissions: Number(s?.n), counter: Number(f?.n) };
}

async function freshToken(): Promise<string> {
  const html = await fetch(`${server.url}/f/${formId}`).then((r) => r.text());
  return /name="_t" value="([^"]+)"/.exec(html)?.[1] ?? "";
}

const text = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 300 }),
  fc.emailAddress(),
  fc.constant(""),
  fc.string({ minLength: 190, maxLength: 5_000 }),
);
const fieldName = fc.oneof(
  fc.constantFrom(
    "name",
    "email",
    "phone",
    "companyName",
    "jobTitle",
    "city",
    "description",
    "companyWebsite",
    "website",
    "utm_source",
    "source_url",
    "referrer",
    "g-recaptcha-response",
    "ownerId",
    "queueId",
    "__proto__",
    "constructor",
  ),
  fc.string({ maxLength: 20 }),
);
// Often a plausible person, so accepted posts are common enough to check their side of the property.
const person = fc.tuple(
  fc.constant("name"),
  fc.string({ minLength: 1, maxLength: 40 }).filter((v) => v.trim() !== ""),
);
const reachable = fc.tuple(fc.constant("email"), fc.emailAddress());
const fields = fc
  .tuple(fc.array(fc.tuple(fieldName, text), { maxLength: 10 }), fc.option(person), fc.option(reachable))
  .map(([rest, who, how]) => [...(who ? [who] : []), ...(how ? [how] : []), ...rest]);
const tokenKind = fc.constantFrom("fresh", "none", "forged", "garbage");
const encoding = fc.constantFrom("urlencoded", "json", "raw");

it("should answer 1,000 generated form posts without a 5xx, changing nothing for a refused one", async () => {
  const tally = { accepted: 0, refused: 0 };
  await fc.assert(
    fc.asyncProperty(fields, tokenKind, encoding, fc.boolean(), async (pairs, kind, how, embed) => {
      const params = new URLSearchParams();
      if (kind === "fresh") params.append("_t", await freshToken());
      if (kind === "forged") params.append("_t", `${Date.now() - 10_000}.AAAA`);
      if (kind === "garbage") params.append("_t", "…");
      for (const [key, value] of pairs) params.append(key, value);
      const body =
        how === "urlencoded" ? params : how === "json" ? JSON.stringify(Object.fromEntries(params)) : params.toString();
      const headers: Record<string, string> =
        how === "urlencoded" ? {} : { "content-type": how === "json" ? "application/json" : "text/plain" };
      const before = await counts();
      const res = await fetch(`${server.url}/f/${formId}${embed ? "?embed=1" : ""}`, {
        method: "POST",
        redirect: "manual",
        headers,
        body,
      });
      await res.arrayBuffer();
      expect(res.status).toBeLessThan(500);
      const after = await counts();
      if (res.status === 303 || res.status === 201) {
        expect(after.submissions).toBe(before.submissions + 1);
        expect(after.counter).toBe(before.counter + 1);
        expect(after.leads - before.leads).toBeLessThanOrEqual(1);
        tally.accepted++;
      } else {
        expect(after).toEqual(before);
        tally.refused++;
      }
    }),
    { numRuns: 1_000 },
  );
  // Both sides of the property were exercised, not only refusals.
  expect(tally.accepted).toBeGreaterThan(20);
  expect(tally.refused).toBeGreaterThan(20);
}, 600_000);
