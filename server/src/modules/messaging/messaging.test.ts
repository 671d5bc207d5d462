import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads, messages } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  eventually,
  fieldsOf,
  reasons,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

/**
 * Replies from the lead, delivered through a real SMTP server running in
 * this process (smtp-server), which can refuse for a while to play an outage.
 */
interface Received {
  from: string;
  to: string;
  subject: string;
  text: string;
  replyTo: string | null;
  messageId: string | null;
}
const inbox: Received[] = [];
/** While positive, each connection is refused with a temporary (4xx) error and this counts down. */
let outage = 0;
/** When set, mail to this address is refused for good (5xx). */
let refuse: string | null = null;
let smtp: SMTPServer;
let server: TestServer;
let t: TestTenant;

const SEND = `mutation($id: ID!, $channel: MessageChannel!, $body: String!, $subject: String) {
  sendMessage(id: $id, channel: $channel, body: $body, subject: $subject) { id channel direction to subject body deliveryState } }`;
const LEAD = `query($id: ID) { lead(id: $id) { id status sla { state firstResponseAt }
  messages { id direction deliveryState body } } }`;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onConnect(_session, callback) {
      if (outage > 0) {
        outage--;
        const error = Object.assign(new Error("Try again later"), { responseCode: 421 });
        return callback(error);
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (refuse && address.address === refuse) {
        return callback(Object.assign(new Error("No such user"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            from: mail.from?.text ?? "",
            to: Array.isArray(mail.to) ? (mail.to[0]?.text ?? "") : (mail.to?.text ?? ""),
            subject: mail.subject ?? "",
            text: (mail.text ?? "").trim(),
            replyTo: mail.replyTo?.text ?? null,
            messageId: mail.messageId ?? null,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  const port = (smtp.server.address() as AddressInfo).port;
  server = await startTestServer({
    mail: { smtpUrl: `smtp://127.0.0.1:${port}`, from: "leads@leadline.test" },
    publicUrl: "https://leads.example.com",
    messaging: { retryBaseMs: 200, maxAttempts: 6 },
  });
  t = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"], other: ["SALES"] });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
});

const db = () => server.app.database.db;

async function newLead(input: Record<string, unknown> = {}, token = t.tokens.rep) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Mail Person", source: "MANUAL", email: `p${crypto.randomUUID()}@example.com`, ...input } },
    token,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createLead.lead as { id: string; email: string; status: string };
}

async function stateOf(messageId: string) {
  const [row] = await db().select().from(messages).where(eq(messages.id, messageId));
  return row;
}

describe("replying by email", () => {
  it("should send through SMTP, end SENT, and be the lead's first response: SLA met, new → contacted", async () => {
    const lead = await newLead();
    const res = await server.gql(
      SEND,
      { id: lead.id, channel: "EMAIL", body: "Thanks for your enquiry: when can we call?", subject: "Your enquiry" },
      t.tokens.rep,
    );
    expect(res.errors).toBeUndefined();
    const sent = res.data?.sendMessage;
    expect(sent).toMatchObject({ direction: "OUTBOUND", to: lead.email, deliveryState: "QUEUED" });
    const row = await eventually(
      () => stateOf(sent.id),
      (m) => m?.deliveryState === "SENT",
    );
    expect(row?.deliveryState).toBe("SENT");
    const mail = inbox.find((m) => m.to.includes(lead.email));
    expect(mail).toMatchObject({ subject: "Your enquiry", text: "Thanks for your enquiry: when can we call?" });
    expect(mail?.from).toContain("leads@leadline.test");
    expect(mail?.messageId).toContain(sent.id);

    const after = await server.gql(LEAD, { id: lead.id }, t.tokens.rep);
    expect(after.data?.lead.sla.firstResponseAt).toBeTruthy();
    expect(after.data?.lead.sla.state).toBe("MET");
    // The default (qualification) pipeline calls its contacted stage "working".
    expect(after.data?.lead.status).toBe("working");
    expect(after.data?.lead.messages).toEqual([expect.objectContaining({ id: sent.id, deliveryState: "SENT" })]);
    const types = (await db().select().from(leadEvents).where(eq(leadEvents.leadId, lead.id))).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["MESSAGE", "MESSAGE_STATUS", "SLA_CHANGED", "STATUS_CHANGED"]));
  });

  it("should move a lead from new to contacted where its pipeline has that transition", async () => {
    const pipeline = await server.gql(
      `mutation { createPipeline(preset: "field_service", name: "Jobs ${crypto.randomUUID().slice(0, 8)}") { id } }`,
      {},
      t.tokens.admin,
    );
    expect(pipeline.errors).toBeUndefined();
    const lead = await newLead({ pipelineId: pipeline.data?.createPipeline.id });
    expect(lead.status).toBe("new");
    await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "On our way" }, t.tokens.rep);
    const after = await server.gql(LEAD, { id: lead.id }, t.tokens.rep);
    expect(after.data?.lead.status).toBe("contacted");
  });

  it("should record the first response once: a second reply changes neither the time nor the stage", async () => {
    const lead = await newLead();
    await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "First" }, t.tokens.rep);
    const first = await server.gql(LEAD, { id: lead.id }, t.tokens.rep);
    await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "Second" }, t.tokens.rep);
    const second = await server.gql(LEAD, { id: lead.id }, t.tokens.rep);
    expect(second.data?.lead.sla.firstResponseAt).toBe(first.data?.lead.sla.firstResponseAt);
    expect(second.data?.lead.status).toBe(first.data?.lead.status);
    expect(second.data?.lead.messages).toHaveLength(2);
  });

  it("should call a late first reply BREACHED, not met", async () => {
    const lead = await newLead();
    await db()
      .update(leads)
      .set({ firstResponseDueAt: new Date(Date.now() - 60_000), slaAtRiskAt: new Date(Date.now() - 120_000) })
      .where(eq(leads.id, lead.id));
    await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "Sorry for the wait" }, t.tokens.rep);
    const after = await server.gql(LEAD, { id: lead.id }, t.tokens.rep);
    expect(after.data?.lead.sla.state).toBe("BREACHED");
  });

  it("should deliver after an SMTP outage, exactly once", async () => {
    const lead = await newLead();
    // Earlier tests' messages must be through first, or their retries would use up the outage.
    await eventually(
      () => db().select().from(messages).where(eq(messages.deliveryState, "QUEUED")),
      (queued) => queued.length === 0,
    );
    outage = 3;
    const res = await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "Through the outage" }, t.tokens.rep);
    const id = res.data?.sendMessage.id;
    const row = await eventually(
      () => stateOf(id),
      (m) => m?.deliveryState === "SENT",
      30_000,
    );
    expect(row?.deliveryState).toBe("SENT");
    // Each refused connection is one failed attempt, retried with backoff until the server is back.
    expect(row?.attempts).toBeGreaterThan(1);
    expect(outage).toBe(0);
    // Give a stray retry the chance to send a second copy, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(inbox.filter((m) => m.text === "Through the outage")).toHaveLength(1);
  });

  it("should mark a message the server refuses for good FAILED, with the reason", async () => {
    const lead = await newLead();
    refuse = lead.email;
    const res = await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "Nobody home" }, t.tokens.rep);
    const row = await eventually(
      () => stateOf(res.data?.sendMessage.id),
      (m) => m?.deliveryState === "FAILED",
    );
    refuse = null;
    expect(row?.deliveryState).toBe("FAILED");
    expect(row?.lastError).toMatch(/550|No such user/);
  });
});

