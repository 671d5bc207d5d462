import type { ErrorRequestHandler } from "express";
import type { Logger } from "../logger.js";

/** The last handler: any error a route passed on becomes a JSON error body with its status (500 if none). */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return ((err, _req, res, _next) => {
    const status = typeof err?.status === "number" ? err.status : 500;
    if (status >= 500) log.error({ err }, "request failed");
    res
      .status(status)
      .json({ errors: [{ message: status === 413 ? "Request body too large" : (err.message ?? "Error") }] });
  }) as ErrorRequestHandler;
}
