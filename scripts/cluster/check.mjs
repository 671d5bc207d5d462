// The live and crash checks through the cluster (cluster.mjs: two instances,
// HAProxy, PgBouncer in transaction mode), on real PostgreSQL:
//
// 1. live: a subscriber connected through the balancer receives the CREATED
//    event of every lead created through it, whichever instance served the create;
// 2. crash: createLead at load through the balancer while one instance is
//    killed with SIGKILL and restarted; then every acknowledged lead is stored
//    exactly once, the request numbers are gap-free and unique, and the
//    subscriber (reconnecting and catching up with leadEventsSince from the last
//    sequence it saw) has every acknowledged lead's CREATED event.
//
// Usage: node scripts/cluster/check.mjs   (CLUSTER_LOAD_SECONDS, default 6)
// Exits non-zero, saying why, when a check fails.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { createClient } from "graphql-ws";
import postgres from "postgres";
import WebSocket from "ws";
import { root, startCluster } from "./cluster.mjs";

const LOAD_SECONDS = Number(process.env.CLUSTER_LOAD_SECONDS ?? 6);
const CONCURRENCY = 8;
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? "✓" : "✖"} ${message}`);
  if (!ok) failures.push(message);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const cluster = await startCluster({
  instances: 2,
  log: (line) => process.env.CLUSTER_VERBOSE && process.stderr.write(line),
});
const subscribers = [];
try {
  console.log(
    `cluster: ${cluster.url} → ${cluster.instanceUrls.join(", ")} (PgBouncer ${cluster.pooledUrl.split("@")[1]})`,
  );
  // The demo tenant, made by the product's own seed through the pooler.
  const seeded = spawnSync(process.execPath, [join(root, "server", "dist", "scripts", "seed.js")], {
    env: { ...process.env, DATABASE_URL: cluster.pooledUrl, DATABASE_DIRECT_URL: cluster.directUrl, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);

  const gql = async (query, variables, token) => {
    const res = await fetch(`${cluster.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, servedBy: res.headers.get("x-served-by"), body: await res.json().catch(() => null) };
  };
  const login = await gql(
    `mutation { login(tenant: "demo", email: "manager@demo.test", password: "demo-password") { token } }`,
  );
  const token = login.body?.data?.login?.token;
  if (!token) throw new Error(`login failed: ${JSON.stringify(login.body)}`);

  // Subscribers through the balancer (two, so round robin puts one on each instance: one of them
  // loses its instance in the crash), each reconnecting and catching up from the last sequence it saw.
  const connect = () => {
    const seen = new Map(); // lead id → sequence of its CREATED event
    let lastSequence = null;
    const state = { seen, connections: 0, client: null };
    const record = (event) => {
      if (event.type === "CREATED") seen.set(event.lead.id, event.sequence);
      if (lastSequence === null || BigInt(event.sequence) > BigInt(lastSequence)) lastSequence = event.sequence;
    };
    const catchUp = async (client) => {
      for (;;) {
        if (lastSequence === null) return;
        const page = [];
        for await (const result of client.iterate({
          query: "query($s: String!) { leadEventsSince(sequence: $s, first: 500) { type sequence lead { id } } }",
          variables: { s: lastSequence },
        })) {
          page.push(...(result.data?.leadEventsSince ?? []));
        }
        for (const event of page) record(event);
        if (page.length < 500) return;
      }
    };
    const client = createClient({
      url: `${cluster.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 1000,
      retryWait: () => sleep(200),
      shouldRetry: () => true,
      lazy: false,
    });
    client.on("connected", () => {
      state.connections++;
      // Subscribe first, then catch up on the same socket: nothing committed in between is missed.
      client.subscribe(
        { query: "subscription { leadEvents { type sequence lead { id } } }" },
        { next: (v) => v.data && record(v.data.leadEvents), error: () => {}, complete: () => {} },
      );
      void catchUp(client).catch(() => {});
    });
    state.client = client;
    return state;
  };
  subscribers.push(connect(), connect());
  await sleep(500);

  const create = (i) =>
    gql(
      `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id requestId } } }`,
      { input: { source: "API", name: `Cluster ${i}`, email: `cluster${i}@example.org` } },
      token,
    );

  // 1. Live across instances.
  const first = [];
  const servers = new Set();
  for (let i = 0; i < 20; i++) {
    const res = await create(`live-${i}`);
    if (res.body?.data) first.push(res.body.data.createLead.lead);
    else if (i === 0) console.error(`  create refused: ${res.status} ${JSON.stringify(res.body)}`);
    servers.add(res.servedBy);
  }
  check(
    servers.size === 2,
    `the balancer spread 20 creates over ${servers.size} instances (${[...servers].join(", ")})`,
  );
  const liveDeadline = Date.now() + 10_000;
  const hasAll = (leads) => subscribers.every((s) => leads.every((l) => s.seen.has(l.id)));
  while (!hasAll(first) && Date.now() < liveDeadline) await sleep(50);
  check(
    first.length === 20 && hasAll(first),
    `each of two subscribers through the balancer received all ${first.length} CREATED events, from both instances`,
  );

  // 2. Crash mid-load.
  const acknowledged = [];
  let refused = 0;
  let n = 0;
  const until = Date.now() + LOAD_SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const i = n++;
      try {
        const res = await create(`load-${i}`);
        const lead = res.body?.data?.createLead?.lead;
        if (res.status === 200 && lead) acknowledged.push(lead);
        else refused++;
      } catch {
        refused++;
      }
    }
  };
  const load = Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await sleep((LOAD_SECONDS * 1000) / 3);
  await cluster.kill(1);
  console.log(`  killed instance 2 with SIGKILL after ${acknowledged.length} acknowledged creates`);
  await sleep((LOAD_SECONDS * 1000) / 3);
  await cluster.restart(1);
  console.log("  instance 2 restarted");
  await load;
  console.log(`  load: ${acknowledged.length} acknowledged, ${refused} not acknowledged (in flight at the kill)`);

  const db = postgres(cluster.directUrl, { max: 1, onnotice: () => {} });
  const all = [...first, ...acknowledged];
  const stored = await db`
    select id::text, request_id from leads where id = any(${all.map((l) => l.id)}::uuid[])`;
  check(stored.length === all.length, `every acknowledged lead is stored (${stored.length} of ${all.length})`);
  const byId = new Map(stored.map((r) => [r.id, Number(r.request_id)]));
  check(
    all.every((l) => byId.get(l.id) === l.requestId),
    "each is stored once, under the request number it was acknowledged with",
  );
  const [numbers] = await db`
    select count(*)::int as n, count(distinct request_id)::int as distinct_n, min(request_id)::int as lo, max(request_id)::int as hi
    from leads where tenant_id = (select id from tenants where slug = 'demo')`;
  check(
    numbers.n === numbers.distinct_n && numbers.hi - numbers.lo + 1 === numbers.n,
    `request numbers ${numbers.lo}…${numbers.hi}: ${numbers.n} leads, none doubled, none skipped`,
  );
  await db.end();

  const catchDeadline = Date.now() + 20_000;
  while (!hasAll(all) && Date.now() < catchDeadline) await sleep(100);
  for (const [i, s] of subscribers.entries()) {
    const missing = all.filter((l) => !s.seen.has(l.id)).length;
    check(
      missing === 0,
      `subscriber ${i + 1} (connected ${s.connections} time(s)) has every acknowledged lead's CREATED event (${missing} missing)`,
    );
  }
  check(
    subscribers.some((s) => s.connections > 1),
    "one subscriber lost its instance in the crash, reconnected through the balancer and caught up",
  );
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.error(error);
} finally {
  for (const s of subscribers) await s.client?.dispose();
  await cluster.stop();
}
if (failures.length) {
  console.error(`cluster check failed: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log("cluster check passed");
