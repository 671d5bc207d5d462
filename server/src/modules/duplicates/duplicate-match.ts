import {
  DUPLICATE_RULES,
  type DuplicateProbe,
  isNameOnlyProbe,
  judgeDuplicate,
  type Role,
  similarityText,
} from "@leadline/shared";
import { getTableName, type SQL, sql } from "drizzle-orm";
import { type Executor, runPrepared } from "../../db/client.js";
import { textArrayLiteral } from "../../db/ids.js";
import { fromDriverRow } from "../../db/rows.js";
import { type ContactRow, contacts, type LeadRow, leadCompanyNames, leads } from "../../db/schema/index.js";
import { withIndexedSearch } from "../../db/tenant-scope.js";
import type { Viewer } from "../auth/viewer.js";
import { visibleLeads } from "../lead-core/lead-access.js";

/** One duplicate: a lead or a tenant contact, with why and how sure (see `judgeDuplicate`). */
export interface DuplicateMatchRow {
  lead: LeadRow | null;
  contact: ContactRow | null;
  reasons: string[];
  confidence: number;
}

export interface DuplicateSearch {
  probe: DuplicateProbe;
  /** The lead being checked itself, and the contacts it is linked to: never its own duplicates. */
  excludeLeadId?: string | null;
  excludeContactIds?: readonly string[];
}

/** Candidates each index arm may contribute per probe: bounds the work a very common key can cause. */
const ARM_LIMIT = 50;

/** Roles that see only leads they are part of, never the tenant's contact book. */
const OUTSIDE_ROLES: readonly Role[] = ["PARTNER", "PARTNER_SUPERVISOR", "CUSTOMER"];

/**
 * Sets pg_trgm's `%` threshold for the rest of the caller's transaction, to
 * the similarity the next arms accept: the GIN indexes then skip every row
 * too far from the probe instead of handing each one to a recheck. Two
 * planner settings go with it, for the same transaction only: no sequential
 * scans (the planner prices `%` like a comparison, while it costs microseconds
 * a row: testing every company name is 150 ms where the index takes 2), and
 * no JIT (with no statistics for the key expressions it may expect thousands
 * of leads per company and spend tens of milliseconds compiling a plan that
 * runs in a few).
 */
async function useTrigramThreshold(tx: Executor, threshold: number): Promise<void> {
  await runPrepared(
    tx,
    sql`select set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true),
      set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`,
  );
}

/** The probe a stored lead makes: its keys are stored normalized already. */
export function probeOfLead(
  lead: Pick<LeadRow, "email" | "phone" | "companyDomain" | "companyTin" | "name" | "companyName">,
): DuplicateProbe {
  return {
    email: lead.email,
    phone: lead.phone,
    domain: lead.companyDomain,
    tin: lead.companyTin,
    name: similarityText(lead.name),
    companyName: similarityText(lead.companyName),
  };
}

/**
 * Duplicates for each search, best first, at most DUPLICATE_RULES.limit
 * each, within what the viewer may see and among live (unretired) leads.
 *
 * Leads come from at most two statements per search, each a UNION ALL of
 * index arms with plain parameters (simple index scans, cheap plans), only
 * for the keys a probe has, each carrying its candidates' name and company
 * similarity: first the exact keys on b-tree indexes (email, phone, domain,
 * TIN, and the company name as typed), and for name-only probes a similar
 * name on the name trigram index; then, for probes with only a name and a
 * company that no lead carries under that name, domain or TIN, a similar
 * person at a similarly named company, found through the tenant's company
 * names (see `needsFuzzyCompany`, `fuzzyCompanyArm`). Every candidate is judged in
 * `judgeDuplicate`. Contacts (tenant records) match by email or phone. Give
 * it a transaction when `needsTransaction`: the trigram threshold it sets
 * lasts until that one ends.
 */
