import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { it } from "vitest";
import { DESKTOP, PHONE, repoRoot, setUpE2eApp } from "./harness";

// The README's pictures, made from the real app on the demo data: `pnpm --filter @leadline/client screenshots`.
const out = join(repoRoot, "docs", "screenshots");
const app = setUpE2eApp();

const SHOTS = [
  { name: "inbox-desktop", path: "/inbox", viewport: DESKTOP, ready: ".inbox-row", colorScheme: "light" },
  { name: "inbox-375", path: "/inbox", viewport: PHONE, ready: ".inbox-row", colorScheme: "light" },
  { name: "board-desktop", path: "/board", viewport: DESKTOP, ready: ".board-card", colorScheme: "light" },
  { name: "board-375", path: "/board", viewport: PHONE, ready: ".board-card", colorScheme: "light" },
  { name: "board-desktop-dark", path: "/board", viewport: DESKTOP, ready: ".board-card", colorScheme: "dark" },
] as const;

it("should photograph the inbox and the board, desktop and 375 px", async () => {
  mkdirSync(out, { recursive: true });
  for (const shot of SHOTS) {
    const page = await app.openApp({ path: shot.path, viewport: shot.viewport, colorScheme: shot.colorScheme });
    await app.signIn(page, "rep1@demo.test");
    await page.locator(shot.ready).first().waitFor();
    // Let counts and SLA clocks settle so the picture shows the steady page.
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(out, `${shot.name}.png`) });
    await page.context().close();
  }
});

/**
 * Companies with contacts and leads, made through the API as a manager would: a rep sees them
 * through the pool leads; one contact saved, one lead converted with a deal.
 */
