import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_LEAD } from "../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant, wsClient } from "../test/harness.js";

const TOKEN = "metrics-scraper-token-0123456789";
let server: TestServer;
let t: TestTenant;
let client: Client | null = null;

beforeAll(async () => {
  server = await startTestServer({ metricsToken: TOKEN });
  t = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(async () => {
  await client?.dispose();
  await server?.stop();
});

const scrape = async () => {
  const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return res.text();
};

/** The value of one series, by its name and labels as Prometheus prints them. */
const value = (text: string, series: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe("GET /metrics", () => {
  it("answers only the scraper's token when one is set", async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${server.url}/metrics`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });

  it("counts GraphQL operations by name and outcome, and HTTP requests by route pattern", async () => {
    const named = "query DashboardProbe { me { id } }";
    await server.gql(named, {}, t.tokens.manager);
    await server.gql(named, {}, "lls_not-a-session");
    const bad = 'mutation RefusedLead { createLead(input: { source: MANUAL, name: "" }) { lead { id } } }';
    await server.gql(bad, {}, t.tokens.manager);
    await fetch(`${server.url}/api/v1/leads/00000000-0000-0000-0000-000000000000`);
    const text = await scrape();
    expect(
      value(
        text,
        'leadline_graphql_operation_duration_seconds_count{operation="DashboardProbe",type="query",outcome="ok"}',
      ),
    ).toBe(1);
    expect(
      value(
        text,
        'leadline_graphql_operation_duration_seconds_count{operation="RefusedLead",type="mutation",outcome="BAD_USER_INPUT"}',
      ),
    ).toBe(1);
    // A request refused before any operation runs (no session) is an HTTP 401.
    expect(
      value(text, 'leadline_http_request_duration_seconds_count{method="POST",route="/graphql",status="401"}'),
    ).toBe(1);
    expect(
      value(text, 'leadline_http_request_duration_seconds_count{method="POST",route="/graphql",status="200"}'),
    ).toBeGreaterThanOrEqual(2);
    // The id never becomes a label: the route pattern does.
    expect(text).not.toContain("00000000-0000-0000-0000-000000000000");
    expect(text).toContain('route="/api/v1/leads/:ref"');
    expect(value(text, "leadline_metrics_scrape_errors")).toBe(0);
    expect(text).toContain("leadline_process_cpu_user_seconds_total");
  });

  it("shows live subscriptions and sockets, and the fan-out lag of delivered events", async () => {
    client = wsClient(server, t.tokens.manager, { lazy: false });
    const received: unknown[] = [];
    client.subscribe(
      { query: "subscription { leadEvents { sequence } }" },
      { next: (v) => received.push(v), error: () => {}, complete: () => {} },
    );
    await expect.poll(async () => value(await scrape(), "leadline_live_subscriptions"), { timeout: 5_000 }).toBe(1);
    expect(value(await scrape(), "leadline_websocket_connections")).toBe(1);
    await server.gql(
      CREATE_LEAD,
      { input: { source: "MANUAL", name: "Lag", email: "lag@example.org" } },
      t.tokens.manager,
    );
    await expect.poll(() => received.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(value(await scrape(), "leadline_live_fanout_lag_seconds_count")).toBeGreaterThanOrEqual(1);
  });
});
