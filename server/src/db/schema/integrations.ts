import {
  bigint,
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
import type { LeadEventType } from "./events.js";
import { captureForms, leads } from "./leads.js";
import { tenants } from "./tenants.js";
import type { MessageChannel } from "./workflow.js";

/**
 * A tenant's inbound-webhook signing secrets (Standard Webhooks, `whsec_…`).
 * HMAC needs the secret itself, so it is kept, not hashed. The newest one
 * signs; one replaced by a rotation still verifies until `validUntil`, so an
 * integrator can switch without dropping a request.
 */
export const webhookSecrets = pgTable(
  "webhook_secrets",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    secret: text("secret").notNull(),
    /** The admin who set it: leads that arrive signed with it are created in their name. */
    createdById: uuid("created_by_id")
      .notNull()
      .references(() => users.id),
    /** Null while it is the current secret; set when a rotation replaced it. */
    validUntil: at("valid_until"),
    createdAt: createdAt(),
  },
  (t) => [index("webhook_secrets_tenant_idx").on(t.tenantId, t.createdAt)],
);

/**
 * Inbound requests already answered, by their idempotency key (the
 * webhook-id), for 24 hours: a retry with the same key and body gets the
 * same answer and creates nothing; the same key with another body is a
 * conflict. Written in the transaction that creates the leads, so a receipt
 * exists exactly when its leads do.
 */
export const intakeReceipts = pgTable(
  "intake_receipts",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Which door the key came through ("webhook", later "rest"): keys of different doors never collide. */
    channel: text("channel").notNull(),
    key: text("key").notNull(),
    /** SHA-256 of the raw body. */
    bodyHash: text("body_hash").notNull(),
    status: integer("status").notNull(),
    response: jsonb("response").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.channel, t.key] }),
    index("intake_receipts_created_idx").on(t.createdAt),
  ],
);

/**
 * A tenant's reCAPTCHA credential. The secret is sealed with the server key
 * (see `SecretBox`): it is entered once through the app and never returned.
 */
export const captchaCredentials = pgTable("captcha_credentials", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  siteKey: text("site_key").notNull(),
  secretSealed: text("secret_sealed").notNull(),
  updatedById: uuid("updated_by_id").references(() => users.id),
  updatedAt: updatedAt(),
});

/** One accepted capture-form submission, linked to the lead it made or touched. */
export const formSubmissions = pgTable(
  "form_submissions",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    formId: uuid("form_id")
      .notNull()
      .references(() => captureForms.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    /** The submitted values, as typed (the honeypot and timing fields left out). */
    data: jsonb("data").$type<Record<string, string>>().notNull(),
    /** This touch: UTM parameters, source URL, referrer. */
    attribution: jsonb("attribution").$type<Record<string, string>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("form_submissions_form_idx").on(t.formId, t.createdAt),
    index("form_submissions_lead_idx").on(t.leadId),
  ],
);

/**
 * Where a tenant's lead events are pushed. The log (`lead_events`) is the
 * outbox: deliveries are made from committed events, so a change that
 * committed is never missed and one that rolled back is never sent.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    eventTypes: text("event_types").array().$type<LeadEventType[]>().notNull(),
    /** Standard Webhooks `whsec_…` secret, sealed with the server key. */
    secretSealed: text("secret_sealed").notNull(),
    active: boolean("active").notNull().default(true),
    /** Why delivery stopped (persistent failure); cleared when an admin re-enables the endpoint. */
    disabledReason: text("disabled_reason"),
    /** The highest event sequence already turned into deliveries for this endpoint. */
    cursor: bigint("cursor", { mode: "number" }).notNull().default(0),
    /** When the current run of failures began; null while deliveries succeed. */
    failingSince: at("failing_since"),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("webhook_endpoints_tenant_idx").on(t.tenantId)],
);

