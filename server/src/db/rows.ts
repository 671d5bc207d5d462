import { getTableColumns } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/** Maps a raw row (snake_case, driver values) from a hand-written statement to the table's typed row. */
export function fromDriverRow<T extends PgTable>(table: T, raw: Record<string, unknown>): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = raw[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}

/**
 * The columns a row gives and their driver values, for a hand-written
 * INSERT: keys left undefined get the column defaults, as in drizzle's
 * insert, and each value goes through its column's encoder.
 */
export function toDriverColumns<T extends PgTable>(
  table: T,
  row: Partial<T["$inferInsert"]>,
): { names: string[]; values: unknown[] } {
  const names: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = (row as Record<string, unknown>)[key];
    if (value === undefined) continue;
    names.push(column.name);
    values.push(value === null ? null : column.mapToDriverValue(value));
  }
  return { names, values };
}
