import type { StageCategory } from "@leadline/shared";
import { boolean, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
  },
  (t) => [uniqueIndex("stages_pipeline_key").on(t.pipelineId, t.key)],
);

export type PipelineRow = typeof pipelines.$inferSelect;
export type StageRow = typeof stages.$inferSelect;
