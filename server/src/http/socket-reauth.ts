import type { WebSocket } from "ws";
import type { Logger } from "../logger.js";
import { credentialOf, type Viewer } from "../modules/auth/viewer.js";
import type { Services } from "../modules/services.js";
import { REQUEST_LIMITS } from "./limits.js";

export interface SocketReauth {
  /** Watches an authenticated socket's credential until the socket closes. */
  track(socket: WebSocket, viewer: Viewer): void;
  stop(): void;
}

/**
 * A user whose roles or partner company changed: the socket's live events were judged for who
 * they were. Not a refusal (the client reconnects with the same token, as who they are now, and
 * catches up); graphql-ws retries any 4xxx close it does not know.
 */
export const ACCESS_CHANGED_CLOSE = { code: 4412, reason: "Your access changed; reconnect" } as const;

/**
 * A revoked session or API key loses its sockets within one re-check interval, and a session
 * whose user's access changed is closed to reconnect.
 */
export function reauthenticateSockets(auth: Services["auth"], log: Logger): SocketReauth {
  const authenticated = new Map<WebSocket, Viewer>();
  const reauth = setInterval(async () => {
    if (authenticated.size === 0) return;
    try {
      const entries = [...authenticated];
      const viewers = entries.map(([, viewer]) => viewer);
      const [lapsed, changed] = await Promise.all([auth.lapsedCredentials(viewers), auth.changedAccess(viewers)]);
      for (const [socket, viewer] of entries) {
        const credential = credentialOf(viewer);
        if (lapsed.has(credential)) socket.close(4403, "Credentials revoked or expired");
        else if (changed.has(credential)) socket.close(ACCESS_CHANGED_CLOSE.code, ACCESS_CHANGED_CLOSE.reason);
      }
    } catch (err) {
      log.warn({ err }, "socket re-authentication failed; will retry");
    }
  }, REQUEST_LIMITS.reauthMs);
  reauth.unref();
  return {
    track(socket, viewer) {
      authenticated.set(socket, viewer);
      socket.once("close", () => authenticated.delete(socket));
    },
    stop: () => clearInterval(reauth),
  };
}
