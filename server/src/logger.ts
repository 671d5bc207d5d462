import { pino } from "pino";

export type Logger = pino.Logger;

/** Structured JSON logs on stdout, one object per line. */
export function createLogger(level: string): Logger {
  // Synchronous writes: the last lines before an exit (shutdown, fatal errors) are never lost.
  return pino(
    { level, base: { service: "leadline" }, timestamp: pino.stdTimeFunctions.isoTime },
    pino.destination({ dest: 1, sync: true }),
  );
}
