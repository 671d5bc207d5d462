import { eq } from "drizzle-orm";
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, messages } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  createTestTenant,
  eventually,
  reasons,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

/**
 * The embedded default's mail, end to end over real SMTP: what Leadline
 * sends lands in the built-in server's mailbox with the lead's reply
 * address, and a reply sent back over SMTP lands on the lead.
 */
let server: TestServer;
let t: TestTenant;

const MAILBOX = "{ devMailbox { id from to subject text replyTo } }";
const LEAD = "query($id: ID) { lead(id: $id) { messages { direction from to subject body deliveryState } } }";

beforeAll(async () => {
  server = await startTestServer({ mail: { smtpUrl: null, from: "leads@leadline.test", devServerPort: 0 } });
  t = await createTestTenant(server, { rep: ["SALES"] });
});
afterAll(() => server?.stop());

describe("the development mailbox", () => {
  it("should show a sent reply, and put the answer to it on the lead as an inbound message", async () => {
    const created = await server.gql(
      CREATE_LEAD,
      { input: { name: "Ana Reply", source: "MANUAL", email: "ana.reply@example.org" } },
      t.tokens.rep,
    );
    const leadId = created.data?.createLead.lead.id;
    const sent = await server.gql(
      'mutation($id: ID!) { sendMessage(id: $id, channel: EMAIL, body: "Can we call tomorrow?", subject: "Your enquiry") { id } }',
      { id: leadId },
      t.tokens.rep,
    );
    expect(sent.errors).toBeUndefined();
    const box = await eventually(
      () => server.gql(MAILBOX, {}, t.tokens.rep),
      (res) => (res.data?.devMailbox ?? []).some((m: { to: string[] }) => m.to.includes("ana.reply@example.org")),
    );
    const mail = box.data?.devMailbox.find((m: { to: string[] }) => m.to.includes("ana.reply@example.org"));
    expect(mail).toMatchObject({ subject: "Your enquiry", text: "Can we call tomorrow?" });
    expect(mail.replyTo).toMatch(/^reply\+[0-9a-f]{32}\.[\w-]{16}@leadline\.test$/);

    const replied = await server.gql(
      'mutation($id: ID!) { replyInDevMailbox(id: $id, body: "Tomorrow at 10 works.") }',
      { id: mail.id },
      t.tokens.rep,
    );
    expect(replied.errors).toBeUndefined();
    const lead = await eventually(
      () => server.gql(LEAD, { id: leadId }, t.tokens.rep),
      (res) => (res.data?.lead.messages ?? []).some((m: { direction: string }) => m.direction === "INBOUND"),
    );
    const inbound = lead.data?.lead.messages.find((m: { direction: string }) => m.direction === "INBOUND");
    expect(inbound).toMatchObject({
      from: "ana.reply@example.org",
      subject: "Re: Your enquiry",
      body: "Tomorrow at 10 works.",
      deliveryState: "RECEIVED",
    });
    // The person wrote last: the inbox shows it until the rep answers.
    const waiting = await server.gql(
      "query($id: ID) { lead(id: $id) { awaitingReply } }",
      { id: leadId },
      t.tokens.rep,
    );
    expect(waiting.data?.lead.awaitingReply).toBe(true);
    await server.gql(
      'mutation($id: ID!) { sendMessage(id: $id, channel: EMAIL, body: "See you then") { id } }',
      { id: leadId },
      t.tokens.rep,
    );
    const answered = await server.gql(
      "query($id: ID) { lead(id: $id) { awaitingReply } }",
      { id: leadId },
      t.tokens.rep,
    );
    expect(answered.data?.lead.awaitingReply).toBe(false);
    const types = (await server.app.database.db.select().from(leadEvents).where(eq(leadEvents.leadId, leadId))).map(
      (e) => e.type,
    );
    expect(types.filter((type) => type === "MESSAGE")).toHaveLength(3);
  });

  it("should mark an email BOUNCED when a bounce report comes back to its return path", async () => {
    const created = await server.gql(
      CREATE_LEAD,
      { input: { name: "Nobody Home", source: "MANUAL", email: "nobody@example.org" } },
      t.tokens.rep,
    );
    const leadId = created.data?.createLead.lead.id;
    const sent = await server.gql(
      'mutation($id: ID!) { sendMessage(id: $id, channel: EMAIL, body: "Hello?") { id } }',
      { id: leadId },
      t.tokens.rep,
    );
    const messageId = sent.data?.sendMessage.id;
    const box = await eventually(
      () => server.gql("{ devMailbox { to envelopeFrom } }", {}, t.tokens.rep),
      (res) => (res.data?.devMailbox ?? []).some((m: { to: string[] }) => m.to.includes("nobody@example.org")),
    );
    const returnPath = box.data?.devMailbox.find((m: { to: string[] }) =>
      m.to.includes("nobody@example.org"),
    ).envelopeFrom;
    expect(returnPath).toMatch(/^bounce\+[0-9a-f]{32}\.[\w-]{16}@leadline\.test$/);
    // The receiving server's report, as a mail server sends it (RFC 3464), to the return path.
    const transport = nodemailer.createTransport(server.app.services.mailUrl ?? "");
    await transport.sendMail({
      from: "MAILER-DAEMON@mx.example.org",
      to: returnPath,
      subject: "Undelivered Mail Returned to Sender",
      text: "Final-Recipient: rfc822; nobody@example.org\nAction: failed\nStatus: 5.1.1\nDiagnostic-Code: smtp; 550 5.1.1 User unknown",
    });
    transport.close();
    const lead = await eventually(
      () =>
        server.gql("query($id: ID) { lead(id: $id) { messages { id deliveryState } } }", { id: leadId }, t.tokens.rep),
      (res) => res.data?.lead.messages.some((m: { deliveryState: string }) => m.deliveryState === "BOUNCED"),
    );
    expect(lead.data?.lead.messages).toEqual([{ id: messageId, deliveryState: "BOUNCED" }]);
    const [row] = await server.app.database.db.select().from(messages).where(eq(messages.id, messageId));
    expect(row?.lastError).toBe("Diagnostic-Code: smtp; 550 5.1.1 User unknown");
  });

  it("should ignore mail to a reply address with a forged tag", async () => {
    const before = await server.gql(MAILBOX, {}, t.tokens.rep);
    expect(before.data?.devMailbox.length).toBeGreaterThan(0);
    const { leadOfReplyAddress } = await import("./reply-address.js");
    const box = server.app.services.secretBox;
    expect(leadOfReplyAddress(box, "reply+00000000000000000000000000000000.AAAAAAAAAAAAAAAA@leadline.test")).toBeNull();
    expect(leadOfReplyAddress(box, "someone@leadline.test")).toBeNull();
  });

  it("should be refused where no built-in mail server runs", async () => {
    const plain = await startTestServer();
    try {
      const other = await createTestTenant(plain, { rep: ["SALES"] });
      expect(reasons(await plain.gql(MAILBOX, {}, other.tokens.rep))).toEqual(["INVALID_STATE"]);
    } finally {
      await plain.stop();
    }
  });
});
