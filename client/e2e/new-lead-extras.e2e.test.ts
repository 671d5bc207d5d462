import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { PHONE, screenshots, setUpE2eApp } from "./harness";

const app = setUpE2eApp();

const unique = (name: string) => `${name} ${Date.now().toString(36)}`;

/** A datetime-local value, as the browser reads it: this machine's zone, which Chromium shares. */
function localInput(moment: Date): string {
  const date = new Date(moment.getTime());
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset(), 0, 0);
  return date.toISOString().slice(0, 16);
}

/** The smallest file the server takes for a PDF: it checks the bytes, not the name. */
const pdf = (name: string) => ({
  name,
  mimeType: "application/pdf",
  buffer: Buffer.from(`%PDF-1.4\n% ${name}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n`),
});

async function newLeadAsManager(viewport?: { width: number; height: number }): Promise<Page> {
  const page = await app.openApp({ path: "/leads/new", viewport });
  await app.signIn(page, "manager@demo.test");
  await page.getByRole("heading", { name: "New lead" }).waitFor();
  return page;
}

const more = (page: Page) => page.getByTestId("lead-extras");
const errorAt = (page: Page, field: string) => page.locator(`[data-field="${field}"] .field__error`);

it("should create a lead with a partner company and representative, a customer, an expiry and a file, and show them on its page", async () => {
  const [manager, admin] = await Promise.all([app.api("manager@demo.test"), app.api("admin@demo.test")]);
  const partnerName = unique("Partnerly Resellers");
  const { createCompany: partner } = await manager.request(
    "mutation($input: CompanyInput!) { createCompany(input: $input) { id } }",
    { input: { name: partnerName } },
  );
  // Seed 000: the customer is a user of the tenant, found by email (the default pipeline links an account, it invites no one).
  const customerEmail = `cora.${Date.now().toString(36)}@example.com`;
  const { inviteUser: customer } = await admin.request(
    'mutation($email: String!) { inviteUser(roles: [CUSTOMER], name: "Cora Customer", email: $email) { id } }',
    { email: customerEmail },
  );
  const { users } = await manager.request("{ users { id name } }");
  const paul = users.find((u: { name: string }) => u.name === "Paul Partner");

  const page = await newLeadAsManager();
  await page.getByLabel("Name", { exact: true }).fill("Reseller referral");
  await page.getByLabel("Email", { exact: true }).fill(`referral.${Date.now().toString(36)}@example.com`);
  // Folded until wanted.
  expect(await more(page).getAttribute("open")).toBeNull();
  await more(page).getByText("Partner, customer and more").click();

  const finder = page.getByRole("combobox", { name: "Partner company" });
  await finder.fill(partnerName.split(" ").slice(0, 2).join(" "));
  await page
    .getByRole("listbox", { name: "Partner company matches" })
    .getByRole("option", { name: partnerName })
    .click();
  expect(await finder.inputValue()).toBe(partnerName);
  const representative = page.getByLabel("Partner representative");
  await expect.poll(() => representative.locator("option").allTextContents()).toContain("Paul Partner");
  // Partners only: the menu offers no sales rep or manager.
  expect(await representative.locator("option").allTextContents()).not.toContain("Rita Rep");
  await representative.selectOption({ label: "Paul Partner" });
  await page.getByLabel("Customer", { exact: true }).fill(customerEmail.toUpperCase());

  // The shared rule (an expiry is in the future) is checked before anything is sent, at its field.
  const expires = page.getByLabel("Expires at");
  await expires.fill(localInput(new Date(Date.now() - 3_600_000)));
  await page.getByRole("button", { name: "Create lead" }).click();
  await errorAt(page, "expiresAt").waitFor();
  expect(await errorAt(page, "expiresAt").textContent()).toBe("must be in the future");
  expect(await expires.getAttribute("aria-invalid")).toBe("true");
  expect(page.url()).toMatch(/\/leads\/new$/);
  const expiry = localInput(new Date(Date.now() + 3 * 86_400_000));
  await expires.fill(expiry);

  // Files upload when picked; the server judges the bytes and its refusal shows at the field.
  const files = page.getByLabel("Attachments");
  await files.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just words") });
  await errorAt(page, "attachments").waitFor();
  expect(await errorAt(page, "attachments").textContent()).toMatch(/^notes\.txt: Unsupported file type/);
  expect(app.pageProblems.splice(0)).toEqual([
    "console.error: Failed to load resource: the server responded with a status of 415 (Unsupported Media Type)",
  ]);
  await files.setInputFiles([pdf("brief.pdf"), pdf("draft.pdf")]);
  const listed = page.getByRole("list", { name: "Attached files" });
  // Each shows as uploading, then as kept with its size and a way to remove it.
  await page.getByRole("button", { name: "Remove draft.pdf" }).waitFor();
  expect(await listed.locator('[aria-busy="true"]').count()).toBe(0);
  await expect
    .poll(() => listed.locator(".attachment-list__name").allTextContents())
    .toEqual(["brief.pdf", "draft.pdf"]);
  expect(await errorAt(page, "attachments").count()).toBe(0);
  expect(await listed.getByRole("listitem").first().textContent()).toMatch(/brief\.pdf\s*\d+ B/);
  // One removed before the lead exists: it is not sent.
  await page.getByRole("button", { name: "Remove draft.pdf" }).click();
  expect(await listed.locator(".attachment-list__name").allTextContents()).toEqual(["brief.pdf"]);
  await page.screenshot({ path: join(screenshots, "new-lead-extras.png"), fullPage: true });

  await page.getByRole("button", { name: "Create lead" }).click();
  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  const leadId = page.url().split("/").at(-1);

  const card = page
    .locator(".lead-section")
    .filter({ has: page.getByRole("heading", { name: "Partner, customer and files" }) });
  await card.waitFor();
  await card.getByRole("link", { name: partnerName }).waitFor();
  const text = await card.textContent();
  expect(text).toContain("Paul Partner");
  expect(text).toContain(customerEmail);
  expect(await card.locator("time").getAttribute("datetime")).toBe(new Date(expiry).toISOString());
  expect(await card.locator(".attachment-list__name").allTextContents()).toEqual(["brief.pdf"]);
  // Files are served to the session only: Download fetches with it and hands the bytes to the browser.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    card.getByRole("button", { name: "Download brief.pdf" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("brief.pdf");
  expect(readFileSync((await download.path()) as string, "latin1")).toBe(pdf("brief.pdf").buffer.toString("latin1"));
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, "lead-extras-card.png") });

  const { lead } = await manager.request(
    `query($id: ID) { lead(id: $id) { partnerCompany { id } partnerRepresentative { id } customer { id email }
      expiresAt attachments { name fileType url } } }`,
    { id: leadId },
  );
  expect(lead).toEqual({
    partnerCompany: { id: partner.id },
    partnerRepresentative: { id: paul.id },
    customer: { id: customer.id, email: customerEmail },
    // The rep's local time, sent as the instant it names.
    expiresAt: new Date(expiry).toISOString(),
    attachments: [
      { name: "brief.pdf", fileType: "application/pdf", url: expect.stringMatching(/^\/files\/[0-9a-f-]{36}$/) },
    ],
  });
});

