import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { type ApiUser, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * The embedded default with no SMTP set up: mail goes to the built-in
 * server, the development mailbox shows it, and answering it there sends a
 * real reply over SMTP that appears on the open lead page, live.
 */
const app = setUpE2eApp();
let rep: ApiUser;
let leadId: string;

beforeAll(async () => {
  rep = await app.api("rep1@demo.test");
  const created = await rep.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id } } }`,
    { input: { name: "Mo Mailbox", source: "MANUAL", email: "mo.mailbox@example.org" } },
  );
  leadId = created.createLead.lead.id;
});

it("should show the sent mail in the mailbox, and put the customer's answer on the open lead page live", async () => {
  const leadPage = await app.openApp({ path: `/leads/${leadId}` });
  await app.signIn(leadPage, "rep1@demo.test");
  // The rep replies from the lead page; the built-in server takes the mail.
  const card = leadPage.getByRole("region", { name: "Messages" });
  await card.getByLabel("Subject").fill("Your enquiry");
  await card.getByLabel("Message").fill("Shall we talk on Monday?");
  await card.getByRole("button", { name: "Send" }).click();
  const thread = card.getByRole("list", { name: "Conversation" });
  await expect.poll(() => thread.getByText("Shall we talk on Monday?").isVisible()).toBe(true);
  await expect.poll(() => thread.getByText("Sent", { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);

  const mailbox = await app.openApp({ path: "/mailbox" });
  await app.signIn(mailbox, "rep1@demo.test");
  const mail = mailbox.getByRole("article", { name: "Your enquiry" });
  await expect.poll(() => mail.getByText("Shall we talk on Monday?").isVisible(), { timeout: 15_000 }).toBe(true);
  await mailbox.screenshot({ path: join(screenshots, "mailbox.png"), fullPage: true });
  await mail.getByLabel("Reply as mo.mailbox@example.org").fill("Monday at 9 is fine.");
  await mail.getByRole("button", { name: "Send reply" }).click();

  await expect.poll(() => thread.getByText("Monday at 9 is fine.").isVisible(), { timeout: 15_000 }).toBe(true);
  await expect(thread.getByText("From mo.mailbox@example.org", { exact: false }).isVisible()).resolves.toBe(true);

  // The rep's inbox marks the lead: the customer wrote last.
  const inbox = await app.openApp({ path: "/inbox" });
  await app.signIn(inbox, "rep1@demo.test");
  await inbox.getByLabel("Search your leads").fill("Mo Mailbox");
  const row = inbox.locator(`[data-lead-id="${leadId}"]`);
  await expect.poll(() => row.getByText("Replied", { exact: true }).isVisible(), { timeout: 10_000 }).toBe(true);
  await inbox.screenshot({ path: join(screenshots, "inbox-replied.png") });
});

it("should fit a phone screen", async () => {
  const page = await app.openApp({ path: "/mailbox", viewport: PHONE });
  await app.signIn(page, "rep1@demo.test");
  await expect.poll(() => page.getByRole("heading", { name: "Development mailbox" }).isVisible()).toBe(true);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: join(screenshots, "mailbox-phone.png"), fullPage: true });
});
