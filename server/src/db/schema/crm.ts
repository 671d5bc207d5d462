import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./_columns.js";
import { tenants } from "./tenants.js";

export const companies = pgTable(
  "companies",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    website: text("website"),
    /** Registrable domain of `website`; unique per tenant. */
    websiteDomain: text("website_domain"),
    tin: text("tin"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Seed 002: a company's name, website and TIN are each unique in the tenant.
    uniqueIndex("companies_tenant_name_key").on(t.tenantId, sql`lower(${t.name})`),
    uniqueIndex("companies_tenant_domain_key").on(t.tenantId, t.websiteDomain),
    uniqueIndex("companies_tenant_tin_key").on(t.tenantId, t.tin),
    // The companies picker and list search names with ILIKE '%…%' (issue 15: fast at 200k rows).
    index("companies_name_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`),
  ],
);

/**
 * One text per contact that search matches with ILIKE: name, email and phone.
 * The trigram index below is on this very expression, so a search must use it
 * (not one ILIKE per column) for the index to apply.
 */
export function contactSearchText(t: {
  firstName: AnyPgColumn;
  lastName: AnyPgColumn;
  email: AnyPgColumn;
  phone: AnyPgColumn;
}) {
  return sql`(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, '') || ' ' || coalesce(${t.email}, '') || ' ' || coalesce(${t.phone}, ''))`;
}

export const contacts = pgTable(
  "contacts",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    companyId: uuid("company_id").references(() => companies.id),
    firstName: text("first_name"),
    lastName: text("last_name"),
    middleName: text("middle_name"),
    email: text("email"),
    phone: text("phone"),
    jobTitle: text("job_title"),
    saved: boolean("saved").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("contacts_tenant_company_idx").on(t.tenantId, t.companyId),
    index("contacts_tenant_email_idx").on(t.tenantId, t.email),
    // Duplicate checks and conversion find a contact by phone as well as by email.
    index("contacts_tenant_phone_idx").on(t.tenantId, t.phone),
    // The contacts list pages newest first on (created_at, id): read backwards, this serves it without a sort.
    index("contacts_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
    index("contacts_search_trgm_idx").using("gin", sql`${contactSearchText(t)} gin_trgm_ops`),
  ],
);

export const deals = pgTable("deals", {
  id: id(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  stage: text("stage").notNull(),
  amount: doublePrecision("amount"),
  currency: text("currency"),
  probability: integer("probability"),
  closeDate: at("close_date"),
  contactId: uuid("contact_id").references(() => contacts.id),
  companyId: uuid("company_id").references(() => companies.id),
  createdAt: createdAt(),
});

export type CompanyRow = typeof companies.$inferSelect;
export type ContactRow = typeof contacts.$inferSelect;
export type DealRow = typeof deals.$inferSelect;
