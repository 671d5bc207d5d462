import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type Express } from "express";

/** Counts the requests being handled, so shutdown waits for exactly those. */
export interface InFlight {
  readonly count: number;
  /** Resolves when the last request in flight has closed. */
  idle(): Promise<void>;
}

export function createHttpServer(): { app: Express; server: Server; inFlight: InFlight } {
  const app = express();
  app.disable("x-powered-by");
  const server = createServer(app);
  // Idle keep-alive sockets outlive a client's or load balancer's (commonly 60 s), so a client never
  // sends a request on a socket the server is closing at that moment (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  return { app, server, inFlight: countInFlight(server) };
}

function countInFlight(server: Server): InFlight {
  let count = 0;
  let onIdle: (() => void) | null = null;
  server.on("request", (_req, res) => {
    count++;
    res.on("close", () => {
      if (--count === 0) onIdle?.();
    });
  });
  return {
    get count() {
      return count;
    },
    idle: () =>
      new Promise<void>((resolve) => {
        onIdle = resolve;
      }),
  };
}

/** Listens on the port (0 picks a free one) and resolves with the port. */
export function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
