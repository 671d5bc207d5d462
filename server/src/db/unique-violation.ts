/**
 * The unique index a write ran into (PostgreSQL error 23505), or null for any
 * other error. Drizzle wraps the driver's error in `cause`; postgres.js names
 * the index `constraint_name`, PGlite `constraint`.
 */
export function uniqueViolationOf(error: unknown): string | null {
  type DriverError = { code?: string; constraint?: string; constraint_name?: string };
  const e = error as (DriverError & { cause?: DriverError }) | null | undefined;
  const pg = e?.cause?.code ? e.cause : e;
  if (pg?.code !== "23505") return null;
  return pg.constraint ?? pg.constraint_name ?? null;
}
