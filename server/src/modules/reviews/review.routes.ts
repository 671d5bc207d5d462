import type { Express, Response } from "express";
import type { Logger } from "../../logger.js";
import type { ReviewService } from "./review.service.js";

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(res: Response, status: number, title: string, message: string): void {
  res
    .status(status)
    .set({
      "Content-Type": "text/html; charset=utf-8",
      // The token is in the URL: keep it out of caches, referrers and search engines.
      "Cache-Control": "no-store",
      "Referrer-Policy": "no-referrer",
      "X-Robots-Tag": "noindex, nofollow",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
      "X-Content-Type-Options": "nosniff",
    })
    .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937;text-align:center}</style>
</head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></body></html>`);
}

/**
 * `GET /r/:token`: the public, single-use review link of seed 001. Mounted
 * before the request log, so the token never lands in a log line.
 */
export function mountReviewRoutes(app: Express, services: { reviews: ReviewService }, log: Logger): void {
  app.get("/r/:token", async (req, res) => {
    try {
      const result = await services.reviews.openReviewLink(req.params.token);
      if (result.outcome === "invalid") {
        page(res, 404, "Link not found", "This review link is not valid.");
        return;
      }
      page(res, 200, "Thank you!", `Thank you for your feedback to ${result.tenantName}.`);
    } catch (err) {
      log.error({ err }, "review link failed");
      page(res, 500, "Something went wrong", "Please try the link again later.");
    }
  });
}
