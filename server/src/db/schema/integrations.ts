import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./_columns.js";
import { users } from "./auth.js";
import { tenants } from "./tenants.js";

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

export type WebhookSecretRow = typeof webhookSecrets.$inferSelect;
