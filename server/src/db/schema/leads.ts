import type {
  AttributionValues,
  IntakeChannel,
  LeadSource,
  NextActionType,
  ReviewRequestStatus,
  SlaState,
} from "@leadline/shared";
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./_columns.js";
import { users } from "./auth.js";
import { companies, contacts, deals } from "./crm.js";
import { pipelines } from "./pipelines.js";
import { tenants } from "./tenants.js";

export const queues = pgTable("queues", {
  id: id(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  strategy: text("strategy").$type<"ROUND_ROBIN" | "LEAST_LOADED">().notNull().default("ROUND_ROBIN"),
  /** Round robin's cursor: the member who got the last lead. */
  lastAssignedUserId: uuid("last_assigned_user_id"),
  createdAt: createdAt(),
});

export const queueMembers = pgTable(
  "queue_members",
  {
    queueId: uuid("queue_id")
      .notNull()
      .references(() => queues.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.queueId, t.userId] })],
);

export const captureForms = pgTable("capture_forms", {
  id: id(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  active: boolean("active").notNull().default(true),
  fields: text("fields").array().notNull(),
  captchaEnabled: boolean("captcha_enabled").notNull().default(false),
  redirectUrl: text("redirect_url"),
  /** What the visitor reads after sending (when there is no redirect URL); the standard thank-you when null. */
  thankYouMessage: text("thank_you_message"),
  queueId: uuid("queue_id").references(() => queues.id),
  submissions: integer("submissions").notNull().default(0),
  /** Who last saved the form: its submissions create leads in their name (as a signed webhook does its secret's admin). */
  updatedById: uuid("updated_by_id").references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

/** The attribution as stored: the shared keys, and when the first touch was (ISO 8601). */
export type AttributionData = AttributionValues & { firstTouchAt?: string | null };

/**
 * A lead whose first-response clock is running: not answered, not paused,
 * still open. The SLA sweep's indexes and its query share this one condition.
 */
export function slaClockRunning(t: {
  firstResponseAt: AnyPgColumn;
  slaPaused: AnyPgColumn;
  retiredAt: AnyPgColumn;
  convertedAt: AnyPgColumn;
}) {
  return sql`${t.firstResponseAt} is null and not ${t.slaPaused} and ${t.retiredAt} is null and ${t.convertedAt} is null`;
}

export const leads = pgTable(
  "leads",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    requestId: integer("request_id").notNull(),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id),
    /** Key of the current stage in the lead's pipeline. */
    status: text("status").notNull(),
    /** Order inside the kanban column: gap ranking, so a move rewrites one row. */
    rank: text("rank").notNull(),
    source: text("source").$type<LeadSource>().notNull(),
    channel: text("channel").$type<IntakeChannel>().notNull(),
    name: text("name").notNull(),
    firstName: text("first_name"),
    lastName: text("last_name"),
    middleName: text("middle_name"),
    email: text("email"),
    phone: text("phone"),
    jobTitle: text("job_title"),
    companyName: text("company_name"),
    companyWebsite: text("company_website"),
    companyTin: text("company_tin"),
    /** Registrable domain of companyWebsite: what duplicate detection compares. */
    companyDomain: text("company_domain"),
    companyId: uuid("company_id").references(() => companies.id),
    contactId: uuid("contact_id").references(() => contacts.id),
    category: text("category"),
    product: text("product"),
    description: text("description"),
    marketingCampaign: text("marketing_campaign"),
    salesDirection: text("sales_direction"),
    contentChannel: text("content_channel"),
    city: text("city"),
    ownerId: uuid("owner_id").references(() => users.id),
    partnerRepresentativeId: uuid("partner_representative_id").references(() => users.id),
    partnerCompanyId: uuid("partner_company_id").references(() => companies.id),
    customerId: uuid("customer_id").references(() => users.id),
    vendorId: uuid("vendor_id").references(() => users.id),
    createdById: uuid("created_by_id").references(() => users.id),
    queueId: uuid("queue_id").references(() => queues.id),
    claimedById: uuid("claimed_by_id").references(() => users.id),
    claimExpiresAt: at("claim_expires_at"),
    score: integer("score").notNull().default(0),
    attribution: jsonb("attribution").$type<AttributionData>(),
    formId: uuid("form_id").references(() => captureForms.id),
    nextActionType: text("next_action_type").$type<NextActionType>(),
    nextActionDueAt: at("next_action_due_at"),
    nextActionNote: text("next_action_note"),
    slaPaused: boolean("sla_paused").notNull().default(false),
    /** The SLA state last announced with an SLA_CHANGED event; timers compare against it so each change is told once. */
    slaState: text("sla_state").$type<SlaState>().notNull().default("NONE"),
    firstResponseDueAt: at("first_response_due_at"),
    slaAtRiskAt: at("sla_at_risk_at"),
    firstResponseAt: at("first_response_at"),
    /** The person answered STOP to an SMS: no more SMS until they opt back in. */
    smsOptedOutAt: at("sms_opted_out_at"),
    /** The person asked not to be emailed. */
    emailOptedOutAt: at("email_opted_out_at"),
    outcome: text("outcome"),
    reviewRequestStatus: text("review_request_status").$type<ReviewRequestStatus>().notNull().default("NOT_ELIGIBLE"),
    expiresAt: at("expires_at"),
    convertedAt: at("converted_at"),
    convertedContactId: uuid("converted_contact_id").references(() => contacts.id),
    convertedCompanyId: uuid("converted_company_id").references(() => companies.id),
    convertedDealId: uuid("converted_deal_id").references(() => deals.id),
    /** Set when merged into another lead or deleted: the lead leaves every list. */
    retiredAt: at("retired_at"),
    /** The lead this one was merged into (then retiredAt is set too). */
    mergedIntoId: uuid("merged_into_id").references((): AnyPgColumn => leads.id),
    version: integer("version").notNull().default(1),
    lastActivityAt: at("last_activity_at").notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("leads_tenant_request_id_key").on(t.tenantId, t.requestId),
    index("leads_tenant_created_idx").on(t.tenantId, t.createdAt, t.id),
    index("leads_tenant_owner_idx").on(t.tenantId, t.ownerId, t.createdAt),
    // The metrics dashboard (metrics/dashboard.service.ts): every panel reads the leads created in a
    // window, and each column it counts rides in this index, so a panel is an index-only range scan
    // instead of a visit to each wide lead row (about half the time at 1M leads). Key columns, not
    // INCLUDE, which drizzle cannot declare; only the (tenant, created_at) prefix is searched.
    // The campaign (a JSON attribute) is the one figure still read from the rows.
    index("leads_metrics_idx")
      .on(
        t.tenantId,
        t.createdAt,
        t.pipelineId,
        t.status,
        t.source,
        t.ownerId,
        t.score,
        t.convertedAt,
        t.firstResponseAt,
        t.firstResponseDueAt,
        t.slaPaused,
      )
      .where(sql`${t.retiredAt} is null`),
    // Kanban columns: cards by rank under byte order (ranks compare as "C" strings), open leads only.
    index("leads_board_column_idx")
      .on(t.tenantId, t.pipelineId, t.status, sql`${t.rank} collate "C"`, t.id)
      .where(sql`${t.retiredAt} is null`),
    // Own-only boards: a rep's cards per column by rank.
    // claimed_by_id rides along so pool counts ("unowned, not claimed by me") stay index-only, and
    // the four company and contact links so a rep's companies and contacts (crm-records.service.ts,
    // visible through their leads) are read from here without visiting the lead rows. Trailing key
    // columns, as INCLUDE cannot be declared; the leading ones are what is searched.
    index("leads_owner_column_idx")
      .on(
        t.tenantId,
        t.ownerId,
        t.pipelineId,
        t.status,
        sql`${t.rank} collate "C"`,
        t.id,
        t.claimedById,
        t.contactId,
        t.convertedContactId,
        t.companyId,
        t.convertedCompanyId,
      )
      .where(sql`${t.retiredAt} is null`),
    // Claims held: a rep's claimed cards and inbox.
    index("leads_claimed_idx").on(t.tenantId, t.claimedById).where(sql`${t.claimedById} is not null`),
    // The SLA half of the NOW inbox: clocks still running.
    index("leads_sla_running_idx")
      .on(t.tenantId, t.slaAtRiskAt)
      .where(sql`${t.firstResponseAt} is null and not ${t.slaPaused}`),
    // SLA thresholds still to announce, across tenants, for the sweep (sla.service.ts): a lead is in
    // one of these only while its next announcement is pending, so each stays as small as the leads due soon.
    index("leads_sla_on_track_due_idx")
      .on(sql`least(${t.slaAtRiskAt}, ${t.firstResponseDueAt})`)
      .where(sql`${slaClockRunning(t)} and ${t.slaState} = 'ON_TRACK'`),
    index("leads_sla_at_risk_due_idx")
      .on(t.firstResponseDueAt)
      .where(sql`${slaClockRunning(t)} and ${t.slaState} = 'AT_RISK'`),
    index("leads_tenant_next_action_idx")
      .on(t.tenantId, t.nextActionDueAt)
      .where(sql`${t.nextActionDueAt} is not null`),
    // Duplicate detection: exact keys per tenant, and trigram similarity of names (pg_trgm).
    index("leads_dup_email_idx").on(t.tenantId, t.email).where(sql`${t.retiredAt} is null and ${t.email} is not null`),
    index("leads_dup_phone_idx").on(t.tenantId, t.phone).where(sql`${t.retiredAt} is null and ${t.phone} is not null`),
    // An SMS reply names a phone, not a tenant (one sending number): found across tenants by the phone alone.
    index("leads_phone_idx").on(t.phone).where(sql`${t.retiredAt} is null and ${t.phone} is not null`),
    index("leads_dup_domain_idx")
      .on(t.tenantId, t.companyDomain)
      .where(sql`${t.retiredAt} is null and ${t.companyDomain} is not null`),
    index("leads_dup_tin_idx")
      .on(t.tenantId, t.companyTin)
      .where(sql`${t.retiredAt} is null and ${t.companyTin} is not null`),
    // No pending list: it is flushed inside some unlucky insert, which then takes seconds at high intake rates.
    index("leads_name_trgm_idx")
      .using("gin", sql`lower(${t.name}) gin_trgm_ops`)
      .with({ fastupdate: false })
      .where(sql`${t.retiredAt} is null`),
    // The leads of a company named as typed: where a duplicate check looks first.
    index("leads_company_key_idx")
      .on(t.tenantId, sql`lower(${t.companyName})`)
      .where(sql`${t.retiredAt} is null and ${t.companyName} is not null`),
  ],
);

/**
 * Every company name (lower-cased, as in leads_company_key_idx) that a tenant's
 * leads carry or once carried. A duplicate check for a misspelt company searches
 * these distinct names by trigram, not every lead, then reads the leads of the
 * names it found through that b-tree. Triggers on leads add a name in the same
 * transaction as the insert or rename that brings it (migration 0014); names are
 * never removed (a removal would race with a concurrent insert of the same
 * name), so a name may have no live lead left and the search checks.
 */
export const leadCompanyNames = pgTable(
  "lead_company_names",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.name] }),
    // Written rarely (a name new to the tenant), read on every fuzzy check: no pending list,
    // which every search would otherwise scan whole.
    index("lead_company_names_trgm_idx").using("gin", sql`${t.name} gin_trgm_ops`).with({ fastupdate: false }),
  ],
);

export const attachments = pgTable(
  "attachments",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    name: text("name").notNull(),
    fileType: text("file_type").notNull(),
    size: integer("size").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("attachments_lead_idx").on(t.leadId)],
);

export type LeadRow = typeof leads.$inferSelect;
export type NewLeadRow = typeof leads.$inferInsert;
export type AttachmentRow = typeof attachments.$inferSelect;
export type CaptureFormRow = typeof captureForms.$inferSelect;
