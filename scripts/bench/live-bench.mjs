// pnpm bench:live — live updates on real PostgreSQL against a bare `ws` floor, in one run.
//
// 101 tenants provisioned through Leadline's own services: 100 tenants with 50
// subscribers each and one hot tenant with 1,000 (6,000 sockets, every one its
// own session of a view-all MANAGER, each a graphql-ws client subscribed to
// leadStatusChanged(pipelineId) selecting sequence and at). For BENCH_SECONDS
// (30) the load generator sends 100 moveLead mutations a second round-robin
// over the 100 tenants and 10 a second in the hot tenant, paced by a timer:
// 100 × 50 + 10 × 1,000 = 15,000 deliveries a second. Latency per delivery is
// the client's receipt time minus the commit, as this process sees it: it
// LISTENs on the channel the database announces each committed event on and
// sends those times to the client processes (one machine, one clock). Beside
// it, receipt minus the event's `at`: the moveLead transaction's start, so
// that one also counts the transaction itself.
// Then a bare `ws` server (live-bare-server.mjs) gets the same sockets grouped
// the same way and the same 110 broadcasts a second over HTTP; latency is
// receipt minus the generator's timestamp at send. The phases run one after
// the other. Heap per idle subscriber: heapUsed after GC with every
// subscription open and idle, minus before any socket, over the socket count.
//
// Env: BENCH_DATABASE_URL (local postgres), BENCH_SECONDS (30), BENCH_WARMUP_SECONDS (5),
// BENCH_CLIENT_PROCS (2), BENCH_TENANTS (100), BENCH_SUBSCRIBERS (50 per tenant),
// BENCH_HOT_SUBSCRIBERS (1000), BENCH_RATE (100/s), BENCH_HOT_RATE (10/s),
// BENCH_PROFILE_DIR and BENCH_HEAP_SNAPSHOT_DIR (unset; folders for CPU profiles and heap snapshots),
// BENCH_ANALYZE (1: analyze the database once its fixtures are made; 0: keep the new database's statistics).

import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@leadline/server/dist/db/client.js";
import { JobQueue } from "@leadline/server/dist/modules/jobs/job-queue.js";
import { createServices } from "@leadline/server/dist/modules/services.js";
import postgres from "postgres";
import { BENCH_RATE_LIMITS } from "./bench-env.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const seconds = env("BENCH_SECONDS", 30);
const warmupSeconds = env("BENCH_WARMUP_SECONDS", 5);
const clientProcs = env("BENCH_CLIENT_PROCS", 2);
// Folders for a CPU profile of each server during its measured load, and for heap snapshots of
// each server before any socket and with every subscriber idle (open both in Chrome DevTools).
// Separate runs: a heap snapshot leaves the process slower to collect for a while.
const profileDir = process.env.BENCH_PROFILE_DIR ?? null;
const snapshotDir = process.env.BENCH_HEAP_SNAPSHOT_DIR ?? null;
const normalTenants = env("BENCH_TENANTS", 100);
const perTenant = env("BENCH_SUBSCRIBERS", 50);
const hotSubscribers = env("BENCH_HOT_SUBSCRIBERS", 1000);
const normalRate = env("BENCH_RATE", 100);
const hotRate = env("BENCH_HOT_RATE", 10);
const LEADS_PER_TENANT = 20;
const HOT_LEADS = 100;
const CONNECT_BATCH = 100;
const GOALS = { p99Ms: 250, heapKb: 30, p99Ratio: 3 };

