import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../test/harness.js";
import { inlineScriptHashes } from "./security.js";

const INLINE = "window.early = 1;";
const TRUSTED = "https://crm.example.com";
let server: TestServer;
let dist: string;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "leadline-csp-"));
  writeFileSync(
    join(dist, "index.html"),
    `<!doctype html><html><head><script>${INLINE}</script><script type="module" src="/assets/app.js"></script></head><body></body></html>`,
  );
  server = await startTestServer({ clientDist: dist, corsOrigins: [TRUSTED] });
});
afterAll(async () => {
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

const directives = (csp: string | null) =>
  new Map(
    (csp ?? "")
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([k = "", ...v]) => [k, v]),
  );

describe("security headers", () => {
  it("hashes only the page's inline scripts", () => {
    const digest = createHash("sha256").update(INLINE).digest("base64");
    expect(inlineScriptHashes(`<script>${INLINE}</script><script src="/a.js"></script><script> </script>`)).toEqual([
      `'sha256-${digest}'`,
    ]);
  });

  it("serves the app with a CSP that runs its own scripts only and forbids framing", async () => {
    const res = await fetch(`${server.url}/inbox`);
    const csp = directives(res.headers.get("content-security-policy"));
    const digest = createHash("sha256").update(INLINE).digest("base64");
    expect(csp.get("script-src")).toEqual(["'self'", `'sha256-${digest}'`]);
    expect(csp.get("script-src")).not.toContain("'unsafe-inline'");
    expect(csp.get("frame-ancestors")).toEqual(["'none'"]);
    expect(csp.get("object-src")).toEqual(["'none'"]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=\d+/);
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("answers the API with nothing to render or frame", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.status).toBe(200);
    expect(directives(res.headers.get("content-security-policy")).get("default-src")).toEqual(["'none'"]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe("request ids", () => {
  it("answers each request with an X-Request-Id, keeping a well-formed one the caller sent", async () => {
    const made = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, {
      headers: { "apollo-require-preflight": "1" },
    });
    expect(made.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const kept = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, {
      headers: { "apollo-require-preflight": "1", "x-request-id": "lb-7f3a2c91" },
    });
    expect(kept.headers.get("x-request-id")).toBe("lb-7f3a2c91");
    const forged = await fetch(`${server.url}/graphql?query=%7B__typename%7D`, {
      headers: { "apollo-require-preflight": "1", "x-request-id": "<script>" },
    });
    expect(forged.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("CORS", () => {
  const preflight = (origin: string, path: string) =>
    fetch(`${server.url}${path}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization,content-type",
      },
    });

  it("lets a listed origin call GraphQL and REST from a browser", async () => {
    for (const path of ["/graphql", "/api/v1/leads"]) {
      const res = await preflight(TRUSTED, path);
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe(TRUSTED);
      expect(res.headers.get("access-control-allow-headers")).toContain("authorization");
    }
  });

  it("gives any other origin no CORS headers, so its pages cannot read an answer", async () => {
    for (const path of ["/graphql", "/api/v1/leads"]) {
      const res = await preflight("https://evil.example", path);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("refuses a simple cross-site form POST to GraphQL (CSRF prevention)", async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { origin: "https://evil.example", "content-type": "text/plain" },
      body: JSON.stringify({ query: "mutation { __typename }" }),
    });
    expect(res.status).toBe(400);
  });
});
