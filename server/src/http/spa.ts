import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import express, { type Express } from "express";
import type { Config } from "../config.js";
import type { Logger } from "../logger.js";
import { webAppHeaders } from "./security.js";

/** Serves the web app's build, if there is one, from the configured folder or ./client/dist. */
export function mountWebApp(app: Express, config: Config, log: Logger): void {
  const clientDist = config.clientDist ?? join(process.cwd(), "client", "dist");
  const indexHtml = join(clientDist, "index.html");
  if (existsSync(indexHtml)) {
    const headers = webAppHeaders(readFileSync(indexHtml, "utf8"));
    app.use(headers, express.static(clientDist, { index: false, maxAge: "1h" }));
    // The SPA owns every other GET path, except files: a missing asset is a 404, never the page.
    app.get(/^\/(?!graphql|healthz|readyz|assets\/)[^.]*$/, (_req, res) => {
      res.sendFile(join(clientDist, "index.html"));
    });
  } else {
    log.warn({ clientDist }, "client build not found; serving the API only");
  }
}
