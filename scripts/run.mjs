#!/usr/bin/env node
// One entry point for newcomers and CI, needing only Node 20 and npm:
//   npm start  → install, build, start Leadline on the embedded database with demo data
//   npm test   → install, build, lint, typecheck, run every test suite
// Node built-ins only: this runs before any dependency is installed.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { packageManager } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const [command] = process.argv.slice(2);

function run(cmd, args, env = {}) {
  console.log(`\n▶ ${[cmd, ...args].join(" ")}`);
  const result = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  if (result.status !== 0) {
    console.error(`✖ ${[cmd, ...args].join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

// pnpm through npx, pinned to the version package.json names: corepack is not assumed.
const runPnpm = (args, env) => run("npx", ["--yes", packageManager, ...args], env);
const pnpm = (...args) => runPnpm(args);

function install() {
  pnpm("install", "--frozen-lockfile");
}

function build() {
  pnpm("--filter", "@leadline/shared", "run", "build");
  pnpm("--filter", "@leadline/server", "run", "build");
  pnpm("--filter", "@leadline/client", "run", "build");
}

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(3000);
    socket.on("connect", () => resolve(socket.end() && true));
    socket.on("error", () => resolve(false));
    socket.on("timeout", () => resolve(socket.destroy() && false));
  });
}

function findChromium() {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((path) => path && existsSync(path));
}

const canApt = () => process.getuid?.() === 0 && existsSync("/usr/bin/apt-get");
let aptUpdated = false;
function aptInstall(packages) {
  if (!aptUpdated) run("apt-get", ["update", "-qq"]);
  aptUpdated = true;
  run("apt-get", ["install", "-y", "-qq", ...packages], { DEBIAN_FRONTEND: "noninteractive" });
}

/** Browser tests need Debian's chromium; install it when we can (root with apt-get), as CI runs. */
function ensureChromium() {
  if (findChromium()) return;
  if (canApt()) return aptInstall(["chromium"]);
  console.error("✖ Browser tests need Chromium: install your distribution's chromium package or set CHROMIUM_PATH.");
  process.exit(1);
}

/** The cluster check needs Debian's haproxy and pgbouncer; installed when we can, else the check is skipped with a notice. */
function ensureClusterTools() {
  const missing = ["haproxy", "pgbouncer"].filter((b) => !existsSync(`/usr/sbin/${b}`) && !existsSync(`/usr/bin/${b}`));
  if (missing.length && canApt()) aptInstall(missing);
  return ["haproxy", "pgbouncer"].every((b) => existsSync(`/usr/sbin/${b}`) || existsSync(`/usr/bin/${b}`));
}

async function test() {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl && !(await reachable(pgUrl))) {
    console.error(`✖ TEST_DATABASE_URL is set but PostgreSQL is not reachable at ${new URL(pgUrl).host}`);
    process.exit(1);
  }
  ensureChromium();
  install();
  build();
  pnpm("exec", "biome", "ci", ".");
  pnpm("-r", "run", "typecheck");
  pnpm("--filter", "@leadline/shared", "run", "test");
  // The server suite runs on embedded PGlite, and again on PostgreSQL when one is configured.
  runPnpm(["--filter", "@leadline/server", "run", "test"], { TEST_DATABASE_URL: "" });
  if (pgUrl) runPnpm(["--filter", "@leadline/server", "run", "test"], { TEST_DATABASE_URL: pgUrl });
  // The embedded database survives a SIGKILL of its process (scripts/cluster/embedded-crash.mjs).
  run("node", ["scripts/cluster/embedded-crash.mjs"]);
  // Two instances behind HAProxy and PgBouncer: the live and crash checks (scripts/cluster/check.mjs).
  if (pgUrl && ensureClusterTools()) run("node", ["scripts/cluster/check.mjs"], { CLUSTER_DATABASE_URL: pgUrl });
  else
    console.log("• cluster check skipped: it needs PostgreSQL (TEST_DATABASE_URL) and Debian's haproxy and pgbouncer");
  // The throughput bench, short: it prints the figures and ratios beside their goals, never fails on them
  // (a shared CI machine's figures are not a verdict; docs/performance.md holds the measured ones).
  if (pgUrl) run("node", ["scripts/bench/run.mjs"], { BENCH_SECONDS: "3", BENCH_DATABASE_URL: pgUrl });
  pnpm("--filter", "@leadline/client", "run", "test");
}

function start() {
  install();
  build();
  // graphql-js skips its development-only checks only when NODE_ENV is production at load time.
  run("node", ["server/dist/main.js"], { NODE_ENV: process.env.NODE_ENV ?? "production" });
}

if (command === "start") start();
else if (command === "test") await test();
else {
  console.error("usage: node scripts/run.mjs start|test");
  process.exit(2);
}
