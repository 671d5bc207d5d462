import { join } from "node:path";
import { expect, it } from "vitest";
import { PHONE, screenshots, setUpE2eApp } from "./harness";

const app = setUpE2eApp();

const CREATE = `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id } } }`;

async function poolLeads(prefix: string, n: number, ownerId: string | null = null): Promise<string[]> {
  const manager = await app.api("manager@demo.test");
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    const res = await manager.request(CREATE, {
      input: {
        name: `${prefix} ${i + 1}`,
        source: "EVENT",
        email: `${prefix.toLowerCase()}${i + 1}@example.com`,
        ownerId,
      },
    });
    ids.push(res.createLead.lead.id);
  }
  return ids;
}

it("a manager selects 20 leads and assigns them to a rep, whose open board shows them live", async () => {
  // Rita's leads: Ravi's board (his own leads and the pool) does not show them.
  const rita = await app.api("rep1@demo.test");
  const ids = await poolLeads("Bulkco", 20, rita.userId);
  const rep = await app.openApp({ path: "/board" });
  await app.signIn(rep, "rep2@demo.test");
  await rep.locator("[data-lead-id]").first().waitFor({ timeout: 10_000 });
  for (const id of ids) expect(await rep.locator(`[data-lead-id="${id}"]`).count()).toBe(0);

  const page = await app.openApp({ path: "/leads" });
  await app.signIn(page, "manager@demo.test");
  await page.getByLabel("Search leads").fill("Bulkco");
  await expect.poll(() => page.getByTestId("lead-total").textContent()).toBe("20");
  await expect.poll(() => page.getByRole("checkbox", { name: /^Select #/ }).count()).toBe(20);
  await page.getByRole("checkbox", { name: "Select all leads shown" }).check();
  await expect.poll(() => page.locator(".bulk__count").textContent()).toBe("20 selected");
  await page.getByLabel("Assign to").selectOption({ label: "Ravi Rep" });
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect.poll(() => page.locator(".bulk__report").textContent()).toContain("Assigned 20 leads");
  await expect.poll(() => page.locator("td[data-column='owner']", { hasText: "Ravi Rep" }).count()).toBe(20);

  // The rep did nothing: the twenty arrive on the open board by themselves.
  for (const id of ids) await rep.locator(`[data-lead-id="${id}"]`).waitFor({ timeout: 10_000 });
}, 120_000);

it("reports the leads a bulk move refused, keeps them selected, and moves the rest", async () => {
  const [movable, stuck] = await poolLeads("Splitco", 2);
  const manager = await app.api("manager@demo.test");
  // mql cannot go back to new in the lifecycle pipeline.
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "working") { id } }`, { id: movable });
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "mql") { id } }`, { id: stuck });
  const page = await app.openApp({ path: "/leads" });
  await app.signIn(page, "manager@demo.test");
  await page.getByLabel("Search leads").fill("Splitco");
  await expect.poll(() => page.getByTestId("lead-total").textContent()).toBe("2");
  await expect.poll(() => page.getByRole("checkbox", { name: /^Select #/ }).count()).toBe(2);
  await page.getByRole("checkbox", { name: "Select all leads shown" }).check();
  await page.getByLabel("Move to").selectOption({ label: "New" });
  await page.getByRole("button", { name: "Move", exact: true }).click();
  const status = page.locator(".bulk__report");
  await expect.poll(() => status.textContent()).toContain("Moved 1 lead; 1 refused (still selected)");
  expect(await status.textContent()).toMatch(/Splitco 2: Cannot move from .mql. to .new./);
  await expect.poll(() => page.locator(".bulk__count").textContent()).toBe("1 selected");
  const stuckBox = page.getByRole("checkbox", { name: /Splitco 2$/ });
  expect(await stuckBox.isChecked()).toBe(true);
  await page.screenshot({ path: join(screenshots, "leads-bulk-desktop.png") });
}, 120_000);

it("sorts by a column header and filters by SLA and creation date", async () => {
  const page = await app.openApp({ path: "/leads" });
  await app.signIn(page, "manager@demo.test");
  const scores = () =>
    page
      .locator("td[data-column='scoreBand'] .lead-table__score")
      .allTextContents()
      .then((t) => t.map(Number));
  await page.locator("td[data-column='scoreBand']").first().waitFor();
  await page.getByRole("button", { name: /^Score/ }).click();
  await expect.poll(() => page.locator("th[aria-sort='descending']").textContent()).toContain("Score");
  await expect
    .poll(async () => {
      const s = await scores();
      return s.length > 1 && s.every((v, i) => i === 0 || (s[i - 1] as number) >= v);
    })
    .toBe(true);
  const total = async () => Number((await page.getByTestId("lead-total").textContent())?.replace(/\D/g, ""));
  const all = await total();
  // The list's count under an SLA filter is the server's count for that state (one the demo has, and not every lead).
  const manager = await app.api("manager@demo.test");
  const count = async (state: string) =>
    (
      await manager.request(`query($s: [SlaState!]) { leads(first: 1, filter: { slaState: $s }) { totalCount } }`, {
        s: [state],
      })
    ).leads.totalCount as number;
  // The demo's leads were all made moments ago: none is overdue yet, so the filter must empty the list.
  const expected = await count("BREACHED");
  expect(expected).toBeLessThan(all);
  await page.getByLabel("SLA").selectOption({ label: "Overdue" });
  await expect.poll(total).toBe(expected);
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
  await page.getByLabel("SLA").selectOption({ label: "Any SLA" });
  await page.getByLabel("Created from").fill(day);
  const sinceToday = async () =>
    (
      await manager.request(`query($f: DateTime) { leads(first: 1, filter: { createdFrom: $f }) { totalCount } }`, {
        f: new Date(today.getFullYear(), today.getMonth(), today.getDate()).toISOString(),
      })
    ).leads.totalCount as number;
  await expect.poll(total).toBe(await sinceToday());
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: join(screenshots, "leads-bulk-375.png"), fullPage: false });
}, 120_000);
