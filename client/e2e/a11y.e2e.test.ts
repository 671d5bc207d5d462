import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { setUpE2eApp } from "./harness";

const app = setUpE2eApp();
const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
/** Evaluated by the browser's devtools protocol, which the app's content security policy (rightly) does not let a page's own inline script do. */
const axeSource = readFileSync(axePath, "utf8");

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's verdict on the page as it stands: serious and critical violations, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const { violations, passes } = await page.evaluate(() =>
    (window as unknown as { axe: { run(): Promise<{ violations: Violation[]; passes: unknown[] }> } }).axe.run(),
  );
  // A scan that checked nothing (axe not loaded, page empty) must not pass as clean.
  expect(passes.length).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} (${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 5)
          .join(", ")})`,
    );
}

async function lead(): Promise<string> {
  const manager = await app.api("manager@demo.test");
  const { leads } = await manager.request(
    `query { leads(first: 1, filter: { mine: true }) { edges { node { id } } } }`,
  );
  const id = leads.edges[0]?.node.id;
  if (!id) throw new Error("The demo manager owns no lead");
  return id;
}

/** A company with a contact and a lead, through the API: the records' pages have something to show. */
async function crmRecords(): Promise<{ companyId: string; contactId: string }> {
  const manager = await app.api("manager@demo.test");
  const stamp = Date.now().toString(36);
  const { createCompany } = await manager.request(
    "mutation($name: String!) { createCompany(input: { name: $name }) { id } }",
    { name: `Axe Audits ${stamp}` },
  );
  const { createContact } = await manager.request(
    'mutation($c: ID!, $e: String!) { createContact(input: { firstName: "Ada", lastName: "Axe", email: $e, companyId: $c }) { id } }',
    { c: createCompany.id, e: `ada.axe.${stamp}@example.com` },
  );
  await manager.request(
    'mutation($c: ID!, $p: ID!) { createLead(input: { name: "Axe audit", source: CALL, existingCompanyId: $c, existingContactId: $p }, onDuplicate: KEEP_BOTH) { lead { id } } }',
    { c: createCompany.id, p: createContact.id },
  );
  return { companyId: createCompany.id, contactId: createContact.id };
}

for (const colorScheme of ["light", "dark"] as const) {
  it(`should find no serious or critical axe violations on the contacts and companies pages (${colorScheme})`, async () => {
    const { companyId, contactId } = await crmRecords();
    const page = await app.openApp({ path: "/contacts", colorScheme });
    await app.signIn(page, "manager@demo.test");
    const found: Record<string, string[]> = {};

    await page.getByRole("table", { name: "Contacts" }).waitFor();
    found.contacts = await seriousViolations(page);

    await page.getByRole("link", { name: "Companies" }).click();
    await page.getByRole("table", { name: "Companies" }).waitFor();
    found.companies = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/contacts/${contactId}`);
    await page.getByTestId("contact-page").waitFor();
    found.contact = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/companies/${companyId}`);
    await page.getByTestId("company-page").waitFor();
    found.company = await seriousViolations(page);

    // The new-lead form with the company picker open on its matches.
    await page.goto(`${app.baseUrl}/leads/new`);
    await page.getByLabel("Existing company").check();
    await page.getByRole("combobox", { name: "Find a company" }).fill("Axe Audits");
    await page.getByRole("listbox", { name: "Companies" }).getByRole("option").first().waitFor();
    found.newLeadPickers = await seriousViolations(page);

    expect(found).toEqual({ contacts: [], companies: [], contact: [], company: [], newLeadPickers: [] });
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  it(`should find no serious or critical axe violations on the inbox, board and lead pages (${colorScheme})`, async () => {
    const leadId = await lead();
    const page = await app.openApp({ path: "/inbox", colorScheme });
    await app.signIn(page, "manager@demo.test");
    const found: Record<string, string[]> = {};

    await page.locator(".inbox-row").first().waitFor();
    found.inbox = await seriousViolations(page);

    await page.getByRole("link", { name: "Board" }).click();
    await page.locator(".board-card").first().waitFor();
    found.board = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/leads/${leadId}`);
    await page.getByTestId("lead-page").waitFor();
    found.lead = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/leads/new`);
    await page.getByRole("heading", { name: "New lead" }).waitFor();
    // With its folded section open: partner pickers, customer, expiry and files.
    await page.getByTestId("lead-extras").getByText("Partner, customer and more").click();
    await page.getByLabel("Partner representative").locator("option", { hasText: "Paul Partner" }).waitFor({
      state: "attached",
    });
    found.newLead = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/settings`);
    await page.getByRole("heading", { name: "Workspace settings" }).waitFor();
    await page.getByLabel("Time zone").waitFor();
    found.settings = await seriousViolations(page);

    expect(found).toEqual({ inbox: [], board: [], lead: [], newLead: [], settings: [] });
  });
}