const log = (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const agent = new Agent({ keepAlive: true, maxSockets: 64 });
const dbName = `leadline_bench_${randomBytes(4).toString("hex")}`;
const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${dbName}`);
const dbUrl = new URL(baseUrl);
dbUrl.pathname = `/${dbName}`;
const databaseUrl = dbUrl.toString();

/** Stops every child and drops the database: at the end, on failure, and on Ctrl-C. */
let cleaning = null;
function cleanUp() {
  cleaning ??= (async () => {
    agent.destroy();
    await Promise.all([...children].map(stop));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  })();
  return cleaning;
}
process.once("SIGINT", () => {
  console.log("\ninterrupted: stopping the servers and dropping the database");
  cleanUp().finally(() => process.exit(130));
});

// ---------------------------------------------------------------- processes

const children = new Set();
let nextId = 1;
/** Sends an IPC request to a child and waits for the reply with the same id. */
function ask(child, message, timeoutMs = 600_000) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.off("message", onMessage);
      reject(new Error(`no answer to ${message.type}`));
    }, timeoutMs);
    const onMessage = (reply) => {
      if (reply?.id !== id) return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(reply);
    };
    child.on("message", onMessage);
    child.send({ ...message, id });
  });
}

function start(script, { gc = false, extraEnv = {} } = {}) {
  const child = fork(join(here, script), [], {
    cwd: root,
    execArgv: gc ? ["--expose-gc"] : [],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
      ...BENCH_RATE_LIMITS,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  // Leadline logs JSON lines at warn and above; show a few, but not the missing web app build.
  let shown = 0;
  child.stdout.on("data", (chunk) => {
    for (const line of chunk.toString().split("\n")) {
      if (!line || line.includes("client build not found") || shown >= 10) continue;
      shown++;
      console.log(`  (${script}) ${line.slice(0, 3000)}`);
    }
  });
  return child;
}

async function startServer(script, extraEnv) {
  const child = start(script, { gc: true, extraEnv });
  const [ready] = await Promise.race([
    once(child, "message"),
    once(child, "exit").then(([code]) => {
      throw new Error(`${script} exited with ${code}`);
    }),
  ]);
  if (ready?.type !== "ready") throw new Error(`${script} did not start`);
  return { child, port: ready.port };
}

async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(20_000).then(() => child.kill("SIGKILL"))]);
}

const heapOf = async (child) => (await ask(child, { type: "heap" })).heapUsed;

/** Busy and total jiffies of the whole machine (Linux), for CPU shares. */
function machineCpu() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const n = fields.map(Number);
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    return { busy: total - n[3] - n[4], total };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- HTTP

function post(url, body, headers = {}) {
  const target = new URL(url);
  const payload = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers },
      },
      (res) => {
        const chunks = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
      },
    );
    req.on("error", (error) => resolve({ status: 0, text: String(error) }));
    req.end(payload);
  });
}

// ---------------------------------------------------------------- statistics

function percentiles(buckets) {
  const total = buckets.reduce((n, [, c]) => n + c, 0);
  const at = (q) => {
    const rank = Math.ceil(q * total);
    let seen = 0;
    for (const [ms, c] of buckets) {
      seen += c;
      if (seen >= rank) return ms;
    }
    return Number.NaN;
  };
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: buckets.at(-1)?.[0] ?? Number.NaN };
}

function mergeBuckets(reports, key = "buckets") {
  const counts = new Map();
  for (const r of reports) for (const [ms, c] of r[key]) counts.set(ms, (counts.get(ms) ?? 0) + c);
  return [...counts].sort((a, b) => a[0] - b[0]);
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] : Number.NaN;
}

// ---------------------------------------------------------------- the run

const allTenants = [];
const results = {};
const clients = [];

async function startClients() {
  for (let i = 0; i < clientProcs; i++) clients.push(start("live-clients.mjs"));
}

async function closeClients() {
  await Promise.all(clients.map((c) => ask(c, { type: "close" }, 30_000).catch(() => {})));
  await Promise.all(clients.map(stop));
  clients.length = 0;
}

/** Every subscriber of every tenant, dealt round-robin to the client processes. */
async function connectAll(mode, url) {
  const specs = clients.map(() => []);
  let k = 0;
  for (const t of allTenants) {
    for (const token of t.tokens)
      specs[k++ % clients.length].push({ tenant: t.index, token, pipelineId: t.pipelineId });
  }
  const started = performance.now();
  const replies = await Promise.all(
    clients.map((c, i) => ask(c, { type: "connect", mode, url, specs: specs[i], batch: CONNECT_BATCH })),
  );
  const connected = replies.reduce((n, r) => n + r.connected, 0);
  const failed = replies.reduce((n, r) => n + r.failed, 0);
  log(`${connected} sockets open (${failed} failed) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed) throw new Error(`${failed} sockets failed to open`);
  return connected;
}

