import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiUser, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * A rep replies by email from the lead page: the server sends it through a
 * real SMTP server (run by this test, before the app starts), and the
 * message's state on the page follows live from Sending… to Sent.
 */
const received: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, _session, callback) {
    let raw = "";
    stream.on("data", (chunk: Buffer) => {
      raw += chunk.toString();
    });
    stream.on("end", () => {
      received.push(raw);
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = (smtp.server.address() as AddressInfo).port;

const app = setUpE2eApp({
  env: () => ({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: "leads@demo.test" }),
});
let rep: ApiUser;
let leadId: string;

beforeAll(async () => {
  rep = await app.api("rep1@demo.test");
  const created = await rep.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id } } }`,
    { input: { name: "Grace Mail", source: "MANUAL", email: "grace.mail@example.org" } },
  );
  leadId = created.createLead.lead.id;
});
afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

describe("replying from the lead page", () => {
  it("should send an email reply, show it Sent, and stop the SLA clock", async () => {
    const page = await app.openApp({ path: `/leads/${leadId}` });
    await app.signIn(page, "rep1@demo.test");
    const messages = page.getByRole("region", { name: "Messages" });
    await expect.poll(() => messages.getByText("No messages yet").isVisible()).toBe(true);
    await messages.getByLabel("Subject").fill("Your enquiry");
    await messages.getByLabel("Message").fill("Thanks, Grace: when suits you for a call?");
    await messages.getByRole("button", { name: "Send" }).click();
    const thread = messages.getByRole("list", { name: "Conversation" });
    await expect.poll(() => thread.getByText("Thanks, Grace: when suits you for a call?").isVisible()).toBe(true);
    await expect.poll(() => thread.getByText("Sent", { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(received.some((raw) => raw.includes("grace.mail@example.org") && raw.includes("when suits you"))).toBe(true);
    await page.screenshot({ path: join(screenshots, "lead-messages.png"), fullPage: true });
  });

  it("should fit a phone screen", async () => {
    const page = await app.openApp({ path: `/leads/${leadId}`, viewport: PHONE });
    await app.signIn(page, "rep1@demo.test");
    const messages = page.getByRole("region", { name: "Messages" });
    await expect.poll(() => messages.getByRole("list", { name: "Conversation" }).isVisible()).toBe(true);
    await messages.scrollIntoViewIfNeeded();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await messages.screenshot({ path: join(screenshots, "lead-messages-phone.png") });
  });
});