async function crmScene(): Promise<{ companyId: string; contactId: string }> {
  const manager = await app.api("manager@demo.test");
  const scene = [
    {
      name: "Northwind Traders",
      website: "northwindtraders.com",
      tin: "123456789",
      people: ["Nora Lind", "Owen Marsh"],
    },
    { name: "Fabrikam Tools", website: "fabrikam.com", tin: "9876543210", people: ["Greta Gearwright"] },
    { name: "Contoso Pharmacy", website: "contoso.com", tin: "112233445566", people: ["Cal Cole", "Ines Ivo"] },
  ];
  let first: { companyId: string; contactId: string; leadIds: string[] } | null = null;
  for (const company of scene) {
    const { createCompany } = await manager.request(
      "mutation($input: CompanyInput!) { createCompany(input: $input) { id } }",
      { input: { name: company.name, website: company.website, tin: company.tin } },
    );
    const leadIds: string[] = [];
    let contactId = "";
    for (const [i, person] of company.people.entries()) {
      const [firstName, lastName] = person.split(" ");
      const email = `${person.toLowerCase().replace(" ", ".")}@${company.website}`;
      const { createContact } = await manager.request(
        "mutation($input: ContactInput!) { createContact(input: $input) { id } }",
        {
          input: {
            firstName,
            lastName,
            email,
            phone: `+1415555${String(100 + leadIds.length).padStart(4, "0")}`,
            companyId: createCompany.id,
          },
        },
      );
      const { createLead } = await manager.request(
        `mutation($input: CreateLeadInput!) { createLead(input: $input, onDuplicate: KEEP_BOTH) { lead { id } } }`,
        {
          input: {
            name: `${company.name}: ${["annual contract", "new site fit-out"][i] ?? "enquiry"}`,
            source: "CALL",
            existingCompanyId: createCompany.id,
            existingContactId: createContact.id,
          },
        },
      );
      leadIds.push(createLead.lead.id);
      if (i === 0) {
        contactId = createContact.id;
        await manager.request("mutation($id: ID!) { saveContact(id: $id, saved: true) { id } }", {
          id: createLead.lead.id,
        });
      }
    }
    first ??= { companyId: createCompany.id, contactId, leadIds };
  }
  if (!first) throw new Error("no scene");
  // rep1 works Northwind's other lead, so they may edit the company (not Nora, whose lead was converted).
  const rep1 = await app.api("rep1@demo.test");
  await manager.request("mutation($id: ID!, $owner: ID) { assignLead(id: $id, ownerId: $owner) { id } }", {
    id: first.leadIds[1],
    owner: rep1.userId,
  });
  // The lifecycle pipeline converts from SQL.
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "sql") { id } }`, { id: first.leadIds[0] });
  await manager.request(
    `mutation($id: ID!) { convertLead(id: $id, input: { createDeal: true, amount: 12000, currency: "USD", probability: 60 }) { lead { id } } }`,
    { id: first.leadIds[0] },
  );
  return first;
}

it("should photograph the contacts and companies pages, the lead's status card and the new-lead pickers", async () => {
  const { companyId, contactId } = await crmScene();
  const rep1 = await app.api("rep1@demo.test");
  const { leads } = await rep1.request(
    `query { leads(first: 1, filter: { mine: true, status: ["new", "working"] }) { edges { node { id } } } }`,
  );
  const leadId = leads.edges[0]?.node.id;
  if (!leadId) throw new Error("rep1 owns no open lead in the demo");
  const shots = [
    { name: "contacts", path: "/contacts", ready: (p: Page) => p.getByRole("table", { name: "Contacts" }) },
    { name: "companies", path: "/companies", ready: (p: Page) => p.getByRole("table", { name: "Companies" }) },
    { name: "contact", path: `/contacts/${contactId}`, ready: (p: Page) => p.getByTestId("contact-page") },
    { name: "company", path: `/companies/${companyId}`, ready: (p: Page) => p.getByTestId("company-page") },
    {
      name: "lead-status",
      path: `/leads/${leadId}`,
      ready: (p: Page) => p.locator(".lead-section").filter({ has: p.getByRole("heading", { name: "Status" }) }),
    },
    { name: "new-lead-pickers", path: "/leads/new", ready: (p: Page) => p.getByRole("heading", { name: "New lead" }) },
  ];
  for (const shot of shots) {
    for (const [suffix, viewport] of [
      ["desktop", DESKTOP],
      ["375", PHONE],
    ] as const) {
      const page = await signedIn(shot.path, viewport);
      const ready = shot.ready(page);
      await ready.waitFor();
      if (shot.name === "new-lead-pickers") {
        await page.getByLabel("Existing company").check();
        await page.getByRole("combobox", { name: "Find a company" }).fill("o");
        await page.getByRole("listbox", { name: "Companies" }).getByRole("option").first().waitFor();
      }
      // On a phone the status card is below the lead's details: the picture starts at the card.
      if (shot.name === "lead-status" && suffix === "375")
        await ready.evaluate((node) => {
          node.scrollIntoView();
          // Clear of the sticky header.
          window.scrollBy(0, -64);
        });
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(out, `${shot.name}-${suffix}.png`) });
      await page.context().close();
    }
  }
});

it("should photograph the new-lead form's partner, customer and more, desktop and 375 px", async () => {
  const manager = await app.api("manager@demo.test");
  const partner = "Tailspin Partners";
  await manager.request("mutation($input: CompanyInput!) { createCompany(input: $input) { id } }", {
    input: { name: partner, website: "tailspinpartners.com" },
  });
  // Next week at 17:00, in the browser's zone, as a datetime-local value.
  const expiry = new Date(Date.now() + 7 * 86_400_000);
  expiry.setHours(17, 0, 0, 0);
  expiry.setMinutes(expiry.getMinutes() - expiry.getTimezoneOffset());
  for (const [suffix, viewport] of [
    ["desktop", DESKTOP],
    ["375", PHONE],
  ] as const) {
    const page = await app.openApp({ path: "/leads/new", viewport });
    await app.signIn(page, "manager@demo.test");
    await page.getByRole("heading", { name: "New lead" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill("Warehouse shelving, partner referral");
    await page.getByLabel("Email", { exact: true }).fill("ops@contoso-logistics.com");
    const more = page.getByTestId("lead-extras");
    await more.getByText("Partner, customer and more").click();
    await page.getByRole("combobox", { name: "Partner company" }).fill("Tailspin");
    await page.getByRole("option", { name: partner }).click();
    const representative = page.getByLabel("Partner representative");
    await representative.locator("option", { hasText: "Paul Partner" }).waitFor({ state: "attached" });
    await representative.selectOption({ label: "Paul Partner" });
    await page.getByLabel("Customer", { exact: true }).fill("buyer@contoso-logistics.com");
    await page.getByLabel("Expires at").fill(expiry.toISOString().slice(0, 16));
    await page.getByLabel("Attachments").setInputFiles({
      name: "site-survey.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from(`%PDF-1.4\n${"% site survey notes\n".repeat(800)}%%EOF\n`),
    });
    await page.getByRole("button", { name: "Remove site-survey.pdf" }).waitFor();
    await page.getByLabel("Expires at").blur();
    // The section and the form's actions: the foot of the page.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, `new-lead-more-${suffix}.png`) });
    await page.context().close();
  }
});

/** rep1's best-scored lead with an email: the richest page the demo has, and an email to duplicate. */
async function showcaseLead(): Promise<{ id: string; email: string }> {
  const rep1 = await app.api("rep1@demo.test");
  const { leads } = await rep1.request(
    `query { leads(first: 20, filter: { mine: true, status: ["new", "working", "mql", "sql"] }, orderBy: { field: SCORE, direction: DESC }) {
      edges { node { id email } } } }`,
  );
  const lead = leads.edges
    .map((e: { node: { id: string; email: string | null } }) => e.node)
    .find((n: { email: string | null }) => n.email);
  if (!lead) throw new Error("rep1 owns no lead with an email in the demo");
  // A few visits, each rescoring the lead: the chart gets a line and the latest snapshot its reasons.
  for (const types of [["page_view", "page_view"], ["pricing_page_view", "email_click"], ["demo_request"]]) {
    await rep1.request("mutation($events: [TrackingEventInput!]!) { trackEvents(events: $events) }", {
      events: types.map((type) => ({ leadId: lead.id, type })),
    });
  }
  await rep1.request(
    `mutation($id: ID!) { addNote(id: $id, body: "Called back: wants a quote for 40 seats by Friday.") { id } }`,
    {
      id: lead.id,
    },
  );
  return lead;
}

async function signedIn(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await app.openApp({ path, viewport });
  await app.signIn(page, "rep1@demo.test");
  return page;
}

it("should photograph the lead page and the merge prompt", async () => {
  const lead = await showcaseLead();
  for (const [name, viewport] of [
    ["lead-desktop", DESKTOP],
    ["lead-375", PHONE],
  ] as const) {
    const page = await signedIn(`/leads/${lead.id}`, viewport);
    await page.getByTestId("lead-page").waitFor();
    await page.waitForTimeout(800);
    // The desktop picture shows the whole page (timeline, score, messages); the phone one the first screen.
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: name === "lead-desktop" });
    await page.context().close();
  }

  const page = await signedIn("/leads/new", DESKTOP);
  await page.getByLabel("Name", { exact: true }).fill("Same person, new enquiry");
  await page.getByLabel("Email").fill(lead.email);
  await page.getByRole("button", { name: "Create lead" }).click();
  await page.getByRole("dialog", { name: "This lead may already exist" }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, "merge-prompt.png") });
  await page.context().close();
});