export async function findDuplicateMatches(
  db: Executor,
  viewer: Viewer,
  searches: readonly DuplicateSearch[],
): Promise<DuplicateMatchRow[][]> {
  if (searches.length === 0) return [];
  // The company and name arms compare through lower() and trigrams, which row-level security
  // would keep off their indexes; every arm filters by the viewer's tenant itself.
  if (searches.some(({ probe }) => probe.companyName || isNameOnlyProbe(probe))) {
    return withIndexedSearch(db, (db) => matchSearches(db, viewer, searches));
  }
  return matchSearches(db, viewer, searches);
}

async function matchSearches(
  db: Executor,
  viewer: Viewer,
  searches: readonly DuplicateSearch[],
): Promise<DuplicateMatchRow[][]> {
  const [leadMatches, contactMatches] = await Promise.all([
    matchLeads(db, viewer, searches),
    viewer.roles.every((role) => OUTSIDE_ROLES.includes(role)) ? [] : matchContacts(db, viewer.tenantId, searches),
  ]);
  return searches.map((_, i) =>
    [...(leadMatches[i] ?? []), ...(contactMatches[i] ?? [])]
      .sort((a, b) => b.confidence - a.confidence || updatedAtOf(b) - updatedAtOf(a) || idOf(a).localeCompare(idOf(b)))
      .slice(0, DUPLICATE_RULES.limit),
  );
}

const updatedAtOf = (m: DuplicateMatchRow) => (m.lead ?? m.contact)?.updatedAt.getTime() ?? 0;
const idOf = (m: DuplicateMatchRow) => (m.lead ?? m.contact)?.id ?? "";

/** Arms that find the probe's company itself; when none finds a lead, the fuzzy company arm runs. */
const COMPANY_ARMS = ["domain", "tin", "company"];

/** One probe's arm: rows of `leads` named by arm, with the candidates' name and company similarity. */
function armSelect(name: string, probe: DuplicateProbe): SQL {
  const nameSimilarity = probe.name ? sql`similarity(lower(${leads.name}), ${probe.name})` : sql`null::real`;
  const companySimilarity = probe.companyName
    ? sql`similarity(lower(${leads.companyName}), ${probe.companyName})`
    : sql`null::real`;
  return sql`select ${name}::text as dup_arm, ${nameSimilarity} as dup_name, ${companySimilarity} as dup_company, ${leads}.*`;
}

/** What every arm's candidates must also be: visible to the viewer, and not the lead being checked. */
function armFilter(search: DuplicateSearch, viewer: Viewer): SQL {
  return sql`${visibleLeads(viewer)} ${search.excludeLeadId ? sql`and ${leads.id} <> ${search.excludeLeadId}` : sql``}`;
}

/**
 * Builds one probe's arms. The key is looked up in a fenced subquery
 * (OFFSET 0) and visibility applied to what it found: otherwise the
 * planner, which has no statistics for these expressions, may read a rep's
 * tens of thousands of own leads through the owner index instead.
 */
function armBuilder(search: DuplicateSearch, viewer: Viewer) {
  const { probe } = search;
  // Where a key may hold many leads (a company), the ones named most like the probe come first.
  return (name: string, condition: SQL, byName = false) =>
    sql`(${armSelect(name, probe)}
      from (select * from ${leads} where ${leads.tenantId} = ${viewer.tenantId} and ${leads.retiredAt} is null
        and ${condition} offset 0) as ${leads}
      where ${armFilter(search, viewer)}
      ${byName && probe.name ? sql`order by dup_name desc` : sql``} limit ${ARM_LIMIT})`;
}

/**
 * One key's arm (email or phone) for every search that has it, in ONE
 * statement: the tenant's leads with any of the keys are read once (an
 * `= any` lookup, fenced), then matched to the probes, at most ARM_LIMIT per
 * probe, with visibility applied as a single arm does. A batch of 500 new
 * leads is checked in two statements, not 500. The lookup is a single read
 * of the keys rather than one per probe so that a plan made on stale
 * statistics (a fresh table filling fast) costs at most one pass over the
 * tenant's leads, not one per probe. Rows carry `dup_i`, the search's index.
 */