async function clientCounts() {
  const replies = await Promise.all(clients.map((c) => ask(c, { type: "count" })));
  return {
    received: replies.reduce((n, r) => n + r.received, 0),
    reached: replies.reduce((n, r) => n + r.reached, 0),
    cpuMs: replies.reduce((n, r) => n + r.cpuMs, 0),
    closed: replies.reduce((n, r) => n + r.closed, 0),
    errors: replies.reduce((n, r) => n + r.errors, 0),
  };
}

/** Waits until the clients hold `expected` deliveries (or `timeoutMs` passes); returns the wait. */
async function drain(expected, timeoutMs) {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if ((await clientCounts()).received >= expected) break;
    await sleep(100);
  }
  return performance.now() - started;
}

/**
 * Paced open-loop load: a 5 ms timer issues whatever the rates say is due by
 * now (normal changes round-robin over the tenants, hot ones in the hot
 * tenant), without waiting for earlier requests to answer.
 */
async function pacedLoad(durationS, fire) {
  const started = performance.now();
  const inFlight = new Set();
  const outcomes = [];
  let normal = 0;
  let hot = 0;
  const track = (promise) => {
    inFlight.add(promise);
    promise.then((o) => {
      inFlight.delete(promise);
      outcomes.push(o);
    });
  };
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Math.min((performance.now() - started) / 1000, durationS);
      const normalDue = Math.floor(elapsed * normalRate);
      const hotDue = Math.floor(elapsed * hotRate);
      while (normal < normalDue) track(fire(allTenants[normal % normalTenants], normal++));
      while (hot < hotDue) track(fire(allTenants[normalTenants], hot++));
      if (elapsed >= durationS) {
        clearInterval(timer);
        resolve();
      }
    }, 5);
  });
  const issuedS = (performance.now() - started) / 1000;
  await Promise.all(inFlight);
  const totalS = (performance.now() - started) / 1000;
  const ok = outcomes.filter((o) => o.ok);
  const skipped = outcomes.filter((o) => o.skipped).length;
  const expected = ok.reduce((n, o) => n + o.tenant.tokens.length, 0);
  const ms = ok.map((o) => o.ms).sort((a, b) => a - b);
  return {
    startedAt: Date.now() - totalS * 1000,
    issuedS,
    // Until the last answer: longer than issuedS when the server falls behind.
    seconds: totalS,
    normalPerS: ok.filter((o) => !o.tenant.hot).length / totalS,
    hotPerS: ok.filter((o) => o.tenant.hot).length / totalS,
    errors: outcomes.length - ok.length - skipped,
    skipped,
    expected,
    requestP50Ms: quantile(ms, 0.5),
    requestP99Ms: quantile(ms, 0.99),
  };
}

