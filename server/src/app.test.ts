import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, startTestServer, type TestServer } from "./test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("server", () => {
  it("answers /healthz and /readyz with the database kind", async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready" });
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
