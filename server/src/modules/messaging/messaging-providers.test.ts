import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, messagingProviders } from "../../db/schema/index.js";
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
 * A workspace's own email and SMS providers, over the GraphQL API, on a
 * server that has neither of its own (no SMTP_URL, no SMS_*): an SMTP server
 * in this process that wants a sign-in, and a local HTTP server speaking
 * Twilio's Messages API for one account, play the workspace's providers.
 */
const SMTP_USER = "acme-mailer";
const SMTP_PASSWORD = "s3cret-smtp-password";
const ACCOUNT_SID = "AC11111111111111111111111111111111";
const AUTH_TOKEN = "tenant-auth-token-0123456789abcdef";
const SMS_FROM = "+15005550009";
const PUBLIC_URL = "http://leadline.test";

interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
  user: string | null;
}
const inbox: Mail[] = [];
/** Mail to this address is refused for good (550). */
const REFUSED = "nobody@acme.example";
let smtp: SMTPServer;
let smtpPort = 0;

interface Sms {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
}
const texts: Sms[] = [];
/** Messages to this number are refused as Twilio refuses an invalid one. */
const BAD_NUMBER = "+15005550001";
let provider: Server;
let providerUrl = "";

let server: TestServer;
let t: TestTenant;

const VIEW = `{ messagingProviders { serverEmail serverSms
  email { host port security username passwordSet fromAddress updatedAt }
  sms { apiUrl accountSid authTokenSet from updatedAt } } }`;
const SET_EMAIL = `mutation($input: EmailProviderInput!) { setEmailProvider(input: $input) {
  email { host port security username passwordSet fromAddress } } }`;
const SET_SMS = `mutation($input: SmsProviderInput!) { setSmsProvider(input: $input) {
  sms { apiUrl accountSid authTokenSet from } } }`;
const REMOVE = `mutation($channel: MessageChannel!) { removeMessagingProvider(channel: $channel) { email { host } sms { from } } }`;
const TEST = `mutation($channel: MessageChannel!, $to: String!) { sendTestMessage(channel: $channel, to: $to) {
  channel to sent deliveryState error from providerId via } }`;