it("should show the server's refusal of a representative at its field, opening the folded section", async () => {
  const [manager, admin] = await Promise.all([app.api("manager@demo.test"), app.api("admin@demo.test")]);
  const { users } = await manager.request("{ users { id name } }");
  const paul = users.find((u: { name: string }) => u.name === "Paul Partner");

  const page = await newLeadAsManager(PHONE);
  await page.getByLabel("Name", { exact: true }).fill("Late partner");
  await page.getByLabel("Phone").fill("+14155550199");
  await more(page).getByText("Partner, customer and more").click();
  const representative = page.getByLabel("Partner representative");
  await expect.poll(() => representative.locator("option").allTextContents()).toContain("Paul Partner");
  await representative.selectOption({ label: "Paul Partner" });
  // Folded again: the summary says what is in it.
  await more(page).getByText("Partner, customer and more").click();
  await expect.poll(() => more(page).locator("summary").textContent()).toContain("partner");

  // Paul leaves between the menu's reading and the create: only the server can know.
  await admin.request("mutation($id: ID!) { updateUser(id: $id, active: false) { id } }", { id: paul.id });
  try {
    await page.getByRole("button", { name: "Create lead" }).click();
    await errorAt(page, "partnerRepresentativeId").waitFor();
    expect(await errorAt(page, "partnerRepresentativeId").textContent()).toBe("must be an active user of this tenant");
    expect(await more(page).getAttribute("open")).not.toBeNull();
    expect(await representative.getAttribute("aria-invalid")).toBe("true");
    expect(page.url()).toMatch(/\/leads\/new$/);
    await errorAt(page, "partnerRepresentativeId").scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshots, "new-lead-extras-refusal-375.png") });
  } finally {
    await admin.request("mutation($id: ID!) { updateUser(id: $id, active: true) { id } }", { id: paul.id });
  }
  const { leads } = await manager.request(
    `{ leads(first: 5, filter: { search: "Late partner" }) { edges { node { id } } } }`,
  );
  expect(leads.edges).toEqual([]);
});
