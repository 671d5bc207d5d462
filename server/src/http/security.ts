import { createHash } from "node:crypto";
import cors from "cors";
import type { RequestHandler } from "express";
import helmet from "helmet";

/**
 * Security headers and the cross-origin policy, in one place (docs/security.md).
 *
 * - The web app: a strict content security policy. Scripts come from this
 *   origin only, plus the inline scripts of the built index.html by their
 *   hash (the early board request), so an injected `<script>` or `onclick`
 *   never runs; nothing may frame the app (clickjacking).
 * - The API (`/graphql`, `/api/v1`): JSON only, `default-src 'none'`.
 *   Sessions travel in the Authorization header, never in a cookie, so a
 *   page on another site cannot make a signed-in browser act (no CSRF to
 *   defend); Apollo's CSRF prevention refuses simple cross-site POSTs too.
 * - CORS: other origins may call the API only when listed in `CORS_ORIGINS`.
 */

/** The sha256 CSP sources of the page's inline scripts (`<script>` without `src`). */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes = "", body = ""] = match;
    if (/\bsrc\s*=/.test(attributes) || body.trim() === "") continue;
    hashes.push(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
  }
  return hashes;
}

/** The web app's headers: its CSP allows exactly the page's own inline scripts. */
export function webAppHeaders(indexHtml: string): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...inlineScriptHashes(indexHtml)],
        // React and the chart library set style attributes; styles cannot run code.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        // 'self' covers the live socket (ws: and wss: on this host).
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // Uploaded attachments open in a new tab from this origin.
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
}

/** The API's headers: nothing to render, nothing to frame. */
export function apiHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: "same-site" },
  });
}

/**
 * CORS for the API: the listed origins may call it from a browser (with the
 * headers integrators send), everyone else gets no CORS headers, so a
 * browser on another site cannot read an answer. Servers calling the API are
 * not browsers and are unaffected.
 */
export function apiCors(allowedOrigins: readonly string[]): RequestHandler {
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/+$/, "")));
  return cors({
    origin: (origin, done) => done(null, origin !== undefined && allowed.has(origin)),
    methods: ["GET", "POST", "PATCH", "OPTIONS"],
    allowedHeaders: ["authorization", "content-type", "idempotency-key", "if-match", "apollo-require-preflight"],
    exposedHeaders: ["etag", "retry-after", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"],
    maxAge: 600,
  });
}
