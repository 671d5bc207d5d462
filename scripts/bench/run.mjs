// pnpm bench: Leadline against bare floors on real PostgreSQL, side by side in one run.
//   (a) createLead over GraphQL vs a bare handler doing the same counter + INSERT … RETURNING
//   (b) leads(first: 50) with owner and stage vs the same SQL serialized to JSON by a bare handler,
//       and vs PostGraphile 4 (postgraphile-peer.mjs) asked for the same page of the same tenant
// Each Leadline run is made twice, with row-level security on (as shipped) and off
// (ROW_SECURITY=off, a second instance on the same database), to show what it costs.
// Each load is warmed up, then measured in alternating rounds (compareLoads in load.mjs).
// Env: BENCH_DATABASE_URL (default local postgres), BENCH_SECONDS (10, measured per load),
// BENCH_WARMUP_SECONDS (as BENCH_SECONDS), BENCH_ROUNDS (2), BENCH_CONCURRENCY (16),
// BENCH_NO_NOTIFY=1 (the lead_events NOTIFY trigger disabled on the bench database: what the live
// fan-out's commit-time notification costs; live updates do not work in such a run).
import { openDatabase } from "@leadline/server/dist/db/client.js";
import { JobQueue } from "@leadline/server/dist/modules/jobs/job-queue.js";
import { createServices } from "@leadline/server/dist/modules/services.js";
import { provisionFloor, withBenchDatabase } from "./bench-env.mjs";
import { compareLoads } from "./load.mjs";

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP_SECONDS ?? seconds);
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

await withBenchDatabase(async ({ databaseUrl, dbName, startLeadline, startBareFloor, startPostGraphile }) => {
  // Migrations and fixtures through Leadline's own services.
  const database = await openDatabase({ kind: "postgres", url: databaseUrl, poolSize: 2 });
  const silent = { error() {}, info() {}, warn() {} };
  const services = createServices(database.db, { sessionTtlMs: 3_600_000 }, new JobQueue(database.executeSql, silent));
  const tenant = await services.tenants.provisionTenant({ slug: "bench", name: "Bench" });
  const password = "bench-password";
  await services.tenants.createUser({
    tenantId: tenant.id,
    email: "rep@bench.test",
    name: "Rep",
    roles: ["SALES"],
    password,
  });
  await services.tenants.createUser({
    tenantId: tenant.id,
    email: "manager@bench.test",
    name: "Manager",
    roles: ["MANAGER"],
    password,
  });
  const floor = await provisionFloor(services, database.db);
  if (process.env.BENCH_NO_NOTIFY === "1") {
    await database.executeSql("alter table lead_events disable trigger lead_events_notify", []);
    console.log("lead_events NOTIFY trigger disabled for this run (BENCH_NO_NOTIFY=1)");
  }
  await database.close();

  const leadlinePort = await startLeadline();
  const gqlUrl = `http://127.0.0.1:${leadlinePort}/graphql`;
  const withoutRlsUrl = `http://127.0.0.1:${await startLeadline({ ROW_SECURITY: "off" })}/graphql`;
  const token = async (email) => {
    const res = await fetch(gqlUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: `mutation { login(tenant: "bench", email: "${email}", password: "${password}") { token } }`,
      }),
    });
    return (await res.json()).data.login.token;
  };
  const repAuth = { authorization: `Bearer ${await token("rep@bench.test")}` };
  const managerAuth = { authorization: `Bearer ${await token("manager@bench.test")}` };

  const barePort = await startBareFloor(floor);
  const postgraphileUrl = `http://127.0.0.1:${await startPostGraphile(tenant.id)}/graphql`;

  const createBody = (i) => ({
    query: "mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id requestId } } }",
    variables: { input: { name: `Bench lead ${i}`, source: "API", email: `bench${i}@example.com` } },
  });
  const listQuery = {
    query: `{ leads(first: 50) { totalCount edges { node { id requestId name status email score createdAt
      owner { id name } stage { key label } } } } }`,
  };
  // The same page in PostGraphile's own names: its connection, the owner through the foreign key,
  // the stage through the computed column.
  const postgraphileListQuery = {
    query: `{ allLeads(first: 50, orderBy: [CREATED_AT_DESC, ID_DESC], condition: { retiredAt: null }) { totalCount
      nodes { id requestId name status email score createdAt userByOwnerId { id name } stage { key label } } } }`,
  };
  const okGraphQL = (text) => !text.includes('"errors"');
  const compare = (loads) => compareLoads(loads, { seconds, warmup, rounds, concurrency });

  console.log(
    `Benchmark on PostgreSQL (${dbName}), ${concurrency} concurrent clients: each run warmed up ${warmup}s, ` +
      `then ${seconds}s measured in ${rounds} alternating rounds\n`,
  );
  const leadlineCreate = { url: gqlUrl, headers: repAuth, body: createBody, check: okGraphQL };
  const bareCreate = {
    url: `http://127.0.0.1:${barePort}/create`,
    body: (i) => ({ name: `Floor ${i}`, source: "API", email: `f${i}@example.com` }),
  };
  const withoutRls = (run) => ({ ...run, url: withoutRlsUrl });
  const [a1, a0, a2] = await compare([leadlineCreate, bareCreate, withoutRls(leadlineCreate)]);

  const leadlineList = { url: gqlUrl, headers: managerAuth, body: () => listQuery, check: okGraphQL };
  const bareList = { url: `http://127.0.0.1:${barePort}/list`, body: () => ({ tenantId: tenant.id }) };
  const peerList = { url: postgraphileUrl, body: () => postgraphileListQuery, check: okGraphQL };
  const [b1, b0, b2, b3] = await compare([leadlineList, bareList, withoutRls(leadlineList), peerList]);

  const row = (name, r) =>
    `| ${name.padEnd(44)} | ${r.rps.toFixed(0).padStart(7)} | ${r.p50.toFixed(1).padStart(6)} | ${r.p99.toFixed(1).padStart(6)} | ${String(r.errors).padStart(6)} |`;
  console.log("| run                                          |   req/s | p50 ms | p99 ms | errors |");
  console.log("|----------------------------------------------|--------:|-------:|-------:|-------:|");
  console.log(row("(a) createLead via GraphQL", a1));
  console.log(row("(a) bare handler: counter + INSERT RETURNING", a0));
  console.log(row("(a) createLead, row-level security off", a2));
  console.log(row("(b) leads(first: 50) + owner + stage", b1));
  console.log(row("(b) bare handler: same SQL to JSON", b0));
  console.log(row("(b) leads(first: 50), row-level security off", b2));
  console.log(row("(b) PostGraphile 4: the same page, same RLS", b3));
  console.log(`\nratio (a) createLead / raw insert: ${(a1.rps / a0.rps).toFixed(2)} (goal ≥ 0.60)`);
  console.log(`ratio (b) leads(first:50) / raw query: ${(b1.rps / b0.rps).toFixed(2)} (goal ≥ 0.60)`);
  console.log(`ratio (b) leads(first:50) / PostGraphile: ${(b1.rps / b3.rps).toFixed(2)} (goal ≥ 1.0)`);
  console.log(
    `row-level security on / off: createLead ${(a1.rps / a2.rps).toFixed(2)}, leads(first:50) ${(b1.rps / b2.rps).toFixed(2)}`,
  );
});
