import type { DatabaseHandle } from "../../db/client.js";
import { withTenant } from "../../db/tenant-scope.js";

/** A committed lead event, named by tenant and sequence only: receivers read the row itself. */
export interface EventAnnouncement {
  tenantId: string;
  sequence: number;
}

/**
 * Carries announcements of committed events between server instances. NOTIFY
 * is the transport today; a Redis or NATS transport implements the same
 * method and publishes after COMMIT (see docs/realtime.md).
 */
export interface EventBus {
  /** Calls `onAnnouncement` for every event committed from now on; resolves with the function that stops. */
  subscribe(onAnnouncement: (announcement: EventAnnouncement) => void): Promise<() => Promise<void>>;
}

/** Channel of the trigger on lead_events (migration 0009), which NOTIFYs `tenant:sequence` at commit. */
const CHANNEL = "lead_events";

/**
 * PostgreSQL LISTEN/NOTIFY: the database publishes, so an announcement can
 * never precede its commit nor be sent for a rolled-back change. On embedded
 * PGlite the same path runs in-process.
 */
export function notifyBus(database: Pick<DatabaseHandle, "listen">): EventBus {
  return {
    subscribe: (onAnnouncement) =>
      database.listen(CHANNEL, (payload) => {
        const [tenantId, sequence] = payload.split(":");
        const n = Number(sequence);
        // PGlite hands a notification over inside the statement that committed it, so inside
        // that request's tenant scope; what a receiver starts here serves every tenant.
        if (tenantId && Number.isSafeInteger(n)) withTenant(null, () => onAnnouncement({ tenantId, sequence: n }));
      }),
  };
}
