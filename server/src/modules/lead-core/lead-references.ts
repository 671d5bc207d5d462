import type { FieldError } from "@leadline/shared";
import { type FieldErrors, normalizeWebsite } from "@leadline/shared";
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  type CompanyRow,
  type ContactRow,
  companies,
  contacts,
  queues,
  type UserRow,
  users,
} from "../../db/schema/index.js";

export interface ReferenceIds {
  ownerId?: string | null;
  partnerRepresentativeId?: string | null;
  vendorId?: string | null;
  existingCompanyId?: string | null;
  partnerCompanyId?: string | null;
  existingContactId?: string | null;
  queueId?: string | null;
}

export interface ResolvedReferences {
  users: Map<string, UserRow>;
  companies: Map<string, CompanyRow>;
  contact: ContactRow | undefined;
}

const present = (ids: (string | null | undefined)[]) => [...new Set(ids.filter((id): id is string => isUuid(id)))];

/**
 * Loads every row a lead input points at in one query per table, always
 * inside the tenant, and names each reference that does not resolve.
 */
export async function resolveReferences(
  tx: Executor,
  tenantId: string,
  ids: ReferenceIds,
  errors: FieldErrors,
): Promise<ResolvedReferences> {
  const userIds = present([ids.ownerId, ids.partnerRepresentativeId, ids.vendorId]);
  const companyIds = present([ids.existingCompanyId, ids.partnerCompanyId]);
  const [userRows, companyRows, contactRows, queueRows] = await Promise.all([
    userIds.length
      ? tx
          .select()
          .from(users)
          .where(and(eq(users.tenantId, tenantId), inArray(users.id, userIds)))
      : [],
    companyIds.length
      ? tx
          .select()
          .from(companies)
          .where(and(eq(companies.tenantId, tenantId), inArray(companies.id, companyIds)))
      : [],
    isUuid(ids.existingContactId)
      ? tx
          .select()
          .from(contacts)
          .where(and(eq(contacts.tenantId, tenantId), eq(contacts.id, ids.existingContactId)))
      : [],
    isUuid(ids.queueId)
      ? tx
          .select({ id: queues.id })
          .from(queues)
          .where(and(eq(queues.tenantId, tenantId), eq(queues.id, ids.queueId)))
      : [],
  ]);
  const userMap = new Map(userRows.map((u) => [u.id, u]));
  const companyMap = new Map(companyRows.map((c) => [c.id, c]));
  const activeUser = (field: keyof ReferenceIds, message: string) => {
    const id = ids[field];
    // Given at all (an empty string included) and not an active user: named, never passed on to an insert.
    if (id != null && !userMap.get(id)?.active) errors.add(field, message);
  };
  activeUser("ownerId", "must be an active user of this tenant");
  activeUser("partnerRepresentativeId", "must be an active user of this tenant");
  if (ids.vendorId != null && !userMap.has(ids.vendorId)) errors.add("vendorId", "is not a user of this tenant");
  for (const field of ["existingCompanyId", "partnerCompanyId"] as const) {
    const id = ids[field];
    if (id != null && !companyMap.has(id)) errors.add(field, "is not a company of this tenant");
  }
  const contact = contactRows[0];
  if (ids.existingContactId != null && !contact) errors.add("existingContactId", "is not a contact of this tenant");
  if (contact && ids.existingCompanyId && contact.companyId !== ids.existingCompanyId) {
    errors.add("existingContactId", "must be a contact of the chosen existing company");
  }
  if (ids.queueId != null && queueRows.length === 0) errors.add("queueId", "is not a queue of this tenant");
  return { users: userMap, companies: companyMap, contact };
}

export interface NewCompanyFields {
  companyName?: string | null;
  companyWebsite?: string | null;
  companyTin?: string | null;
}

/**
 * Seed 002: a new company's name, website and TIN must each be new to the
 * tenant; the error names every clashing field so the form can offer the
 * existing company instead. The unique indexes on companies stay the last word.
 * `exceptId`: the company being edited, which never clashes with itself.
 */
export async function findCompanyClashes(
  tx: Executor,
  tenantId: string,
  fields: NewCompanyFields,
  exceptId?: string,
): Promise<FieldError[]> {
  const domain = fields.companyWebsite ? normalizeWebsite(fields.companyWebsite) : null;
  const tests = [
    fields.companyName ? sql`lower(${companies.name}) = lower(${fields.companyName})` : undefined,
    domain?.ok ? eq(companies.websiteDomain, domain.value.domain) : undefined,
    fields.companyTin ? eq(companies.tin, fields.companyTin) : undefined,
  ].filter((t) => t !== undefined);
  if (tests.length === 0) return [];
  const rows = await tx
    .select({ name: companies.name, websiteDomain: companies.websiteDomain, tin: companies.tin })
    .from(companies)
    .where(and(eq(companies.tenantId, tenantId), exceptId ? ne(companies.id, exceptId) : undefined, or(...tests)));
  const clashes: FieldError[] = [];
  const name = fields.companyName?.toLowerCase();
  if (name && rows.some((r) => r.name.toLowerCase() === name)) {
    clashes.push({
      field: "companyName",
      message: "a company with this name already exists; choose it as the existing company",
    });
  }
  if (domain?.ok && rows.some((r) => r.websiteDomain === domain.value.domain)) {
    clashes.push({
      field: "companyWebsite",
      message: "a company with this website already exists; choose it as the existing company",
    });
  }
  if (fields.companyTin && rows.some((r) => r.tin === fields.companyTin)) {
    clashes.push({
      field: "companyTin",
      message: "a company with this TIN already exists; choose it as the existing company",
    });
  }
  return clashes;
}
