// pnpm bench:workflow — the workflow issue's reads on real PostgreSQL with one
// tenant of BENCH_LEADS (default 1,000,000) leads, bulk-loaded by generate-leads.mjs:
// board (6 columns × 50 cards + counts), inbox(NOW), inboxCounts, and the
// 1st vs the 1,000th page of leads(first: 50) through keyset cursors.
// Sequential requests from one client: the figures are latencies, p50 / p95.
// BENCH_KEEP=1 keeps the database for EXPLAIN afterwards; BENCH_DB=<name> runs again on one
// kept earlier instead of loading a new one; BENCH_ONLY=<text> measures only the rows whose
// name contains it.

import { withBigTenant } from "./big-tenant.mjs";
import { generateLeads } from "./generate-leads.mjs";
import { measureSequential } from "./sequential.mjs";

const count = Number(process.env.BENCH_LEADS ?? 1_000_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 100);
const user = { email: "manager@big.test", name: "M", roles: ["MANAGER"] };
const reuse = process.env.BENCH_DB || undefined;
const only = process.env.BENCH_ONLY ?? "";
await withBigTenant({ kind: "wf", user, reuse }, async ({ tenant, user: manager, reps, sql, startLeadline }) => {
  if (!reuse) {
    const started = performance.now();
    console.log(`Loading ${count.toLocaleString()} leads into one tenant…`);
    await generateLeads(sql, { tenantId: tenant.id, ownerIds: reps.map((r) => r.id), count });
    console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }

  const { gql, login } = await startLeadline();
  const managerToken = await login(manager.email);
  const repToken = await login(reps[0].email);
  const measure = async (name, fn) => {
    if (!name.includes(only)) return;
    const { p50, p95 } = await measureSequential(fn, samples);
    console.log(`| ${name.padEnd(52)} | ${p50.toFixed(1).padStart(7)} | ${p95.toFixed(1).padStart(7)} |`);
  };
  const BOARD = `{ board(perColumn: 50) { columns { stage { key } totalCount leads { edges { node { id name score owner { name } } } } } } }`;
  const INBOX = `query($after: String) { inbox(view: NOW, first: 50, after: $after) { totalCount edges { node { id name nextAction { dueAt } } } } }`;
  const LEADS = `query($after: String) { leads(first: 50, after: $after) { totalCount pageInfo { endCursor } edges { node { id requestId name } } } }`;
  const LEADS_NO_COUNT = `query($after: String) { leads(first: 50, after: $after) { pageInfo { endCursor } edges { node { id requestId name } } } }`;
  let cursor = null;
  if ("leads(first: 50) page 1,000".includes(only))
    for (let page = 1; page < 1000; page++)
      cursor = (await gql(LEADS_NO_COUNT, { after: cursor }, managerToken)).leads.pageInfo.endCursor;
  console.log(
    `\n${(await sql`select count(*)::int as n from leads`)[0].n.toLocaleString()} leads, ${samples} sequential requests per row\n`,
  );
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
});
