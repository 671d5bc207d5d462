/** The dashboard's window: a preset of the last N days (today included), or a custom span of whole days. */
export type DateRange = { kind: "preset"; days: number } | { kind: "custom"; from: string; to: string };

export const PRESETS = [7, 30, 90] as const;
export const DEFAULT_RANGE: DateRange = { kind: "preset", days: 30 };

/** YYYY-MM-DD of a moment in the browser's time zone: what a date input holds. */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/** Local midnight starting a YYYY-MM-DD day, `plusDays` later. */
function midnight(day: string, plusDays = 0): Date {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays);
}

/** A valid YYYY-MM-DD (what a date input gives when filled in). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return localDay(midnight(value)) === value;
}

/**
 * The query window for a range. A preset starts at local midnight N-1 days
 * ago and leaves `to` open (the server's now), so a lead arriving while the page
 * is open falls inside it on the next refetch. A custom span runs from the
 * first day's midnight to the midnight after its last day.
 */
export function windowOf(range: DateRange, now: Date = new Date()): { from: string; to: string | null } {
  if (range.kind === "preset") {
    return { from: midnight(localDay(now), -(range.days - 1)).toISOString(), to: null };
  }
  return { from: midnight(range.from).toISOString(), to: midnight(range.to, 1).toISOString() };
}

/** What is wrong with a custom span, if anything: said next to the inputs instead of sending a refused query. */
export function customRangeProblem(from: string, to: string): string | null {
  if (!isDay(from) || !isDay(to)) return "Give both dates.";
  if (from > to) return "The first day must not be after the last.";
  return null;
}

/** How the range reads in the page's heading and the charts' descriptions. */
export function describeRange(range: DateRange): string {
  if (range.kind === "preset") return `the last ${range.days} days`;
  const format = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });
  return `${format.format(midnight(range.from))} – ${format.format(midnight(range.to))}`;
}
