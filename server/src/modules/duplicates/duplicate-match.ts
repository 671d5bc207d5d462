import {
  DUPLICATE_RULES,
  type DuplicateProbe,
  isNameOnlyProbe,
  judgeDuplicate,
  type Role,
  similarityText,
} from "@leadline/shared";
import { and, eq, inArray, or, type SQL, sql } from "drizzle-orm";
import { type Executor, rowsOf } from "../../db/client.js";
import { fromDriverRow } from "../../db/rows.js";
import { type ContactRow, contacts, type LeadRow, leads } from "../../db/schema/index.js";
import type { Viewer } from "../auth/viewer.js";
import { visibleLeads } from "../leads/lead-access.js";

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
 * Sets pg_trgm's `%` threshold for the rest of the caller's transaction: the
 * trigram arms below rely on it so the GIN indexes can skip whole posting
 * lists instead of rechecking every lead that shares a common trigram.
 */
export async function useTrigramThreshold(tx: Executor): Promise<void> {
  await tx.execute(sql`select set_config('pg_trgm.similarity_threshold', ${String(DUPLICATE_RULES.company)}, true)`);
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
 * each. Leads come from one statement for all searches: per search, a union
 * of index-backed arms (exact email, phone, domain and TIN on their partial
 * b-tree indexes; similar company name, and for name-only probes similar
 * name, on the trigram GIN indexes), each already limited to what the viewer
 * may see and to live (unretired) leads; then every candidate is judged in
 * `judgeDuplicate`. Contacts (tenant records) match by email or phone.
 * The caller runs `useTrigramThreshold` first in the same transaction.
 */
export async function findDuplicateMatches(
  tx: Executor,
  viewer: Viewer,
  searches: readonly DuplicateSearch[],
): Promise<DuplicateMatchRow[][]> {
  if (searches.length === 0) return [];
  const [leadMatches, contactMatches] = await Promise.all([
    matchLeads(tx, viewer, searches),
    viewer.roles.every((role) => OUTSIDE_ROLES.includes(role)) ? [] : matchContacts(tx, viewer.tenantId, searches),
  ]);
  return searches.map((_, i) =>
    [...(leadMatches[i] ?? []), ...(contactMatches[i] ?? [])]
      .sort((a, b) => b.confidence - a.confidence || updatedAtOf(b) - updatedAtOf(a) || idOf(a).localeCompare(idOf(b)))
      .slice(0, DUPLICATE_RULES.limit),
  );
}

const updatedAtOf = (m: DuplicateMatchRow) => (m.lead ?? m.contact)?.updatedAt.getTime() ?? 0;
const idOf = (m: DuplicateMatchRow) => (m.lead ?? m.contact)?.id ?? "";

async function matchLeads(
  tx: Executor,
  viewer: Viewer,
  searches: readonly DuplicateSearch[],
): Promise<DuplicateMatchRow[][]> {
  const probes = sql.join(
    searches.map(
      ({ probe, excludeLeadId }, i) =>
        sql`(${i}::int, ${excludeLeadId ?? null}::uuid, ${probe.email}::text, ${probe.phone}::text,
          ${probe.domain}::text, ${probe.tin}::text, ${probe.name}::text, ${probe.companyName}::text,
          ${isNameOnlyProbe(probe)}::boolean)`,
    ),
    sql`, `,
  );
  const visible = visibleLeads(viewer);
  const nameSimilarity = sql`similarity(lower(${leads.name}), probe.name)`;
  const arm = (condition: SQL, byName = false) =>
    sql`(select ${leads.id} from ${leads} where ${visible} and ${condition}
      ${byName ? sql`order by ${nameSimilarity} desc nulls last` : sql``} limit ${ARM_LIMIT})`;
  const arms = [
    arm(sql`${leads.email} = probe.email`),
    arm(sql`${leads.phone} = probe.phone`),
    // A company may have many leads: the ones named most like the probe first.
    arm(sql`${leads.companyDomain} = probe.domain`, true),
    arm(sql`${leads.companyTin} = probe.tin`, true),
    // A similar name at a similarly named company (`%` is indexed; the name test filters its few rows).
    arm(
      sql`probe.company is not null and probe.name is not null and ${leads.companyName} is not null
        and lower(${leads.companyName}) % probe.company
        and ${nameSimilarity} >= ${DUPLICATE_RULES.nameWithCompany}`,
      true,
    ),
    arm(sql`probe.name_only and lower(${leads.name}) % probe.name`, true),
  ];
  const result = await tx.execute(sql`
    with probe (i, exclude_id, email, phone, domain, tin, name, company, name_only) as (values ${probes})
    select probe.i as dup_probe,
      coalesce(${leads.email} = probe.email, false) as dup_email,
      coalesce(${leads.phone} = probe.phone, false) as dup_phone,
      coalesce(${leads.companyDomain} = probe.domain, false) as dup_domain,
      coalesce(${leads.companyTin} = probe.tin, false) as dup_tin,
      ${nameSimilarity} as dup_name,
      similarity(lower(${leads.companyName}), probe.company) as dup_company,
      ${leads}.*
    from probe
    cross join lateral (${sql.join(arms, sql` union `)}) as hit
    join ${leads} on ${leads.id} = hit.id
    where ${leads.id} is distinct from probe.exclude_id`);
  const out: DuplicateMatchRow[][] = searches.map(() => []);
  for (const raw of rowsOf(result)) {
    const i = Number(raw.dup_probe);
    const verdict = judgeDuplicate({
      email: raw.dup_email === true,
      phone: raw.dup_phone === true,
      domain: raw.dup_domain === true,
      tin: raw.dup_tin === true,
      nameSimilarity: raw.dup_name == null ? null : Number(raw.dup_name),
      companySimilarity: raw.dup_company == null ? null : Number(raw.dup_company),
      nameOnlyProbe: isNameOnlyProbe(searches[i]?.probe as DuplicateProbe),
    });
    if (verdict) out[i]?.push({ lead: fromDriverRow(leads, raw), contact: null, ...verdict });
  }
  return out;
}

/** Tenant contacts with a probe's email or phone (contacts are tenant records, not lead-scoped). */
async function matchContacts(
  tx: Executor,
  tenantId: string,
  searches: readonly DuplicateSearch[],
): Promise<DuplicateMatchRow[][]> {
  const emails = [...new Set(searches.flatMap((s) => (s.probe.email ? [s.probe.email] : [])))];
  const phones = [...new Set(searches.flatMap((s) => (s.probe.phone ? [s.probe.phone] : [])))];
  const keys = [
    emails.length ? inArray(contacts.email, emails) : undefined,
    phones.length ? inArray(contacts.phone, phones) : undefined,
  ].filter((key) => key !== undefined);
  if (keys.length === 0) return searches.map(() => []);
  const rows = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.tenantId, tenantId), or(...keys)))
    .limit(ARM_LIMIT * searches.length);
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
