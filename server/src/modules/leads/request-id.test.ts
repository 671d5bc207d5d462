import { afterAll, beforeAll, expect, it } from "vitest";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

let server: TestServer;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  a = await createTestTenant(server, { rep: ["SALES"] });
  b = await createTestTenant(server, { rep: ["SALES"] });
});
afterAll(() => server?.stop());

const create = (token: string | undefined, i: number, email = `c${i}@example.com`) =>
  server.gql(CREATE_LEAD, { input: { name: `Concurrent ${i}`, source: "API", email } }, token);

it("gives 200 concurrent creates the requestIds 1..200, with invalid ones in between consuming none", async () => {
  const results = await Promise.all(
    Array.from({ length: 240 }, (_, i) =>
      // Every sixth request is invalid and must not take a number.
      i % 6 === 5 ? create(a.tokens.rep, i, "broken@") : create(a.tokens.rep, i),
    ),
  );
  const ids = results.flatMap((r) => (r.data?.createLead ? [r.data.createLead.lead.requestId as number] : []));
  expect(results.filter((r) => r.errors).length).toBe(40);
  expect(ids).toHaveLength(200);
  expect([...ids].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
  const next = await create(b.tokens.rep, 0);
  expect(next.data?.createLead.lead.requestId).toBe(1);
});
