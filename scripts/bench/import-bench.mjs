// pnpm bench:import: a CSV import of ROWS generated rows (default 100,000) on real PostgreSQL, streamed to
// POST /api/v1/imports from a generator (never a buffer), beside a floor: the same rows written by a bare
// postgres.js loop doing counter + INSERT per row, 500 rows a transaction, in the same run.
// Prints rows/s for both, and the server's RSS growth over its idle baseline (VmRSS of its process, sampled
// every 50 ms) when a tenth, half and all of the rows have committed. V8 and malloc keep what they reserved,
// so RSS climbs to a plateau and stays there; memory that held rows would keep climbing with the file. The
// goal is a flat second half: it adds at most RSS_FLAT_MB while the first half's rows are already in.
// Env: BENCH_DATABASE_URL (default local postgres), ROWS (100000). Linux (reads /proc).
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { openDatabase } from "@leadline/server/dist/db/client.js";
import { JobQueue } from "@leadline/server/dist/modules/jobs/job-queue.js";
import { createServices } from "@leadline/server/dist/modules/services.js";
import postgres from "postgres";
import { provisionFloor, withBenchDatabase } from "./bench-env.mjs";

const ROWS = Number(process.env.ROWS ?? 100_000);
const CHUNK = 500;
/** Goals: the import at least this share of the bare loop's rate; the second half's RSS growth at most this. */
const RATE_GOAL = 0.25;
const RSS_FLAT_MB = 25;

const row = (i) => `Import Lead ${i},import${i}@example.com,${i % 7 === 0 ? "CEO" : "Buyer"},City ${i % 50},fair\n`;
const HEADER = "name,email,jobTitle,city,utm_source\n";

