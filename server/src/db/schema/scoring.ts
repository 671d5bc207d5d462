import { index, integer, jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./_columns.js";
import { leads } from "./leads.js";
import { tenants } from "./tenants.js";

/** Behavioural signals (page views, form fills, email clicks …) sent by trackEvents; the score's raw input. */
export const trackingEvents = pgTable(
  "tracking_events",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    occurredAt: at("occurred_at").notNull().defaultNow(),
    properties: jsonb("properties").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index("tracking_events_lead_idx").on(t.leadId, t.occurredAt)],
);

/** One row per recompute: the score, its band and the reasons that made it (the lead's score history). */
export const scoreSnapshots = pgTable(
  "score_snapshots",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id")
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    score: integer("score").notNull(),
    band: text("band").notNull(),
    reasons: jsonb("reasons").$type<unknown[]>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("score_snapshots_lead_idx").on(t.leadId, t.createdAt)],
);

export type TrackingEventRow = typeof trackingEvents.$inferSelect;
export type ScoreSnapshotRow = typeof scoreSnapshots.$inferSelect;
