import { join } from "node:path";
import type { Page } from "playwright-core";
import { beforeAll, expect, it } from "vitest";
import { screenshots, setUpE2eApp } from "./harness";

/** First response due 15 s after creation, at risk after 40 % of that (6 s): SLA changes happen within a test. */
const FIRST_RESPONSE_SECONDS = 15;
const AT_RISK_PERCENT = 40;

const app = setUpE2eApp();

beforeAll(async () => {
  const admin = await app.api("admin@demo.test");
  await admin.request(
    "mutation($input: TenantSettingsInput!) { updateTenantSettings(input: $input) { slaFirstResponseMinutes } }",
    { input: { slaFirstResponseMinutes: FIRST_RESPONSE_SECONDS / 60, slaAtRiskPercent: AT_RISK_PERCENT } },
  );
});

const CREATE_LEAD = `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id name } } }`;

async function open(path: string, email: string): Promise<Page> {
  const page = await app.openApp({ path });
  await app.signIn(page, email);
  return page;
}

async function nowCount(page: Page): Promise<number> {
  return Number((await page.getByTestId("tab-count-NOW").textContent())?.replace(/\D/g, ""));
}

it("should turn a card's SLA badge AT_RISK live, counting down before", async () => {
  const rep1 = await app.api("rep1@demo.test");
  const page = await open("/board", "rep1@demo.test");
  await page.getByTestId("board").waitFor();

  const { createLead } = await rep1.request(CREATE_LEAD, {
    input: { name: "Sla Watcher", source: "CALL", phone: "+14155550199" },
  });
  const badge = page.locator(`section[data-status="new"] [data-lead-id="${createLead.lead.id}"] .sla-badge`);
  // Live, or caught up and placed by a re-read of the board if it committed before the board's subscriptions began.
  await badge.waitFor({ timeout: 5_000 });
  expect(await badge.getAttribute("data-sla-state")).toBe("ON_TRACK");
  // The countdown runs in the browser between server ticks.
  const first = await badge.textContent();
  await expect.poll(() => badge.textContent(), { timeout: 3_000 }).not.toBe(first);

  // The server's timer flips it (slaTimer), about 6 s after creation.
  await expect.poll(() => badge.getAttribute("data-sla-state"), { timeout: 10_000, interval: 200 }).toBe("AT_RISK");
  expect(await badge.textContent()).toMatch(/At risk · \d+:\d\d left/);
  await page.screenshot({ path: join(screenshots, "board-sla-at-risk.png") });
});

it("should raise the NOW count live when a lead is created for the rep", async () => {
  const [rep1, manager] = await Promise.all([app.api("rep1@demo.test"), app.api("manager@demo.test")]);
  const page = await open("/inbox", "rep1@demo.test");
  await page.getByRole("tab", { name: /Now/ }).waitFor();
  await expect.poll(() => nowCount(page)).toBeGreaterThan(0);
  const before = await nowCount(page);

  // A manager hands rep1 a new lead; its first response falls at risk within seconds, which puts it in NOW.
  const { createLead } = await manager.request(CREATE_LEAD, {
    input: { name: "Now Newcomer", source: "REFERRAL", email: "now.newcomer@example.com", ownerId: rep1.userId },
  });
  await expect.poll(() => nowCount(page), { timeout: 12_000, interval: 250 }).toBe(before + 1);
  // The list follows. NOW is ordered by urgency (earliest due first): a clock due in seconds
  // comes before the demo's follow-ups due later in the hour, so the new lead is near the top.
  await expect
    .poll(() => page.locator(".inbox__summary").textContent(), { timeout: 3_000 })
    .toBe(`${before + 1} in Now`);
  const list = page.getByRole("list", { name: "Now leads" });
  await list.evaluate((node) => node.parentElement?.scrollTo({ top: 0 }));
  await expect
    .poll(() => list.getByRole("listitem").filter({ hasText: createLead.lead.name }).count(), { timeout: 3_000 })
    .toBe(1);
  await page.screenshot({ path: join(screenshots, "inbox-now-live.png") });
});

it("should filter the inbox by search and clear back to the tab", async () => {
  const page = await open("/inbox", "rep1@demo.test");
  const summary = page.locator(".inbox__summary");
  await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toMatch(/in Now/);

  await page.getByLabel("Search your leads").fill("Globex");
  await expect.poll(() => summary.textContent(), { timeout: 5_000 }).toMatch(/leads? match(es)?, ordered as/);
  const names = await page.locator(".inbox-row__sub").allTextContents();
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((text) => !text.includes("Globex"))).toEqual([]);

  await page.getByRole("button", { name: "Clear filters" }).click();
  await expect.poll(() => summary.textContent(), { timeout: 5_000 }).toMatch(/in Now/);
});

it("should let a manager narrow the inbox to one teammate's leads", async () => {
  const page = await open("/inbox", "manager@demo.test");
  const summary = page.locator(".inbox__summary");
  await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toMatch(/in Now/);
  const owner = page.getByLabel("Owner");
  await expect.poll(() => owner.locator("option").allTextContents()).toContain("Ravi Rep");
  await owner.selectOption({ label: "Ravi Rep" });
  await expect.poll(() => summary.textContent(), { timeout: 5_000 }).toMatch(/leads? match(es)?, ordered as/);
  const rows = await page.locator(".inbox-row__sub").allTextContents();
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((text) => !text.endsWith("· Ravi Rep"))).toEqual([]);
});
