/** A moment on the lead page: the browser's locale and zone, to the minute. */
export const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
