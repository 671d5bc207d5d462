import type { Server } from "node:http";
import type { ApolloServer } from "@apollo/server";
import type { DatabaseHandle } from "../db/client.js";
import type { Context } from "../graphql/context.js";
import type { Logger } from "../logger.js";
import type { JobQueue } from "../modules/jobs/job-queue.js";
import type { Services } from "../modules/services.js";
import type { InFlight } from "./http-server.js";
import type { LeadlineSockets } from "./websocket.js";

export interface ShutdownParts {
  server: Server;
  inFlight: InFlight;
  sockets: LeadlineSockets;
  apollo: ApolloServer<Context>;
  services: Services;
  jobs: JobQueue;
  database: DatabaseHandle;
  log: Logger;
  /** How long in-flight requests get to finish before their connections are cut. */
  timeoutMs: number;
}

/**
 * Stops accepting, ends running imports, lets in-flight requests finish, closes sockets, then Apollo, the live feed,
 * outbound webhooks, the jobs and the database, each after what still uses it. A second call does nothing.
 */
export function createStop(parts: ShutdownParts): () => Promise<void> {
  const { server, inFlight, sockets, apollo, services, jobs, database, log, timeoutMs } = parts;
  let stopped = false;
  return async () => {
    if (stopped) return;
    stopped = true;
    // Stop accepting; idle keep-alive sockets close now, busy ones after their response.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    await sockets.close();
    // Imports end at their next row, FAILED with what committed kept: an import answered early
    // (respond-async) has no request to wait for, and one that has would hold up the stop.
    await services.leadImports.stop();
    if (inFlight.count > 0) {
      log.info({ inFlight: inFlight.count }, "waiting for in-flight requests");
      await Promise.race([inFlight.idle(), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
    }
    server.closeAllConnections();
    await closed;
    await apollo.stop();
    await services.live.stop();
    // Before the database closes: attempts cut short are put back in line.
    await services.webhookDispatcher.stop();
    await services.sla.stopSweeping();
    await jobs.stop();
    await database.close();
  };
}