function keyArm(key: "email" | "phone", searches: readonly DuplicateSearch[], viewer: Viewer): SQL | null {
  const picked = searches.flatMap((search, i) => {
    const value = search.probe[key];
    return value ? [{ i, value, search }] : [];
  });
  if (picked.length === 0) return null;
  const list = (values: string[]) => textArrayLiteral(values);
  const column = key === "email" ? leads.email : leads.phone;
  const keys = keyList([...new Set(picked.map((p) => p.value))]);
  return sql`select * from (select probe.i as dup_i, ${key}::text as dup_arm,
      case when probe.name <> '' then similarity(lower(${leads.name}), probe.name) end as dup_name,
      case when probe.company <> '' then similarity(lower(${leads.companyName}), probe.company) end as dup_company,
      row_number() over (partition by probe.i) as dup_rank,
      ${leads}.*
    from unnest(${list(picked.map((p) => String(p.i)))}::int[], ${list(picked.map((p) => p.value))}::text[],
      ${list(picked.map((p) => p.search.probe.name ?? ""))}::text[],
      ${list(picked.map((p) => p.search.probe.companyName ?? ""))}::text[],
      ${list(picked.map((p) => p.search.excludeLeadId ?? ""))}::text[]) as probe (i, key, name, company, exclude)
    join (select * from ${leads} where ${leads.tenantId} = ${viewer.tenantId} and ${leads.retiredAt} is null
        and ${column} = any(${keys}::text[]) offset 0) as ${leads} on ${column} = probe.key
    where ${visibleLeads(viewer)} and (probe.exclude = '' or ${leads.id}::text <> probe.exclude)) as keyed
    where dup_rank <= ${ARM_LIMIT}`;
}

/**
 * Keys for `= any(…::text[])`. One key (a single create, the common case)
 * goes as `array[$n]`: PostgreSQL then knows the array's length when it
 * plans the statement once for all values, and that plan costs what a plan
 * made for the value does, so it is kept. Planning for an array parameter of
 * unknown length it assumes ten keys, the kept plan looks dearer, and every
 * create planned the statement again (0.5 ms). Several keys (a batch, whose
 * planning is shared by its leads) go as one array parameter, so the
 * statement's text does not change with the batch's size: each text is
 * prepared once per connection, and kept there.
 */
function keyList(keys: readonly string[]): SQL {
  return keys.length === 1 ? sql`array[${keys[0]}]` : sql`${textArrayLiteral(keys)}`;
}

function exactArms(search: DuplicateSearch, viewer: Viewer): SQL[] {
  const { probe } = search;
  const arm = armBuilder(search, viewer);
  const arms: SQL[] = [];
  // The email and phone arms of every search run together: see keyArm.
  if (probe.domain) arms.push(arm("domain", sql`${leads.companyDomain} = ${probe.domain}`, true));
  if (probe.tin) arms.push(arm("tin", sql`${leads.companyTin} = ${probe.tin}`, true));
  if (probe.companyName && probe.name) {
    arms.push(
      arm(
        "company",
        sql`${leads.companyName} is not null and lower(${leads.companyName}) = ${probe.companyName}`,
        true,
      ),
    );
  }
  if (probe.name && isNameOnlyProbe(probe)) {
    arms.push(arm("name", sql`lower(${leads.name}) % ${probe.name}`, true));
  }
  return arms;
}

/**
 * The fuzzy company scan is the last resort: its trigram scan costs a few
 * milliseconds however few leads match, so it runs only for a name at a
 * company with nothing else to go on — no email or phone to match a person
 * by, and no lead carrying that company name, domain or TIN.
 */
function needsFuzzyCompany(probe: DuplicateProbe, companyFound: boolean): boolean {
  return Boolean(probe.name && probe.companyName && !probe.email && !probe.phone && !companyFound);
}

/**
 * Whether a search may use a trigram arm, which sets a threshold that only
 * lasts in a transaction; the others run as plain reads (no BEGIN/COMMIT,
 * and the lead and contact lookups in parallel).
 */
export function needsTransaction(searches: readonly DuplicateSearch[]): boolean {
  return searches.some(({ probe }) => isNameOnlyProbe(probe) || needsFuzzyCompany(probe, false));
}

