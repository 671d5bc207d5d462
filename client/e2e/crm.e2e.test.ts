import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { type ApiUser, DESKTOP, PHONE, screenshots, setUpE2eApp } from "./harness";

const app = setUpE2eApp();

const CREATE_LEAD = `mutation($input: CreateLeadInput!) {
  createLead(input: $input, onDuplicate: KEEP_BOTH) { lead { id name version } } }`;
const CREATE_COMPANY = "mutation($input: CompanyInput!) { createCompany(input: $input) { id name } }";
const CREATE_CONTACT = "mutation($input: ContactInput!) { createContact(input: $input) { id } }";

/** Every test's names are its own, so no test depends on another's records. */
let counter = 0;
const unique = (text: string) => `${text} ${Date.now().toString(36)}${++counter}`;

async function open(path: string, email: string, viewport = DESKTOP): Promise<Page> {
  const page = await app.openApp({ path, viewport });
  await app.signIn(page, email);
  return page;
}

/** Working pictures (not the docs'): desktop and 375 px of the page as it stands. */
async function photograph(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(screenshots, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(screenshots, `${name}-375.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** A company with one contact, linked to a pool lead so a rep (who sees records through leads) sees both. */
async function companyWithContact(manager: ApiUser, names: { company: string; first: string; last: string }) {
  const { createCompany: company } = await manager.request(CREATE_COMPANY, { input: { name: names.company } });
  const email = `${names.first}.${names.last}@example.com`.toLowerCase().replace(/\s+/g, "");
  const { createContact: contact } = await manager.request(CREATE_CONTACT, {
    input: { firstName: names.first, lastName: names.last, email, companyId: company.id },
  });
  const { createLead } = await manager.request(CREATE_LEAD, {
    input: {
      name: `${names.company} enquiry`,
      source: "CALL",
      existingCompanyId: company.id,
      existingContactId: contact.id,
    },
  });
  return { company, contact, lead: createLead.lead };
}

it("should search the contacts and narrow them to the saved ones", async () => {
  const manager = await app.api("manager@demo.test");
  const tag = unique("Quill");
  const kept = await companyWithContact(manager, { company: `${tag} Saved Co`, first: "Sadie", last: tag });
  await companyWithContact(manager, { company: `${tag} Other Co`, first: "Otto", last: tag });
  await manager.request("mutation($id: ID!) { saveContact(id: $id, saved: true) { id saved } }", {
    id: kept.lead.id,
  });

  const page = await open("/inbox", "manager@demo.test");
  await page.getByRole("link", { name: "Contacts" }).click();
  await page.getByRole("heading", { name: "Contacts" }).waitFor();
  await page.getByLabel("Search contacts").fill(tag);
  const rows = page.getByRole("table", { name: "Contacts" }).locator("tbody tr");
  await expect.poll(() => rows.allTextContents()).toHaveLength(2);
  expect(await page.getByTestId("contact-total").textContent()).toBe("2");

  await page.getByLabel("Saved only").check();
  await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining(`Sadie ${tag}`)]);
  expect(await rows.first().textContent()).toContain("Saved");
  await photograph(page, "contacts");

  // The contact's page lists the lead it came from, linked to the lead page.
  await rows
    .first()
    .getByRole("link", { name: `Sadie ${tag}` })
    .click();
  await page.getByTestId("contact-page").waitFor();
  await page.getByRole("list", { name: "Open leads" }).getByRole("link", { name: kept.lead.name }).waitFor();
  await photograph(page, "contact");
});

it("should refuse a company name another company has, at the name field", async () => {
  const manager = await app.api("manager@demo.test");
  const taken = unique("Taken Name");
  await manager.request(CREATE_COMPANY, { input: { name: taken } });
  const { company } = await companyWithContact(manager, { company: unique("Renamed"), first: "Rhea", last: "Rename" });

  const page = await open("/companies", "manager@demo.test");
  await page.getByLabel("Search companies").fill(company.name);
  await page.getByRole("link", { name: company.name }).click();
  await page.getByTestId("company-page").waitFor();
  const name = page.getByLabel("Company name");
  await name.fill(taken.toUpperCase());
  await page.getByRole("button", { name: "Save", exact: true }).click();

  const error = page.locator('[data-field="name"] .field__error');
  await error.waitFor({ timeout: 5_000 });
  expect(await error.textContent()).toContain("already exists");
  expect(await name.getAttribute("aria-invalid")).toBe("true");
  expect(await name.getAttribute("aria-describedby")).toBe(await error.getAttribute("id"));
  await photograph(page, "company");

  // Nothing was renamed.
  const { company: stored } = await manager.request("query($id: ID!) { company(id: $id) { name } }", {
    id: company.id,
  });
  expect(stored.name).toBe(company.name);
});

it("should page the companies list with Load more", async () => {
  const manager = await app.api("manager@demo.test");
  const tag = unique("Pager");
  for (let i = 0; i < 27; i++)
    await manager.request(CREATE_COMPANY, { input: { name: `${tag} ${String(i).padStart(2, "0")}` } });
  const page = await open("/companies", "manager@demo.test");
  await page.getByLabel("Search companies").fill(tag);
  const rows = page.getByRole("table", { name: "Companies" }).locator("tbody tr");
  await expect.poll(() => rows.count()).toBe(25);
  await photograph(page, "companies");
  await page.getByRole("button", { name: "Load more" }).click();
  await expect.poll(() => rows.count()).toBe(27);
  expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
});

const statusCard = (page: Page) =>
  page.locator(".lead-section").filter({ has: page.getByRole("heading", { name: "Status" }) });

it("should offer only the pipeline's allowed moves in the status card, and move the lead", async () => {
  const rep1 = await app.api("rep1@demo.test");
  const { createLead } = await rep1.request(CREATE_LEAD, {
    input: { name: unique("Stella Status"), source: "CALL", email: "stella.status@example.com", ownerId: rep1.userId },
  });
  const page = await open(`/leads/${createLead.lead.id}`, "rep1@demo.test");
  const card = statusCard(page);
  const menu = card.getByLabel("Move to");
  // Lifecycle preset, from New: every transition but none to Converted (conversion only).
  await expect
    .poll(() => menu.locator("option").allTextContents())
    .toEqual(["Choose a stage…", "Working", "MQL", "SQL", "Disqualified"]);
  await photograph(page, "lead-status");

  await menu.selectOption({ label: "Disqualified" });
  await card.getByRole("button", { name: "Move", exact: true }).click();
  await expect.poll(() => card.getByTestId("lead-status").textContent()).toBe("Disqualified");
  // Disqualified reopens only to New or Working.
  await expect.poll(() => menu.locator("option").allTextContents()).toEqual(["Choose a stage…", "New", "Working"]);
  const { lead } = await rep1.request("query($id: ID) { lead(id: $id) { status } }", { id: createLead.lead.id });
  expect(lead.status).toBe("disqualified");
});

it("should show a rep the controls they may not use disabled, each with its reason", async () => {
  const manager = await app.api("manager@demo.test");
  const { createLead } = await manager.request(CREATE_LEAD, {
    input: { name: unique("Polly Pool"), source: "EVENT", email: "polly.pool@example.com" },
  });
  const page = await open(`/leads/${createLead.lead.id}`, "rep1@demo.test");
  const card = statusCard(page);
  const menu = card.getByLabel("Move to");
  await menu.waitFor();
  expect(await menu.isDisabled()).toBe(true);
  const why = page.locator(`#${await menu.getAttribute("aria-describedby")}`);
  expect(await why.textContent()).toBe("Claim this lead (under Owner) to work it.");
  expect(await why.isVisible()).toBe(true);

  const queue = card.getByLabel("Route to queue");
  expect(await queue.isDisabled()).toBe(true);
  expect(await page.locator(`#${await queue.getAttribute("aria-describedby")}`).textContent()).toBe(
    "Only managers route leads to a queue.",
  );
  expect(await card.getByRole("button", { name: "Route", exact: true }).isDisabled()).toBe(true);

  // Once the rep claims it, the status menu is theirs to use (routing stays a manager's).
  await page.getByRole("button", { name: "Claim" }).click();
  await expect.poll(() => menu.isDisabled()).toBe(false);
  expect(await queue.isDisabled()).toBe(true);

  // Another rep still sees the lead in the pool, taken: nothing is theirs to do, and each place says why.
  const other = await open(`/leads/${createLead.lead.id}`, "rep2@demo.test");
  const otherMenu = statusCard(other).getByLabel("Move to");
  await otherMenu.waitFor();
  expect(await otherMenu.isDisabled()).toBe(true);
  expect(await other.locator(`#${await otherMenu.getAttribute("aria-describedby")}`).textContent()).toBe(
    "Rita Rep holds a claim on this lead: only they or a manager may work it.",
  );
  expect(await other.getByTestId("ownership-reason").textContent()).toBe(
    "Rita Rep holds the claim: only they or a manager may take or release it.",
  );
  expect(await other.getByRole("button", { name: "Claim" }).count()).toBe(0);
});

it("should let a rep set the outcome of a won job and ask the customer for a review", async () => {
  const [admin, rep1] = await Promise.all([app.api("admin@demo.test"), app.api("rep1@demo.test")]);
  const { createPipeline } = await admin.request(
    'mutation($name: String!) { createPipeline(name: $name, preset: "field_service") { id } }',
    { name: unique("Jobs") },
  );
  const { createLead } = await rep1.request(CREATE_LEAD, {
    input: {
      name: unique("Walter Won"),
      source: "CALL",
      email: "walter.won@example.com",
      ownerId: rep1.userId,
      pipelineId: createPipeline.id,
    },
  });
  const page = await open(`/leads/${createLead.lead.id}`, "rep1@demo.test");
  const card = statusCard(page);
  expect(await card.getByTestId("review-status").textContent()).toContain("Not yet");
  expect(await card.getByRole("button", { name: "Request review" }).isDisabled()).toBe(true);

  await card.getByLabel("Move to").selectOption({ label: "Completed" });
  await card.getByRole("button", { name: "Move", exact: true }).click();
  await expect.poll(() => card.getByTestId("review-status").textContent()).toBe("Ready to ask");

  await card.getByLabel("Outcome").fill("Boiler replaced, customer happy");
  await card.getByRole("button", { name: "Set outcome" }).click();
  await expect
    .poll(() => card.getByTestId("lead-status").textContent())
    .toBe("Completed · Boiler replaced, customer happy");
  await card.getByRole("button", { name: "Request review" }).click();
  await expect.poll(() => card.getByTestId("review-status").textContent()).toBe("Asked, waiting for the customer");
  const { lead } = await rep1.request("query($id: ID) { lead(id: $id) { outcome reviewRequestStatus } }", {
    id: createLead.lead.id,
  });
  expect(lead).toEqual({ outcome: "Boiler replaced, customer happy", reviewRequestStatus: "SENT" });
});

it("should let a rep create a lead for an existing company by picking it and one of its contacts", async () => {
  const [manager, rep1] = await Promise.all([app.api("manager@demo.test"), app.api("rep1@demo.test")]);
  const companyName = unique("Pickwick Pumps");
  const { company, contact } = await companyWithContact(manager, {
    company: companyName,
    first: "Greta",
    last: "Gearwright",
  });

  const page = await open("/inbox", "rep1@demo.test");
  await page.getByRole("link", { name: "New lead" }).click();
  await page.getByRole("heading", { name: "New lead" }).waitFor();
  // A rep's lead is theirs: the owner menu says why it is not theirs to change.
  const owner = page.getByLabel("Owner");
  expect(await owner.isDisabled()).toBe(true);
  expect(await page.locator(`#${(await owner.getAttribute("aria-describedby"))?.split(" ")[0]}`).textContent()).toBe(
    "Only managers give a new lead to someone else.",
  );

  await page.getByLabel("Existing company").check();
  // Seed 002: a company record's lead has no new-company fields.
  expect(await page.getByLabel("Company name").count()).toBe(0);
  await page.getByLabel("Name", { exact: true }).fill("Pump upgrade");
  await page.getByRole("button", { name: "Create lead" }).click();
  const companyError = page.locator(".combobox .field__error");
  await companyError.waitFor();
  expect(await companyError.textContent()).toBe("choose a company");

  const finder = page.getByRole("combobox", { name: "Find a company" });
  await finder.fill(companyName.split(" ").slice(0, 2).join(" "));
  await page.getByRole("option", { name: companyName }).click();
  expect(await finder.inputValue()).toBe(companyName);

  // A new contact of the company needs a first and last name (seed 002) …
  const contactMenu = page.getByLabel("Contact", { exact: true });
  await expect
    .poll(() => contactMenu.locator("option").allTextContents())
    .toEqual(["A new contact (enter below)", "Greta Gearwright · greta.gearwright@example.com"]);
  await page.getByRole("button", { name: "Create lead" }).click();
  await page.locator('[data-field="lastName"] .field__error').waitFor();
  await photograph(page, "new-lead-pickers");
  // … and an existing one brings the person: their fields go.
  await contactMenu.selectOption({ label: "Greta Gearwright · greta.gearwright@example.com" });
  expect(await page.getByLabel("Last name").count()).toBe(0);
  await page.getByRole("button", { name: "Create lead" }).click();
  // Greta already has a lead (the pool one): the merge prompt offers it, and the rep keeps both.
  const prompt = page.getByRole("dialog", { name: "This lead may already exist" });
  await prompt.waitFor({ timeout: 5_000 });
  expect(await prompt.textContent()).toContain(`${companyName} enquiry`);
  await prompt.getByRole("button", { name: "Keep both" }).click();

  await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  const leadId = page.url().split("/").at(-1);
  const { lead } = await rep1.request(
    "query($id: ID) { lead(id: $id) { name email owner { id } company { id } contact { id } } }",
    { id: leadId },
  );
  expect(lead).toEqual({
    name: "Pump upgrade",
    email: "greta.gearwright@example.com",
    owner: { id: rep1.userId },
    company: { id: company.id },
    contact: { id: contact.id },
  });
});

it("should save a lead's contact to the contacts from the lead page", async () => {
  const manager = await app.api("manager@demo.test");
  const { contact, lead } = await companyWithContact(manager, {
    company: unique("Saver Supplies"),
    first: "Sam",
    last: unique("Saver").replace(" ", ""),
  });
  const page = await open(`/leads/${lead.id}`, "manager@demo.test");
  const card = page
    .locator(".lead-section")
    .filter({ has: page.getByRole("heading", { name: "Company and contact" }) });
  await card.getByRole("link", { name: /^Sam Saver/ }).waitFor();
  await card.getByRole("button", { name: "Save to contacts" }).click();
  await card.getByText("Saved", { exact: true }).waitFor();
  expect(await card.getByRole("button", { name: "Save to contacts" }).count()).toBe(0);
  const { contact: stored } = await manager.request("query($id: ID!) { contact(id: $id) { saved } }", {
    id: contact.id,
  });
  expect(stored.saved).toBe(true);
});

it("should show a rep a company they may not edit read-only, with the reason, until they claim its lead", async () => {
  const [manager, rep1] = await Promise.all([app.api("manager@demo.test"), app.api("rep1@demo.test")]);
  const { company, lead } = await companyWithContact(manager, {
    company: unique("Readonly Rigs"),
    first: "Rory",
    last: "Reed",
  });
  const page = await open(`/companies/${company.id}`, "rep1@demo.test");
  await page.getByTestId("company-page").waitFor();
  expect(await page.getByLabel("Company name").isDisabled()).toBe(true);
  expect(await page.getByTestId("record-edit-reason").textContent()).toBe(
    "Only managers, or the owner of one of its leads, may edit this company.",
  );
  expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(0);

  await rep1.request("mutation($id: ID!) { claimLead(id: $id) { id } }", { id: lead.id });
  await page.reload();
  await page.getByTestId("company-page").waitFor();
  expect(await page.getByLabel("Company name").isDisabled()).toBe(false);
  expect(await page.getByTestId("record-edit-reason").count()).toBe(0);
  expect(await page.getByRole("button", { name: "Save", exact: true }).count()).toBe(1);
});

it("should list a converted lead on its contact's page, under Converted", async () => {
  const manager = await app.api("manager@demo.test");
  const name = unique("Conny Convert");
  const { createLead } = await manager.request(CREATE_LEAD, {
    input: { name, source: "CALL", email: `${name.replace(/\s+/g, ".").toLowerCase()}@example.com` },
  });
  const id = createLead.lead.id;
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "sql") { id } }`, { id });
  const { convertLead } = await manager.request(
    "mutation($id: ID!) { convertLead(id: $id, input: {}) { contact { id } } }",
    { id },
  );
  const page = await open(`/contacts/${convertLead.contact.id}`, "manager@demo.test");
  const converted = page.getByRole("list", { name: "Converted leads" });
  await expect.poll(() => converted.getByRole("link", { name: new RegExp(name) }).count()).toBe(1);
  await converted.getByRole("link", { name: new RegExp(name) }).click();
  await page.waitForURL(new RegExp(`/leads/${id}`));
});
