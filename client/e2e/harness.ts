import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect } from "vitest";

// The built client served by the built server, driven by a real browser: nothing is built here.
export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const clientDist = fileURLToPath(new URL("../dist/", import.meta.url));
const clientSrc = fileURLToPath(new URL("../src/", import.meta.url));
const serverDist = join(repoRoot, "server", "dist");
const serverMain = join(serverDist, "main.js");
export const screenshots = fileURLToPath(new URL("./screenshots/", import.meta.url));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const TENANT = "demo";
export const PASSWORD = "demo-password";
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 812 };

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

/** A GraphQL client for setting the scene through the public API, as a signed-in user. */
/**
 * Waits until a keyboard drag just picked up (Space) hears its keys. dnd-kit's keyboard sensor
 * starts listening for arrows, Space and Escape on the task after the pick-up (so the Space that
 * started it does not also drop it), while the columns may already show the drag: a key pressed
 * in between is lost, and the card stays up or drops where it started. A task queued now runs
 * after that one, so this is an order, not a delay.
 */
export async function keyboardDragListening(page: Page): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve)));
}

export interface ApiUser {
  token: string;
  userId: string;
  request<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export interface E2eApp {
  readonly baseUrl: string;
  /** Uncaught page errors and console errors or warnings; checked (and emptied) after each test. */
  readonly pageProblems: string[];
  /** A fresh browser context (its own storage, so no test depends on another's session). */
  openApp(options?: {
    path?: string;
    viewport?: { width: number; height: number };
    colorScheme?: "light" | "dark";
    /** Off: a browser with JavaScript disabled (the hosted capture form must work in it). */
    javaScriptEnabled?: boolean;
    /** Where to go instead of the app: a full URL (another origin's page, say). */
    url?: string;
  }): Promise<Page>;
  signIn(page: Page, email: string, password?: string): Promise<void>;
  api(email: string): Promise<ApiUser>;
}

export interface E2eOptions {
  /**
   * Runs against the seeded database while no server holds it (after a first
   * start that seeds the demo), for settings no API changes, such as tenant SLA minutes.
   */
  prepareDatabase?: (sql: (text: string) => Promise<unknown>) => Promise<void>;
  /** More settings for the server (an SMTP server the test runs, say); read when the server starts. */
  env?: () => Record<string, string>;
}

/**
 * One server on a fresh embedded database with the demo tenant, and one
 * headless Chromium, for the test file that calls this (hooks registered here).
 */
export function setUpE2eApp(options: E2eOptions = {}): E2eApp {
  let server: ChildProcess | undefined;
  let serverOutput = "";
  let dataDir: string | undefined;
  let baseUrl = "";
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  const pageProblems: string[] = [];

  async function startServer(port: number): Promise<void> {
    // DATABASE_URL is left out so the server uses the embedded database and seeds it.
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [serverMain], {
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
        // Every browser and API user of a test shares 127.0.0.1: budgets no test's pace reaches.
        RATE_LIMIT_PER_TOKEN: "1000000",
        RATE_LIMIT_PER_IP: "1000000",
        RATE_LIMIT_WEBHOOK: "1000000",
        ...options.env?.(),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server = child;
    const collect = (chunk: Buffer) => {
      serverOutput = (serverOutput + chunk.toString()).slice(-20_000);
    };
    child.stdout?.on("data", collect);
    child.stderr?.on("data", collect);
    baseUrl = `http://127.0.0.1:${port}`;

    const deadline = Date.now() + 150_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) {
        throw new Error(`The server exited with code ${child.exitCode} before it was ready:\n${serverOutput}`);
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

  /** The server's own database code (built), so the settings land exactly as the server stores them. */
  async function withDatabase(run: NonNullable<E2eOptions["prepareDatabase"]>): Promise<void> {
    const { openDatabase } = await import(pathToFileURL(join(serverDist, "db", "client.js")).href);
    const handle = await openDatabase({ kind: "pglite", dataDir });
    try {
      await run((text) => handle.executeSql(text));
    } finally {
      await handle.close();
    }
  }

  beforeAll(async () => {
    assertBuilt();
    mkdirSync(screenshots, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "leadline-e2e-"));
    const port = await freePort();
    await startServer(port);
    if (options.prepareDatabase) {
      await stopServer();
      await withDatabase(options.prepareDatabase);
      await startServer(port);
    }
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

  async function graphql(token: string | null, query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${baseUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`GraphQL error: ${body.errors.map((e) => e.message).join("; ")}`);
    return body.data;
  }

  return {
    get baseUrl() {
      return baseUrl;
    },
    pageProblems,
    async openApp({ path = "/", viewport = DESKTOP, colorScheme = "light", javaScriptEnabled = true, url } = {}) {
      if (!browser) throw new Error("The browser did not start");
      const context = await browser.newContext({ viewport, locale: "en-US", colorScheme, javaScriptEnabled });
      contexts.push(context);
      const page = await context.newPage();
      page.on("pageerror", (error) => pageProblems.push(`uncaught: ${error.message}`));
      page.on("console", (message) => {
        if (message.type() === "error" || message.type() === "warning") {
          pageProblems.push(`console.${message.type()}: ${message.text()}`);
        }
      });
      await page.goto(url ?? baseUrl + path);
      return page;
    },
    async signIn(page, email, password = PASSWORD) {
      await expect(page.getByLabel("Workspace").inputValue()).resolves.toBe(TENANT);
      await page.getByLabel("Email").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
    },
    async api(email) {
      const data = await graphql(
        null,
        "mutation($t: String!, $e: String!, $p: String!) { login(tenant: $t, email: $e, password: $p) { token user { id } } }",
        { t: TENANT, e: email, p: PASSWORD },
      );
      const token = data.login.token as string;
      return { token, userId: data.login.user.id, request: (query, variables) => graphql(token, query, variables) };
    },
  };
}