describe("the tenant's mail settings", () => {
  it("should send with the tenant's sender name, and add its shared inbox to the lead's reply address", async () => {
    const set = await server.gql(
      `mutation { updateTenantSettings(input: { mailFromName: "Acme Sales", mailReplyTo: "Team@Acme.example" }) {
        mailFromName mailReplyTo } }`,
      {},
      t.tokens.admin,
    );
    expect(set.data?.updateTenantSettings).toEqual({ mailFromName: "Acme Sales", mailReplyTo: "team@acme.example" });
    const bad = await server.gql(
      `mutation { updateTenantSettings(input: { mailReplyTo: "not an address", mailFromName: "A \\"quoted\\" name" }) { mailReplyTo } }`,
      {},
      t.tokens.admin,
    );
    expect(fieldsOf(bad).sort()).toEqual(["mailFromName", "mailReplyTo"]);
    const lead = await newLead();
    await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "From Acme" }, t.tokens.rep);
    const mail = await eventually(
      async () => inbox.find((m) => m.text === "From Acme"),
      (m) => m !== undefined,
    );
    expect(mail?.from).toContain("Acme Sales");
    expect(mail?.replyTo).toContain("team@acme.example");
    expect(mail?.replyTo).toMatch(/reply\+[0-9a-f]{32}\./);
    await server.gql(
      `mutation { updateTenantSettings(input: { mailFromName: "", mailReplyTo: "" }) { name } }`,
      {},
      t.tokens.admin,
    );
  });
});

