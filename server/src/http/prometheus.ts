import type { ApolloServerPlugin } from "@apollo/server";
import type { Express, RequestHandler } from "express";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { DatabaseHandle } from "../db/client.js";
import type { Logger } from "../logger.js";

/** What the gauges read when Prometheus scrapes: counts kept by the services themselves. */
export interface MetricSources {
  /** Live subscriptions open on this instance. */
  liveSubscriptions(): number;
  /** WebSocket connections open on this instance. */
  sockets(): number;
}

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Prometheus metrics (prom-client), scraped at `GET /metrics`
 * (docs/operations.md, "Metrics"): requests and latencies by route and by
 * GraphQL operation, live subscriptions and sockets, job queue depth and
 * age, event fan-out lag, rate-limit refusals, and Node's own process
 * metrics (postgres.js keeps no pool statistics: read pool use from
 * PgBouncer's SHOW POOLS or pg_stat_activity). Every series is per instance; sum them in Prometheus.
 * Labels never carry tenant data or ids: operation names and route
 * patterns only.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly http: Histogram<"method" | "route" | "status">;
  private readonly operations: Histogram<"operation" | "type" | "outcome">;
  readonly fanOutLag: Histogram;
  readonly rateLimited: Counter<"budget">;

  constructor(database: DatabaseHandle, sources: MetricSources, log: Logger) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: "leadline_" });
    this.http = new Histogram({
      name: "leadline_http_request_duration_seconds",
      help: "HTTP requests by method, route pattern and status, first byte in to last byte out",
      labelNames: ["method", "route", "status"],
      buckets: SECONDS,
      registers,
    });
    this.operations = new Histogram({
      name: "leadline_graphql_operation_duration_seconds",
      help: "GraphQL operations over HTTP by operation name, type and outcome (ok or the error code)",
      labelNames: ["operation", "type", "outcome"],
      buckets: SECONDS,
      registers,
    });
    this.fanOutLag = new Histogram({
      name: "leadline_live_fanout_lag_seconds",
      help: "From a lead event's commit to its delivery to this instance's subscribers",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.rateLimited = new Counter({
      name: "leadline_rate_limited_total",
      help: "Requests refused because a rate-limit budget was spent",
      labelNames: ["budget"],
      registers,
    });
    new Gauge({
      name: "leadline_live_subscriptions",
      help: "Live subscriptions open on this instance",
      registers,
      collect() {
        this.set(sources.liveSubscriptions());
      },
    });
    new Gauge({
      name: "leadline_websocket_connections",
      help: "WebSocket connections open on this instance",
      registers,
      collect() {
        this.set(sources.sockets());
      },
    });
    const depth = new Gauge({
      name: "leadline_job_queue_depth",
      help: "Jobs due and waiting (created or retrying) by queue",
      labelNames: ["queue"],
      registers,
    });
    const age = new Gauge({
      name: "leadline_job_queue_oldest_age_seconds",
      help: "How long the oldest due job of each queue has waited",
      labelNames: ["queue"],
      registers,
    });
    // One query for both job gauges per scrape: pg-boss keeps its jobs in the same database.
    new Gauge({
      name: "leadline_metrics_scrape_errors",
      help: "1 when the last scrape could not read the job queue",
      registers,
      async collect() {
        try {
          const { rows } = (await database.executeSql(
            `select name, count(*)::int as depth, coalesce(extract(epoch from now() - min(start_after)), 0)::float8 as age
               from pgboss.job where state in ('created', 'retry') and start_after <= now() group by name`,
            [],
          )) as { rows: { name: string; depth: number; age: number }[] };
          depth.reset();
          age.reset();
          for (const row of rows) {
            depth.set({ queue: row.name }, Number(row.depth));
            age.set({ queue: row.name }, Number(row.age));
          }
          this.set(0);
        } catch (err) {
          log.warn({ err }, "metrics: reading the job queue failed");
          this.set(1);
        }
      },
    });
  }

  /** Times every request by its route pattern (never its concrete path: ids would explode the series). */
  middleware(): RequestHandler {
    return (req, res, next) => {
      const end = this.http.startTimer();
      res.on("finish", () => {
        const pattern = req.route?.path;
        const route = req.baseUrl + (typeof pattern === "string" ? pattern : "") || routeGroup(req.path);
        end({ method: req.method, route, status: String(res.statusCode) });
      });
      next();
    };
  }

  /** Times each GraphQL operation by its name (operations without a name count as "anonymous"). */
  apolloPlugin<T extends object>(): ApolloServerPlugin<T> {
    const operations = this.operations;
    return {
      async requestDidStart() {
        const end = operations.startTimer();
        return {
          async willSendResponse({ operation, operationName, response }) {
            const body = response.body.kind === "single" ? response.body.singleResult : null;
            const code = body?.errors?.[0]?.extensions?.code;
            end({
              operation: operationName ?? "anonymous",
              type: operation?.operation ?? "invalid",
              outcome: typeof code === "string" ? code : "ok",
            });
          },
        };
      },
    };
  }

  /** `GET /metrics`; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`. */
  mount(app: Express, token: string | null): void {
    app.get("/metrics", async (req, res) => {
      if (token && req.get("authorization") !== `Bearer ${token}`) {
        res.status(401).set("www-authenticate", "Bearer").end();
        return;
      }
      res.set("content-type", this.registry.contentType).send(await this.registry.metrics());
    });
  }
}

/** A route that matched no pattern (the web app, a 404): its first path segment only. */
function routeGroup(path: string): string {
  const first = path.split("/")[1] ?? "";
  return first === "" ? "/" : `/${first}/*`;
}
