import { type Column, getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

interface ColumnTable {
  /** `qualified`: `"table"."column"`. */
  columns: { key: string; name: string; qualified: string; column: Column }[];
  /** `"table"."column", …` in the table's order, for a hand-written select of every column. */
  selectList: string;
}

const columnTables = new WeakMap<PgTable, ColumnTable>();

/** Built once per table: a hot read maps thousands of rows through it. */
function columnTableOf(table: PgTable): ColumnTable {
  let found = columnTables.get(table);
  if (!found) {
    const tableName = getTableName(table);
    const columns = Object.entries(getTableColumns(table)).map(([key, column]) => ({
      key,
      name: column.name,
      qualified: `"${tableName}"."${column.name}"`,
      column,
    }));
    const selectList = columns.map(({ qualified }) => qualified).join(", ");
    found = { columns, selectList };
    columnTables.set(table, found);
  }
  return found;
}

/**
 * Maps a raw row (snake_case, driver values) from a hand-written statement to
 * the table's typed row; with `keys`, only those columns (a narrowed select).
 */
export function fromDriverRow<T extends PgTable>(
  table: T,
  raw: Record<string, unknown>,
  keys?: ReadonlySet<string> | null,
): T["$inferSelect"] {
  const row: Record<string, unknown> = {};
  for (const { key, name, column } of columnTableOf(table).columns) {
    if (keys && !keys.has(key)) continue;
    const value = raw[name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row as T["$inferSelect"];
}

/**
 * Every column of the table (or those of `keys`), qualified, for a
 * hand-written select whose rows go through `fromDriverRow` with the same keys.
 */
export function selectListOf(table: PgTable, keys?: ReadonlySet<string> | null): string {
  const found = columnTableOf(table);
  if (!keys) return found.selectList;
  return found.columns
    .filter(({ key }) => keys.has(key))
    .map(({ qualified }) => qualified)
    .join(", ");
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
