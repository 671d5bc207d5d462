import {
  boundedText,
  cleanText,
  type FieldError,
  FieldErrors,
  LEAD_FIELD_BY_KEY,
  normalizeEmail,
  normalizePhone,
  normalizeTin,
  normalizeWebsite,
} from "@leadline/shared";
import { type AnyColumn, and, asc, count, desc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  type CompanyRow,
  type ContactRow,
  companies,
  contactSearchText,
  contacts,
  type DealRow,
  deals,
  type LeadRow,
  leads,
  tenants,
} from "../../db/schema/index.js";
import { withIndexedSearch } from "../../db/tenant-scope.js";
import { uniqueViolationOf } from "../../db/unique-violation.js";
import { assertFoundOrThrow, badInput, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";

/** A contact's first or last name: the same bound as a lead's name. */
const CONTACT_NAME_LIMIT = LEAD_FIELD_BY_KEY.name.limit;

import { visibilityArms, visibleLeads } from "../lead-core/lead-access.js";
import {
  containsPattern,
  DEFAULT_PAGE_SIZE,
  decodeCursor,
  encodeCursor,
  MAX_PAGE_SIZE,
  pageCount,
} from "../lead-core/lead-query.js";
import { findCompanyClashes } from "../lead-core/lead-references.js";

/*
 * Who sees and edits companies and contacts (issue 15, seed 002/003):
 *
 * - Visibility follows leads. Roles that see every lead (viewAll: admins,
 *   managers, marketers) see every company and contact of their tenant. Every
 *   other role (reps, partners, partner supervisors, customers) sees a company
 *   or contact only while a lead they may see (`visibleLeads`) points at it, as
 *   its company/contact or as what its conversion created. A partner or a
 *   customer therefore sees the companies and contacts of the leads they
 *   represent or requested, and nothing else; a rep sees those of their own,
 *   claimed and pool leads. Nothing outside the viewer's tenant is ever read.
 * - `Company.leads` / `Contact.leads` list only leads the viewer may see;
 *   `Contact.deals` only deals the viewer's visible leads converted into
 *   (all of the tenant's for viewAll).
 * - Creating needs the `create` permission and a staff role (one that sees
 *   every lead or works the pool: admins, managers, marketers, reps): a rep
 *   creates a contact or company and then picks it for their lead. Partners and
 *   customers enter a lead's company and person on the lead itself.
 * - Editing: `manage` (admins, managers) edits any; anyone else edits only a
 *   company or contact linked to a lead they own or hold a claim on.
 */

export interface CompanyFields {
  name: string;
  website?: string | null;
  tin?: string | null;
}

export interface ContactFields {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  companyId?: string | null;
}

export interface RecordListParams {
  search?: string | null;
  first?: number | null;
  after?: string | null;
  /** The client asked for totalCount: count beside the page (`pageCount`). */
  countNow?: boolean;
}

export interface ContactListParams extends RecordListParams {
  companyId?: string | null;
  saved?: boolean | null;
}

export interface RecordPage<T> {
  nodes: { node: T; cursor: string }[];
  hasNextPage: boolean;
  /** Counted only when the client selects totalCount. */
  totalCount: PromiseLike<number>;
}

/** Rows listed under one record (a company's contacts, a contact's leads): a bounded list, newest first. */
const DEFAULT_NESTED = 50;

/**
 * The records (companies or contacts) the viewer's visible leads point at,
 * through either link, as a subquery: one arm per visibility scope
 * (`visibilityArms`, disjoint), each a range of one index. For a rep the own
 * and pool arms are index-only scans of `leads_owner_column_idx`, which
 * carries the four links for this; at 1,000,000 leads a rep's 70,000 leads
 * were otherwise 50,000 heap pages read for every list and count
 * (docs/performance.md, "Contacts and companies search").
 */
function linkedFromVisibleLeads(viewer: Viewer, links: [AnyColumn, AnyColumn]): SQL {
  const [first, second] = links;
  const arms = visibilityArms(viewer).map(
    (arm) => sql`select unnest(array[${first}, ${second}]) from ${leads} where ${arm}`,
  );
  return sql.join(arms, sql` union all `);
}

/** The companies a viewer may see; see the comment at the top. */
export function visibleCompanies(viewer: Viewer): SQL {
  const tenant = eq(companies.tenantId, viewer.tenantId);
  if (viewer.permissions.viewAll) return tenant;
  return and(
    tenant,
    sql`${companies.id} in (${linkedFromVisibleLeads(viewer, [leads.companyId, leads.convertedCompanyId])})`,
  ) as SQL;
}

/** The contacts a viewer may see; see the comment at the top. */
export function visibleContacts(viewer: Viewer): SQL {
  const tenant = eq(contacts.tenantId, viewer.tenantId);
  if (viewer.permissions.viewAll) return tenant;
  return and(
    tenant,
    sql`${contacts.id} in (${linkedFromVisibleLeads(viewer, [leads.contactId, leads.convertedContactId])})`,
  ) as SQL;
}

/** Leads the viewer works (owns or has claimed), the ones that let a non-manager edit their records. */
function workedLeads(viewer: Viewer): SQL {
  return and(
    eq(leads.tenantId, viewer.tenantId),
    isNull(leads.retiredAt),
    or(eq(leads.ownerId, viewer.userId), eq(leads.claimedById, viewer.userId)),
  ) as SQL;
}

function mayCreate(viewer: Viewer): boolean {
  return viewer.permissions.create && (viewer.permissions.viewAll || viewer.permissions.claim);
}

function pageSize(first: number | null | undefined, fallback = DEFAULT_PAGE_SIZE): number {
  const size = first ?? fallback;
  if (!Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
    throw badInput([{ field: "first", message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
  return size;
}

const COMPANY_FIELD: Record<string, string> = { companyName: "name", companyWebsite: "website", companyTin: "tin" };
const COMPANY_CONSTRAINT: Record<string, string> = {
  companies_tenant_name_key: "name",
  companies_tenant_domain_key: "website",
  companies_tenant_tin_key: "tin",
};

/** A unique index caught a company the clash check could not see yet (a concurrent insert). */
export function companyConstraintClash(error: unknown): FieldError | undefined {
  const constraint = uniqueViolationOf(error);
  const field = constraint ? COMPANY_CONSTRAINT[constraint] : undefined;
  return field ? { field, message: "a company with this value already exists" } : undefined;
}

export class CrmRecordService {
  constructor(private readonly db: Database) {}

  /** Companies by name (A→Z), keyset-paged on (lower(name), id), which the tenant's unique name index serves. */
  async listCompanies(viewer: Viewer, params: RecordListParams): Promise<RecordPage<CompanyRow>> {
    const first = pageSize(params.first);
    const key = sql`lower(${companies.name})`;
    const conditions: SQL[] = [visibleCompanies(viewer)];
    const search = params.search?.trim();
    // ILIKE on the column itself, so companies_name_trgm_idx applies.
    if (search) conditions.push(ilike(companies.name, containsPattern(search)));
    const pageConditions = [...conditions];
    if (params.after) {
      const [afterKey, afterId] = decodeCursor(params.after);
      pageConditions.push(sql`(${key}, ${companies.id}) > (${afterKey}, ${afterId}::uuid)`);
    }
    const totalCount = this.pageCount(companies, conditions, search, params.countNow);
    const rows =
      first === 0
        ? []
        : await this.searching(search, (db) =>
            db
              .select({ row: companies, sortKey: sql<string>`${key}` })
              .from(companies)
              .where(and(...pageConditions))
              .orderBy(asc(key), asc(companies.id))
              .limit(first + 1),
          );
    return this.page(rows, first, totalCount);
  }

  /** Contacts newest first, keyset-paged on (created_at, id); filtered by company and by `saved`. */
  async listContacts(viewer: Viewer, params: ContactListParams): Promise<RecordPage<ContactRow>> {
    const first = pageSize(params.first);
    const errors: FieldError[] = [];
    const conditions: SQL[] = [visibleContacts(viewer)];
    if (params.companyId != null) {
      if (isUuid(params.companyId)) conditions.push(eq(contacts.companyId, params.companyId));
      else errors.push({ field: "companyId", message: "is not a company id" });
    }
    if (params.saved != null) conditions.push(eq(contacts.saved, params.saved));
    const search = params.search?.trim();
    // One ILIKE on the indexed expression (contacts_search_trgm_idx): name, email and phone at once.
    if (search) conditions.push(sql`${contactSearchText(contacts)} ilike ${containsPattern(search)}`);
    const pageConditions = [...conditions];
    if (params.after) {
      const [afterKey, afterId] = decodeCursor(params.after);
      pageConditions.push(sql`(${contacts.createdAt}, ${contacts.id}) < (${afterKey}::timestamptz, ${afterId}::uuid)`);
    }
    if (errors.length) throw badInput(errors);
    const totalCount = this.pageCount(contacts, conditions, search, params.countNow);
    const rows =
      first === 0
        ? []
        : await this.searching(search, (db) =>
            db
              .select({ row: contacts, sortKey: sql<string>`(${contacts.createdAt})::text` })
              .from(contacts)
              .where(and(...pageConditions))
              .orderBy(desc(contacts.createdAt), desc(contacts.id))
              .limit(first + 1),
          );
    return this.page(rows, first, totalCount);
  }

  /** The total of a list of companies or contacts (`pageCount`: beside the page when asked for). */
  private pageCount(table: PgTable, conditions: SQL[], search: string | undefined, now: boolean | undefined) {
    return pageCount(
      () =>
        this.searching(search, (db) =>
          db
            .select({ n: count() })
            .from(table)
            .where(and(...conditions))
            .then((r) => Number(r[0]?.n ?? 0)),
        ),
      now,
    );
  }

  /** A search's ILIKE runs through its trigram index, which row-level security would keep it from. */
  private searching<T>(search: string | undefined, run: (db: Executor) => Promise<T>): Promise<T> {
    return search ? withIndexedSearch(this.db, run) : run(this.db);
  }

  private page<T extends { id: string }>(
    rows: { row: T; sortKey: string }[],
    first: number,
    totalCount: PromiseLike<number>,
  ): RecordPage<T> {
    return {
      nodes: rows.slice(0, first).map(({ row, sortKey }) => ({ node: row, cursor: encodeCursor(sortKey, row.id) })),
      hasNextPage: rows.length > first,
      totalCount,
    };
  }

  /** A company the viewer may see, or null (absent and hidden are not told apart). */
  async findCompany(viewer: Viewer, id: string, db: Executor = this.db): Promise<CompanyRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await db
      .select()
      .from(companies)
      .where(and(visibleCompanies(viewer), eq(companies.id, id)));
    return row ?? null;
  }

  /** A contact the viewer may see, or null. */
  async findContact(viewer: Viewer, id: string, db: Executor = this.db): Promise<ContactRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await db
      .select()
      .from(contacts)
      .where(and(visibleContacts(viewer), eq(contacts.id, id)));
    return row ?? null;
  }

  /** A company's contacts the viewer may see. */
  companyContacts(viewer: Viewer, companyId: string, first?: number | null): Promise<ContactRow[]> {
    return this.db
      .select()
      .from(contacts)
      .where(and(visibleContacts(viewer), eq(contacts.companyId, companyId)))
      .orderBy(desc(contacts.createdAt), desc(contacts.id))
      .limit(pageSize(first, DEFAULT_NESTED));
  }

  /** Leads the viewer may see that are for this company, or were converted into it. */
  companyLeads(viewer: Viewer, companyId: string, first?: number | null): Promise<LeadRow[]> {
    return this.db
      .select()
      .from(leads)
      .where(and(visibleLeads(viewer), or(eq(leads.companyId, companyId), eq(leads.convertedCompanyId, companyId))))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(pageSize(first, DEFAULT_NESTED));
  }

  /** Leads the viewer may see of this contact: open ones linked to it and the ones converted into it. */
  contactLeads(viewer: Viewer, contactId: string, first?: number | null): Promise<LeadRow[]> {
    return this.db
      .select()
      .from(leads)
      .where(and(visibleLeads(viewer), or(eq(leads.contactId, contactId), eq(leads.convertedContactId, contactId))))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(pageSize(first, DEFAULT_NESTED));
  }

  /** The contact's deals: all for viewAll, else those a lead the viewer may see was converted into. */
  contactDeals(viewer: Viewer, contactId: string): Promise<DealRow[]> {
    const scope = viewer.permissions.viewAll
      ? undefined
      : sql`${deals.id} in (select ${leads.convertedDealId} from ${leads} where ${visibleLeads(viewer)})`;
    return this.db
      .select()
      .from(deals)
      .where(and(eq(deals.tenantId, viewer.tenantId), eq(deals.contactId, contactId), scope))
      .orderBy(desc(deals.createdAt), desc(deals.id));
  }

  /**
   * Whether the viewer may edit a company or a contact (see the top): a
   * manager any, anyone else one linked to a lead they own or hold a claim
   * on. The check updateCompany and updateContact make, and what
   * Company/Contact.viewerMayEdit answer.
   */
  async mayEditRecord(
    viewer: Viewer,
    record: { companyId: string } | { contactId: string },
    tx: Executor = this.db,
  ): Promise<boolean> {
    if (viewer.permissions.manage) return true;
    const link =
      "companyId" in record
        ? or(eq(leads.companyId, record.companyId), eq(leads.convertedCompanyId, record.companyId))
        : or(eq(leads.contactId, record.contactId), eq(leads.convertedContactId, record.contactId));
    const [linked] = await tx
      .select({ id: leads.id })
      .from(leads)
      .where(and(workedLeads(viewer), link))
      .limit(1);
    return linked !== undefined;
  }

  async createCompany(viewer: Viewer, input: CompanyFields): Promise<CompanyRow> {
    if (!mayCreate(viewer)) throw forbidden("Only staff may create companies");
    return this.db.transaction(async (tx) => {
      const values = await this.companyValues(tx, viewer, input);
      return this.writeCompany(() =>
        tx
          .insert(companies)
          .values({ tenantId: viewer.tenantId, ...values })
          .returning(),
      );
    });
  }

  async updateCompany(viewer: Viewer, id: string, input: CompanyFields): Promise<CompanyRow> {
    return this.db.transaction(async (tx) => {
      const company = await this.findCompany(viewer, id, tx);
      assertFoundOrThrow(company, "Company");
      if (!(await this.mayEditRecord(viewer, { companyId: company.id }, tx))) {
        throw forbidden("Only managers, or the owner of one of its leads, may edit this company");
      }
      const values = await this.companyValues(tx, viewer, input, company.id);
      return this.writeCompany(() =>
        tx
          .update(companies)
          .set({ ...values, updatedAt: new Date() })
          .where(and(eq(companies.tenantId, viewer.tenantId), eq(companies.id, company.id)))
          .returning(),
      );
    });
  }

  /** Seed 002: every bad field at once, then name, website domain and TIN each new to the tenant. */
  private async companyValues(tx: Executor, viewer: Viewer, input: CompanyFields, exceptId?: string) {
    const errors = new FieldErrors();
    const name = boundedText(errors, "name", input.name, LEAD_FIELD_BY_KEY.companyName.limit, true);
    const websiteText = cleanText(input.website);
    const website = websiteText ? errors.take("website", normalizeWebsite(websiteText)) : undefined;
    const tinText = cleanText(input.tin);
    const tin = tinText ? errors.take("tin", normalizeTin(tinText)) : undefined;
    if (!errors.empty) throw badInput(errors.list);
    const clashes = await findCompanyClashes(
      tx,
      viewer.tenantId,
      { companyName: name, companyWebsite: websiteText, companyTin: tin },
      exceptId,
    );
    if (clashes.length) {
      const fields = clashes.map((c) => ({ ...c, field: COMPANY_FIELD[c.field] ?? c.field }));
      throw conflict("ALREADY_EXISTS", `Company already exists: ${fields.map((f) => f.field).join(", ")}`, fields);
    }
    return {
      name: name as string,
      website: website?.url ?? null,
      websiteDomain: website?.domain ?? null,
      tin: tin ?? null,
    };
  }

  private async writeCompany(write: () => Promise<CompanyRow[]>): Promise<CompanyRow> {
    try {
      const [row] = await write();
      assertFoundOrThrow(row, "Company");
      return row;
    } catch (error) {
      const clash = companyConstraintClash(error);
      if (clash) throw conflict("ALREADY_EXISTS", `Company already exists: ${clash.field}`, [clash]);
      throw error;
    }
  }

  async createContact(viewer: Viewer, input: ContactFields): Promise<ContactRow> {
    if (!mayCreate(viewer)) throw forbidden("Only staff may create contacts");
    return this.db.transaction(async (tx) => {
      const values = await this.contactValues(tx, viewer, input, null);
      const [row] = await tx
        .insert(contacts)
        .values({ tenantId: viewer.tenantId, ...values })
        .returning();
      assertFoundOrThrow(row, "Contact");
      return row;
    });
  }

  /** Fields left out stay as they are; a blank or null one is cleared. */
  async updateContact(viewer: Viewer, id: string, input: ContactFields): Promise<ContactRow> {
    return this.db.transaction(async (tx) => {
      const contact = await this.findContact(viewer, id, tx);
      assertFoundOrThrow(contact, "Contact");
      if (!(await this.mayEditRecord(viewer, { contactId: contact.id }, tx))) {
        throw forbidden("Only managers, or the owner of one of their leads, may edit this contact");
      }
      const values = await this.contactValues(tx, viewer, input, contact);
      const [row] = await tx
        .update(contacts)
        .set({ ...values, updatedAt: new Date() })
        .where(and(eq(contacts.tenantId, viewer.tenantId), eq(contacts.id, contact.id)))
        .returning();
      assertFoundOrThrow(row, "Contact");
      return row;
    });
  }

  private async contactValues(tx: Executor, viewer: Viewer, input: ContactFields, current: ContactRow | null) {
    const errors = new FieldErrors();
    const [tenant] = await tx
      .select({ defaultCountry: tenants.defaultCountry })
      .from(tenants)
      .where(eq(tenants.id, viewer.tenantId));
    const firstName = boundedText(errors, "firstName", input.firstName, CONTACT_NAME_LIMIT);
    const lastName = boundedText(errors, "lastName", input.lastName, CONTACT_NAME_LIMIT);
    const emailText = cleanText(input.email);
    const phoneText = cleanText(input.phone);
    const email = emailText ? errors.take("email", normalizeEmail(emailText)) : emailText;
    const phone = phoneText
      ? errors.take("phone", normalizePhone(phoneText, tenant?.defaultCountry ?? "US"))
      : phoneText;
    const companyId = input.companyId === undefined ? undefined : cleanText(input.companyId);
    // The company must be one the viewer can see: a rep links contacts to their leads' companies.
    if (companyId && !(await this.findCompany(viewer, companyId, tx))) {
      errors.add("companyId", "is not a company of this tenant");
    }
    const pick = <T>(given: T | undefined, stored: T | null) => (given === undefined ? stored : (given ?? null));
    const result = {
      firstName: pick(firstName, current?.firstName ?? null),
      lastName: pick(lastName, current?.lastName ?? null),
      email: pick(email, current?.email ?? null),
      phone: pick(phone, current?.phone ?? null),
      companyId: pick(companyId, current?.companyId ?? null),
    };
    if (errors.empty && !result.firstName && !result.lastName && !result.email && !result.phone) {
      errors.add("firstName", "give a name, an email or a phone number");
    }
    if (!errors.empty) throw badInput(errors.list);
    return result;
  }
}
