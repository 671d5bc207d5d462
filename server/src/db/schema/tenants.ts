import type { IntakeDuplicatePolicy } from "@leadline/shared";
import { bigint, doublePrecision, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns.js";

export const tenants = pgTable("tenants", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  timeZone: text("time_zone").notNull().default("UTC"),
  /** ISO 3166 country used to read phone numbers written without a prefix. */
  defaultCountry: text("default_country").notNull().default("US"),
  /** Time windows below are in minutes; fractions are allowed (half a minute is 0.5). */
  claimWindowMinutes: doublePrecision("claim_window_minutes")
    .notNull()
    .default(24 * 60),
  slaFirstResponseMinutes: doublePrecision("sla_first_response_minutes").notNull().default(60),
  slaAtRiskPercent: integer("sla_at_risk_percent").notNull().default(75),
  /** Days; fractions allowed like the windows above. */
  invitationTtlDays: doublePrecision("invitation_ttl_days").notNull().default(14),
  /** The tenant's own scoring rules, deep-merged over the defaults at use (never shared between tenants). */
  scoringRules: jsonb("scoring_rules").$type<Record<string, unknown>>().notNull().default({}),
  /** Machine channels (webhook, REST, forms, import) with a likely duplicate: keep both (flagged), or merge into it. */
  intakeDuplicatePolicy: text("intake_duplicate_policy").$type<IntakeDuplicatePolicy>().notNull().default("KEEP_BOTH"),
  /** The name outbound email shows as its sender ("Acme Sales" <the server's address>); the tenant's name when empty. */
  mailFromName: text("mail_from_name").notNull().default(""),
  /** A shared inbox that also gets replies to outbound email (besides the lead's own reply address); none when empty. */
  mailReplyTo: text("mail_reply_to").notNull().default(""),
  /**
   * Moves on every change to the tenant's configuration (this row, its
   * pipelines, stages and routing rules: triggers, migration 0025). Hot paths
   * learn it with the credential they read anyway, and reuse configuration
   * they cached at the same version (db/tenant-config-cache.ts).
   */
  configVersion: bigint("config_version", { mode: "number" }).notNull().default(0),
  createdAt: createdAt(),
});

/** Per-tenant sequences (lead requestId, …), bumped inside the transaction that uses the number. */
export const tenantCounters = pgTable(
  "tenant_counters",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    value: integer("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.name] })],
);

export type TenantRow = typeof tenants.$inferSelect;
