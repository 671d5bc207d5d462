import type { WebSocketServer } from "ws";
import { REQUEST_LIMITS } from "./limits.js";

/**
 * Pings every socket; one that missed the previous pong is cut. Proxies drop idle sockets,
 * and a dead peer must not hold subscriptions forever. Returns the function that stops it.
 */
export function keepSocketsAlive(wss: WebSocketServer): () => void {
  const alive = new WeakSet<object>();
  wss.on("connection", (socket) => {
    alive.add(socket);
    socket.on("pong", () => alive.add(socket));
  });
  const pinger = setInterval(() => {
    for (const socket of wss.clients) {
      if (!alive.has(socket)) {
        socket.terminate();
        continue;
      }
      alive.delete(socket);
      socket.ping();
    }
  }, REQUEST_LIMITS.pingMs);
  pinger.unref();
  return () => clearInterval(pinger);
}