/** One phase: sockets, idle heap, warm-up, measured load, drain, report. */
async function phase(name, server, mode, wsUrl, fire) {
  const heapBefore = await heapOf(server);
  if (snapshotDir) await ask(server, { type: "heap-snapshot", dir: snapshotDir, name: `${mode}-before` });
  await startClients();
  const sockets = await connectAll(mode, wsUrl);

  // Every subscription is live once each subscriber has received one change of its tenant.
  // A subscription registers a moment after its socket's ack, so repeat a change per tenant until all have one.
  const syncStarted = performance.now();
  for (let round = 0; ; round++) {
    if (round % 10 === 0) await Promise.all(allTenants.map((t, i) => fire(t, i)));
    const { reached } = await clientCounts();
    if (reached >= sockets) {
      log(`all ${sockets} subscriptions deliver; idle 3 s, then heap`);
      break;
    }
    if (performance.now() - syncStarted > 30_000) {
      log(`WARNING: after 30 s only ${reached} of ${sockets} subscribers received a change; going on`);
      break;
    }
    await sleep(200);
  }
  await sleep(3_000);
  const heapIdle = await heapOf(server);
  if (snapshotDir) {
    const { path } = await ask(server, { type: "heap-snapshot", dir: snapshotDir, name: `${mode}-idle` });
    log(`${name}: heap snapshots before any socket and with every subscriber idle in ${path.replace("-idle", "-*")}`);
  }
  const heapPerSubscriberKb = (heapIdle - heapBefore) / sockets / 1024;
  log(`${name}: heap ${(heapBefore / 2 ** 20).toFixed(1)} → ${(heapIdle / 2 ** 20).toFixed(1)} MB idle`);

  if (warmupSeconds > 0) {
    const before = (await clientCounts()).received;
    const warm = await pacedLoad(warmupSeconds, fire);
    await drain(before + warm.expected, 10_000);
    const after = await clientCounts();
    log(
      `${name}: warmed up ${warmupSeconds} s (${after.received - before} of ${warm.expected} delivered, ` +
        `${after.closed} sockets closed, ${after.errors} client errors)`,
    );
  }
  await sleep(1_000);
  await Promise.all(clients.map((c) => ask(c, { type: "reset" })));
  const cpu0 = machineCpu();
  const main0 = process.cpuUsage();
  const server0 = await ask(server, { type: "stats", resetLoop: true });

  if (profileDir) await ask(server, { type: "profile-start" });
  log(`${name}: ${seconds} s of load`);
  const load = await pacedLoad(seconds, fire);
  const server1 = await ask(server, { type: "stats" });
  if (profileDir) {
    const { path } = await ask(server, { type: "profile-stop", dir: profileDir, name: mode });
    log(`${name}: CPU profile of the server during the load in ${path}`);
  }
  const cpu1 = machineCpu();
  const mainCpu = process.cpuUsage(main0);
  const clientCpuMs = (await clientCounts()).cpuMs;
  const drainMs = await drain(load.expected, 15_000);
  const reports = await Promise.all(clients.map((c) => ask(c, { type: "report" })));
  await closeClients();

  const received = reports.reduce((n, r) => n + r.received, 0);
  const fromTransactionStart = percentiles(mergeBuckets(reports));
  // From the first change to the last delivery (or the last answer, whichever is later).
  const lastDelivery = Math.max(...reports.map((r) => r.lastAt ?? 0));
  const deliveryWindowS = Math.max(load.seconds, (lastDelivery - load.startedAt) / 1000);
  const wall = load.seconds;
  const cores = (ms) => ms / 1000 / wall;
  const serverCores = cores(server1.cpuMs - server0.cpuMs);
  const clientCores = cores(clientCpuMs);
  const mainCores = cores((mainCpu.user + mainCpu.system) / 1000);
  const machineCores = cpu0 && cpu1 ? ((cpu1.busy - cpu0.busy) / (cpu1.total - cpu0.total)) * cpuCount() : null;
  const result = {
    sockets,
    ...percentiles(mergeBuckets(reports, "commitBuckets")),
    fromTransactionStart,
    // Deliveries that beat the listener's own notification, and any whose commit it never saw.
    beforeCommitSeen: reports.reduce((n, r) => n + r.commitNegative, 0),
    withoutCommitTime: reports.reduce((n, r) => n + r.withoutCommitTime, 0),
    deliveriesPerS: received / deliveryWindowS,
    loadSeconds: { issued: load.issuedS, untilLastAnswer: load.seconds, untilLastDelivery: deliveryWindowS },
    expected: load.expected,
    received,
    missed: Math.max(0, load.expected - received),
    duplicates: reports.reduce((n, r) => n + r.duplicates, 0),
    negativeLatencies: reports.reduce((n, r) => n + r.negative, 0),
    clientErrors: reports.reduce((n, r) => n + r.errors, 0),
    firstClientErrors: reports.flatMap((r) => r.firstErrors).slice(0, 5),
    socketsClosedDuringLoad: reports.reduce((n, r) => n + r.closedEarly, 0),
    closeCodes: reports.map((r) => r.closeCodes),
    drainMs: Math.round(drainMs),
    changesPerS: { normal: load.normalPerS, hot: load.hotPerS },
    requestErrors: load.errors,
    changesSkippedAllLeadsBusy: load.skipped,
    requestP50Ms: load.requestP50Ms,
    requestP99Ms: load.requestP99Ms,
    heapBeforeMb: heapBefore / 2 ** 20,
    heapIdleMb: heapIdle / 2 ** 20,
    heapPerSubscriberKb,
    cpuCores: {
      server: serverCores,
      clients: clientCores,
      loadGenerator: mainCores,
      machine: machineCores,
      rest: machineCores === null ? null : machineCores - serverCores - clientCores - mainCores,
    },
    serverGcShare: (server1.gcMs - server0.gcMs) / 1000 / wall,
    serverHeapAfterLoadMb: server1.heapUsed / 2 ** 20,
    serverLoopDelayP99Ms: server1.loopDelayP99Ms,
    serverLoopDelayMaxMs: server1.loopDelayMaxMs,
  };
  log(
    `${name}: p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.deliveriesPerS.toFixed(0)} deliveries/s, ` +
      `missed ${result.missed}, server ${serverCores.toFixed(2)} cores, clients ${clientCores.toFixed(2)} cores`,
  );
  return result;
}

