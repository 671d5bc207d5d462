import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { PHONE, screenshots, setUpE2eApp } from "./harness";

const REP_EMAIL = "rep1@demo.test";
const REP_NAME = "Rita Rep";
const PAGE_SIZE = 25;

const app = setUpE2eApp();
const { pageProblems } = app;

/** The lead list lives at /leads; signing in there keeps the page. */
const openApp = () => app.openApp({ path: "/leads" });
const signIn = (page: Page, password?: string) => app.signIn(page, REP_EMAIL, password);

async function signInAndWaitForLeads(page: Page): Promise<void> {
  await signIn(page);
  await page.locator("tbody tr").first().waitFor();
}

async function totalCount(page: Page): Promise<number> {
  const text = await page.getByTestId("lead-total").textContent();
  return Number(text?.replace(/\D/g, ""));
}

const rows = (page: Page) => page.locator("tbody tr");
const column = (page: Page, name: string) => page.locator(`tbody td[data-column="${name}"]`).allTextContents();

it("should show the server's message when the password is wrong", async () => {
  const page = await openApp();
  await signIn(page, "not-the-password");

  const alert = page.getByRole("alert");
  await alert.waitFor();
  expect(await alert.textContent()).toContain("Wrong tenant, email or password");
  await expect(page.getByLabel("Password").isVisible()).resolves.toBe(true);
  await page.screenshot({ path: join(screenshots, "login-error.png") });
});

it("should list only the leads rep1 may see, with a total count", async () => {
  const page = await openApp();
  const sockets: string[] = [];
  page.on("websocket", (socket) => sockets.push(socket.url()));
  await signInAndWaitForLeads(page);

  expect(await totalCount(page)).toBeGreaterThan(0);
  expect(await rows(page).count()).toBe(PAGE_SIZE);
  // A rep sees the leads they own plus the unassigned pool, never a colleague's.
  const owners = await column(page, "owner");
  expect(owners.length).toBe(PAGE_SIZE);
  expect(owners.filter((owner) => owner !== REP_NAME && owner !== "Unassigned")).toEqual([]);
  expect(owners).toContain(REP_NAME);
  expect(await page.getByRole("banner").getByText(REP_NAME, { exact: true }).isVisible()).toBe(true);
  // The app's live feed (SLA ticks) is the only WebSocket.
  expect(sockets.length).toBeLessThanOrEqual(1);
  await page.screenshot({ path: join(screenshots, "lead-list.png"), fullPage: true });
});

it("should narrow the list when searching", async () => {
  const page = await openApp();
  await signInAndWaitForLeads(page);
  const before = await totalCount(page);

  await page.getByLabel("Search leads").fill("Globex");

  await expect.poll(() => totalCount(page), { timeout: 10_000 }).toBeLessThan(before);
  expect(await totalCount(page)).toBeGreaterThan(0);
  const companies = await column(page, "company");
  expect(companies.length).toBeGreaterThan(0);
  expect(companies.filter((company) => !company.includes("Globex"))).toEqual([]);
  await page.screenshot({ path: join(screenshots, "lead-search.png"), fullPage: true });
});

it("should append the next page on Load more", async () => {
  const page = await openApp();
  await signInAndWaitForLeads(page);
  const firstPage = await column(page, "requestId");
  expect(firstPage.length).toBe(PAGE_SIZE);

  await page.getByRole("button", { name: "Load more" }).click();

  await expect.poll(() => rows(page).count(), { timeout: 10_000 }).toBe(2 * PAGE_SIZE);
  const bothPages = await column(page, "requestId");
  expect(bothPages.slice(0, PAGE_SIZE)).toEqual(firstPage);
  expect(new Set(bothPages).size).toBe(2 * PAGE_SIZE);
  await expect(page.getByText(`Showing ${2 * PAGE_SIZE} of`).isVisible()).resolves.toBe(true);
  await page.screenshot({ path: join(screenshots, "lead-load-more.png"), fullPage: true });
});

it("should keep the session across a reload and end it on sign out", async () => {
  const page = await openApp();
  await signInAndWaitForLeads(page);

  await page.reload();
  await rows(page).first().waitFor();

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  await page.reload();
  await page.getByRole("button", { name: "Sign in" }).waitFor();
  expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
});

it("should return to sign-in when the stored session is no longer valid", async () => {
  const page = await openApp();
  await signInAndWaitForLeads(page);

  await page.evaluate(() => window.localStorage.setItem("leadline.token", "lls_revoked"));
  await page.reload();

  await page.getByRole("button", { name: "Sign in" }).waitFor();
  expect(await page.evaluate(() => window.localStorage.length)).toBe(0);
  // The browser reports the 401 itself; that one is expected here.
  const unexpected = pageProblems.splice(0).filter((problem) => !problem.includes("status of 401"));
  expect(unexpected).toEqual([]);
});

it("should let an admin change the SLA policy on the settings page, and show a rep the same settings read-only", async () => {
  const page = await app.openApp({ path: "/inbox" });
  await app.signIn(page, "admin@demo.test");
  await page.getByRole("link", { name: "Settings" }).click();
  const zone = page.getByLabel("Time zone");
  await expect.poll(() => zone.inputValue()).toBe("UTC");

  // Checked in the browser by the server's own rules: nothing is sent.
  await zone.fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect
    .poll(() => page.locator(".field__error").allTextContents())
    .toEqual(["must be an IANA time zone such as Europe/Berlin or UTC"]);
  expect(await zone.getAttribute("aria-invalid")).toBe("true");

  await zone.fill("Europe/Berlin");
  await page.getByLabel("First response within (minutes)").fill("30");
  await page.getByLabel("A lead from the webhook, API or a form that already exists").selectOption("MERGE");
  await page.getByRole("button", { name: "Save settings" }).click();
  await page.getByTestId("toast").filter({ hasText: "Settings saved" }).waitFor();
  const admin = await app.api("admin@demo.test");
  const { tenantSettings } = await admin.request(
    "{ tenantSettings { timeZone slaFirstResponseMinutes intakeDuplicatePolicy } }",
  );
  expect(tenantSettings).toEqual({
    timeZone: "Europe/Berlin",
    slaFirstResponseMinutes: 30,
    intakeDuplicatePolicy: "MERGE",
  });
  await page.screenshot({ path: join(screenshots, "settings.png") });

  const rep = await app.openApp({ path: "/settings" });
  await app.signIn(rep, "rep1@demo.test");
  await rep.getByText("Only admins change these settings.").waitFor();
  expect(await rep.getByLabel("First response within (minutes)").inputValue()).toBe("30");
  expect(await rep.getByLabel("Time zone").isDisabled()).toBe(true);
  expect(await rep.getByRole("button", { name: "Save settings" }).count()).toBe(0);
});

it("should let an admin on a phone reach Settings from the header, and the admin screens from there", async () => {
  const page = await app.openApp({ path: "/inbox", viewport: PHONE });
  await app.signIn(page, "admin@demo.test");
  const settings = page.getByRole("link", { name: "Settings" });
  await expect.poll(() => settings.isVisible()).toBe(true);
  await page.screenshot({ path: join(screenshots, "header-375.png") });
  await settings.click();
  await page.getByRole("link", { name: /Users and roles/ }).click();
  await page.waitForURL(/\/admin\/users/);
});
