import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import type { Logger } from "../logger.js";

/** A caller's X-Request-Id is kept when it looks like one; otherwise the server makes one. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{8,100}$/;

/**
 * Logs each request once it is answered: its request id, method, path
 * without the query, status, milliseconds. The id is answered in
 * X-Request-Id, so a user's report, the load balancer's log and this line
 * meet on one value.
 */
export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    const given = req.get("x-request-id");
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    res.set("x-request-id", id);
    res.on("finish", () => {
      if (req.path === "/healthz" || req.path === "/readyz") return;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log.info(
        {
          requestId: id,
          method: req.method,
          path: req.originalUrl.split("?")[0],
          status: res.statusCode,
          ms: Math.round(ms * 10) / 10,
        },
        "request",
      );
    });
    next();
  };
}