/** A queue with members and a rule, so the routing screen shows each of its parts (once: both schemes scan it). */
async function routingScene(): Promise<void> {
  const admin = await app.api("admin@demo.test");
  const { queues, users } = await admin.request("{ queues { id name } users { id email } }");
  if (queues.some((q: { name: string }) => q.name === "Inside sales")) return;
  const reps = users.filter((u: { email: string }) => u.email.startsWith("rep")).map((u: { id: string }) => u.id);
  const { upsertQueue } = await admin.request(
    'mutation($m: [ID!]!) { upsertQueue(input: { name: "Inside sales", strategy: "ROUND_ROBIN", memberIds: $m }) { id } }',
    { m: reps },
  );
  await admin.request(
    "mutation($q: ID!) { setRoutingRules(rules: [{ minScore: 40, queueId: $q }, { queueId: $q }]) { id } }",
    {
      q: upsertQueue.id,
    },
  );
}

for (const colorScheme of ["light", "dark"] as const) {
  it(`should find no serious or critical axe violations on the admin screens (${colorScheme})`, async () => {
    const page = await app.openApp({ path: "/admin/users", colorScheme });
    await app.signIn(page, "admin@demo.test");
    const found: Record<string, string[]> = {};

    await page.getByRole("listitem", { name: "Rita Rep" }).waitFor();
    found.users = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/admin/integrations`);
    await page.getByRole("button", { name: "Rotate secret" }).waitFor();
    await page
      .getByText(/No keys yet|Revoke/)
      .first()
      .waitFor();
    found.integrations = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/admin/pipelines`);
    await page.getByRole("table", { name: "Moves allowed" }).waitFor();
    found.pipelines = await seriousViolations(page);

    await routingScene();
    await page.goto(`${app.baseUrl}/admin/routing`);
    await page.getByRole("button", { name: "Edit Inside sales" }).click();
    await page.getByRole("listitem", { name: "Rule 1" }).waitFor();
    await page.getByRole("form", { name: "Preview" }).getByRole("button", { name: "Preview" }).click();
    await page.getByText("would go to").waitFor();
    found.routing = await seriousViolations(page);

    // Scoring rules with a preview's result and a refused save's problems on screen.
    await page.goto(`${app.baseUrl}/admin/scoring`);
    const editor = page.getByRole("textbox", { name: "Ruleset (JSON)" });
    await expect.poll(() => editor.inputValue()).toContain('"page_view"');
    await page.getByRole("button", { name: "Preview score" }).click();
    await page.getByRole("status", { name: "Preview result" }).waitFor();
    await editor.fill((await editor.inputValue()).replace('"points": 2,', '"points": -2,'));
    await page.getByRole("button", { name: "Save rules" }).click();
    await page.getByRole("alert").filter({ hasText: "Not saved" }).waitFor();
    found.scoring = await seriousViolations(page);

    // Capture forms with a new form's editor and its live preview open.
    await page.goto(`${app.baseUrl}/admin/forms`);
    await page.getByRole("button", { name: "New form" }).click();
    await page.getByLabel("Form name").fill("Axe audit form");
    await page.frameLocator('iframe[title="The form as a visitor sees it"]').getByLabel("Name (required)").waitFor();
    await page.getByText("reCAPTCHA keys").first().waitFor();
    found.forms = await seriousViolations(page);

    // The import page with a file's columns to match, and its dry run's report with the bad rows.
    await page.goto(`${app.baseUrl}/admin/import`);
    await page.getByLabel("CSV file").setInputFiles({
      name: "axe.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`Name,E-mail,Shoe size\nAda Axe,ada.axe.${colorScheme}@example.com,9\nNo Mail,nope,8\n`),
    });
    await page.getByRole("combobox", { name: "E-mail", exact: true }).waitFor();
    found.importMapping = await seriousViolations(page);
    await page.getByRole("button", { name: "Check the file (dry run)" }).click();
    await page.getByRole("button", { name: "Import 1 row" }).waitFor();
    found.importReport = await seriousViolations(page);

    await page.goto(`${app.baseUrl}/settings`);
    await page.getByRole("link", { name: "Users and roles" }).waitFor();
    found.settings = await seriousViolations(page);

    expect(found).toEqual({
      users: [],
      integrations: [],
      pipelines: [],
      routing: [],
      scoring: [],
      forms: [],
      importMapping: [],
      importReport: [],
      settings: [],
    });
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  it(`should find no serious or critical axe violations on the dashboard, and on its refusal to a rep (${colorScheme})`, async () => {
    const page = await app.openApp({ path: "/dashboard", colorScheme });
    await app.signIn(page, "manager@demo.test");
    const found: Record<string, string[]> = {};

    await page.getByTestId("panel-workload").locator(".recharts-surface").waitFor();
    await page.getByTestId("kpi-created").filter({ hasText: /\d/ }).waitFor();
    found.dashboard = await seriousViolations(page);

    const rep = await app.openApp({ path: "/dashboard", colorScheme });
    await app.signIn(rep, "rep1@demo.test");
    await rep.getByRole("heading", { name: "Not allowed" }).waitFor();
    found.notAllowed = await seriousViolations(rep);

    expect(found).toEqual({ dashboard: [], notAllowed: [] });
  });
}
