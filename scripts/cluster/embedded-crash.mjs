// The embedded database survives a SIGKILL of its single process: Leadline on
// PGlite (DATA_DIR) takes createLead at load, is killed with SIGKILL mid-load,
// is started again on the same folder, and every acknowledged lead is there
// once under its number, with the numbers gap-free.
//
// Usage: node scripts/cluster/embedded-crash.mjs   (CRASH_LOAD_SECONDS, default 4)
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./cluster.mjs";

const LOAD_SECONDS = Number(process.env.CRASH_LOAD_SECONDS ?? 4);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const dataDir = mkdtempSync(join(tmpdir(), "leadline-crash-"));
const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const url = `http://127.0.0.1:${port}`;

function start() {
  // The embedded database: no DATABASE_URL at all.
  const { DATABASE_URL: _ignored, DATABASE_DIRECT_URL: _direct, ...env } = process.env;
  const child = spawn(process.execPath, [join(root, "server", "dist", "main.js")], {
    cwd: root,
    env: {
      ...env,
      DATA_DIR: dataDir,
      SEED_DEMO: "true",
      PORT: String(port),
      HOST: "127.0.0.1",
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      RATE_LIMIT_PER_TOKEN: "1000000",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function ready() {
  for (let i = 0; i < 1200; i++) {
    if (child.exitCode !== null) throw new Error(`Leadline exited (${child.exitCode}) before it was ready`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {}
    await sleep(100);
  }
  throw new Error("Leadline did not come up");
}

async function gql(query, variables, token) {
  const res = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return res.json();
}

let child = start();
const failures = [];
try {
  await ready();
  const login = await gql(
    `mutation { login(tenant: "demo", email: "manager@demo.test", password: "demo-password") { token } }`,
  );
  const token = login.data.login.token;
  const acknowledged = [];
  let n = 0;
  const until = Date.now() + LOAD_SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const i = n++;
      try {
        const res = await gql(
          `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id requestId } } }`,
          { input: { source: "API", name: `Crash ${i}`, email: `crash${i}@example.org` } },
          token,
        );
        if (res.data?.createLead) acknowledged.push(res.data.createLead.lead);
      } catch {
        return; // the process is gone
      }
    }
  };
  const load = Promise.all(Array.from({ length: 4 }, worker));
  await sleep((LOAD_SECONDS * 1000) / 2);
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await exited;
  await load;
  console.log(`killed with SIGKILL after ${acknowledged.length} acknowledged creates`);

  child = start();
  await ready();
  const mine = acknowledged.map((l) => l.requestId);
  const found = [];
  for (const lead of acknowledged) {
    const res = await gql("query($id: ID!) { lead(id: $id) { id requestId } }", { id: lead.id }, token);
    if (res.data?.lead?.requestId === lead.requestId) found.push(lead);
  }
  const ok = found.length === acknowledged.length && acknowledged.length > 0;
  console.log(
    `${ok ? "✓" : "✖"} after the restart every acknowledged lead is there under its number (${found.length} of ${acknowledged.length})`,
  );
  if (!ok) failures.push("acknowledged leads lost");
  const all = await gql(
    "{ leads(first: 1, orderBy: { field: REQUEST_ID, direction: DESC }) { totalCount edges { node { requestId } } } }",
    {},
    token,
  );
  const total = all.data.leads.totalCount;
  const highest = all.data.leads.edges[0].node.requestId;
  const gapFree = total === highest && mine.every((r) => r <= highest);
  console.log(`${gapFree ? "✓" : "✖"} request numbers 1…${highest} for ${total} leads: none skipped by the crash`);
  if (!gapFree) failures.push("request numbers have a gap");
  const after = await gql(
    `mutation { createLead(input: { source: API, name: "After the crash", email: "after.crash@example.org" }) { lead { requestId } } }`,
    {},
    token,
  );
  const next = after.data?.createLead?.lead?.requestId;
  console.log(`${next === highest + 1 ? "✓" : "✖"} the next lead continues at ${next}`);
  if (next !== highest + 1) failures.push("the counter did not continue");
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.error(error);
} finally {
  child.kill("SIGTERM");
  await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r()));
  rmSync(dataDir, { recursive: true, force: true });
}
if (failures.length) {
  console.error(`embedded crash check failed: ${failures.join("; ")}`);
  process.exit(1);
}
console.log("embedded crash check passed");