function cpuCount() {
  try {
    return readFileSync("/proc/cpuinfo", "utf8").match(/^processor\s*:/gm).length;
  } catch {
    return 1;
  }
}

try {
  // ---------------------------------------------------------------- fixtures
  log(`provisioning ${normalTenants} + 1 tenants in ${dbName}`);
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 4 });
  const silent = { error() {}, info() {}, warn() {} };
  const services = createServices(
    database.db,
    { sessionTtlMs: 24 * 3_600_000 },
    new JobQueue(database.executeSql, silent),
  );
  for (let index = 0; index <= normalTenants; index++) {
    const hot = index === normalTenants;
    const slug = hot ? "hot" : `t${index}`;
    const tenant = await services.tenants.provisionTenant({ slug, name: hot ? "Hot tenant" : `Tenant ${index}` });
    const user = await services.tenants.createUser({
      tenantId: tenant.id,
      email: `manager@${slug}.test`,
      name: "Manager",
      roles: ["MANAGER"],
      active: true,
    });
    const { pipeline } = await services.pipelines.resolvePipelineOrThrow(database.db, tenant.id, null);
    const count = hot ? hotSubscribers : perTenant;
    // One session per socket, as if every subscriber were its own browser tab.
    const tokens = [];
    for (let i = 0; i < count; i += 50) {
      tokens.push(
        ...(await Promise.all(
          Array.from({ length: Math.min(50, count - i) }, () => services.auth.createSession(user)),
        )),
      );
    }
    allTenants.push({
      index,
      hot,
      pipelineId: pipeline.id,
      moverToken: await services.auth.createSession(user),
      tokens,
      leads: [],
      cursor: 0,
    });
  }
  await database.close();
  const totalSubscribers = allTenants.reduce((n, t) => n + t.tokens.length, 0);

  // ---------------------------------------------------------------- Leadline
  const leadline = await startServer("live-server.mjs", { PORT: "0", HOST: "127.0.0.1" });
  const gqlUrl = `http://127.0.0.1:${leadline.port}/graphql`;
  const gql = async (tenant, query, variables) => {
    const res = await post(gqlUrl, { query, variables }, { authorization: `Bearer ${tenant.moverToken}` });
    const body = res.status === 200 ? JSON.parse(res.text) : null;
    if (!body || body.errors) throw new Error(`${res.status} ${res.text.slice(0, 300)}`);
    return body.data;
  };
  log(`Leadline on port ${leadline.port}; creating leads`);
  await Promise.all(
    allTenants.map(async (t) => {
      for (let i = 0; i < (t.hot ? HOT_LEADS : LEADS_PER_TENANT); i++) {
        const { createLead } = await gql(
          t,
          "mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id status } } }",
          { input: { name: `Live bench ${t.index}-${i}`, source: "API", email: `lead${i}@t${t.index}.test` } },
        );
        t.leads.push({ id: createLead.lead.id, status: createLead.lead.status, busy: false });
      }
    }),
  );
  // The tables were filled moments ago: analyzed now, as autovacuum would within a server's first
  // minute, so the measured plans are a running server's (BENCH_ANALYZE=0 keeps the new database's).
  if (process.env.BENCH_ANALYZE !== "0") {
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe("analyze");
    await admin.end();
  }
  // Back and forth between two open stages of the default (lifecycle) pipeline.
  const other = { new: "working", working: "new" };
  const moveLead = async (tenant) => {
    let lead;
    for (let i = 0; i < tenant.leads.length && !lead; i++) {
      const candidate = tenant.leads[tenant.cursor++ % tenant.leads.length];
      if (!candidate.busy) lead = candidate;
    }
    if (!lead) return { tenant, ok: false, skipped: true, ms: 0 };
    lead.busy = true;
    const started = performance.now();
    const res = await post(
      gqlUrl,
      {
        query: "mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { status } }",
        variables: { id: lead.id, to: other[lead.status] ?? "working" },
      },
      { authorization: `Bearer ${tenant.moverToken}` },
    );
    const ms = performance.now() - started;
    lead.busy = false;
    const ok = res.status === 200 && !res.text.includes('"errors"');
    if (ok) lead.status = JSON.parse(res.text).data.moveLead.status;
    else if (moveErrors++ < 3) console.error(`  ! moveLead: ${res.status} ${res.text.slice(0, 300)}`);
    return { tenant, ok, ms };
  };
  let moveErrors = 0;
  // Warm the mutation path before the baseline heap, so JIT and caches are not counted per socket.
  for (const t of allTenants) await moveLead(t);
  const wsLeadline = `ws://127.0.0.1:${leadline.port}/graphql`;
  // Commit times: the database announces each committed event (`tenant:sequence`) on this channel.
  const listener = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  let commits = [];
  await listener.listen("lead_events", (payload) => commits.push([Number(payload.split(":")[1]), Date.now()]));
  const forwardCommits = setInterval(() => {
    if (!commits.length) return;
    for (const c of clients) c.send({ type: "commits", entries: commits });
    commits = [];
  }, 10);
  log(`Leadline phase: ${totalSubscribers} subscribers`);
  results.leadline = await phase("Leadline", leadline.child, "leadline", wsLeadline, (t) => moveLead(t));
  clearInterval(forwardCommits);
  await listener.end();
  await stop(leadline.child);

  // ---------------------------------------------------------------- bare floor
  const bare = await startServer("live-bare-server.mjs", { PORT: "0" });
  const broadcastUrl = `http://127.0.0.1:${bare.port}/broadcast`;
  let sequence = 0;
  const broadcast = async (tenant) => {
    const started = performance.now();
    const res = await post(broadcastUrl, { tenant: tenant.index, sequence: ++sequence, at: new Date().toISOString() });
    return { tenant, ok: res.status === 200, ms: performance.now() - started };
  };
  for (const t of allTenants) await broadcast(t);
  log(`bare ws phase: ${totalSubscribers} sockets`);
  results.bare = await phase("bare ws", bare.child, "bare", `ws://127.0.0.1:${bare.port}`, broadcast);
  await stop(bare.child);

  // ---------------------------------------------------------------- report
  const l = results.leadline;
  const b = results.bare;
  const ratio = l.p99 / Math.max(b.p99, 1);
  const f = (v, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : "n/a");
  console.log(
    `\nLive updates: ${normalTenants} tenants × ${perTenant} + 1 hot tenant × ${hotSubscribers} subscribers, ` +
      `${normalRate}/s + ${hotRate}/s status changes for ${seconds} s (target ${normalRate * perTenant + hotRate * hotSubscribers} deliveries/s)\n`,
  );
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(34) : c.padStart(15))).join(" | ")} |`;
  console.log(line(["", "Leadline", "bare ws", "ratio"]));
  console.log(line(["-".repeat(34), ...Array(3).fill(`${"-".repeat(14)}:`)]));
  console.log(line(["delivery p50 ms (commit → client)", f(l.p50, 0), f(b.p50, 0), f(l.p50 / Math.max(b.p50, 1), 2)]));
  console.log(line(["delivery p95 ms", f(l.p95, 0), f(b.p95, 0), ""]));
  console.log(line(["delivery p99 ms", f(l.p99, 0), f(b.p99, 0), f(ratio, 2)]));
  console.log(line(["delivery max ms", f(l.max, 0), f(b.max, 0), ""]));
  console.log(
    line([
      "from transaction start p50 / p99 ms",
      `${f(l.fromTransactionStart.p50, 0)} / ${f(l.fromTransactionStart.p99, 0)}`,
      `${f(b.p50, 0)} / ${f(b.p99, 0)}`,
      "",
    ]),
  );
  console.log(line(["deliveries/s", f(l.deliveriesPerS, 0), f(b.deliveriesPerS, 0), ""]));
  console.log(
    line([
      "seconds: changes / last delivery",
      `${f(l.loadSeconds.issued)} / ${f(l.loadSeconds.untilLastDelivery)}`,
      `${f(b.loadSeconds.issued)} / ${f(b.loadSeconds.untilLastDelivery)}`,
      "",
    ]),
  );
  console.log(line(["missed / expected", `${l.missed}/${l.expected}`, `${b.missed}/${b.expected}`, ""]));
  console.log(
    line([
      "changes/s achieved (normal + hot)",
      `${f(l.changesPerS.normal)} + ${f(l.changesPerS.hot)}`,
      `${f(b.changesPerS.normal)} + ${f(b.changesPerS.hot)}`,
      "",
    ]),
  );
  console.log(
    line([
      "change request p50 / p99 ms",
      `${f(l.requestP50Ms)} / ${f(l.requestP99Ms)}`,
      `${f(b.requestP50Ms)} / ${f(b.requestP99Ms)}`,
      "",
    ]),
  );
  console.log(
    line([
      "heap per idle subscriber KB",
      f(l.heapPerSubscriberKb),
      f(b.heapPerSubscriberKb),
      f(l.heapPerSubscriberKb / b.heapPerSubscriberKb, 2),
    ]),
  );
  console.log(line(["server CPU cores", f(l.cpuCores.server, 2), f(b.cpuCores.server, 2), ""]));
  console.log(line(["client processes CPU cores", f(l.cpuCores.clients, 2), f(b.cpuCores.clients, 2), ""]));
  console.log(line(["rest of machine (PostgreSQL…)", f(l.cpuCores.rest, 2), f(b.cpuCores.rest, 2), ""]));
  console.log(line(["server time in GC pauses", `${f(100 * l.serverGcShare)} %`, `${f(100 * b.serverGcShare)} %`, ""]));
  console.log(line(["server event-loop delay p99 ms", f(l.serverLoopDelayP99Ms), f(b.serverLoopDelayP99Ms), ""]));
  const goal = (ok) => (ok ? "PASS" : "FAIL");
  console.log(`\ngoal p99 < ${GOALS.p99Ms} ms: ${f(l.p99, 0)} ms ${goal(l.p99 < GOALS.p99Ms)}`);
  console.log(
    `goal heap ≤ ${GOALS.heapKb} KB per idle subscriber: ${f(l.heapPerSubscriberKb)} KB ${goal(l.heapPerSubscriberKb <= GOALS.heapKb)}`,
  );
  console.log(`goal p99 within ${GOALS.p99Ratio}× the bare floor: ${f(ratio, 2)}× ${goal(ratio <= GOALS.p99Ratio)}`);
  for (const [name, r] of [
    ["Leadline", l],
    ["bare ws", b],
  ]) {
    if (
      r.missed ||
      r.withoutCommitTime ||
      r.duplicates ||
      r.clientErrors ||
      r.socketsClosedDuringLoad ||
      r.requestErrors ||
      r.changesSkippedAllLeadsBusy
    ) {
      console.log(
        `note: ${name} missed ${r.missed}, without a commit time ${r.withoutCommitTime}, duplicates ${r.duplicates}, client errors ${r.clientErrors}, ` +
          `sockets closed ${r.socketsClosedDuringLoad}, request errors ${r.requestErrors}, ` +
          `changes skipped (every lead of the tenant had a move in flight) ${r.changesSkippedAllLeadsBusy}`,
      );
    }
  }
  console.log(
    `\n${JSON.stringify({
      config: { normalTenants, perTenant, hotSubscribers, normalRate, hotRate, seconds, warmupSeconds, clientProcs },
      leadline: l,
      bare: b,
      p99Ratio: ratio,
      goals: {
        p99: l.p99 < GOALS.p99Ms,
        heap: l.heapPerSubscriberKb <= GOALS.heapKb,
        p99Ratio: ratio <= GOALS.p99Ratio,
      },
    })}`,
  );
} finally {
  await cleanUp();
}
