import type { Express } from "express";
import type { DatabaseHandle } from "../db/client.js";
import type { Logger } from "../logger.js";

/** Liveness answers while the process runs; readiness only while the database answers. */
export function mountHealthRoutes(app: Express, database: DatabaseHandle, log: Logger): void {
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    try {
      await database.ping();
      res.json({ status: "ready", database: database.kind });
    } catch (err) {
      log.warn({ err }, "readiness check failed");
      res.status(503).json({ status: "unavailable", database: database.kind });
    }
  });
}
