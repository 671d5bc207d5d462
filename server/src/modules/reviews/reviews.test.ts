import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, messages, reviewRequests } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;
let pipelineId: string;

const REQUEST_REVIEW = `mutation($id: ID!, $channel: MessageChannel!) {
  requestReview(id: $id, channel: $channel) { id reviewRequestStatus version }
}`;
const MOVE = "mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { id reviewRequestStatus } }";
const STATUS = "query($id: ID) { lead(id: $id) { reviewRequestStatus } }";

const db = () => server.app.database.db;

async function createLead(input: Record<string, unknown> = {}) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Gutter clean", source: "EVENT", pipelineId, email: `c${Math.random()}@example.com`, ...input } },
    t.tokens.rep1,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createLead.lead as { id: string };
}

/** A finished job: moved to the field-service pipeline's WON stage, so eligible for a review. */
async function wonLead(input: Record<string, unknown> = {}) {
  const lead = await createLead(input);
  const moved = await server.gql(MOVE, { id: lead.id, to: "completed" }, t.tokens.rep1);
  expect(moved.data?.moveLead.reviewRequestStatus).toBe("ELIGIBLE");
  return lead;
}

async function queuedReviewMessages(leadId: string) {
  return db()
    .select()
    .from(messages)
    .where(and(eq(messages.leadId, leadId), eq(messages.purpose, "REVIEW_REQUEST")));
}

async function linkOf(leadId: string): Promise<string> {
  const [message] = await queuedReviewMessages(leadId);
  const path = /\/r\/\S+/.exec(message?.body ?? "")?.[0];
  if (!path) throw new Error("no review link in the message");
  return `${server.url}${path}`;
}

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, {
    admin: ["ADMIN"],
    rep1: ["SALES"],
    rep2: ["SALES"],
    marketeer: ["MARKETEER"],
  });
  other = await createTestTenant(server, { manager: ["MANAGER"] });
  const res = await server.gql(
    `mutation { createPipeline(name: "Jobs", preset: "field_service") { id } }`,
    {},
    t.tokens.admin,
  );
  pipelineId = res.data?.createPipeline.id;
});
afterAll(() => server?.stop());

describe("requestReview", () => {
  it("queues a review link by email to the lead's address and marks the request SENT", async () => {
    const lead = await wonLead({ email: "jane@example.com" });
    const res = await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    expect(res.errors).toBeUndefined();
    expect(res.data?.requestReview.reviewRequestStatus).toBe("SENT");
    const queued = await queuedReviewMessages(lead.id);
    expect(queued).toMatchObject([{ channel: "EMAIL", direction: "OUTBOUND", to: "jane@example.com" }]);
    // Its job delivers it at once; with no mail set up on this test server that ends FAILED (see messaging/).
    expect(["QUEUED", "FAILED"]).toContain(queued[0]?.deliveryState);
    // Only the hash is stored; the token lives in the message alone.
    const token = /\/r\/(\S+)/.exec(queued[0]?.body ?? "")?.[1] ?? "";
    const [link] = await db().select().from(reviewRequests).where(eq(reviewRequests.leadId, lead.id));
    expect(link?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(link?.tokenHash).not.toContain(token);
  });

  it("sends by SMS to the lead's phone", async () => {
    const lead = await wonLead({ phone: "+14155550123" });
    await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "SMS" }, t.tokens.rep1);
    expect(await queuedReviewMessages(lead.id)).toMatchObject([{ channel: "SMS", to: "+14155550123", subject: null }]);
  });

  it("names the missing field when the lead cannot be reached by the channel", async () => {
    const lead = await wonLead();
    const res = await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "SMS" }, t.tokens.rep1);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["phone"]);
    expect(await queuedReviewMessages(lead.id)).toEqual([]);
  });

  it("refuses a lead that is not won yet", async () => {
    const lead = await createLead();
    const res = await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    expect(codes(res)).toEqual(["CONFLICT"]);
  });

  it("may be sent again while SENT, with a new link", async () => {
    const lead = await wonLead();
    await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    const again = await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    expect(again.data?.requestReview.reviewRequestStatus).toBe("SENT");
    const bodies = (await queuedReviewMessages(lead.id)).map((m) => m.body);
    expect(new Set(bodies).size).toBe(2);
  });

  it("clears a pending review-request next action", async () => {
    const lead = await wonLead();
    await server.gql(
      `mutation($id: ID!) { setNextAction(id: $id, type: REVIEW_REQUEST, dueAt: "2030-01-01T00:00:00Z") { id } }`,
      { id: lead.id },
      t.tokens.rep1,
    );
    await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    const seen = await server.gql(
      "query($id: ID) { lead(id: $id) { nextAction { type } } }",
      { id: lead.id },
      t.tokens.rep1,
    );
    expect(seen.data?.lead.nextAction).toBeNull();
  });

  it("is for those who may work the lead", async () => {
    const lead = await wonLead();
    const as = (token: string | undefined) =>
      server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, token).then(codes);
    expect(await as(t.tokens.rep2)).toEqual(["NOT_FOUND"]);
    expect(await as(other.tokens.manager)).toEqual(["NOT_FOUND"]);
    expect(await as(t.tokens.marketeer)).toEqual(["FORBIDDEN"]);
    expect(await as(undefined)).toEqual(["UNAUTHENTICATED"]);
    expect(await queuedReviewMessages(lead.id)).toEqual([]);
  });
});

describe("review link", () => {
  it("completes the review request when the customer opens it, with a thank-you page", async () => {
    const lead = await wonLead();
    await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    const res = await fetch(await linkOf(lead.id));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await res.text()).toContain(`Thank you for your feedback to ${t.tenant.name}`);
    const seen = await server.gql(STATUS, { id: lead.id }, t.tokens.rep1);
    expect(seen.data?.lead.reviewRequestStatus).toBe("COMPLETED");
  });

  it("works once: a second open is harmless and changes nothing", async () => {
    const lead = await wonLead();
    await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    const link = await linkOf(lead.id);
    const opens = await Promise.all([fetch(link), fetch(link)]);
    expect(opens.map((r) => r.status)).toEqual([200, 200]);
    expect((await fetch(link)).status).toBe(200);
    const completions = (
      await db()
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "UPDATED")))
    ).filter((e) => (e.payload.changes as Record<string, { to: string }>).reviewRequestStatus?.to === "COMPLETED");
    expect(completions).toHaveLength(1);
    expect(completions[0]?.actorUserId).toBeNull();
  });

  it("answers an unknown link with 404", async () => {
    expect((await fetch(`${server.url}/r/llr_notarealtoken`)).status).toBe(404);
    expect((await fetch(`${server.url}/r/anything`)).status).toBe(404);
  });

  it("ends review requests for the lead: asking again is a CONFLICT", async () => {
    const lead = await wonLead();
    await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    await fetch(await linkOf(lead.id));
    const res = await server.gql(REQUEST_REVIEW, { id: lead.id, channel: "EMAIL" }, t.tokens.rep1);
    expect(codes(res)).toEqual(["CONFLICT"]);
  });
});