/** Similar company names whose leads a fuzzy check reads, at most: the most similar first. */
const COMPANY_NAME_LIMIT = 20;

/**
 * A similar person at a similarly named company, in two index steps: the
 * tenant's distinct company names (lead_company_names, tens of thousands
 * rather than every lead) by trigram, then the leads of the most similar
 * names through the b-tree on the company as typed, each judged by name.
 * Only names that still have a live lead count towards the limit, since
 * names are never removed from that table. The trigram scan is fenced
 * (OFFSET 0) so the tenant is filtered after it: the planner would
 * otherwise read the whole tenant through the primary key and test every name.
 */
function fuzzyCompanyArm(search: DuplicateSearch, viewer: Viewer): SQL {
  const { probe } = search;
  const company = probe.companyName as string;
  const liveName = sql`exists (select 1 from ${leads} where ${leads.tenantId} = ${viewer.tenantId}
    and ${leads.retiredAt} is null and ${leads.companyName} is not null
    and lower(${leads.companyName}) = similar_names.name)`;
  return sql`(${armSelect("similar", probe)}
    from (select similar_names.name from (select ${leadCompanyNames.tenantId} as tenant_id, ${leadCompanyNames.name} as name,
          similarity(${leadCompanyNames.name}, ${company}) as company_similarity
        from ${leadCompanyNames} where ${leadCompanyNames.name} % ${company} offset 0) as similar_names
      where similar_names.tenant_id = ${viewer.tenantId}
        and similar_names.company_similarity >= ${DUPLICATE_RULES.company} and ${liveName}
      order by similar_names.company_similarity desc limit ${COMPANY_NAME_LIMIT}) as company_names
    cross join lateral (select * from ${leads} where ${leads.tenantId} = ${viewer.tenantId}
      and ${leads.retiredAt} is null and ${leads.companyName} is not null
      and lower(${leads.companyName}) = company_names.name offset 0) as ${leads}
    where ${armFilter(search, viewer)}
      and similarity(lower(${leads.name}), ${probe.name}) >= ${DUPLICATE_RULES.nameWithCompany}
    order by dup_name desc limit ${ARM_LIMIT})`;
}

/**
 * Each search is its own statement (two when the fuzzy arm runs), searches
 * side by side: a union of every probe's arms in one statement costs more to
 * plan than to run (seconds for a page of 50 leads), while one probe's arms
 * plan in about a millisecond.
 */
async function matchLeads(
  db: Executor,
  viewer: Viewer,
  searches: readonly DuplicateSearch[],
): Promise<DuplicateMatchRow[][]> {
  const run = async (arms: SQL[]): Promise<Record<string, unknown>[]> =>
    arms.length ? runPrepared(db, sql.join(arms, sql` union all `)) : [];
  // The threshold is sent with the first arms, not before them: a transaction's statements are
  // pipelined in the order they are issued, so it takes no round trip of its own.
  const threshold = searches.some(({ probe }) => isNameOnlyProbe(probe))
    ? DUPLICATE_RULES.nameOnly
    : needsTransaction(searches)
      ? DUPLICATE_RULES.company
      : null;
  const keyed = [keyArm("email", searches, viewer), keyArm("phone", searches, viewer)].filter((arm) => arm !== null);
  const [, keyRows = [], ...rowsOfSearch] = await Promise.all([
    threshold === null ? null : useTrigramThreshold(db, threshold),
    run(keyed),
    ...searches.map((search) => run(exactArms(search, viewer))),
  ]);
  // Each search's key rows first (email, then phone), then its other arms, as judged before.
  for (let i = searches.length - 1; i >= 0; i--) {
    rowsOfSearch[i] = [...keyRows.filter((row) => Number(row.dup_i) === i), ...(rowsOfSearch[i] ?? [])];
  }
  const fuzzy = searches.flatMap((search, i) => {
    const companyFound = rowsOfSearch[i]?.some((r) => COMPANY_ARMS.includes(String(r.dup_arm))) ?? false;
    return needsFuzzyCompany(search.probe, companyFound) ? [i] : [];
  });
  if (fuzzy.length) {
    if (threshold !== DUPLICATE_RULES.company) await useTrigramThreshold(db, DUPLICATE_RULES.company);
    await Promise.all(
      fuzzy.map(async (i) =>
        rowsOfSearch[i]?.push(...(await run([fuzzyCompanyArm(searches[i] as DuplicateSearch, viewer)]))),
      ),
    );
  }
  return searches.map(({ probe }, i) => judgeLeads(probe, rowsOfSearch[i] ?? []));
}

