// pnpm bench:crm — the contacts and companies pages' searches (issue 15 item 1) on real
// PostgreSQL: one tenant of BENCH_LEADS (default 1,000,000) leads, BENCH_CONTACTS
// (200,000) contacts at BENCH_COMPANIES (50,000) companies, every contact the person of
// one lead (so a rep sees the contacts of the leads they may see). Each row is the page's
// own query (first 25 with totalCount), sent one after another by one client (after 5
// warm-ups), as a manager (the whole tenant) and as a rep (through visible leads); the
// figures include HTTP, auth, GraphQL and row-level security, p50 / p95 beside the
// 200 ms goal and beside the floor `{ me { id } }` in the same run.
// BENCH_KEEP=1 keeps the loaded database; BENCH_DB=<kept name> measures it again.
// Env: BENCH_LEADS, BENCH_CONTACTS, BENCH_COMPANIES, BENCH_SAMPLES (default 50), BENCH_DB, BENCH_KEEP.

import { withBigTenant } from "./big-tenant.mjs";
import { generateLeads } from "./generate-leads.mjs";
import { loadAverage as load, measureSequential } from "./sequential.mjs";

const leadCount = Number(process.env.BENCH_LEADS ?? 1_000_000);
const contactCount = Number(process.env.BENCH_CONTACTS ?? 200_000);
const companyCount = Number(process.env.BENCH_COMPANIES ?? 50_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 50);
const GOAL_MS = 200;
const user = { email: "manager@big.test", name: "M", roles: ["MANAGER"] };

const FIRST = ["Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Niklaus"];
const LAST = [
  "Lovelace",
  "Hopper",
  "Turing",
  "Dijkstra",
  "Liskov",
  "Knuth",
  "Allen",
  "Thompson",
  "Hamilton",
  "Wirth",
  "Smith",
  "Garcia",
  "Nguyen",
  "Okafor",
  "Kowalski",
  "Tanaka",
  "Silva",
  "Novak",
  "Haddad",
  "Larsen",
];
const WORDS = [
  "North",
  "Wind",
  "Blue",
  "River",
  "Stone",
  "Bright",
  "Oak",
  "Harbor",
  "Summit",
  "Pioneer",
  "Cedar",
  "Falcon",
  "Silver",
  "Maple",
  "Iron",
  "Coast",
  "Prairie",
  "Lantern",
  "Atlas",
  "Beacon",
];
const KINDS = ["Logistics", "Foods", "Clinic", "Builders", "Media", "Energy", "Textiles", "Labs"];

const CONTACTS = `query($search: String) { contacts(first: 25, search: $search) {
  totalCount edges { cursor node { id firstName lastName email phone saved company { id name } } } } }`;
const COMPANIES = `query($search: String) { companies(first: 25, search: $search) {
  totalCount edges { cursor node { id name website } } } }`;
const ROWS = [
  ["contacts, newest first (no search)", CONTACTS, {}],
  ["contacts: a common surname (smith)", CONTACTS, { search: "smith" }],
  ["contacts: part of one email (ada.lovelace12000)", CONTACTS, { search: "ada.lovelace12000" }],
  ["contacts: one phone number (0123456)", CONTACTS, { search: "0123456" }],
  ["companies, A to Z (no search)", COMPANIES, {}],
  ["companies: a common word (harbor)", COMPANIES, { search: "harbor" }],
  ["companies: one company (falcon coast builders 4711)", COMPANIES, { search: "falcon coast builders 4711" }],
];

