// pnpm bench:duplicates — findDuplicates over GraphQL on real PostgreSQL with one
// tenant of BENCH_LEADS (default 1,000,000) leads bulk-loaded by generate-leads.mjs,
// plus BENCH_CONTACTS (default 50,000) tenant contacts taken from converted-looking
// leads. Probes are built from random leads, as a create form would send them:
//   email      — the lead's name and its email in another case
//   phone      — the lead's name and its phone in national format, (415) 201-0042
//   misspelt   — the lead's name with two letters swapped, and its company name
//   misspelt company too — both swapped: the one kind that needs the trigram scan
//   no match   — a new name, email, phone and company
// Sequential requests from one client (a manager, and a rep for the fuzzy kind):
// the figures are latencies, p50 / p95, with how often the source lead was found.
// BENCH_KEEP=1 keeps the database for EXPLAIN afterwards; BENCH_DB=<that name>
// runs the probes again on it (new migrations applied, nothing reloaded, kept).

import { withBigTenant } from "./big-tenant.mjs";
import { generateLeads } from "./generate-leads.mjs";

const count = Number(process.env.BENCH_LEADS ?? 1_000_000);
const contactCount = Number(process.env.BENCH_CONTACTS ?? 50_000);
const samples = Number(process.env.BENCH_SAMPLES ?? 200);
const reuse = process.env.BENCH_DB;
const user = { email: "manager@big.test", name: "M", roles: ["MANAGER"] };
await withBigTenant({ kind: "dup", user, reuse }, async ({ tenant, user: manager, reps, sql, startLeadline }) => {
  if (!reuse) {
    const started = performance.now();
    console.log(`Loading ${count.toLocaleString()} leads into one tenant…`);
    await generateLeads(sql, { tenantId: tenant.id, ownerIds: reps.map((r) => r.id), count });
    // Tenant contacts as conversions leave them: the person of every n-th lead.
    await sql`insert into contacts (tenant_id, first_name, last_name, email, phone)
      select tenant_id, first_name, last_name, email, phone from leads
      where tenant_id = ${tenant.id} and request_id % ${Math.max(1, Math.floor(count / contactCount))} = 0
      limit ${contactCount}`;
    await sql`vacuum (analyze) contacts`;
    console.log(`loaded in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }

  // Probe sources: random leads, each kind from its own sample.
  const pick = (where) =>
    sql.unsafe(
      `select id, name, email, phone, company_name, owner_id from leads
      where tenant_id = $1 and ${where} order by md5(id::text) limit $2`,
      [tenant.id, samples],
    );
  const withEmail = await pick("email is not null");
  const withPhone = await pick("phone is not null and request_id % 7 = 1");
  const withCompany = await pick("company_name is not null and request_id % 7 = 2");
  const repId = reps[0].id;
  const repCompany = await sql.unsafe(
    `select id, name, company_name from leads where tenant_id = $1 and owner_id = $2 and company_name is not null
      order by md5(id::text) limit $3`,
    [tenant.id, repId, samples],
  );

  const { gql, login } = await startLeadline();
  const managerToken = await login(manager.email);
  const repToken = await login(reps[0].email);

  const FIND = `query($i: DuplicateProbeInput!) {
    findDuplicates(input: $i) { lead { id name } contact { id } reasons confidence }
  }`;
  /** Two neighbouring letters of one word swapped (the last by default): Johnson → Jonhson. */
  const misspell = (name, i, word = -1) => {
    const words = name.split(" ");
    const w = word < 0 ? words.length + word : word;
    const text = words[w];
    const at = 1 + (i % Math.max(1, text.length - 2));
    words[w] = text.slice(0, at) + (text[at + 1] ?? "") + text[at] + text.slice(at + 2);
    return words.join(" ");
  };
  const national = (e164) => `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}`;
  const kinds = [
    {
      name: "email (name + email in another case)",
      token: managerToken,
      probes: withEmail.map((l) => ({ id: l.id, input: { name: l.name, email: l.email.toUpperCase() } })),
    },
    {
      name: "phone (name + national format)",
      token: managerToken,
      probes: withPhone.map((l) => ({ id: l.id, input: { name: l.name, phone: national(l.phone) } })),
    },
    {
      name: "misspelt name + company",
      token: managerToken,
      probes: withCompany.map((l, i) => ({
        id: l.id,
        input: { name: misspell(l.name, i), companyName: l.company_name },
      })),
    },
    {
      name: "misspelt name + company, rep (own + pool)",
      token: repToken,
      probes: repCompany.map((l, i) => ({
        id: l.id,
        input: { name: misspell(l.name, i), companyName: l.company_name },
      })),
    },
    {
      name: "misspelt name + misspelt company (trigram scan)",
      token: managerToken,
      probes: withCompany.map((l, i) => ({
        id: l.id,
        input: { name: misspell(l.name, i), companyName: misspell(l.company_name, i + 1, 0) },
      })),
    },
    {
      name: "no match (new name, email, phone, company)",
      token: managerToken,
      probes: withEmail.map((_, i) => ({
        id: null,
        input: {
          name: `Quentin Zabriskie${i}`,
          email: `quentin.z${i}@nomatch.example`,
          phone: `(907) 555-${String(1000 + i).slice(-4)}`,
          companyName: `Zabriskie Holdings ${i} Ltd`,
        },
      })),
    },
  ];

  console.log(`\n${count.toLocaleString()} leads, ${contactCount.toLocaleString()} contacts, sequential requests\n`);
  console.log(`| ${"probe".padEnd(48)} | probes | found  | p50 ms | p95 ms |`);
  console.log(`|${"-".repeat(50)}|-------:|-------:|-------:|-------:|`);
  // The floor: what any request costs here (HTTP, session, GraphQL), measured in the same run.
  {
    const times = [];
    for (let i = 0; i < 10 + samples; i++) {
      const t0 = performance.now();
      await gql("{ me { id } }", {}, managerToken);
      if (i >= 10) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const p = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))].toFixed(1).padStart(6);
    console.log(
      `| ${"floor: { me { id } }".padEnd(48)} | ${String(samples).padStart(6)} |        | ${p(0.5)} | ${p(0.95)} |`,
    );
  }
  for (const kind of kinds) {
    for (const probe of kind.probes.slice(0, 10)) await gql(FIND, { i: probe.input }, kind.token);
    const times = [];
    let found = 0;
    for (const probe of kind.probes) {
      const t0 = performance.now();
      const { findDuplicates } = await gql(FIND, { i: probe.input }, kind.token);
      times.push(performance.now() - t0);
      const hit = probe.id ? findDuplicates.some((m) => m.lead?.id === probe.id) : findDuplicates.length === 0;
      if (hit) found++;
    }
    times.sort((a, b) => a - b);
    const p = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
    const rate = `${((100 * found) / kind.probes.length).toFixed(0)} %`;
    console.log(
      `| ${kind.name.padEnd(48)} | ${String(kind.probes.length).padStart(6)} | ${rate.padStart(6)} | ${p(0.5).toFixed(1).padStart(6)} | ${p(0.95).toFixed(1).padStart(6)} |`,
    );
  }
  console.log("\nfound: the probed lead among the matches (no match: an empty answer)");
});