/** One event owed to one endpoint, with its attempts so far. */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    eventSequence: bigint("event_sequence", { mode: "number" }).notNull(),
    leadId: uuid("lead_id").notNull(),
    eventType: text("event_type").$type<LeadEventType>().notNull(),
    attempt: integer("attempt").notNull().default(0),
    statusCode: integer("status_code"),
    lastError: text("last_error"),
    deliveredAt: at("delivered_at"),
    /** When the next attempt is due; null once delivered or given up. */
    nextAttemptAt: at("next_attempt_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_event_idx").on(t.endpointId, t.eventSequence),
    index("webhook_deliveries_due_idx").on(t.nextAttemptAt),
    index("webhook_deliveries_lead_idx").on(t.endpointId, t.leadId, t.eventSequence),
  ],
);

export type ImportStatus = "RUNNING" | "DONE" | "FAILED";
export interface ImportRowError {
  line: number;
  field: string | null;
  message: string;
}

/** A CSV import (or its dry run), with progress readable while it runs. */
export const leadImports = pgTable(
  "lead_imports",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    createdById: uuid("created_by_id").references(() => users.id),
    fileName: text("file_name"),
    dryRun: boolean("dry_run").notNull().default(false),
    /** CSV header -> lead field. */
    mapping: jsonb("mapping").$type<Record<string, string>>().notNull(),
    status: text("status").$type<ImportStatus>().notNull().default("RUNNING"),
    processedRows: integer("processed_rows").notNull().default(0),
    createdCount: integer("created_count").notNull().default(0),
    mergedCount: integer("merged_count").notNull().default(0),
    /** Rows already imported by an earlier run of the same data: skipped, so a second run makes no doubles. */
    skippedCount: integer("skipped_count").notNull().default(0),
    errorCount: integer("error_count").notNull().default(0),
    /** The first bad rows, each with its line and field (capped; `errorCount` has the total). */
    errors: jsonb("errors").$type<ImportRowError[]>().notNull().default([]),
    failure: text("failure"),
    createdAt: createdAt(),
    finishedAt: at("finished_at"),
  },
  (t) => [index("lead_imports_tenant_idx").on(t.tenantId, t.createdAt)],
);

/** Each imported row's content key: a row seen before (same tenant, same values) is not imported again. */
export const leadImportRows = pgTable(
  "lead_import_rows",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    importId: uuid("import_id").references(() => leadImports.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);

export type WebhookSecretRow = typeof webhookSecrets.$inferSelect;
export type CaptchaCredentialRow = typeof captchaCredentials.$inferSelect;
export type FormSubmissionRow = typeof formSubmissions.$inferSelect;
export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;
export type WebhookDeliveryRow = typeof webhookDeliveries.$inferSelect;
export type LeadImportRow = typeof leadImports.$inferSelect;

/** How a tenant's SMTP connection is protected: TLS from the first byte (465), STARTTLS required (587), or none. */
export const SMTP_SECURITY = ["TLS", "STARTTLS", "NONE"] as const;
export type SmtpSecurity = (typeof SMTP_SECURITY)[number];

/** A tenant's own SMTP server; the password is in `secretSealed`. */
export interface EmailProviderSettings {
  host: string;
  port: number;
  security: SmtpSecurity;
  /** Empty: the server takes mail without signing in. */
  username: string;
  /** The address mail is sent from; empty: the server's MAIL_FROM. */
  fromAddress: string;
}

/** A tenant's own account at a provider speaking Twilio's Messages API; the auth token is in `secretSealed`. */
export interface SmsProviderSettings {
  apiUrl: string;
  accountSid: string;
  /** The number (E.164) or sender id the tenant's SMS are sent from, and replies come to. */
  from: string;
}

/**
 * A tenant's own email or SMS provider, used for its messages instead of
 * the server's (SMTP_URL, SMS_*). The secret (the SMTP password, the SMS
 * auth token) is sealed with the server key: entered through the app, used
 * to send, never returned.
 */
export const messagingProviders = pgTable(
  "messaging_providers",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    channel: text("channel").$type<MessageChannel>().notNull(),
    settings: jsonb("settings").$type<EmailProviderSettings | SmsProviderSettings>().notNull(),
    secretSealed: text("secret_sealed"),
    updatedById: uuid("updated_by_id").references(() => users.id),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.channel] })],
);

export type MessagingProviderRow = typeof messagingProviders.$inferSelect;