describe("messages Leadline writes", () => {
  it("should deliver a review request from its template, with an absolute link", async () => {
    const lead = await newLead();
    // A won lead may be asked for a review (the stage rules are tested with the reviews).
    await db().update(leads).set({ reviewRequestStatus: "ELIGIBLE" }).where(eq(leads.id, lead.id));
    const res = await server.gql(
      "mutation($id: ID!) { requestReview(id: $id, channel: EMAIL) { id reviewRequestStatus } }",
      { id: lead.id },
      t.tokens.rep,
    );
    expect(res.errors).toBeUndefined();
    const mail = await eventually(
      async () => inbox.find((m) => m.to.includes(lead.email)),
      (m) => m !== undefined,
    );
    expect(mail?.subject).toMatch(/^How did .+ do\?$/);
    expect(mail?.text).toMatch(/Tell us here: https:\/\/leads\.example\.com\/r\/llr_[\w-]+/);
    // The mail server has the mail a moment before the sender records that it was accepted.
    const [row] = await eventually(
      () => db().select().from(messages).where(eq(messages.leadId, lead.id)),
      (rows) => rows[0]?.deliveryState === "SENT",
    );
    expect(row).toMatchObject({ purpose: "REVIEW_REQUEST", deliveryState: "SENT" });
  });
});

describe("refusals", () => {
  it("should refuse a channel the lead cannot be reached on, an empty body, SMS with no provider, and change nothing", async () => {
    const phoneOnly = await newLead({ email: null, phone: "+1 415 555 0199" });
    const noEmail = await server.gql(SEND, { id: phoneOnly.id, channel: "EMAIL", body: "Hi" }, t.tokens.rep);
    expect(reasons(noEmail)).toEqual(["INVALID_INPUT"]);
    expect(fieldsOf(noEmail)).toEqual(["channel"]);
    const empty = await server.gql(SEND, { id: phoneOnly.id, channel: "SMS", body: "   " }, t.tokens.rep);
    expect(fieldsOf(empty)).toEqual(["body"]);
    const sms = await server.gql(SEND, { id: phoneOnly.id, channel: "SMS", body: "Hi" }, t.tokens.rep);
    expect(reasons(sms)).toEqual(["INVALID_STATE"]);
    expect(await db().select().from(messages).where(eq(messages.leadId, phoneOnly.id))).toEqual([]);
    const [row] = await db().select().from(leads).where(eq(leads.id, phoneOnly.id));
    expect(row?.firstResponseAt).toBeNull();
  });

  it("should let only someone who may work the lead reply", async () => {
    const lead = await newLead();
    const res = await server.gql(SEND, { id: lead.id, channel: "EMAIL", body: "Not mine" }, t.tokens.other);
    expect(codes(res)).toEqual([expect.stringMatching(/FORBIDDEN|NOT_FOUND/)]);
  });

  it("should not count a conversion as a first response", async () => {
    const lead = await newLead({}, t.tokens.admin);
    // Conversion leaves from the SQL stage of the default pipeline.
    await db().update(leads).set({ status: "sql" }).where(eq(leads.id, lead.id));
    const converted = await server.gql(
      "mutation($id: ID!) { convertLead(id: $id, input: {}) { lead { id sla { firstResponseAt } } } }",
      { id: lead.id },
      t.tokens.admin,
    );
    expect(converted.errors?.[0]?.message).toBeUndefined();
    expect(converted.data?.convertLead.lead.sla.firstResponseAt).toBeNull();
  });
});
