import { type ExecutionResult, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildLeadlineSchema } from "../../graphql/schema.js";
import { sharedSubscriptions } from "../../graphql/shared-execution.js";
import { contextFactory } from "../../http/context.js";
import { createLogger } from "../../logger.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

// What the web app's board and inbox select on every live event (client/src/live/LiveProvider.tsx).
const APP_EVENTS = `subscription { leadEvents { type sequence fromStatus toStatus at actor { id }
  lead { id status version readOnly requestId name companyName score scoreBand updatedAt
    owner { id name } claimedBy { id name } stage { key label category } nextAction { type dueAt }
    sla { state firstResponseDueAt atRiskAt firstResponseAt } } } }`;
// Who is a duplicate of a lead depends on who asks: a rep sees only the leads they may see.
const WITH_DUPLICATES = "subscription { leadEvents { sequence lead { id duplicates { lead { id } } } } }";

let server: TestServer;
let t: TestTenant;
const log = createLogger("silent");

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { m1: ["MANAGER"], m2: ["MANAGER"], rep1: ["SALES"], rep2: ["SALES"] });
});
afterAll(async () => {
  await server?.stop();
});

/** The app's subscriptions on the real schema and services, without a socket: results stay objects to compare. */
async function open(token: string | undefined, query: string) {
  const contextFor = contextFactory(server.app.database, server.app.services, log);
  const live = sharedSubscriptions(contextFor, (result) => result);
  const viewer = await server.app.services.auth.authenticate(`Bearer ${token}`);
  const stream = await live.subscribe({
    schema: await buildLeadlineSchema(),
    document: parse(query),
    contextValue: contextFor(viewer),
  });
  if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream.errors));
  return stream;
}

const createPoolLead = (name: string) =>
  server.gql(CREATE_LEAD, { input: { name, source: "CHAT", email: `${name}@example.com` } }, t.tokens.m1);

describe("live events on the app's schema", () => {
  it("execute once for two managers subscribed with the app's document", async () => {
    const [a, b] = await Promise.all([open(t.tokens.m1, APP_EVENTS), open(t.tokens.m2, APP_EVENTS)]);
    const next = [a.next(), b.next()];
    await createPoolLead("shared");
    const [x, y] = (await Promise.all(next)).map((step) => step.value as ExecutionResult);
    expect(x?.errors).toBeUndefined();
    expect(x?.data?.leadEvents).toMatchObject({ type: "CREATED", lead: { name: "shared", stage: { key: "new" } } });
    expect(y).toBe(x);
    await Promise.all([a.return?.(), b.return?.()]);
  });

  it("execute for each rep when the document asks for what depends on who asks", async () => {
    const [a, b] = await Promise.all([open(t.tokens.rep1, WITH_DUPLICATES), open(t.tokens.rep2, WITH_DUPLICATES)]);
    const next = [a.next(), b.next()];
    await createPoolLead("personal");
    const [x, y] = (await Promise.all(next)).map((step) => step.value as ExecutionResult);
    expect(x?.errors).toBeUndefined();
    expect(x).toEqual(y);
    expect(y).not.toBe(x);
    await Promise.all([a.return?.(), b.return?.()]);
  });
});
