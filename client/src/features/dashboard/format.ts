const count = new Intl.NumberFormat();
const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

export const formatCount = (n: number) => count.format(n);

/** A 0–1 rate as a percentage; a dash when there is nothing to rate yet (no data is not 0 %). */
export const formatRate = (rate: number | null | undefined) => (rate == null ? "–" : percent.format(rate));

/** A duration in the largest unit that keeps it readable: 45 s, 12 min, 3.5 h, 2.1 d. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null) return "–";
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${oneDecimal.format(seconds / 3600)} h`;
  return `${oneDecimal.format(seconds / 86_400)} d`;
}

/** A bucket's YYYY-MM-DD as a short date ("3 Mar"), without a time zone shift. */
export function formatDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" }).format(new Date(y, m - 1, d));
}