const reuse = process.env.BENCH_DB || undefined;
await withBigTenant({ kind: "crm", user, reuse }, async ({ tenant, user: manager, reps, sql, startLeadline }) => {
  if (!reuse) {
    const started = performance.now();
    console.log(`Loading ${leadCount.toLocaleString()} leads into one tenant…`);
    await generateLeads(sql, { tenantId: tenant.id, ownerIds: reps.map((r) => r.id), count: leadCount });
    console.log(`Adding ${companyCount.toLocaleString()} companies and ${contactCount.toLocaleString()} contacts…`);
    await sql`
      insert into companies (tenant_id, name, website, website_domain)
      select ${tenant.id}::uuid,
        (${WORDS}::text[])[1 + g % 20] || ' ' || (${WORDS}::text[])[1 + (g / 20) % 20] || ' '
          || (${KINDS}::text[])[1 + (g / 400) % 8] || ' ' || g,
        'https://c' || g || '.example.com', 'c' || g || '.example.com'
      from generate_series(1, ${companyCount}::int) g`;
    await sql`
      with c as (select id, row_number() over (order by id) as rn from companies where tenant_id = ${tenant.id}::uuid)
      insert into contacts (tenant_id, company_id, first_name, last_name, email, phone, created_at)
      select ${tenant.id}::uuid, c.id, f, l,
        lower(f || '.' || l || g) || '@example.com', '+1555' || lpad(g::text, 7, '0'),
        now() - g * interval '1 minute'
      from generate_series(1, ${contactCount}::int) g
        join c on c.rn = 1 + g % ${companyCount}::int,
        lateral (select (${FIRST}::text[])[1 + g % 10] as f, (${LAST}::text[])[1 + (g / 10) % 20] as l) names`;
    // Each contact is the person of one lead, and its company the lead's.
    await sql`
      with l as (select id, row_number() over (order by id) as rn from leads where tenant_id = ${tenant.id}::uuid
                 limit ${contactCount}::int),
           c as (select id, company_id, row_number() over (order by id) as rn from contacts
                 where tenant_id = ${tenant.id}::uuid)
      update leads set contact_id = c.id, company_id = c.company_id
      from l join c using (rn) where leads.id = l.id`;
    await sql`analyze companies`;
    await sql`analyze contacts`;
    await sql`analyze leads`;
    console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  const [{ leads, contacts, companies }] = await sql`
    select (select count(*) from leads where tenant_id = ${tenant.id})::int as leads,
      (select count(*) from contacts where tenant_id = ${tenant.id})::int as contacts,
      (select count(*) from companies where tenant_id = ${tenant.id})::int as companies`;

  const { gql, login } = await startLeadline();
  const tokens = { manager: await login(manager.email), rep: await login(reps[0].email) };
  const measure = (fn) => measureSequential(fn, samples);
  const row = (name, who, { p50, p95 }, goal, found) =>
    console.log(
      `| ${name.padEnd(48)} | ${who.padEnd(7)} | ${String(found).padStart(7)} | ${p50.toFixed(1).padStart(7)} | ${p95.toFixed(1).padStart(7)} | ${goal.padEnd(8)} |`,
    );

  console.log(
    `\n${leads.toLocaleString()} leads, ${contacts.toLocaleString()} contacts, ${companies.toLocaleString()} companies; ${samples} sequential requests per row; load ${load()}\n`,
  );
  console.log(
    `| ${"request (first 25 and totalCount)".padEnd(48)} | as      |   found | p50 ms  | p95 ms  | goal p95 |`,
  );
  console.log(`|${"-".repeat(50)}|---------|--------:|--------:|--------:|----------|`);
  row("floor: { me { id } }", "manager", await measure(() => gql("{ me { id } }", {}, tokens.manager)), "", "");
  const missed = [];
  for (const [name, query, variables] of ROWS) {
    for (const who of ["manager", "rep"]) {
      const answer = await gql(query, variables, tokens[who]);
      const found = (answer.contacts ?? answer.companies).totalCount;
      const figures = await measure(() => gql(query, variables, tokens[who]));
      const ok = figures.p95 < GOAL_MS;
      if (!ok) missed.push(`${name} (${who})`);
      row(name, who, figures, `< ${GOAL_MS} ${ok ? "✓" : "✗"}`, found);
    }
  }
  console.log(`\nLoad at the end ${load()}.`);
  if (missed.length) console.log(`Over the ${GOAL_MS} ms goal at p95: ${missed.join(", ")}`);
  else console.log(`Every search within the ${GOAL_MS} ms goal at p95.`);
});
