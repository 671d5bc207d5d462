// pnpm bench:intake: the signed inbound webhook on real PostgreSQL, beside the bare floor, in one run.
//   (a) one signed lead per request vs the bare node:http + postgres.js handler doing counter + insert
//   (b) batches of 500 signed leads into one tenant, sustained, in leads/s, with p99 per request
// BENCH_TRACE=1 prints every request's start and latency (load.mjs).
// (a)'s two loads are warmed up, then measured in alternating rounds (compareLoads in load.mjs).
// Env: BENCH_DATABASE_URL (default local postgres), BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (as
// BENCH_SECONDS), BENCH_ROUNDS (2), BENCH_CONCURRENCY (16),
// BENCH_BATCH_SECONDS (30), BENCH_BATCH_CONCURRENCY (2: one per core here; more clients only queue),
// BENCH_ANALYZE (1: analyze the database after the warm-up; 0: keep the new database's statistics).
import { randomUUID } from "node:crypto";
import { openDatabase } from "@leadline/server/dist/db/client.js";
import { JobQueue } from "@leadline/server/dist/modules/jobs/job-queue.js";
import { createServices } from "@leadline/server/dist/modules/services.js";
import { Webhook } from "standardwebhooks";
import { provisionFloor, withBenchDatabase } from "./bench-env.mjs";
import { compareLoads, runLoad } from "./load.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? seconds);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);
const batchSeconds = Number(process.env.BENCH_BATCH_SECONDS ?? 30);
const batchConcurrency = Number(process.env.BENCH_BATCH_CONCURRENCY ?? 2);
const BATCH = 500;

await withBenchDatabase(async ({ databaseUrl, dbName, startLeadline, startBareFloor }) => {
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 2 });
  const silent = { error() {}, info() {}, warn() {} };
  const services = createServices(database.db, { sessionTtlMs: 3_600_000 }, new JobQueue(database.executeSql, silent));
  await services.tenants.provisionTenant({ slug: "bench", name: "Bench" });
  const password = "bench-password";
  const tenant = await services.tenants.findTenant("bench");
  await services.tenants.createUser({
    tenantId: tenant.id,
    email: "admin@bench.test",
    name: "Admin",
    roles: ["ADMIN"],
    password,
  });
  const floor = await provisionFloor(services, database.db);
  await database.close();

  const leadlinePort = await startLeadline();
  const gql = async (query, token) => {
    const res = await fetch(`http://127.0.0.1:${leadlinePort}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return (await res.json()).data;
  };
  const { login } = await gql(
    `mutation { login(tenant: "bench", email: "admin@bench.test", password: "${password}") { token } }`,
  );
  const { rotateWebhookSecret } = await gql("mutation { rotateWebhookSecret { secret } }", login.token);
  const signer = new Webhook(rotateWebhookSecret.secret);
  const sign = (payload) => {
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    return {
      "webhook-id": id,
      "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
      "webhook-signature": signer.sign(id, at, payload),
    };
  };

  const barePort = await startBareFloor(floor);

  const hookUrl = `http://127.0.0.1:${leadlinePort}/hooks/leads/bench`;
  const lead = (i) => ({ name: `Hook lead ${i}`, source: "WEBHOOK", email: `hook${i}-${randomUUID()}@example.com` });
  const single = { url: hookUrl, body: lead, sign, okStatus: 201 };
  const bare = {
    url: `http://127.0.0.1:${barePort}/create`,
    body: (i) => ({ name: `Floor ${i}`, source: "API", email: `f${i}@example.com` }),
  };
  const batch = {
    url: hookUrl,
    body: (i) => Array.from({ length: BATCH }, (_, j) => lead(`${i}-${j}`)),
    sign,
    okStatus: 201,
  };

  console.log(`Intake benchmark on PostgreSQL (${dbName})\n`);
  // After the warm-up the bench database is analyzed, as autovacuum does on any running server
  // within its first minute: until then PostgreSQL plans (and keeps plans) for the empty tables
  // the database was created with. BENCH_ANALYZE=0 measures that first minute instead.
  const analyze = async () => {
    if (process.env.BENCH_ANALYZE === "0") return;
    const { default: postgres } = await import("postgres");
    const admin = postgres(databaseUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe("analyze");
    await admin.end();
  };
  const [a1, a0] = await compareLoads([single, bare], { seconds, warmup, rounds, concurrency, afterWarmup: analyze });
  const b = await runLoad({ ...batch, concurrency: batchConcurrency, seconds: batchSeconds });

  const row = (name, r) =>
    `| ${name.padEnd(50)} | ${r.rps.toFixed(0).padStart(7)} | ${r.p50.toFixed(1).padStart(7)} | ${r.p99.toFixed(1).padStart(7)} | ${(r.cpuMs?.toFixed(2) ?? "-").padStart(11)} | ${String(r.errors).padStart(6)} |`;
  console.log(
    "| run                                                |   req/s |  p50 ms |  p99 ms | CPU ms/req¹ | errors |",
  );
  console.log(
    "|----------------------------------------------------|--------:|--------:|--------:|------------:|-------:|",
  );
  console.log(row(`(a) signed webhook, 1 lead (${concurrency} clients, ${seconds}s)`, a1));
  console.log(row("(a) bare handler: counter + INSERT RETURNING", a0));
  console.log(row(`(b) signed webhook, ${BATCH} leads (${batchConcurrency} clients, ${batchSeconds}s)`, b));
  console.log("¹ busy CPU of the whole machine (load generator, server, PostgreSQL) per answered request");
  console.log(`\nratio (a) signed webhook / bare insert: ${(a1.rps / a0.rps).toFixed(2)} (goal ≥ 0.50)`);
  if (a1.cpuMs && a0.cpuMs) {
    console.log(
      `CPU per request, bare / signed webhook: ${(a0.cpuMs / a1.cpuMs).toFixed(2)} (the ratio the rate tends to)`,
    );
  }
  console.log(
    `(b) sustained: ${(b.rps * BATCH).toFixed(0)} leads/s (goal ≥ 1000), p99 per request ${b.p99.toFixed(0)} ms (goal < 1000)`,
  );
});
