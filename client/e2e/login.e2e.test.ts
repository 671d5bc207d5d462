import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

// The built client served by the built server, driven by a real browser: nothing is built here.
const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const clientDist = fileURLToPath(new URL("../dist/", import.meta.url));
const clientSrc = fileURLToPath(new URL("../src/", import.meta.url));
const serverMain = join(repoRoot, "server", "dist", "main.js");
const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const TENANT = "demo";
const REP_EMAIL = "rep1@demo.test";
const REP_NAME = "Rita Rep";
const PASSWORD = "demo-password";
const PAGE_SIZE = 25;

let server: ChildProcess | undefined;
let serverOutput = "";
let dataDir: string | undefined;
let baseUrl = "";
let browser: Browser | undefined;
const contexts: BrowserContext[] = [];
// Uncaught exceptions and console errors or warnings (React, Apollo) fail the test that caused them.
const pageProblems: string[] = [];

function pnpmCommand(args: string): string {
  const { packageManager } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as {
    packageManager?: string;
  };
  return `npx ${packageManager ?? "pnpm"} ${args}`;
}

function newestChange(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) => statSync(join(dir, file)).mtimeMs),
  );
}

function assertBuilt(): void {
  const missing: string[] = [];
  if (!existsSync(join(clientDist, "index.html"))) {
    missing.push(`client/dist is missing: run \`${pnpmCommand("--filter @leadline/client build")}\``);
  }
  if (!existsSync(serverMain)) {
    missing.push(
      `server/dist/main.js is missing: run \`${pnpmCommand("--filter @leadline/shared build")}\` ` +
        `then \`${pnpmCommand("--filter @leadline/server build")}\``,
    );
  }
  if (missing.length > 0) throw new Error(`The browser test needs built packages.\n${missing.join("\n")}`);
  // Testing an old build against new sources fails in confusing ways; say so up front.
  if (statSync(join(clientDist, "index.html")).mtimeMs < newestChange(clientSrc)) {
    throw new Error(`client/dist is older than client/src: run \`${pnpmCommand("--filter @leadline/client build")}\``);
  }
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}: install Debian's \`chromium\` package (apt-get install chromium) ` +
        "or set CHROMIUM_PATH",
    );
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

async function startServer(): Promise<void> {
  const port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), "leadline-e2e-"));
  // DATABASE_URL is left out so the server uses a fresh embedded database and seeds it.
  const { DATABASE_URL: _ignored, ...env } = process.env;
  server = spawn(process.execPath, [serverMain], {
    cwd: repoRoot,
    env: {
      ...env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      SEED_DEMO: "true",
      CLIENT_DIST: clientDist,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const collect = (chunk: Buffer) => {
    serverOutput = (serverOutput + chunk.toString()).slice(-20_000);
  };
  server.stdout?.on("data", collect);
  server.stderr?.on("data", collect);
  baseUrl = `http://127.0.0.1:${port}`;

  const deadline = Date.now() + 150_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) {
      throw new Error(`The server exited with code ${server.exitCode} before it was ready:\n${serverOutput}`);
    }
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The server was not ready within 150 s:\n${serverOutput}`);
}

async function stopServer(): Promise<void> {
  const child = server;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}

beforeAll(async () => {
  assertBuilt();
  mkdirSync(screenshots, { recursive: true });
  await startServer();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-quic",
    ],
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((context) => context.close()));
  expect(pageProblems.splice(0)).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await stopServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh browser context per test: its own localStorage, so no test depends on another's session. */
async function openApp(): Promise<Page> {
  if (!browser) throw new Error("The browser did not start");
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "en-US" });
  contexts.push(context);
  const page = await context.newPage();
  page.on("pageerror", (error) => pageProblems.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" || message.type() === "warning") {
      pageProblems.push(`console.${message.type()}: ${message.text()}`);
    }
  });
  await page.goto(baseUrl);
  return page;
}

async function signIn(page: Page, password = PASSWORD): Promise<void> {
  await expect(page.getByLabel("Workspace").inputValue()).resolves.toBe(TENANT);
  await page.getByLabel("Email").fill(REP_EMAIL);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

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
  // The WebSocket is lazy: it opens only while a subscription runs, and this page has none.
  expect(sockets).toEqual([]);
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