function twilioError(res: import("node:http").ServerResponse, status: number, code: number, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
        return callback(null, { user: auth.username });
      callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) {
        return callback(Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          inbox.push({
            from: mail.from?.text ?? "",
            to: Array.isArray(mail.to) ? (mail.to[0]?.text ?? "") : (mail.to?.text ?? ""),
            subject: mail.subject ?? "",
            text: (mail.text ?? "").trim(),
            user: typeof session.user === "string" ? session.user : null,
          });
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpPort = (smtp.server.address() as AddressInfo).port;

  provider = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`) {
        return twilioError(res, 404, 20404, "The requested resource was not found");
      }
      const expectedAuth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
      if (req.headers.authorization !== expectedAuth) return twilioError(res, 401, 20003, "Authenticate");
      const form = new URLSearchParams(raw);
      const to = form.get("To") ?? "";
      if (to === BAD_NUMBER) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
      texts.push({
        sid,
        to,
        from: form.get("From") ?? "",
        body: form.get("Body") ?? "",
        statusCallback: form.get("StatusCallback"),
      });
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ sid, status: "queued" }));
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;

  // No SMTP_URL, no SMS_*: only the workspace's own providers can send.
  server = await startTestServer({ publicUrl: PUBLIC_URL, messaging: { retryBaseMs: 200, maxAttempts: 6 } });
  t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await new Promise<void>((resolve) => provider?.close(() => resolve()));
});

const db = () => server.app.database.db;
const testMessages = (tenantId: string) =>
  db()
    .select()
    .from(messages)
    .where(and(eq(messages.tenantId, tenantId), eq(messages.purpose, "TEST")));
const emailInput = (extra: Record<string, unknown> = {}) => ({
  host: "127.0.0.1",
  port: smtpPort,
  security: "NONE",
  username: SMTP_USER,
  password: SMTP_PASSWORD,
  fromAddress: "sales@acme.example",
  ...extra,
});

describe("email through the workspace's own SMTP server", () => {
  it("should refuse a test while neither the workspace nor the server has a provider", async () => {
    const res = await server.gql(TEST, { channel: "EMAIL", to: "ops@acme.example" }, t.tokens.admin);
    expect(reasons(res)).toEqual(["INVALID_STATE"]);
    expect(res.errors?.[0]?.message).toMatch(/Email is not set up/);
    expect(await testMessages(t.tenant.id)).toEqual([]);
    const view = await server.gql(VIEW, {}, t.tokens.admin);
    expect(view.data?.messagingProviders).toEqual({ serverEmail: false, serverSms: false, email: null, sms: null });
  });

  it("should keep the password write-only: shown as set, never returned, sealed at rest", async () => {
    const res = await server.gql(SET_EMAIL, { input: emailInput() }, t.tokens.admin);
    expect(codes(res)).toEqual([]);
    expect(res.data?.setEmailProvider.email).toEqual({
      host: "127.0.0.1",
      port: smtpPort,
      security: "NONE",
      username: SMTP_USER,
      passwordSet: true,
      fromAddress: "sales@acme.example",
    });
    const view = await server.gql(VIEW, {}, t.tokens.admin);
    expect(JSON.stringify(view)).not.toContain(SMTP_PASSWORD);
    const [row] = await db().select().from(messagingProviders).where(eq(messagingProviders.tenantId, t.tenant.id));
    expect(row?.secretSealed).toMatch(/^v1:/);
    expect(JSON.stringify(row)).not.toContain(SMTP_PASSWORD);
  });

  it("should send a test through the same queue and delivery as every message, and say the provider took it", async () => {
    const res = await server.gql(TEST, { channel: "EMAIL", to: " Ops@Acme.example " }, t.tokens.admin);
    expect(codes(res)).toEqual([]);
    expect(res.data?.sendTestMessage).toMatchObject({
      channel: "EMAIL",
      to: "ops@acme.example",
      sent: true,
      deliveryState: "SENT",
      error: null,
      from: expect.stringContaining("<sales@acme.example>"),
      providerId: expect.any(String),
      via: "WORKSPACE",
    });
    const mail = inbox.find((m) => m.to === "ops@acme.example");
    expect(mail).toMatchObject({ from: expect.stringContaining("sales@acme.example"), user: SMTP_USER });
    expect(mail?.subject).toBe(`Test message from ${t.tenant.name}`);
    // A message like any other: queued with its job, one attempt, no lead.
    const [row] = await testMessages(t.tenant.id);
    expect(row).toMatchObject({ leadId: null, channel: "EMAIL", deliveryState: "SENT", attempts: 1 });
    expect(row?.createdById).toBe(t.users.admin?.id);
  });

  it("should send a rep's reply to a lead through the workspace's server too", async () => {
    const lead = await server.gql(
      CREATE_LEAD,
      { input: { name: "Mia Mail", source: "MANUAL", email: "mia@customer.example" } },
      t.tokens.rep,
    );
    const id = lead.data?.createLead.lead.id;
    const sent = await server.gql(
      'mutation($id: ID!) { sendMessage(id: $id, channel: EMAIL, body: "Hello Mia") { id } }',
      { id },
      t.tokens.rep,
    );
    expect(codes(sent)).toEqual([]);
    const mail = await eventually(async () => inbox.find((m) => m.to === "mia@customer.example"), Boolean);
    expect(mail).toMatchObject({
      text: "Hello Mia",
      user: SMTP_USER,
      from: expect.stringContaining("sales@acme.example"),
    });
  });

  it("should report the provider's own refusal: a recipient it refuses, a password it does not take", async () => {
    const refused = await server.gql(TEST, { channel: "EMAIL", to: REFUSED }, t.tokens.admin);
    expect(refused.data?.sendTestMessage).toMatchObject({
      sent: false,
      deliveryState: "FAILED",
      error: expect.stringContaining("No such mailbox here"),
    });
    await server.gql(SET_EMAIL, { input: emailInput({ password: "wrong" }) }, t.tokens.admin);
    const badLogin = await server.gql(TEST, { channel: "EMAIL", to: "ops@acme.example" }, t.tokens.admin);
    expect(badLogin.data?.sendTestMessage).toMatchObject({
      sent: false,
      deliveryState: "FAILED",
      error: expect.stringContaining("Invalid username or password"),
    });
    // Saved again without a password, the one set before stays: the right one, put back.
    await server.gql(SET_EMAIL, { input: emailInput() }, t.tokens.admin);
    const kept = await server.gql(SET_EMAIL, { input: emailInput({ password: null, port: smtpPort }) }, t.tokens.admin);
    expect(kept.data?.setEmailProvider.email.passwordSet).toBe(true);
    const again = await server.gql(TEST, { channel: "EMAIL", to: "ops2@acme.example" }, t.tokens.admin);
    expect(again.data?.sendTestMessage).toMatchObject({ sent: true });
    // A server that does not answer: one attempt, then FAILED with why, not retried for an hour.
    const closed = await server.gql(SET_EMAIL, { input: emailInput({ port: 1 }) }, t.tokens.admin);
    expect(codes(closed)).toEqual([]);
    const down = await server.gql(TEST, { channel: "EMAIL", to: "ops@acme.example" }, t.tokens.admin);
    expect(down.data?.sendTestMessage).toMatchObject({
      sent: false,
      deliveryState: "FAILED",
      error: expect.any(String),
    });
    await server.gql(SET_EMAIL, { input: emailInput() }, t.tokens.admin);
  });

  it("should refuse settings that cannot work, field by field, and a user name without a password", async () => {
    const bad = await server.gql(
      SET_EMAIL,
      { input: emailInput({ host: "smtp://mail.example.com", port: 0, fromAddress: "not an address" }) },
      t.tokens.admin,
    );
    expect(fieldsOf(bad)).toEqual(["fromAddress", "host", "port"]);
    const fresh = await createTestTenant(server, { admin: ["ADMIN"] });
    const noPassword = await server.gql(SET_EMAIL, { input: emailInput({ password: null }) }, fresh.tokens.admin);
    expect(fieldsOf(noPassword)).toEqual(["password"]);
    // Without a user name there is nothing to sign in with, and no password to keep.
    const open = await server.gql(
      SET_EMAIL,
      { input: emailInput({ username: "", password: null }) },
      fresh.tokens.admin,
    );
    expect(open.data?.setEmailProvider.email).toMatchObject({ username: "", passwordSet: false });
  });
});

describe("SMS through the workspace's own account", () => {
  it("should send a test SMS with the workspace's account, and report the provider's refusal with its code", async () => {
    const set = await server.gql(
      SET_SMS,
      { input: { apiUrl: providerUrl, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: "+1 500 555 0009" } },
      t.tokens.admin,
    );
    expect(set.data?.setSmsProvider.sms).toEqual({
      apiUrl: providerUrl,
      accountSid: ACCOUNT_SID,
      authTokenSet: true,
      from: SMS_FROM,
    });
    expect(JSON.stringify(await server.gql(VIEW, {}, t.tokens.admin))).not.toContain(AUTH_TOKEN);
    const res = await server.gql(TEST, { channel: "SMS", to: "(415) 555-0142" }, t.tokens.admin);
    const sms = texts.find((s) => s.to === "+14155550142");
    expect(res.data?.sendTestMessage).toMatchObject({
      to: "+14155550142",
      sent: true,
      deliveryState: "SENT",
      from: SMS_FROM,
      providerId: sms?.sid,
      via: "WORKSPACE",
    });
    expect(sms).toMatchObject({ from: SMS_FROM, body: expect.stringContaining("test") });
    const refused = await server.gql(TEST, { channel: "SMS", to: BAD_NUMBER }, t.tokens.admin);
    expect(refused.data?.sendTestMessage).toMatchObject({
      sent: false,
      deliveryState: "FAILED",
      error: `HTTP 400: code 21211: The 'To' number ${BAD_NUMBER} is not a valid phone number.`,
    });
    expect(codes(await server.gql(TEST, { channel: "SMS", to: "not a number" }, t.tokens.admin))).toEqual([
      "BAD_USER_INPUT",
    ]);
  });

  it("should take delivery reports and replies signed with the workspace's token, and refuse others", async () => {
    const sms = texts.find((s) => s.to === "+14155550142");
    if (!sms?.statusCallback) throw new Error("the test SMS asked for no delivery report");
    const params = { MessageSid: sms.sid, MessageStatus: "delivered", AccountSid: ACCOUNT_SID };
    const post = (url: string, body: Record<string, string>, token: string) =>
      fetch(`${server.url}${new URL(url).pathname}${new URL(url).search}`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-twilio-signature": twilio.getExpectedTwilioSignature(token, url, body),
        },
        body: new URLSearchParams(body),
      });
    expect((await post(sms.statusCallback, params, "someone-elses-token")).status).toBe(403);
    expect((await post(sms.statusCallback, params, AUTH_TOKEN)).status).toBe(200);
    const [row] = await db().select().from(messages).where(eq(messages.providerId, sms.sid));
    expect(row?.deliveryState).toBe("DELIVERED");

    // A reply to the workspace's number lands on its lead with that phone, not on another workspace's.
    const other = await createTestTenant(server, { rep: ["SALES"] });
    for (const who of [t, other]) {
      await server.gql(
        CREATE_LEAD,
        { input: { name: "Sam Same", source: "MANUAL", phone: "+1 415 555 0177" } },
        who.tokens.rep,
      );
    }
    const reply = {
      MessageSid: `SM${crypto.randomUUID().replace(/-/g, "")}`,
      From: "+14155550177",
      To: SMS_FROM,
      Body: "Yes please",
      AccountSid: ACCOUNT_SID,
    };
    const inboundUrl = `${PUBLIC_URL}/hooks/sms/inbound`;
    expect((await post(inboundUrl, reply, "someone-elses-token")).status).toBe(403);
    expect((await post(inboundUrl, reply, AUTH_TOKEN)).status).toBe(200);
    const stored = await db().select().from(messages).where(eq(messages.providerId, reply.MessageSid));
    expect(stored.map((m) => [m.tenantId, m.direction, m.body])).toEqual([[t.tenant.id, "INBOUND", "Yes please"]]);
    // To a number no workspace has, with no server account: nothing to check it with.
    expect((await post(inboundUrl, { ...reply, To: "+15005550123" }, AUTH_TOKEN)).status).toBe(404);
  });

  it("should refuse an account without a token, and a sender that is not a number or sender id", async () => {
    const fresh = await createTestTenant(server, { admin: ["ADMIN"] });
    const res = await server.gql(
      SET_SMS,
      { input: { apiUrl: `${providerUrl}/path`, accountSid: "AC 1", from: "call me maybe" } },
      fresh.tokens.admin,
    );
    expect(fieldsOf(res)).toEqual(["accountSid", "apiUrl", "authToken", "from"]);
  });
});

describe("who may see and change the providers", () => {
  it("should refuse everyone but admins every operation, and change nothing", async () => {
    const before = await db().select().from(messagingProviders).where(eq(messagingProviders.tenantId, t.tenant.id));
    const sentBefore = (await testMessages(t.tenant.id)).length;
    for (const token of [t.tokens.manager, t.tokens.rep]) {
      expect(codes(await server.gql(VIEW, {}, token))).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(SET_EMAIL, { input: emailInput({ host: "evil.example" }) }, token))).toEqual([
        "FORBIDDEN",
      ]);
      expect(
        codes(
          await server.gql(
            SET_SMS,
            { input: { accountSid: "ACevil", authToken: "x", from: "+15005550100", apiUrl: providerUrl } },
            token,
          ),
        ),
      ).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(REMOVE, { channel: "EMAIL" }, token))).toEqual(["FORBIDDEN"]);
      expect(codes(await server.gql(TEST, { channel: "EMAIL", to: "x@acme.example" }, token))).toEqual(["FORBIDDEN"]);
    }
    expect(codes(await server.gql(VIEW, {}))).toEqual(["UNAUTHENTICATED"]);
    const after = await db().select().from(messagingProviders).where(eq(messagingProviders.tenantId, t.tenant.id));
    expect(after).toEqual(before);
    expect((await testMessages(t.tenant.id)).length).toBe(sentBefore);
  });

  it("should keep each workspace's providers to itself, and forget them on removal", async () => {
    const other = await createTestTenant(server, { admin: ["ADMIN"] });
    const view = await server.gql(VIEW, {}, other.tokens.admin);
    expect(view.data?.messagingProviders).toMatchObject({ email: null, sms: null });
    expect(reasons(await server.gql(TEST, { channel: "EMAIL", to: "x@acme.example" }, other.tokens.admin))).toEqual([
      "INVALID_STATE",
    ]);
    const removed = await server.gql(REMOVE, { channel: "SMS" }, t.tokens.admin);
    expect(removed.data?.removeMessagingProvider).toMatchObject({ email: { host: "127.0.0.1" }, sms: null });
    expect(reasons(await server.gql(TEST, { channel: "SMS", to: "+14155550142" }, t.tokens.admin))).toEqual([
      "INVALID_STATE",
    ]);
  });
});

describe("providers on private networks", () => {
  it("should be refused unless the server allows private networks", async () => {
    const strict = await startTestServer({ webhookAllowPrivateNetworks: false });
    try {
      const s = await createTestTenant(strict, { admin: ["ADMIN"] });
      const email = await strict.gql(SET_EMAIL, { input: emailInput() }, s.tokens.admin);
      expect(email.errors?.[0]?.extensions?.fields).toEqual([
        { field: "host", message: "127.0.0.1 is not a public address" },
      ]);
      const sms = await strict.gql(
        SET_SMS,
        { input: { apiUrl: "http://10.0.0.8", accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: SMS_FROM } },
        s.tokens.admin,
      );
      expect(fieldsOf(sms)).toEqual(["apiUrl"]);
      const rows = await strict.app.database.db.select().from(messagingProviders);
      expect(rows).toEqual([]);
    } finally {
      await strict.stop();
    }
    // A second server of its own: its start is most of the time.
  }, 90_000);
});
