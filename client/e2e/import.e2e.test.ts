import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { type ApiUser, DESKTOP, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * Issue 16's CSV import in a real browser on the demo tenant: a 5,000-row
 * file with bad rows, its columns matched, a dry run that reports the bad
 * rows and writes nothing, the import with a bar that moves while rows land,
 * the error report downloaded, the leads in the list; and the gate a rep
 * meets, in the page and at the API.
 */
const app = setUpE2eApp();

const ROWS = 5_000;
const stamp = Date.now().toString(36);

/** Every 250th row has a bad email, every 400th no name, every 1,000th too few fields: 30 bad rows in all. */
function fairFile(): { csv: string; bad: number } {
  const lines = ["Full name,E-mail,Phone,Company,Job title,Notes"];
  let bad = 0;
  for (let i = 1; i <= ROWS; i++) {
    const name = `Fairgoer ${i} ${stamp}`;
    const email = `fairgoer${i}.${stamp}@example.org`;
    if (i % 1_000 === 0) {
      lines.push(`${name},${email}`);
      bad++;
    } else if (i % 400 === 0) {
      lines.push(`,${email},,Acme ${i},,`);
      bad++;
    } else if (i % 250 === 0) {
      lines.push(`${name},not-an-email-${i},,,,`);
      bad++;
    } else {
      lines.push(`${name},${email},,"Stand ${i % 50}, Ltd",${i % 3 ? "Buyer" : "Head of Sales"},"Met at the fair"`);
    }
  }
  return { csv: `${lines.join("\r\n")}\r\n`, bad };
}

async function importPage(email: string, viewport = DESKTOP): Promise<Page> {
  const page = await app.openApp({ path: "/admin/import", viewport });
  await app.signIn(page, email);
  await page.getByRole("heading", { name: "Import leads", exact: true }).waitFor();
  return page;
}

/** Leads of this run's file, counted by the server. */
async function importedLeads(api: ApiUser): Promise<number> {
  const { leads } = await api.request("query($s: String!) { leads(first: 1, filter: { search: $s }) { totalCount } }", {
    s: stamp,
  });
  return leads.totalCount;
}

/** Records the progress bar's aria-valuenow every time it changes, from before it exists until it is read. */
async function recordProgress(page: Page, label: string): Promise<() => Promise<number[]>> {
  await page.evaluate((name) => {
    const seen: number[] = [];
    (window as unknown as { progressSeen: number[] }).progressSeen = seen;
    const look = () => {
      const bar = document.querySelector(`[role="progressbar"][aria-label="${name}"]`);
      const value = bar?.getAttribute("aria-valuenow");
      if (value != null && Number(value) !== seen.at(-1)) seen.push(Number(value));
    };
    new MutationObserver(look).observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ["aria-valuenow"],
    });
  }, label);
  return () => page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
}

