// pnpm bench:workflow — the workflow issue's reads on real PostgreSQL with one
// tenant of BENCH_LEADS (default 1,000,000) leads, bulk-loaded by generate-leads.mjs:
// board (6 columns × 50 cards + counts), inbox(NOW), inboxCounts, and the
// 1st vs the 1,000th page of leads(first: 50) through keyset cursors.
// Sequential requests from one client: the figures are latencies, p50 / p95.
// BENCH_KEEP=1 keeps the database for EXPLAIN afterwards.

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@leadline/server/dist/db/client.js";
import { JobQueue } from "@leadline/server/dist/modules/jobs/job-queue.js";
import { createServices } from "@leadline/server/dist/modules/services.js";
import postgres from "postgres";
import { createReps, generateLeads } from "./generate-leads.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const count = Number(process.env.BENCH_LEADS ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 100);
const dbName = `leadline_bench_wf_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const url = new URL(baseUrl);
url.pathname = `/${dbName}`;
let child;
try {
  const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
  const silent = { error() {}, info() {}, warn() {} };
  const services = createServices(database.db, { sessionTtlMs: 3_600_000 }, new JobQueue(database.executeSql, silent));
  const tenant = await services.tenants.provisionTenant({ slug: "big", name: "Big" });
  const password = "bench-password";
  const manager = await services.tenants.createUser({
    tenantId: tenant.id,
    email: "manager@big.test",
    name: "M",
    roles: ["MANAGER"],
    password,
  });
  const reps = await createReps(services, tenant.id, password);
  await database.close();
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  const started = performance.now();
  console.log(`Loading ${count.toLocaleString()} leads into one tenant…`);
  await generateLeads(sql, { tenantId: tenant.id, ownerIds: reps.map((r) => r.id), count });
  console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  await sql.end();

  const port = 4800 + Math.floor(Math.random() * 100);
  child = spawn(process.execPath, [join(root, "server", "dist", "main.js")], {
    env: {
      ...process.env,
      DATABASE_URL: url.toString(),
      PORT: String(port),
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  const gql = async (query, variables, token) => {
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = await res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const login = async (email) =>
    (await gql(`mutation { login(tenant: "big", email: "${email}", password: "${password}") { token } }`)).login.token;
  const managerToken = await login(manager.email);
  const repToken = await login(reps[0].email);
  const measure = async (name, fn) => {
    for (let i = 0; i < 5; i++) await fn();
    const times = [];
    for (let i = 0; i < samples; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
    console.log(`| ${name.padEnd(52)} | ${p(0.5).toFixed(1).padStart(7)} | ${p(0.95).toFixed(1).padStart(7)} |`);
  };
  const BOARD = `{ board(perColumn: 50) { columns { stage { key } totalCount leads { edges { node { id name score owner { name } } } } } } }`;
  const INBOX = `query($after: String) { inbox(view: NOW, first: 50, after: $after) { totalCount edges { node { id name nextAction { dueAt } } } } }`;
  const LEADS = `query($after: String) { leads(first: 50, after: $after) { totalCount pageInfo { endCursor } edges { node { id requestId name } } } }`;
  const LEADS_NO_COUNT = `query($after: String) { leads(first: 50, after: $after) { pageInfo { endCursor } edges { node { id requestId name } } } }`;
  let cursor = null;
  for (let page = 1; page < 1000; page++)
    cursor = (await gql(LEADS_NO_COUNT, { after: cursor }, managerToken)).leads.pageInfo.endCursor;
  console.log(`\n${count.toLocaleString()} leads, ${samples} sequential requests per row\n`);
  console.log(`| ${"request".padEnd(52)} | p50 ms  | p95 ms  |`);
  console.log(`|${"-".repeat(54)}|--------:|--------:|`);
  await measure("board, manager (all leads)", () => gql(BOARD, {}, managerToken));
  await measure("board, rep (own leads + pool)", () => gql(BOARD, {}, repToken));
  await measure("inbox(NOW), manager", () => gql(INBOX, {}, managerToken));
  await measure("inbox(NOW), rep", () => gql(INBOX, {}, repToken));
  await measure("inboxCounts, rep", () => gql("{ inboxCounts { now today later recovery } }", {}, repToken));
  await measure("leads(first: 50) page 1, no totalCount", () => gql(LEADS_NO_COUNT, {}, managerToken));
  await measure("leads(first: 50) page 1,000, no totalCount", () =>
    gql(LEADS_NO_COUNT, { after: cursor }, managerToken),
  );
  await measure("leads(first: 50) page 1 with totalCount", () => gql(LEADS, {}, managerToken));
} finally {
  if (child) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
  if (process.env.BENCH_KEEP) console.log(`kept database ${dbName}`);
  else await admin.unsafe(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}
