import { bigserial, index, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "./_columns.js";
import { apiKeys, users } from "./auth.js";
import { leads } from "./leads.js";
import { tenants } from "./tenants.js";

export const LEAD_EVENT_TYPES = [
  "CREATED",
  "UPDATED",
  "STATUS_CHANGED",
  "ASSIGNED",
  "CLAIMED",
  "RELEASED",
  "ROUTED",
  "NOTE_ADDED",
  "MESSAGE",
  "MESSAGE_STATUS",
  "SCORE_CHANGED",
  "SLA_CHANGED",
  "MERGED",
  "CONVERTED",
  "DELETED",
] as const;
export type LeadEventType = (typeof LEAD_EVENT_TYPES)[number];

/**
 * Append-only log of every lead change, written in the change's transaction.
 * The global sequence orders delivery to subscribers and lets them catch up.
 */
export const leadEvents = pgTable(
  "lead_events",
  {
    sequence: bigserial("sequence", { mode: "number" }).primaryKey(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    type: text("type").$type<LeadEventType>().notNull(),
    actorUserId: uuid("actor_user_id").references(() => users.id),
    actorApiKeyId: uuid("actor_api_key_id").references(() => apiKeys.id),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("lead_events_lead_idx").on(t.leadId, t.sequence),
    index("lead_events_tenant_idx").on(t.tenantId, t.sequence),
  ],
);

export type LeadEventRow = typeof leadEvents.$inferSelect;
