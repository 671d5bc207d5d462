import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../config.js";
import { leadEvents, leads, messages } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  eventually,
  fieldsOf,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

/**
 * SMS through a provider speaking Twilio's Messages API: a local HTTP
 * server in this process plays Twilio (it checks the account's basic auth
 * and the form, answers with a sid, and can be down for a while), and the
 * delivery reports and replies are signed with the official `twilio`
 * package's own helper, against the public URL the server is told it has.
 */
const ACCOUNT_SID = "AC00000000000000000000000000000001";
const AUTH_TOKEN = "test-auth-token-0123456789abcdef";
const SMS_FROM = "+15005550006";
const PUBLIC_URL = "http://leadline.test";

interface Created {
  sid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | null;
}
/** Messages the fake provider took (answered 201). */
const created: Created[] = [];
/** While positive, each create is answered 503 and this counts down. */
let outage = 0;
/** Messages to this number are refused for good, as Twilio refuses an invalid number. */
let refuseTo: string | null = null;
/** Messages with this body are reported delivered (signed callback) before the API answers, as a fast carrier can. */
let reportFirst: string | null = null;
let provider: Server;
let server: TestServer;
let t: TestTenant;
let phoneCounter = 100;

const SEND = `mutation($id: ID!, $channel: MessageChannel!, $body: String!) {
  sendMessage(id: $id, channel: $channel, body: $body) { id channel direction to body deliveryState } }`;
const LEAD = `query($id: ID) { lead(id: $id) { id messages { id channel direction deliveryState body } } }`;

function twilioError(res: import("node:http").ServerResponse, status: number, code: number, message: string) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify({ code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }));
}

beforeAll(async () => {
  provider = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const expectedAuth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
      if (req.method !== "POST" || req.url !== `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`) {
        return twilioError(res, 404, 20404, "The requested resource was not found");
      }
      if (req.headers.authorization !== expectedAuth) return twilioError(res, 401, 20003, "Authenticate");
      if (outage > 0) {
        outage--;
        return twilioError(res, 503, 20503, "Service unavailable");
      }
      const form = new URLSearchParams(raw);
      const to = form.get("To");
      const body = form.get("Body");
      if (!to || !body || form.get("From") !== SMS_FROM) {
        return twilioError(res, 400, 21604, "A 'To' phone number, 'From' and 'Body' are required.");
      }
      if (to === refuseTo) return twilioError(res, 400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
      const statusCallback = form.get("StatusCallback");
      created.push({ sid, to, from: SMS_FROM, body, statusCallback });
      const answer = () => {
        res.writeHead(201, { "content-type": "application/json" });
        res.end(JSON.stringify({ sid, status: "queued", to, from: SMS_FROM, body, account_sid: ACCOUNT_SID }));
      };
      if (body === reportFirst && statusCallback) {
        report(statusCallback, sid, "delivered").then(answer, answer);
      } else answer();
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
  const port = (provider.address() as AddressInfo).port;
  server = await startTestServer({
    sms: { apiUrl: `http://127.0.0.1:${port}`, accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, from: SMS_FROM },
    messaging: { retryBaseMs: 200, maxAttempts: 6 },
    publicUrl: PUBLIC_URL,
  });
  t = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
});
afterAll(async () => {
  await server?.stop();
  await new Promise<void>((resolve) => provider?.close(() => resolve()));
});

const db = () => server.app.database.db;

/** A fresh number for each lead (E.164), so replies match only the leads a test made. */
const nextPhone = () => `+1415555${String(++phoneCounter).padStart(4, "0")}`;

async function newLead(phone = nextPhone()) {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name: "Text Person", source: "MANUAL", phone, email: null } },
    t.tokens.rep,
  );
  expect(res.errors).toBeUndefined();
  return res.data?.createLead.lead as { id: string; status: string };
}

async function stateOf(messageId: string) {
  const [row] = await db().select().from(messages).where(eq(messages.id, messageId));
  return row;
}