/** One probe's candidates, each once, judged. */
function judgeLeads(probe: DuplicateProbe, rows: Record<string, unknown>[]): DuplicateMatchRow[] {
  const out: DuplicateMatchRow[] = [];
  const seen = new Set<string>();
  for (const raw of rows) {
    const lead = fromDriverRow(leads, raw);
    if (seen.has(lead.id)) continue;
    seen.add(lead.id);
    const verdict = judgeDuplicate({
      email: probe.email !== null && lead.email === probe.email,
      phone: probe.phone !== null && lead.phone === probe.phone,
      domain: probe.domain !== null && lead.companyDomain === probe.domain,
      tin: probe.tin !== null && lead.companyTin === probe.tin,
      nameSimilarity: raw.dup_name == null ? null : Number(raw.dup_name),
      companySimilarity: raw.dup_company == null ? null : Number(raw.dup_company),
      nameOnlyProbe: isNameOnlyProbe(probe),
    });
    if (verdict) out.push({ lead, contact: null, ...verdict });
  }
  return out;
}

/**
 * Tenant contacts by email or phone: a statement text prepared once per
 * connection instead of built by the query builder on every create (a key
 * no probe has is an empty array). A single create's one email and one
 * phone go as `array[$n]`, as `keyList` explains; a batch's as one array
 * parameter each.
 */
const contactMatch = (
  single: boolean,
) => `select * from "${getTableName(contacts)}" where "${contacts.tenantId.name}" = $1
  and ("${contacts.email.name}" = any(${single ? "array[$2]" : "$2"}::text[])
    or "${contacts.phone.name}" = any(${single ? "array[$3]" : "$3"}::text[])) limit $4`;
const CONTACT_MATCH = { single: contactMatch(true), many: contactMatch(false) };

/** Tenant contacts with a probe's email or phone (contacts are tenant records, not lead-scoped). */
async function matchContacts(
  db: Executor,
  tenantId: string,
  searches: readonly DuplicateSearch[],
): Promise<DuplicateMatchRow[][]> {
  const emails = [...new Set(searches.flatMap((s) => (s.probe.email ? [s.probe.email] : [])))];
  const phones = [...new Set(searches.flatMap((s) => (s.probe.phone ? [s.probe.phone] : [])))];
  if (emails.length === 0 && phones.length === 0) return searches.map(() => []);
  // One email and one phone: `array[$n]` each (an absent one is null, which matches no row).
  const single = emails.length <= 1 && phones.length <= 1;
  const found = await runPrepared(db, {
    sql: single ? CONTACT_MATCH.single : CONTACT_MATCH.many,
    params: single
      ? [tenantId, emails[0] ?? null, phones[0] ?? null, ARM_LIMIT * searches.length]
      : [tenantId, textArrayLiteral(emails), textArrayLiteral(phones), ARM_LIMIT * searches.length],
  });
  const rows = found.map((raw) => fromDriverRow(contacts, raw));
  return searches.map(({ probe, excludeContactIds = [] }) =>
    rows.flatMap((contact) => {
      if (excludeContactIds.includes(contact.id)) return [];
      const verdict = judgeDuplicate({
        email: probe.email !== null && contact.email === probe.email,
        phone: probe.phone !== null && contact.phone === probe.phone,
        domain: false,
        tin: false,
        nameSimilarity: null,
        companySimilarity: null,
        nameOnlyProbe: false,
      });
      return verdict ? [{ lead: null, contact, ...verdict }] : [];
    }),
  );
}
