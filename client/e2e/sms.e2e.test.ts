import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type ApiUser, setUpE2eApp } from "./harness.js";

/**
 * An SMS reply arriving while the rep has the lead open: the provider's
 * inbound webhook (Twilio's format, signed with the official package's
 * helper) puts it on the page live. The provider's Messages API is played
 * by a local server speaking its protocol.
 */
const AUTH_TOKEN = "e2e-auth-token-0123456789abcdef";
const PUBLIC_URL = "http://leadline.test";
const provider = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    res.writeHead(201, { "content-type": "application/json" });
    res.end(JSON.stringify({ sid: `SM${crypto.randomUUID().replaceAll("-", "")}`, status: "queued" }));
  });
});
await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
const providerUrl = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;

const app = setUpE2eApp({
  env: () => ({
    SMS_API_URL: providerUrl,
    SMS_ACCOUNT_SID: "AC00000000000000000000000000000000",
    SMS_AUTH_TOKEN: AUTH_TOKEN,
    SMS_FROM: "+15005550006",
    PUBLIC_URL,
  }),
});
let rep: ApiUser;
let leadId: string;

beforeAll(async () => {
  rep = await app.api("rep1@demo.test");
  const created = await rep.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id } } }`,
    { input: { name: "Sam Texter", source: "MANUAL", phone: "+1 415 555 0142" } },
  );
  leadId = created.createLead.lead.id;
});
afterAll(() => new Promise<void>((resolve) => provider.close(() => resolve())));

it("should show an inbound SMS on the open lead page, live", async () => {
  const page = await app.openApp({ path: `/leads/${leadId}` });
  await app.signIn(page, "rep1@demo.test");
  const messages = page.getByRole("region", { name: "Messages" });
  await expect.poll(() => messages.getByText("No messages yet").isVisible()).toBe(true);

  const params = {
    MessageSid: `SM${crypto.randomUUID().replaceAll("-", "")}`,
    AccountSid: "AC00000000000000000000000000000000",
    From: "+14155550142",
    To: "+15005550006",
    Body: "Yes, call me after 5",
  };
  const signature = twilio.getExpectedTwilioSignature(AUTH_TOKEN, `${PUBLIC_URL}/hooks/sms/inbound`, params);
  const res = await fetch(`${app.baseUrl}/hooks/sms/inbound`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
    body: new URLSearchParams(params),
  });
  expect(res.status).toBe(200);

  const thread = messages.getByRole("list", { name: "Conversation" });
  await expect.poll(() => thread.getByText("Yes, call me after 5").isVisible(), { timeout: 10_000 }).toBe(true);
  await expect(thread.getByText("Received", { exact: true }).isVisible()).resolves.toBe(true);
});