/** Posts a webhook as Twilio does: form-encoded, signed over the public URL it was sent to. */
async function postSigned(publicUrl: string, params: Record<string, string>, authToken = AUTH_TOKEN) {
  const url = new URL(publicUrl);
  return fetch(`${server.url}${url.pathname}${url.search}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      "x-twilio-signature": twilio.getExpectedTwilioSignature(authToken, publicUrl, params),
    },
    body: new URLSearchParams(params),
  });
}

/** Sends an SMS reply to a new lead and waits until the provider has taken it. */
async function sentSms(body: string) {
  const lead = await newLead();
  const res = await server.gql(SEND, { id: lead.id, channel: "SMS", body }, t.tokens.rep);
  expect(res.errors).toBeUndefined();
  const id = res.data?.sendMessage.id as string;
  const row = await eventually(
    () => stateOf(id),
    (m) => m?.deliveryState !== "QUEUED",
  );
  expect(row?.deliveryState).toBe("SENT");
  const taken = created.find((c) => c.sid === row?.providerId);
  if (!taken?.statusCallback) throw new Error("the provider took no message with a status callback");
  return { lead, id, sid: taken.sid, callback: taken.statusCallback };
}

function report(callback: string, sid: string, status: string, extra: Record<string, string> = {}) {
  return postSigned(callback, {
    AccountSid: ACCOUNT_SID,
    MessageSid: sid,
    SmsSid: sid,
    MessageStatus: status,
    SmsStatus: status,
    From: SMS_FROM,
    To: "+14155550000",
    ApiVersion: "2010-04-01",
    ...extra,
  });
}

function inbound(from: string, body: string, sid = `SM${crypto.randomUUID().replace(/-/g, "")}`) {
  return postSigned(`${PUBLIC_URL}/hooks/sms/inbound`, {
    AccountSid: ACCOUNT_SID,
    MessageSid: sid,
    SmsMessageSid: sid,
    From: from,
    To: SMS_FROM,
    Body: body,
    NumMedia: "0",
    ApiVersion: "2010-04-01",
  });
}

const statusEvents = async (leadId: string) =>
  (await db().select().from(leadEvents).where(eq(leadEvents.leadId, leadId)))
    .filter((e) => e.type === "MESSAGE_STATUS")
    .map((e) => `${e.payload.from}→${e.payload.to}`);

describe("sending SMS", () => {
  it("should send through the provider's Messages API (SENT with its sid), then DELIVERED by its signed report", async () => {
    const lead = await newLead();
    const res = await server.gql(
      SEND,
      { id: lead.id, channel: "SMS", body: "Hi, can we call you today?" },
      t.tokens.rep,
    );
    expect(res.errors).toBeUndefined();
    const sent = res.data?.sendMessage;
    expect(sent).toMatchObject({ channel: "SMS", direction: "OUTBOUND", deliveryState: "QUEUED" });
    const row = await eventually(
      () => stateOf(sent.id),
      (m) => m?.deliveryState === "SENT",
    );
    const taken = created.find((c) => c.sid === row?.providerId);
    expect(taken).toMatchObject({
      to: sent.to,
      from: SMS_FROM,
      body: "Hi, can we call you today?",
      statusCallback: `${PUBLIC_URL}/hooks/sms/status?message=${sent.id}`,
    });
    expect(row).toMatchObject({ deliveryState: "SENT", from: SMS_FROM, attempts: 1 });

    expect((await report(taken?.statusCallback ?? "", taken?.sid ?? "", "sent")).status).toBe(200);
    const delivered = await report(taken?.statusCallback ?? "", taken?.sid ?? "", "delivered");
    expect(delivered.status).toBe(200);
    const after = await stateOf(sent.id);
    expect(after?.deliveryState).toBe("DELIVERED");
    expect(after?.deliveredAt).toBeTruthy();
    expect(await statusEvents(lead.id)).toEqual(["QUEUED→SENT", "SENT→DELIVERED"]);
  });

  it("should keep DELIVERED when a late or repeated report of an earlier state arrives", async () => {
    const { lead, id, sid, callback } = await sentSms("Out of order");
    await report(callback, sid, "delivered");
    expect((await report(callback, sid, "sent")).status).toBe(200);
    expect((await report(callback, sid, "delivered")).status).toBe(200);
    expect((await stateOf(id))?.deliveryState).toBe("DELIVERED");
    expect(await statusEvents(lead.id)).toEqual(["QUEUED→SENT", "SENT→DELIVERED"]);
  });

  it("should mark an undelivered message FAILED with the carrier's error code", async () => {
    const { id, sid, callback } = await sentSms("Never arrives");
    await report(callback, sid, "undelivered", { ErrorCode: "30003" });
    const row = await stateOf(id);
    expect(row?.deliveryState).toBe("FAILED");
    expect(row?.lastError).toContain("30003");
  });

  it("should refuse a report with a bad signature (403) and change nothing", async () => {
    const { lead, id, sid, callback } = await sentSms("Forged report");
    // Signed with another token; a signature over other fields; no signature.
    const forged = await postSigned(callback, { MessageSid: sid, MessageStatus: "failed" }, "not-the-token");
    expect(forged.status).toBe(403);
    const tampered = await fetch(`${server.url}${new URL(callback).pathname}${new URL(callback).search}`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(AUTH_TOKEN, callback, {
          MessageSid: sid,
          MessageStatus: "sent",
        }),
      },
      body: new URLSearchParams({ MessageSid: sid, MessageStatus: "failed" }),
    });
    expect(tampered.status).toBe(403);
    const unsigned = await fetch(`${server.url}/hooks/sms/status`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ MessageSid: sid, MessageStatus: "failed" }),
    });
    expect(unsigned.status).toBe(403);
    expect((await stateOf(id))?.deliveryState).toBe("SENT");
    expect(await statusEvents(lead.id)).toEqual(["QUEUED→SENT"]);
  });

  it("should answer 200 to a report about a message it does not know, and change nothing", async () => {
    const res = await report(`${PUBLIC_URL}/hooks/sms/status`, "SM00000000000000000000000000000000", "delivered");
    expect(res.status).toBe(200);
    expect(
      await db().select().from(messages).where(eq(messages.providerId, "SM00000000000000000000000000000000")),
    ).toEqual([]);
  });

  it("should mark a message the provider refuses for good (4xx) FAILED, with its code and message", async () => {
    const phone = nextPhone();
    const lead = await newLead(phone);
    refuseTo = phone;
    const res = await server.gql(SEND, { id: lead.id, channel: "SMS", body: "Bad number" }, t.tokens.rep);
    const row = await eventually(
      () => stateOf(res.data?.sendMessage.id),
      (m) => m?.deliveryState === "FAILED",
    );
    refuseTo = null;
    expect(row?.deliveryState).toBe("FAILED");
    expect(row?.attempts).toBe(1);
    expect(row?.lastError).toMatch(/21211.*not a valid phone number/);
  });

  it("should take a delivery report that arrives before the API's answer (found by the message id in its URL)", async () => {
    const lead = await newLead();
    reportFirst = "Fast carrier";
    const res = await server.gql(SEND, { id: lead.id, channel: "SMS", body: "Fast carrier" }, t.tokens.rep);
    const id = res.data?.sendMessage.id;
    const row = await eventually(
      () => stateOf(id),
      (m) => m?.deliveryState === "DELIVERED",
    );
    reportFirst = null;
    // The API's later answer (SENT) is an earlier state: it changes nothing.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await stateOf(id);
    expect(after?.deliveryState).toBe("DELIVERED");
    expect(after?.providerId).toBe(created.find((c) => c.body === "Fast carrier")?.sid);
    expect(row?.deliveredAt).toBeTruthy();
  });

  it("should deliver after the provider is down for a while (503), exactly once", async () => {
    const lead = await newLead();
    outage = 3;
    const res = await server.gql(SEND, { id: lead.id, channel: "SMS", body: "Through the outage" }, t.tokens.rep);
    const id = res.data?.sendMessage.id;
    const row = await eventually(
      () => stateOf(id),
      (m) => m?.deliveryState === "SENT",
      30_000,
    );
    expect(row?.deliveryState).toBe("SENT");
    expect(row?.attempts).toBe(4);
    expect(outage).toBe(0);
    // Give a stray retry the chance to send a second copy, then count.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(created.filter((c) => c.body === "Through the outage")).toHaveLength(1);
  });
});

describe("SMS replies", () => {
  it("should attach a reply to the most recently active open lead with the sender's phone, once per MessageSid", async () => {
    const phone = nextPhone();
    const older = await newLead(phone);
    const newer = await newLead(phone);
    const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
    const res = await inbound(phone, "Yes, call me after 5", sid);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/xml/);
    expect(await res.text()).toMatch(/<Response\/>$/);
    // Twilio retries a webhook it thinks failed: the same MessageSid is stored once.
    expect((await inbound(phone, "Yes, call me after 5", sid)).status).toBe(200);

    const lead = await server.gql(LEAD, { id: newer.id }, t.tokens.rep);
    expect(lead.data?.lead.messages).toEqual([
      expect.objectContaining({
        channel: "SMS",
        direction: "INBOUND",
        deliveryState: "RECEIVED",
        body: "Yes, call me after 5",
      }),
    ]);
    const [stored] = await db().select().from(messages).where(eq(messages.providerId, sid));
    expect(stored).toMatchObject({ from: phone, to: SMS_FROM, leadId: newer.id, tenantId: t.tenant.id });
    const events = await db()
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, newer.id), eq(leadEvents.type, "MESSAGE")));
    expect(events.map((e) => e.payload)).toEqual([
      expect.objectContaining({ messageId: stored?.id, direction: "INBOUND", state: "RECEIVED" }),
    ]);
    expect((await server.gql(LEAD, { id: older.id }, t.tokens.rep)).data?.lead.messages).toEqual([]);
  });

  it("should refuse a reply with a bad signature (403) and store nothing", async () => {
    const phone = nextPhone();
    const lead = await newLead(phone);
    const params = { MessageSid: "SM1", From: phone, To: SMS_FROM, Body: "forged" };
    const res = await fetch(`${server.url}/hooks/sms/inbound`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "x-twilio-signature": twilio.getExpectedTwilioSignature(
          "not-the-token",
          `${PUBLIC_URL}/hooks/sms/inbound`,
          params,
        ),
      },
      body: new URLSearchParams(params),
    });
    expect(res.status).toBe(403);
    expect(await db().select().from(messages).where(eq(messages.leadId, lead.id))).toEqual([]);
  });

  it("should honour STOP on every lead with that phone (SMS then refused) and START to opt back in", async () => {
    const phone = nextPhone();
    const first = await newLead(phone);
    const second = await newLead(phone);
    expect((await inbound(phone, " Stop ")).status).toBe(200);
    const optedOut = await db().select().from(leads).where(eq(leads.phone, phone));
    expect(optedOut.map((l) => l.smsOptedOutAt)).toEqual([expect.any(Date), expect.any(Date)]);
    const refused = await server.gql(SEND, { id: first.id, channel: "SMS", body: "Are you there?" }, t.tokens.rep);
    expect(codes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(refused)).toEqual(["channel"]);
    const stop = await db()
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, second.id), eq(leadEvents.type, "MESSAGE")));
    expect(stop.map((e) => e.payload.smsOptOut)).toEqual(["OPTED_OUT"]);

    await inbound(phone, "START");
    const optedIn = await db().select().from(leads).where(eq(leads.phone, phone));
    expect(optedIn.map((l) => l.smsOptedOutAt)).toEqual([null, null]);
    const again = await server.gql(SEND, { id: first.id, channel: "SMS", body: "Welcome back" }, t.tokens.rep);
    expect(again.errors).toBeUndefined();
  });

  it("should not send a message queued before a STOP that arrived while the provider was down", async () => {
    const phone = nextPhone();
    const lead = await newLead(phone);
    outage = 1_000;
    const res = await server.gql(SEND, { id: lead.id, channel: "SMS", body: "Queued before STOP" }, t.tokens.rep);
    const id = res.data?.sendMessage.id;
    await eventually(
      () => stateOf(id),
      (m) => (m?.attempts ?? 0) >= 1,
    );
    await inbound(phone, "STOP");
    outage = 0;
    const row = await eventually(
      () => stateOf(id),
      (m) => m?.deliveryState !== "QUEUED",
    );
    expect(row?.deliveryState).toBe("FAILED");
    expect(row?.lastError).toMatch(/opted out/);
    expect(created.filter((c) => c.body === "Queued before STOP")).toEqual([]);
  });

  it("should acknowledge a reply from a number no lead has and store nothing", async () => {
    const sid = `SM${crypto.randomUUID().replace(/-/g, "")}`;
    const res = await inbound("+12025550123", "Who is this?", sid);
    expect(res.status).toBe(200);
    expect(await db().select().from(messages).where(eq(messages.providerId, sid))).toEqual([]);
  });
});

describe("SMS settings", () => {
  it("should set SMS up only when the account, token and sender are all given", () => {
    const env = { SMS_ACCOUNT_SID: ACCOUNT_SID, SMS_AUTH_TOKEN: AUTH_TOKEN, SMS_FROM };
    expect(loadConfig({ DATA_DIR: ":memory:", ...env }).sms).toEqual({
      apiUrl: "https://api.twilio.com",
      accountSid: ACCOUNT_SID,
      authToken: AUTH_TOKEN,
      from: SMS_FROM,
    });
    expect(loadConfig({ DATA_DIR: ":memory:" }).sms).toBeNull();
    expect(() => loadConfig({ DATA_DIR: ":memory:", SMS_ACCOUNT_SID: ACCOUNT_SID })).toThrow(ConfigError);
    expect(() => loadConfig({ DATA_DIR: ":memory:", ...env, SMS_API_URL: "not a url" })).toThrow(/SMS_API_URL/);
  });
});
