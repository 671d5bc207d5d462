import type { Express, RequestHandler } from "express";
import { type Config, DEFAULT_RATE_LIMITS } from "../config.js";
import type { DatabaseHandle } from "../db/client.js";
import { requestScope } from "../db/tenant-scope.js";
import type { Logger } from "../logger.js";
import { mountFileRoutes } from "../modules/files/file.routes.js";
import { mountFormRoutes } from "../modules/intake/form.routes.js";
import { mountRestRoutes } from "../modules/intake/rest.routes.js";
import { mountWebhookRoutes } from "../modules/intake/webhook.routes.js";
import { mountSmsHookRoutes } from "../modules/messaging/sms-hooks.routes.js";
import { mountReviewRoutes } from "../modules/reviews/review.routes.js";
import type { Services } from "../modules/services.js";
import { errorHandler } from "./error-handler.js";
import { mountHealthRoutes } from "./health.js";
import type { Metrics } from "./prometheus.js";
import { RateLimits } from "./rate-limits.js";
import { requestLog } from "./request-log.js";
import { apiCors, apiHeaders } from "./security.js";
import { mountWebApp } from "./spa.js";

export interface RoutesOptions {
  config: Config;
  database: DatabaseHandle;
  services: Services;
  log: Logger;
  /** The `/graphql` handlers (body parser and Apollo). */
  graphql: RequestHandler[];
  metrics: Metrics;
}

/**
 * Every HTTP route, in the order Express must see them: health probes and review links before
 * the request log (probes would drown it; a review link's token must never land in a log line),
 * the web app after the API paths it must not shadow, and the error handler last.
 */
export function mountRoutes(app: Express, { config, database, services, log, graphql, metrics }: RoutesOptions): void {
  // Each request's statements run for the tenant its credentials name, once known.
  app.use(requestScope());
  mountHealthRoutes(app, database, log);
  metrics.mount(app, config.metricsToken ?? null);
  app.use(metrics.middleware());
  mountReviewRoutes(app, services, log);
  app.use(requestLog(log));
  if (config.trustProxy != null) app.set("trust proxy", config.trustProxy);
  const limits = new RateLimits(database.db, { ...DEFAULT_RATE_LIMITS, ...config.rateLimits }, log, (budget) =>
    metrics.rateLimited.inc({ budget }),
  );
  app.use(["/graphql", "/api"], apiHeaders(), apiCors(config.corsOrigins ?? []), limits.api());
  app.use("/hooks/leads/:tenantSlug", limits.webhook());
  app.use("/graphql", ...graphql);
  mountFileRoutes(app, services, log);
  mountWebhookRoutes(app, services, log);
  mountSmsHookRoutes(app, services, log);
  mountFormRoutes(app, services, log);
  mountRestRoutes(app, services, log);
  mountWebApp(app, config, log);
  app.use(errorHandler(log));
}
