// pnpm bench:scoring — issue 6's recompute goal on real PostgreSQL: after
// setScoringRules, the background job rescores a tenant of BENCH_LEADS (default
// 100,000) leads in under 60 s. Leads are bulk-loaded by generate-leads.mjs, then
// given job titles and 0–7 tracking events each (about 3.5 on average) spread over
// four months. Leadline runs as its own process on that database; the script
// sends setScoringRules over GraphQL and times until the pg-boss job completes.
// Two changes are measured: the first rescores every lead (the generator's
// scores are random) and lowers the MQL/SQL thresholds, so open leads are
// promoted; the second is a small tweak where only some leads change.
// BENCH_KEEP=1 keeps the database for EXPLAIN afterwards.

import { withBigTenant } from "./big-tenant.mjs";
import { generateLeads } from "./generate-leads.mjs";

const count = Number(process.env.BENCH_LEADS ?? 100_000);
const user = { email: "admin@big.test", name: "A", roles: ["ADMIN"] };
await withBigTenant({ kind: "sc", user }, async ({ tenant, user: owner, reps, sql, startLeadline }) => {
  let started = performance.now();
  console.log(`Loading ${count.toLocaleString()} leads into one tenant…`);
  await generateLeads(sql, { tenantId: tenant.id, ownerIds: reps.map((r) => r.id), count });
  const titles = ["CEO", "VP Sales", "Director of IT", "Engineer", "Student", "Head of Marketing", "Analyst", null];
  await sql`update leads set job_title = (${titles}::text[])[1 + request_id % ${titles.length}] where tenant_id = ${tenant.id}`;
  const types = [
    "page_view",
    "page_view",
    "page_view",
    "email_open",
    "email_open",
    "email_click",
    "pricing_page_view",
    "content_download",
    "form_submit",
    "webinar_attended",
    "demo_request",
    "unsubscribe",
    "podcast_listen",
  ];
  await sql`
    insert into tracking_events (tenant_id, lead_id, type, occurred_at)
    select l.tenant_id, l.id, (${types}::text[])[1 + (l.request_id * 7 + k) % ${types.length}],
      now() - ((l.request_id * 13 + k * 29) % 120) * interval '1 day'
    from leads l cross join lateral generate_series(1, l.request_id % 8) as k
    where l.tenant_id = ${tenant.id}`;
  await sql`vacuum (analyze) leads, tracking_events`;
  const [{ events }] = await sql`select count(*)::int as events from tracking_events`;
  console.log(
    `loaded ${count.toLocaleString()} leads and ${events.toLocaleString()} tracking events in ${((performance.now() - started) / 1000).toFixed(0)} s`,
  );

  const { gql, login } = await startLeadline();
  const token = await login(owner.email);

  const totals = async () => {
    const [row] = await sql`select
      (select count(*)::int from score_snapshots) as snapshots,
      (select count(*)::int from lead_events where type = 'SCORE_CHANGED') as changed,
      (select count(*)::int from lead_events where type = 'STATUS_CHANGED' and payload ? 'threshold') as promoted`;
    return row;
  };
  const change = async (label, rules) => {
    const before = await totals();
    started = performance.now();
    await gql("mutation($rules: JSON!) { setScoringRules(rules: $rules) }", { rules }, token);
    const enqueued = performance.now() - started;
    let job;
    for (;;) {
      [job] = await sql`select state, extract(epoch from completed_on - started_on)::float8 as run
        from pgboss.job where name = 'score-recompute' and singleton_key = ${tenant.id}
        order by created_on desc limit 1`;
      if (job && ["completed", "failed"].includes(job.state)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const total = (performance.now() - started) / 1000;
    if (job.state !== "completed") throw new Error(`the recompute job ${job.state}`);
    const after = await totals();
    console.log(
      `| ${label.padEnd(46)} | ${total.toFixed(1).padStart(7)} | ${job.run.toFixed(1).padStart(7)} | ${Math.round(
        count / job.run,
      )
        .toLocaleString()
        .padStart(
          8,
        )} | ${(after.changed - before.changed).toLocaleString().padStart(8)} | ${(after.snapshots - before.snapshots).toLocaleString().padStart(9)} | ${(after.promoted - before.promoted).toLocaleString().padStart(8)} | ${enqueued.toFixed(0).padStart(5)} |`,
    );
  };
  console.log(`\n${count.toLocaleString()} leads, ${events.toLocaleString()} tracking events\n`);
  console.log(
    `| ${"rules change".padEnd(46)} | total s | job s   | leads/s  | rescored | snapshots | promoted | ms    |`,
  );
  console.log(`|${"-".repeat(48)}|--------:|--------:|---------:|---------:|----------:|---------:|------:|`);
  const thresholds = { mql: { score: 30 }, sql: { score: 60 } };
  await change("first: every score changes, thresholds lowered", { thresholds });
  await change("second: page_view 2 → 3 points", { thresholds, weights: { page_view: { points: 3 } } });
});
