import type { Server } from "node:http";
import type { Config } from "./config.js";
import { type DatabaseHandle, openDatabase } from "./db/client.js";
import { createFormatError } from "./graphql/errors.js";
import { buildLeadlineSchema } from "./graphql/schema.js";
import { graphqlHandlers, startApollo } from "./http/apollo.js";
import { contextFactory } from "./http/context.js";
import { createHttpServer, listen } from "./http/http-server.js";
import { protectDocuments } from "./http/limits.js";
import { Metrics } from "./http/prometheus.js";
import { mountRoutes } from "./http/routes.js";
import { createStop } from "./http/shutdown.js";
import { startWebSocketServer } from "./http/websocket.js";
import type { Logger } from "./logger.js";
import { notifyBus } from "./modules/events/event-bus.js";
import { JobQueue } from "./modules/jobs/job-queue.js";
import { type MailServer, type ReceivedMail, startMailServer } from "./modules/messaging/mail-server.js";
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

/** The app's stop, then the mail server's (after the jobs that send to it have stopped). */
function withMailServer(mailServer: MailServer | null, stop: () => Promise<void>): () => Promise<void> {
  return async () => {
    await stop();
    await mailServer?.close();
  };
}

export async function createApp(config: Config, log: Logger): Promise<LeadlineApp> {
  const database = await openDatabase(config.database, { log });
  if (config.database.rowSecurity === false) {
    log.warn("ROW_SECURITY=off: tenants are kept apart by the service layer alone (for measuring its cost)");
  }
  const jobs = new JobQueue(database.executeSql, log, undefined, database.kind === "pglite" ? 120 : undefined);
  await jobs.start();
  // The built-in SMTP server (embedded default) is where mail is sent, so it starts first.
  let receive: (mail: ReceivedMail) => Promise<void> = async () => {};
  const mailServer =
    config.mail?.devServerPort != null || config.mail?.inboundPort != null
      ? await startMailServer(
          {
            port: config.mail.devServerPort ?? config.mail.inboundPort ?? 0,
            host: config.mail.devServerPort != null ? "127.0.0.1" : "0.0.0.0",
          },
          (mail) => receive(mail),
          log,
        )
      : null;
  const mail =
    config.mail && config.mail.devServerPort != null && mailServer
      ? { ...config.mail, smtpUrl: `smtp://127.0.0.1:${mailServer.port}` }
      : config.mail;
  const services = createServices(database.db, { ...config, mail }, jobs, log);
  receive = (received) => services.inboundMail.receive(received);
  await registerJobHandlers(services);
  services.sla.startSweeping();
  await services.live.start(notifyBus(database), database.sessionDb);
  await services.webhookDispatcher.start(notifyBus(database));

  const dev = config.env === "development";
  const schema = await buildLeadlineSchema();
  const formatError = createFormatError(log, dev);
  const protection = protectDocuments(dev);
  const contextFor = contextFactory(database, services, log);

  const { app, server, inFlight } = createHttpServer();
  const sockets = startWebSocketServer(server, { schema, protection, formatError, services, contextFor, log });
  const metrics = new Metrics(
    database,
    { liveSubscriptions: () => services.live.subscriptionCount(), sockets: () => sockets.count() },
    log,
  );
  services.live.onDelivered = (lag) => metrics.fanOutLag.observe(lag);
  const apollo = await startApollo({ schema, protection, formatError, dev, plugins: [metrics.apolloPlugin()] });
  const graphql = graphqlHandlers(apollo, services, contextFor, log);
  mountRoutes(app, { config, database, services, log, graphql, metrics });

  return {
    server,
    services,
    database,
    listen: () => listen(server, config.port, config.host),
    stop: withMailServer(
      mailServer,
      createStop({
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
    ),
  };
}
