// The setup the one-big-tenant benches share (workflow, scoring, duplicates): a
// throwaway database leadline_bench_<kind>_<random> with tenant "big", one
// privileged user and the reps of createReps; Leadline run on it as its own
// process; a GraphQL client for it. The server is stopped and the database
// dropped however the bench ends, unless BENCH_KEEP (or reuse) keeps it.
// Env: BENCH_DATABASE_URL (default local postgres), BENCH_KEEP.
// Usage (module): await withBigTenant({ kind, user }, async ({ tenant, user, reps, sql, startLeadline }) => …)

import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@leadline/server/dist/db/client.js";
import { JobQueue } from "@leadline/server/dist/modules/jobs/job-queue.js";
import { createServices } from "@leadline/server/dist/modules/services.js";
import postgres from "postgres";
import { BENCH_RATE_LIMITS } from "./bench-env.mjs";
import { createReps } from "./generate-leads.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const password = "bench-password";

/**
 * Runs `bench` against tenant "big" in a new database, or in `reuse`, one an earlier
 * run kept: its new migrations are applied and the tenant, `user` and reps looked up.
 * `user` is the privileged user made beside the reps ({ email, name, roles }).
 * `bench` gets the tenant, that user, the reps, `sql` (one connection to the database)
 * and `startLeadline()`, which runs the server and resolves to `{ gql, login }`.
 */
export async function withBigTenant({ kind, user, reuse }, bench) {
  const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = reuse ?? `leadline_bench_${kind}_${randomBytes(4).toString("hex")}`;
  const keep = Boolean(reuse || process.env.BENCH_KEEP);
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  if (!reuse) await admin.unsafe(`create database ${dbName}`);
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
  let child;
  try {
    // Opening the database applies any new migrations, to a reused one too.
    const database = await openDatabase({ kind: "postgres", url: url.toString(), poolSize: 2 });
    let people;
    try {
      people = reuse ? await lookUp(sql, user.email) : await provision(database, user);
    } finally {
      await database.close();
    }
    if (reuse) console.log(`Reusing ${dbName}`);

    const startLeadline = async () => {
      const port = 4800 + Math.floor(Math.random() * 200);
      child = spawn(process.execPath, [join(root, "server", "dist", "main.js")], {
        env: {
          ...process.env,
          DATABASE_URL: url.toString(),
          PORT: String(port),
          LOG_LEVEL: "warn",
          NODE_ENV: "production",
          ...BENCH_RATE_LIMITS,
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      await readyz(port);
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
        (await gql(`mutation { login(tenant: "big", email: "${email}", password: "${password}") { token } }`)).login
          .token;
      return { gql, login };
    };
    await bench({ ...people, sql, startLeadline });
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
    await sql.end();
    if (keep) console.log(`kept database ${dbName}`);
    else await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
}

async function provision(database, user) {
  const silent = { error() {}, info() {}, warn() {} };
  const services = createServices(database.db, { sessionTtlMs: 3_600_000 }, new JobQueue(database.executeSql, silent));
  const tenant = await services.tenants.provisionTenant({ slug: "big", name: "Big" });
  const created = await services.tenants.createUser({ tenantId: tenant.id, ...user, password });
  return { tenant, user: created, reps: await createReps(services, tenant.id, password) };
}

/** The people provision made, the reps in createReps' order (rep1, rep2, … rep10). */
async function lookUp(sql, email) {
  const [tenant] = await sql`select id from tenants where slug = 'big'`;
  const [user] = await sql`select id, email from users where tenant_id = ${tenant.id} and email = ${email}`;
  const reps = await sql`select id, email from users where tenant_id = ${tenant.id} and email like 'rep%'
    order by length(email), email`;
  return { tenant, user, reps };
}

async function readyz(port) {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Leadline on port ${port} was not ready after 30 s`);
}