it("should import 5,000 rows after a dry run that shows the bad rows, with a moving bar and an error report", async () => {
  const { csv, bad } = fairFile();
  const manager = await app.api("manager@demo.test");
  const page = await importPage("manager@demo.test");

  await page
    .getByLabel("CSV file")
    .setInputFiles({ name: "fair-leads.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  // The server's suggestions from the header: E-mail, Phone and Job title found, the rest for the person.
  const fieldFor = (column: string) => page.getByRole("combobox", { name: column, exact: true });
  await fieldFor("E-mail").waitFor();
  await expect(fieldFor("E-mail").inputValue()).resolves.toBe("email");
  await expect(fieldFor("Phone").inputValue()).resolves.toBe("phone");
  await expect(fieldFor("Job title").inputValue()).resolves.toBe("jobTitle");
  await expect(fieldFor("Full name").inputValue()).resolves.toBe("");
  await expect.poll(() => page.getByText("About 5,000 rows below the header.").isVisible()).toBe(true);
  // The suggestion alone would be refused: no column gives the name.
  await expect(page.getByRole("alert").filter({ hasText: "no column fills name" }).isVisible()).resolves.toBe(true);
  await fieldFor("Full name").selectOption({ label: "Name" });
  await fieldFor("Notes").selectOption({ label: "Description" });
  // The stand is not the lead's company: left out.
  await expect(fieldFor("Company").inputValue()).resolves.toBe("");
  await page.screenshot({ path: join(screenshots, "import-mapping-desktop.png"), fullPage: true });

  // The dry run: every bad row reported by line and column, nothing written.
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  await page.getByText(`${bad} rows have errors and would be left out. Nothing has been written yet.`).waitFor({
    timeout: 60_000,
  });
  const errors = page.getByRole("table", { name: /rows with errors/i });
  await expect(errors.getByRole("row").nth(1).textContent()).resolves.toMatch(/^251E-mail/);
  await expect(errors.getByRole("row", { name: /^401 Full name is required/ }).count()).resolves.toBe(1);
  await expect(
    errors.getByRole("row", { name: /^1001 \(the whole row\) has 2 fields, the header 6/ }).count(),
  ).resolves.toBe(1);
  await expect(page.getByText("Would be created").locator("..").textContent()).resolves.toContain(
    new Intl.NumberFormat("en-US").format(ROWS - bad),
  );
  expect(await importedLeads(manager)).toBe(0);
  await page.screenshot({ path: join(screenshots, "import-dry-run-desktop.png"), fullPage: true });

  // The error report downloads: one line per error, by line and column.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download error report" }).first().click(),
  ]);
  expect(download.suggestedFilename()).toBe("fair-leads-errors.csv");
  const report = readFileSync((await download.path()) as string, "utf8")
    .trim()
    .split("\n");
  expect(report[0]).toBe("line,column,message");
  expect(report.length - 1).toBe(bad);
  expect(report).toContain("401,Full name,is required");
  expect(report).toContain('1001,,"has 2 fields, the header 6"');

  // The import: the bar is fed by the server as chunks of rows commit.
  const progress = await recordProgress(page, "Import progress");
  const started = Date.now();
  await page.getByRole("button", { name: `Import ${new Intl.NumberFormat("en-US").format(ROWS - bad)} rows` }).click();
  // A picture on the way (or at the end, should the import outrun the page).
  await page.waitForFunction(
    () => Number(document.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow")) >= 30,
  );
  await page.screenshot({ path: join(screenshots, "import-progress-desktop.png") });
  await page.getByText(`Done: ${new Intl.NumberFormat("en-US").format(ROWS - bad)} leads created.`).waitFor({
    timeout: 120_000,
  });
  const seen = await progress();
  const between = seen.filter((v) => v > 0 && v < 100);
  // Moving, not jumping: several values on the way, never backwards, ending full.
  expect(new Set(between).size, `values seen: ${seen.join(", ")} in ${Date.now() - started} ms`).toBeGreaterThanOrEqual(
    3,
  );
  expect(seen).toEqual([...seen].sort((a, b) => a - b));
  expect(seen.at(-1)).toBe(100);
  await expect(page.getByRole("progressbar", { name: "Import progress" }).getAttribute("aria-valuenow")).resolves.toBe(
    "100",
  );
  expect(await importedLeads(manager)).toBe(ROWS - bad);
  // The recent imports list has both runs, the dry run marked as one.
  const recent = page.getByRole("table", { name: "Recent imports" });
  const runs = recent.getByRole("row").filter({ hasText: "fair-leads.csv" });
  await expect.poll(() => runs.count()).toBe(2);
  await expect(runs.filter({ hasText: "Dry run" }).count()).resolves.toBe(1);
  await page.screenshot({ path: join(screenshots, "import-desktop.png"), fullPage: true });

  // The leads are in the list.
  await page.getByRole("link", { name: "See the leads" }).click();
  await page.getByLabel("Search leads").fill(`Fairgoer 4999 ${stamp}`);
  await expect
    .poll(() => page.getByRole("link", { name: `Fairgoer 4999 ${stamp}` }).isVisible(), { timeout: 10_000 })
    .toBe(true);
  await page.getByLabel("Search leads").fill(stamp);
  await expect
    .poll(() => page.getByTestId("lead-total").textContent(), { timeout: 10_000 })
    .toBe(new Intl.NumberFormat("en-US").format(ROWS - bad));
}, 400_000);

it("should take a file dropped on the page, and fit a phone screen", async () => {
  const page = await importPage("marketeer@demo.test", PHONE);
  const csv = `Name;Email;City\r\nDrop Person ${stamp};drop.${stamp}@example.org;Porto\r\nNo Mail ${stamp};nope;Lisbon\r\n`;
  await page.evaluate(
    ({ text }) => {
      const zone = document.querySelector('[data-testid="import-drop"]') as HTMLElement;
      const data = new DataTransfer();
      data.items.add(new File([text], "dropped.csv", { type: "text/csv" }));
      zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: data, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    { text: csv },
  );
  // Semicolons, found by the server from the header line.
  await expect.poll(() => page.getByLabel("Separator").inputValue()).toBe(";");
  await expect(page.getByRole("combobox", { name: "City", exact: true }).inputValue()).resolves.toBe("city");
  await page.getByRole("button", { name: "Check the file (dry run)" }).click();
  await page.getByText("1 row has errors and would be left out. Nothing has been written yet.").waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(PHONE.width);
  await page.screenshot({ path: join(screenshots, "import-375.png"), fullPage: true });
  await page.getByRole("button", { name: "Import 1 row" }).click();
  await page.getByText("Done: 1 lead created.").waitFor();
});

it("should show a rep who opens the import page that it is not allowed, and refuse every operation at the API", async () => {
  const page = await app.openApp({ path: "/admin/import" });
  await app.signIn(page, "rep1@demo.test");
  await page.getByRole("heading", { name: "Not allowed", exact: true }).waitFor();
  await expect(page.getByLabel("CSV file").count()).resolves.toBe(0);
  await page.goto(`${app.baseUrl}/leads`);
  await page.getByRole("heading", { name: "Leads", exact: true }).waitFor();
  await expect(page.getByRole("link", { name: "Import CSV" }).count()).resolves.toBe(0);

  const manager = await app.api("manager@demo.test");
  const { leadImports } = await manager.request("{ leadImports(first: 1) { id } }");
  const id = leadImports[0].id as string;
  const rep = await app.api("rep1@demo.test");
  const auth = { authorization: `Bearer ${rep.token}` };
  const before = await importedLeads(manager);
  const post = await fetch(`${app.baseUrl}/api/v1/imports`, {
    method: "POST",
    headers: { ...auth, "content-type": "text/csv", prefer: "respond-async" },
    body: `name,email\nRep Row ${stamp},rep.row.${stamp}@example.org\n`,
  });
  expect(post.status).toBe(403);
  for (const path of ["/api/v1/imports", `/api/v1/imports/${id}`, `/api/v1/imports/${id}/errors`]) {
    expect([path, (await fetch(`${app.baseUrl}${path}`, { headers: auth })).status]).toEqual([path, 403]);
  }
  for (const [query, variables] of [
    ["{ leadImports { id } }", {}],
    ["query($id: ID!) { leadImport(id: $id) { id } }", { id }],
    ['{ leadImportPreview(sample: "name,email\\n") { delimiter } }', {}],
  ] as const) {
    await expect(rep.request(query, variables)).rejects.toThrow(/Importing leads needs a role/);
  }
  expect(await importedLeads(manager)).toBe(before);
});
