import type { Client } from "graphql-ws";

/**
 * What the socket is doing, for the reconnect banner:
 * idle (no subscription, so no socket), online, or reconnecting after a drop.
 */
export type ConnectionState = "idle" | "online" | "reconnecting";

/**
 * The one close that is ours: terminate() when the identity changes (4499).
 * A signed-in app always holds a subscription (SLA ticks), so the lazy close
 * never happens while anyone looks, and any other close, even a clean 1000
 * from a restarting server, is a drop to recover from.
 */
const DELIBERATE_CLOSES = new Set([4499]);

/**
 * The server refused the socket's credentials: 4403 when the session or key was revoked, expired or its user
 * deactivated (re-checked every few seconds), and when a reconnect's init is refused; 4401 when the socket
 * never authenticated. (4412, the user's roles changed, is a drop like any other: the socket comes back as
 * who they are now and catches up.)
 */
const CREDENTIALS_REFUSED = new Set([4401, 4403]);

function closeCode(event: unknown): number | null {
  return typeof event === "object" && event !== null && typeof (event as { code?: unknown }).code === "number"
    ? (event as { code: number }).code
    : null;
}

/**
 * Follows a graphql-ws client's events and tells the app when the socket
 * came back after a drop, so it can catch up with `leadEventsSince`.
 */
export class ConnectionMonitor {
  private state: ConnectionState = "idle";
  private dropped = false;
  private readonly listeners = new Set<() => void>();
  private readonly reconnectListeners = new Set<() => void>();
  private readonly refusedListeners = new Set<() => void>();

  attach(client: Client): void {
    client.on("connected", (_socket, _payload, wasRetry) => {
      const cameBack = wasRetry || this.dropped;
      this.dropped = false;
      this.set("online");
      if (cameBack) for (const listener of this.reconnectListeners) listener();
    });
    client.on("closed", (event) => {
      const code = closeCode(event);
      if (code !== null && CREDENTIALS_REFUSED.has(code)) for (const listener of this.refusedListeners) listener();
      if (code !== null && DELIBERATE_CLOSES.has(code) && !this.dropped) {
        this.set("idle");
        return;
      }
      this.dropped = true;
      this.set("reconnecting");
    });
  }

  /** For useSyncExternalStore. */
  readonly getSnapshot = (): ConnectionState => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called each time the socket is back after a drop (not on the first connection). */
  onReconnect(listener: () => void): () => void {
    this.reconnectListeners.add(listener);
    return () => this.reconnectListeners.delete(listener);
  }

  /**
   * Called each time the server closes the socket over its credentials. graphql-ws retries such a close (a
   * refused init may be the server failing to check), so without this an open page of a deactivated user
   * would keep retrying, signed in, for as long as it stays open.
   */
  onCredentialsRefused(listener: () => void): () => void {
    this.refusedListeners.add(listener);
    return () => this.refusedListeners.delete(listener);
  }

  private set(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
