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

/** A revoked session or API key loses its sockets within one re-check interval. */
export function reauthenticateSockets(auth: Services["auth"], log: Logger): SocketReauth {
  const authenticated = new Map<WebSocket, Viewer>();
  const reauth = setInterval(async () => {
    if (authenticated.size === 0) return;
    try {
      const entries = [...authenticated];
      const lapsed = await auth.lapsedCredentials(entries.map(([, viewer]) => viewer));
      if (lapsed.size === 0) return;
      for (const [socket, viewer] of entries) {
        if (lapsed.has(credentialOf(viewer))) socket.close(4403, "Credentials revoked or expired");
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
