import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, startTestServer, type TestServer } from "./test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("server", () => {
  it("counts the fields fragments select toward the depth limit, not the spreads", async () => {
    const t = await createTestTenant(server, { manager: ["MANAGER"] });
    // Five levels of fields through nested fragments, as a client colocating one per component writes them.
    const colocated = `query { leads(first: 1) { edges { node { ...Card } } } }
      fragment Card on Lead { id ...Clock owner { id } }
      fragment Clock on Lead { sla { state } }`;
    expect((await server.gql(colocated, {}, t.tokens.manager)).errors).toBeUndefined();
    // Fragments do not hide depth either: nine levels of fields are refused.
    const deep = `query { leads(first: 1) { edges { node { ...Deep } } } }
      fragment Deep on Lead { activities { edges { node { actor { partnerCompany { name } } } } } }`;
    const res = await server.gql(deep, {}, t.tokens.manager);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.message).toMatch(/depth/i);
  });

  it("answers /healthz and /readyz with the database kind", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
  });

  it("serves the web app for app routes and 404 for missing assets", async () => {
    const dist = mkdtempSync(join(tmpdir(), "leadline-dist-"));
    mkdirSync(join(dist, "assets"));
    writeFileSync(join(dist, "index.html"), "<!doctype html><title>Leadline</title>");
    writeFileSync(join(dist, "assets", "app.js"), "console.log(1)");
    const web = await startTestServer({ clientDist: dist });
    try {
      const page = await fetch(`${web.url}/board/123`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<title>Leadline</title>");
      expect((await fetch(`${web.url}/assets/app.js`)).status).toBe(200);
      expect((await fetch(`${web.url}/assets/gone-abc123.js`)).status).toBe(404);
      expect((await fetch(`${web.url}/favicon.ico`)).status).toBe(404);
    } finally {
      await web.stop();
      rmSync(dist, { recursive: true, force: true });
    }
  });

  it("masks internal errors and never sends a stack outside development", async () => {
    const res = await server.gql("{ me { id } }", {}, "lls_x");
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.ts/);
  });

  it("lets in-flight requests finish on shutdown, then refuses new connections", async () => {
    const local = await startTestServer();
    const t = await createTestTenant(local, { rep: ["SALES"] });
    let received = 0;
    local.app.server.on("request", () => received++);
    const firstArrived = once(local.app.server, "request");
    const inFlight = Array.from({ length: 20 }, (_, i) =>
      local.gql(
        "mutation($i: CreateLeadInput!) { createLead(input: $i) { lead { requestId } } }",
        { i: { name: `Shutdown ${i}`, source: "API", email: `s${i}@example.com` } },
        t.tokens.rep,
      ),
    );
    await firstArrived;
    const stopping = local.stop();
    const results = await Promise.allSettled(inFlight);
    await stopping;
    // Every request the server accepted got its full answer; nothing was cut off mid-response.
    const answered = results.filter((r) => r.status === "fulfilled" && r.value.data?.createLead);
    expect(received).toBeGreaterThan(0);
    expect(answered.length).toBe(received);
    await expect(fetch(`${local.url}/healthz`)).rejects.toThrow();
  });
});
