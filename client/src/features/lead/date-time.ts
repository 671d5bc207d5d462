/** A moment on the lead page: the browser's locale and zone, to the minute. */
export const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The browser's time zone by name (Europe/Lisbon), which datetime-local inputs are in. */
export const localZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** A datetime-local value for a moment, in the browser's zone, to the minute. */
export function toLocalInput(moment: Date): string {
  const date = new Date(moment.getTime());
  date.setMinutes(date.getMinutes() - date.getTimezoneOffset(), 0, 0);
  return date.toISOString().slice(0, 16);
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * The moment a datetime-local value names in the browser's zone (a date and
 * time without an offset is local time); null when blank, an invalid Date
 * when it is not a date and time.
 */
export function localMoment(value: string): Date | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return LOCAL_DATE_TIME.test(trimmed) ? new Date(trimmed) : new Date(Number.NaN);
}
