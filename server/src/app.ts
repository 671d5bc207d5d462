import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import type { Config } from "./config.js";
import { type DatabaseHandle, openDatabase } from "./db/client.js";
import { createFormatError } from "./graphql/errors.js";
import { buildLeadlineSchema } from "./graphql/schema.js";
import { graphqlHandlers, startApollo } from "./http/apollo.js";
import { contextFactory } from "./http/context.js";
import { protectDocuments } from "./http/limits.js";
import { mountRoutes } from "./http/routes.js";
import { startWebSocketServer } from "./http/websocket.js";
import type { Logger } from "./logger.js";
import { notifyBus } from "./modules/events/event-bus.js";
import { JobQueue } from "./modules/jobs/job-queue.js";
import { createServices, registerJobHandlers, type Services } from "./modules/services.js";

export { REQUEST_LIMITS } from "./http/limits.js";

export interface LeadlineApp {
  server: Server;
  services: Services;
  database: DatabaseHandle;
  /** Listens on the configured port (0 picks a free one) and resolves with the port. */
  listen(): Promise<number>;
  /** Stops accepting, lets in-flight requests finish, closes sockets, then the database. */
  stop(): Promise<void>;
}

export async function createApp(config: Config, log: Logger): Promise<LeadlineApp> {
  const database = await openDatabase(config.database);
  const jobs = new JobQueue(database.executeSql, log);
  await jobs.start();
  const services = createServices(database.db, config, jobs, log);
  await registerJobHandlers(services);
  await services.live.start(notifyBus(database));
  const schema = await buildLeadlineSchema();
  const dev = config.env === "development";
  const formatError = createFormatError(log, dev);

  const protection = protectDocuments(dev);

  const app = express();
  app.disable("x-powered-by");
  const server = createServer(app);
  // Idle keep-alive sockets outlive a client's or load balancer's (commonly 60 s), so a client never
  // sends a request on a socket the server is closing at that moment (ECONNRESET).
  server.keepAliveTimeout = 65_000;
  // Counts requests being handled so shutdown waits for exactly those.
  let inFlight = 0;
  let idle: (() => void) | null = null;
  server.on("request", (_req, res) => {
    inFlight++;
    res.on("close", () => {
      if (--inFlight === 0) idle?.();
    });
  });

  const contextFor = contextFactory(database, services, log);

  const sockets = startWebSocketServer(server, { schema, protection, formatError, services, contextFor, log });

  const apollo = await startApollo({ schema, protection, formatError, dev });

  mountRoutes(app, { config, database, services, log, graphql: graphqlHandlers(apollo, services, contextFor) });

  let stopped = false;
  return {
    server,
    services,
    database,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => resolve((server.address() as AddressInfo).port));
      }),
    async stop() {
      if (stopped) return;
      stopped = true;
      // Stop accepting; idle keep-alive sockets close now, busy ones after their response.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await sockets.close();
      if (inFlight > 0) {
        log.info({ inFlight }, "waiting for in-flight requests");
        await Promise.race([
          new Promise<void>((resolve) => {
            idle = resolve;
          }),
          new Promise((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref()),
        ]);
      }
      server.closeAllConnections();
      await closed;
      await apollo.stop();
      await services.live.stop();
      await jobs.stop();
      await database.close();
    },
  };
}