await withBenchDatabase(async ({ databaseUrl, dbName, startLeadline }) => {
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 2 });
  const silent = { error() {}, info() {}, warn() {} };
  const services = createServices(database.db, { sessionTtlMs: 3_600_000 }, new JobQueue(database.executeSql, silent));
  const tenant = await services.tenants.provisionTenant({ slug: "bench", name: "Bench" });
  const password = "bench-password";
  await services.tenants.createUser({
    tenantId: tenant.id,
    email: "admin@bench.test",
    name: "Admin",
    roles: ["ADMIN"],
    password,
  });
  const floor = await provisionFloor(services, database.db);
  await database.close();

  const port = await startLeadline();
  const base = `http://127.0.0.1:${port}`;
  const gql = async (query, token) => {
    const res = await fetch(`${base}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    return (await res.json()).data;
  };
  const { login } = await gql(
    `mutation { login(tenant: "bench", email: "admin@bench.test", password: "${password}") { token } }`,
  );
  const { createApiKey } = await gql(
    'mutation { createApiKey(name: "bench", roles: [MANAGER]) { secret } }',
    login.token,
  );
  const key = createApiKey.secret;
  const pid = leadlinePid();

  console.log(`Import benchmark on PostgreSQL (${dbName}): ${ROWS.toLocaleString("en")} rows\n`);

  // Warm-up: a small import, so the baseline RSS includes what any request brings in.
  await importRows(base, key, 200, 1_000_000_000);
  const baseline = rssOf(pid);
  let peak = baseline;
  /** Peak growth when a tenth and half of the rows had committed. */
  const marks = { tenth: null, half: null };
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssOf(pid));
  }, 50);
  const progress = setInterval(async () => {
    const res = await fetch(`${base}/api/v1/imports?first=1`, { headers: { authorization: `Bearer ${key}` } });
    const processed = (await res.json()).data[0]?.processedRows ?? 0;
    if (marks.tenth === null && processed >= ROWS / 10) marks.tenth = peak - baseline;
    if (marks.half === null && processed >= ROWS / 2) marks.half = peak - baseline;
    process.stderr.write(`\r  ${processed.toLocaleString("en")} rows committed`);
  }, 500);
  const started = performance.now();
  const summary = await importRows(base, key, ROWS, 0);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  clearInterval(progress);
  process.stderr.write("\n");
  if (summary.status !== "DONE" || summary.createdCount !== ROWS || summary.errorCount !== 0) {
    throw new Error(`import did not create every row: ${JSON.stringify(summary).slice(0, 500)}`);
  }

  const bare = await bareLoop(databaseUrl, floor, ROWS);

  const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
  const rate = ROWS / seconds;
  const bareRate = ROWS / bare;
  console.log("| run                                                   |  rows/s | seconds |");
  console.log("|-------------------------------------------------------|--------:|--------:|");
  console.log(
    `| POST /api/v1/imports, streamed CSV, ${CHUNK} rows a commit   | ${rate.toFixed(0).padStart(7)} | ${seconds.toFixed(1).padStart(7)} |`,
  );
  console.log(
    `| bare postgres.js: counter + INSERT, ${CHUNK} rows a commit   | ${bareRate.toFixed(0).padStart(7)} | ${bare.toFixed(1).padStart(7)} |`,
  );
  console.log(`\nratio import / bare loop: ${(rate / bareRate).toFixed(2)} (goal ≥ ${RATE_GOAL})`);
  const fileBytes =
    Buffer.byteLength(HEADER) +
    Array.from({ length: ROWS }, (_, i) => Buffer.byteLength(row(i))).reduce((a, b) => a + b, 0);
  const at = (growth) => (growth === null ? "n/a" : `${mb(growth)} MB`);
  console.log(
    `server RSS growth: ${at(marks.tenth)} at a tenth, ${at(marks.half)} at half, ${mb(peak - baseline)} MB at the end ` +
      `(the file is ${mb(fileBytes)} MB)`,
  );
  if (marks.half !== null) {
    console.log(`second half added ${mb(peak - baseline - marks.half)} MB (goal ≤ ${RSS_FLAT_MB} MB: flat)`);
  }
});

/** Streams ROWS generated rows (numbered from `from`) to the import, from a generator, and answers its summary. */
async function importRows(base, key, rows, from) {
  async function* file() {
    yield HEADER;
    let lines = "";
    for (let i = 0; i < rows; i++) {
      lines += row(from + i);
      if (lines.length > 16_384) {
        yield lines;
        lines = "";
      }
    }
    yield lines;
  }
  const res = await fetch(`${base}/api/v1/imports?fileName=bench.csv`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "text/csv" },
    body: ReadableStream.from(file()),
    duplex: "half",
  });
  return res.json();
}

/** The same rows' minimum database work, as bare-server.mjs does it, in transactions of CHUNK rows. */
async function bareLoop(databaseUrl, { TENANT_ID: tenantId, PIPELINE_ID: pipelineId, USER_ID: userId }, rows) {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const started = performance.now();
  for (let start = 0; start < rows; start += CHUNK) {
    await sql.begin(async (tx) => {
      for (let i = start; i < Math.min(rows, start + CHUNK); i++) {
        const [{ value }] = await tx`
          insert into tenant_counters (tenant_id, name, value) values (${tenantId}, 'lead', 1)
          on conflict (tenant_id, name) do update set value = tenant_counters.value + 1 returning value`;
        await tx`
          insert into leads (tenant_id, request_id, pipeline_id, status, rank, source, channel, name, email, owner_id, created_by_id)
          values (${tenantId}, ${value}, ${pipelineId}, 'new', 'zzzzzzzzzi', 'IMPORT', 'IMPORT', ${`Floor ${i}`}, ${`floor${i}@example.com`}, ${userId}, ${userId})`;
      }
    });
  }
  const seconds = (performance.now() - started) / 1000;
  await sql.end();
  return seconds;
}

/** The Leadline server this bench started: its child process running server/dist/main.js. */
function leadlinePid() {
  const out = execFileSync("ps", ["--ppid", String(process.pid), "-o", "pid=,args="], { encoding: "utf8" });
  const line = out.split("\n").find((l) => l.includes("main.js"));
  if (!line) throw new Error("cannot find the Leadline process");
  return Number(line.trim().split(/\s+/)[0]);
}

function rssOf(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}
