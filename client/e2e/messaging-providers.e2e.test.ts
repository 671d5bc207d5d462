import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DESKTOP, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * Issue 16's email and SMS provider settings on the Integrations screen, in a
 * real browser: a test email through the server's own provider lands in the
 * development mailbox; the workspace's own SMTP server (one of this test's,
 * wanting a sign-in) and SMS account (a local server speaking Twilio's
 * Messages API) take over, their secrets never shown again, and a test send
 * says what the provider answered, refusals included.
 */
const SMTP_USER = "acme-mailer";
const SMTP_PASSWORD = "e2e-smtp-password-4f9a";
const ACCOUNT_SID = "AC22222222222222222222222222222222";
const AUTH_TOKEN = "e2e-tenant-auth-token-77c1";
const REFUSED = "nobody@acme.example";
const BAD_NUMBER = "+15005550001";

const mails: { to: string; user: string | null }[] = [];
const texts: { to: string; from: string; body: string }[] = [];
let smtp: SMTPServer;
let provider: Server;

// The workspace's servers are on the loopback address, which the server refuses by default.
const app = setUpE2eApp({ env: () => ({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" }) });

beforeAll(async () => {
  smtp = new SMTPServer({
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: true,
    disabledCommands: ["STARTTLS"],
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: SMTP_USER });
      callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(address, _session, callback) {
      if (address.address === REFUSED) {
        return callback(Object.assign(new Error("5.1.1 No such mailbox here"), { responseCode: 550 }));
      }
      callback();
    },
    onData(stream, session, callback) {
      stream.resume();
      stream.on("end", () => {
        mails.push({
          to: session.envelope.rcptTo[0]?.address ?? "",
          user: typeof session.user === "string" ? session.user : null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  provider = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => {
      raw += chunk;
    });
    req.on("end", () => {
      const form = new URLSearchParams(raw);
      const answer = (status: number, body: object) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      const auth = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString("base64")}`;
      if (req.headers.authorization !== auth) return answer(401, { code: 20003, message: "Authenticate" });
      const to = form.get("To") ?? "";
      if (to === BAD_NUMBER) {
        return answer(400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.` });
      }
      texts.push({ to, from: form.get("From") ?? "", body: form.get("Body") ?? "" });
      answer(201, { sid: `SM${crypto.randomUUID().replaceAll("-", "")}`, status: "queued" });
    });
  });
  await new Promise<void>((resolve) => provider.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
  await new Promise<void>((resolve) => (provider ? provider.close(() => resolve()) : resolve()));
});

async function integrations(viewport = DESKTOP): Promise<Page> {
  const page = await app.openApp({ path: "/admin/integrations", viewport });
  await app.signIn(page, "admin@demo.test");
  await page.getByRole("heading", { name: "Email and SMS", exact: true }).waitFor();
  // The card's sections come with the settings, after the heading.
  await page.getByRole("button", { name: "Send test SMS" }).waitFor();
  return page;
}

const section = (page: Page, name: "Email" | "SMS") => page.getByRole("region", { name, exact: true });

it("should send a test email through the server's provider into the development mailbox", async () => {
  const page = await integrations();
  const email = section(page, "Email");
  await expect(email.getByText("The server's provider").isVisible()).resolves.toBe(true);
  await email.getByLabel("Send a test email to").fill("ops.check@example.org");
  await email.getByRole("button", { name: "Send test email" }).click();
  await expect
    .poll(() => email.getByRole("status").textContent(), { timeout: 30_000 })
    .toMatch(/^Sent to ops\.check@example\.org through the server's provider/);

  const mailbox = await app.openApp({ path: "/mailbox" });
  await app.signIn(mailbox, "admin@demo.test");
  const mail = mailbox.getByRole("article", { name: /^Test message from / });
  await expect
    .poll(() => mail.getByText("If you can read it, email works.").isVisible(), { timeout: 15_000 })
    .toBe(true);
  await expect(mail.getByText("ops.check@example.org").first().isVisible()).resolves.toBe(true);
  await mailbox.screenshot({ path: join(screenshots, "mailbox-test-email.png"), fullPage: true });
});

it("should send through the workspace's own SMTP server, keep its password write-only, and show a refusal", async () => {
  const page = await integrations();
  const email = section(page, "Email");
  await email.getByRole("button", { name: "Use your own SMTP server" }).click();
  const form = email.getByRole("form", { name: "Email provider" });
  await form.getByLabel("SMTP host").fill("127.0.0.1");
  await form.getByLabel("Port").fill(String((smtp.server.address() as AddressInfo).port));
  await form.getByLabel("Encryption").selectOption("NONE");
  await form.getByLabel("User name").fill(SMTP_USER);
  await form.getByLabel("Password").fill(SMTP_PASSWORD);
  await form.getByLabel("From address").fill("sales@acme.example");
  await form.getByRole("button", { name: "Save email settings" }).click();
  await expect.poll(() => email.getByText("Your own provider").isVisible()).toBe(true);
  await expect(email.getByText(`${SMTP_USER}, password set`).isVisible()).resolves.toBe(true);
  // Shown as set, never again as itself: not in the page, not after a reload.
  await expect(page.content()).resolves.not.toContain(SMTP_PASSWORD);
  await page.reload();
  await section(page, "Email").getByRole("button", { name: "Change email settings" }).click();
  await expect(section(page, "Email").getByLabel("Password").inputValue()).resolves.toBe("");
  await expect(section(page, "Email").getByText("Set. Leave empty to keep it.").isVisible()).resolves.toBe(true);
  await section(page, "Email").getByRole("button", { name: "Cancel" }).click();

  const test = section(page, "Email").getByLabel("Send a test email to");
  const send = section(page, "Email").getByRole("button", { name: "Send test email" });
  await test.fill("ops@acme.example");
  await send.click();
  await expect
    .poll(() => section(page, "Email").getByRole("status").textContent(), { timeout: 30_000 })
    .toMatch(/^Sent to ops@acme\.example through your own provider, from .*<sales@acme\.example>/);
  expect(mails).toContainEqual({ to: "ops@acme.example", user: SMTP_USER });

  await test.fill(REFUSED);
  await send.click();
  await expect
    .poll(() => section(page, "Email").getByRole("alert").textContent(), { timeout: 30_000 })
    .toMatch(/^Not sent\. The provider answered: .*No such mailbox here/);
  await section(page, "Email").screenshot({ path: join(screenshots, "integrations-email-desktop.png") });

  await section(page, "Email").getByRole("button", { name: "Use the server's instead" }).click();
  await expect.poll(() => section(page, "Email").getByText("The server's provider").isVisible()).toBe(true);
});

it("should send a test SMS through the workspace's own account, and show the provider's refusal with its code", async () => {
  const page = await integrations();
  const sms = section(page, "SMS");
  await expect(sms.getByText("Not set up").isVisible()).resolves.toBe(true);
  await sms.getByRole("button", { name: "Use your own SMS account" }).click();
  const form = sms.getByRole("form", { name: "SMS provider" });
  await form.getByLabel("API URL").fill(`http://127.0.0.1:${(provider.address() as AddressInfo).port}`);
  await form.getByLabel("Account SID").fill(ACCOUNT_SID);
  await form.getByLabel("From number").fill("+1 500 555 0006");
  await form.getByRole("button", { name: "Save SMS settings" }).click();
  // A new account needs its token: refused next to the field, nothing saved.
  await expect.poll(() => form.getByText("is required").isVisible()).toBe(true);
  await form.getByLabel("Auth token").fill(AUTH_TOKEN);
  await form.getByRole("button", { name: "Save SMS settings" }).click();
  await expect.poll(() => sms.getByText(`${ACCOUNT_SID}, auth token set`).isVisible()).toBe(true);
  await expect(page.content()).resolves.not.toContain(AUTH_TOKEN);

  await sms.getByLabel("Send a test SMS to").fill("(415) 555-0142");
  await sms.getByRole("button", { name: "Send test SMS" }).click();
  await expect
    .poll(() => sms.getByRole("status").textContent(), { timeout: 30_000 })
    .toBe("Sent to +14155550142 through your own provider, from +15005550006.");
  expect(texts).toContainEqual({ to: "+14155550142", from: "+15005550006", body: expect.stringContaining("test") });

  await sms.getByLabel("Send a test SMS to").fill(BAD_NUMBER);
  await sms.getByRole("button", { name: "Send test SMS" }).click();
  await expect
    .poll(() => sms.getByRole("alert").textContent(), { timeout: 30_000 })
    .toBe(
      `Not sent. The provider answered: HTTP 400: code 21211: The 'To' number ${BAD_NUMBER} is not a valid phone number.`,
    );

  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["375", PHONE],
  ] as const) {
    const shot = await integrations(viewport);
    const card = shot.locator(".admin__card").filter({ has: shot.getByRole("heading", { name: "Email and SMS" }) });
    await card.getByText(`${ACCOUNT_SID}, auth token set`).waitFor();
    if (size === "375") {
      const width = await shot.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(PHONE.width);
    }
    // The whole page's picture, cut to the card: an element's own would have the sticky header over its top.
    const box = await card.boundingBox();
    if (!box) throw new Error("The card is not on the page");
    await shot.screenshot({ path: join(screenshots, `integrations-messaging-${size}.png`), fullPage: true, clip: box });
    await shot.context().close();
  }
});

it("should refuse a rep the page and every provider operation at the API", async () => {
  const page = await app.openApp({ path: "/admin/integrations" });
  await app.signIn(page, "rep1@demo.test");
  await page.getByRole("heading", { name: "Not allowed", exact: true }).waitFor();
  await expect(page.getByRole("heading", { name: "Email and SMS" }).count()).resolves.toBe(0);
  const rep = await app.api("rep1@demo.test");
  const admin = await app.api("admin@demo.test");
  const before = await admin.request("{ messagingProviders { email { host } sms { accountSid from } } }");
  for (const [query, variables] of [
    ["{ messagingProviders { serverEmail } }", {}],
    [
      "mutation($i: EmailProviderInput!) { setEmailProvider(input: $i) { serverEmail } }",
      { i: { host: "smtp.evil.example", port: 25, security: "NONE" } },
    ],
    [
      "mutation($i: SmsProviderInput!) { setSmsProvider(input: $i) { serverSms } }",
      { i: { accountSid: "ACevil", authToken: "x", from: "+15005550100" } },
    ],
    ["mutation { removeMessagingProvider(channel: SMS) { serverSms } }", {}],
    ['mutation { sendTestMessage(channel: EMAIL, to: "x@example.org") { sent } }', {}],
  ] as const) {
    await expect(rep.request(query, variables)).rejects.toThrow(/Only admins/);
  }
  await expect(admin.request("{ messagingProviders { email { host } sms { accountSid from } } }")).resolves.toEqual(
    before,
  );
});
