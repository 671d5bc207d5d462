// The setup the floor benches share (bench, bench:intake): a throwaway database
// leadline_bench_<random> on BENCH_DATABASE_URL (default local postgres), child
// processes started on it (Leadline, the bare floor), and the teardown however
// the bench ends: processes stopped, database dropped.
// Usage (module): await withBenchDatabase(async ({ databaseUrl, dbName, startProcess, waitFor }) => …)
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

/**
 * A bench's load comes from one address and a few tokens, far past any real client's budget: the
 * budgets stay on (their per-request cost is measured) with ceilings the load never reaches.
 */
export const BENCH_RATE_LIMITS = {
  RATE_LIMIT_PER_TOKEN: "100000000",
  RATE_LIMIT_PER_IP: "100000000",
  RATE_LIMIT_WEBHOOK: "100000000",
};

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export async function withBenchDatabase(bench) {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `leadline_bench_${randomBytes(4).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const databaseUrl = url.toString();
  const children = [];
  /** Runs a Node script on the bench database (stderr shown, stdout dropped). */
  const startProcess = (script, env, nodeArgs = []) => {
    const child = spawn(process.execPath, [...nodeArgs, script], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "ignore", "inherit"],
    });
    children.push(child);
    return child;
  };
  /** Waits until the server on `port` answers `path` (200 for /readyz, anything elsewhere). */
  const waitFor = async (port, path) => {
    for (let i = 0; i < 200; i++) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        if (res.status === 200 || path !== "/readyz") return;
      } catch {}
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`server on ${port} did not come up`);
  };
  /** Runs Leadline (server/dist) on the bench database and answers its port once it is ready. */
  let leadlines = 0;
  const startLeadline = async (env = {}) => {
    // Ports apart for each instance a bench starts.
    const port = 4600 + 100 * (leadlines++ % 2) + Math.floor(Math.random() * 100);
    // BENCH_PROFILE_DIR=<dir> writes Leadline's CPU profile there when it stops (open it in Chrome's DevTools).
    const profile = process.env.BENCH_PROFILE_DIR;
    const nodeArgs = profile ? ["--cpu-prof", `--cpu-prof-dir=${profile}`] : [];
    startProcess(
      join(root, "server", "dist", "main.js"),
      { PORT: String(port), NODE_ENV: "production", ...BENCH_RATE_LIMITS, ...env },
      nodeArgs,
    );
    await waitFor(port, "/readyz");
    return port;
  };
  /** Runs PostGraphile (postgraphile-peer.mjs) for one tenant and answers its port once it serves. */
  const startPostGraphile = async (tenantId) => {
    const port = 4500 + Math.floor(Math.random() * 100);
    startProcess(join(root, "scripts", "bench", "postgraphile-peer.mjs"), { PORT: String(port), TENANT_ID: tenantId });
    await waitFor(port, "/graphql");
    return port;
  };
  /** Runs the bare floor handler (bare-server.mjs) for the floor tenant and answers its port once it is up. */
  const startBareFloor = async (floor) => {
    const port = 4800 + Math.floor(Math.random() * 200);
    startProcess(join(root, "scripts", "bench", "bare-server.mjs"), { PORT: String(port), ...floor });
    await waitFor(port, "/list");
    return port;
  };
  try {
    return await bench({
      databaseUrl,
      dbName,
      startProcess,
      waitFor,
      startLeadline,
      startBareFloor,
      startPostGraphile,
    });
  } finally {
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, "exit") : null)));
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

/**
 * The bare handler's own tenant, a SALES user and the default pipeline, made
 * through Leadline's services: the floor writes the same rows as Leadline does.
 * Answers the environment bare-server.mjs reads.
 */
export async function provisionFloor(services, db) {
  const tenant = await services.tenants.provisionTenant({ slug: "bench-floor", name: "Bench floor" });
  const user = await services.tenants.createUser({
    tenantId: tenant.id,
    email: "rep@floor.test",
    name: "Rep",
    roles: ["SALES"],
    password: "bench-password",
  });
  const { pipeline } = await services.pipelines.resolvePipelineOrThrow(db, tenant.id, null);
  return { TENANT_ID: tenant.id, PIPELINE_ID: pipeline.id, USER_ID: user.id };
}
