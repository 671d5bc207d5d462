import type { Server } from "node:http";
import type { Config } from "./config.js";
import { type DatabaseHandle, openDatabase } from "./db/client.js";
import { createFormatError } from "./graphql/errors.js";
import { buildLeadlineSchema } from "./graphql/schema.js";
import { graphqlHandlers, startApollo } from "./http/apollo.js";
import { contextFactory } from "./http/context.js";
import { createHttpServer, listen } from "./http/http-server.js";
import { protectDocuments } from "./http/limits.js";
import { mountRoutes } from "./http/routes.js";
import { createStop } from "./http/shutdown.js";
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
  await services.webhookDispatcher.start(notifyBus(database));

  const dev = config.env === "development";
  const schema = await buildLeadlineSchema();
  const formatError = createFormatError(log, dev);
  const protection = protectDocuments(dev);
  const contextFor = contextFactory(database, services, log);

  const { app, server, inFlight } = createHttpServer();
  const sockets = startWebSocketServer(server, { schema, protection, formatError, services, contextFor, log });
  const apollo = await startApollo({ schema, protection, formatError, dev });
  mountRoutes(app, { config, database, services, log, graphql: graphqlHandlers(apollo, services, contextFor) });

  return {
    server,
    services,
    database,
    listen: () => listen(server, config.port, config.host),
    stop: createStop({
      server,
      inFlight,
      sockets,
      apollo,
      services,
      jobs,
      database,
      log,
      timeoutMs: config.shutdownTimeoutMs,
    }),
  };
}
