import type { StageCategory } from "@leadline/shared";
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id } from "./_columns.js";
import { tenants } from "./tenants.js";

export const pipelines = pgTable(
  "pipelines",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    preset: text("preset"),
    isDefault: boolean("is_default").notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("pipelines_tenant_name_key").on(t.tenantId, t.name)],
);

export const stages = pgTable(
  "stages",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    label: text("label").notNull(),
    category: text("category").$type<StageCategory>().notNull(),
    position: integer("position").notNull(),
    transitions: text("transitions").array().notNull(),
    wipLimit: integer("wip_limit"),
    /** Reached only through conversion: no move, promotion or timer may enter it. */
    conversionOnly: boolean("conversion_only").notNull().default(false),
    /** Waits on the customer: a lead here has its SLA clock paused; leaving starts it. */
    pausesSla: boolean("pauses_sla").notNull().default(false),
  },
  (t) => [uniqueIndex("stages_pipeline_key").on(t.pipelineId, t.key)],
);

/**
 * Live lead counts per stage (leads not retired), kept by triggers on
 * `leads` in the same transaction as every insert, move and retirement, so a
 * board or list that sees all of a tenant's leads never counts a million
 * rows. Filtered or own-only views count the rows themselves.
 */
export const stageCounts = pgTable(
  "stage_counts",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    pipelineId: uuid("pipeline_id")
      .notNull()
      .references(() => pipelines.id, { onDelete: "cascade" }),
    status: text("status").notNull(),
    leads: bigint("leads", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.pipelineId, t.status] }), index("stage_counts_tenant_idx").on(t.tenantId)],
);

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof stages.$inferSelect;
