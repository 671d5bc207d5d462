import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { CREATE_LEAD, UPDATE_LEAD } from "../../test/documents.js";
import type { TestServer, TestTenant } from "../../test/harness.js";
import type { WebhookEventDocument } from "./webhook-payload.js";

/** A request the receiver got, as it arrived. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status the receiver answered. */
  status: number;
}

/** What the receiver answers to the nth request (from 1) it gets. */
export type Responder = (request: {
  n: number;
  body: string;
  headers: IncomingHttpHeaders;
}) => number | { status: number; headers?: Record<string, string>; delayMs?: number };

/** A real node:http receiver on a free local port, recording every request. */
export interface Receiver {
  url: string;
  requests: Received[];
  respond: Responder;
  close(): Promise<void>;
}

export async function startReceiver(respond: Responder = () => 204): Promise<Receiver> {
  const receiver: Receiver = { url: "", requests: [], respond, close: async () => {} };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const answer = receiver.respond({ n: receiver.requests.length + 1, body, headers: req.headers });
      const { status, headers, delayMs } = typeof answer === "number" ? { status: answer } : answer;
      receiver.requests.push({ headers: req.headers, body, status });
      setTimeout(() => res.writeHead(status, headers).end(status >= 400 ? "receiver says no" : ""), delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return receiver;
}

export const CREATE_ENDPOINT = `mutation($input: WebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url eventTypes active disabledReason } }
}`;
export const UPDATE_ENDPOINT = `mutation($id: ID!, $input: WebhookEndpointInput!) {
  updateWebhookEndpoint(id: $id, input: $input) { id url eventTypes active disabledReason }
}`;
export const ENDPOINTS = `query($first: Int) { webhookEndpoints {
  id url eventTypes active disabledReason failingSince
  deliveries(first: $first) { id eventSequence eventType attempt statusCode lastError deliveredAt nextAttemptAt createdAt }
} }`;
export const REPLAY = "mutation($id: ID!, $since: String!) { replayWebhookEvents(id: $id, sinceSequence: $since) }";

export async function createEndpoint(
  server: TestServer,
  token: string,
  input: { url: string; eventTypes?: string[]; active?: boolean },
): Promise<{ id: string; secret: string }> {
  const res = await server.gql(CREATE_ENDPOINT, { input: { eventTypes: ["CREATED"], ...input } }, token);
  const payload = res.data?.createWebhookEndpoint;
  if (!payload) throw new Error(`createWebhookEndpoint failed: ${JSON.stringify(res.errors)}`);
  return { id: payload.endpoint.id, secret: payload.secret };
}

export async function createLead(server: TestServer, t: TestTenant, name: string): Promise<string> {
  const res = await server.gql(
    CREATE_LEAD,
    { input: { name, source: "WEBSITE_FORM", email: `${crypto.randomUUID()}@example.com` } },
    t.tokens.admin,
  );
  const id = res.data?.createLead.lead?.id;
  if (!id) throw new Error(`createLead failed: ${JSON.stringify(res.errors)}`);
  return id;
}

export async function renameLead(server: TestServer, t: TestTenant, id: string, name: string): Promise<void> {
  const res = await server.gql(UPDATE_LEAD, { id, input: { name } }, t.tokens.admin);
  if (!res.data?.updateLead) throw new Error(`updateLead failed: ${JSON.stringify(res.errors)}`);
}

/** Verifies a received request with the official package, as a receiver would; throws when it does not verify. */
export function verified(secret: string, request: Received): WebhookEventDocument {
  return new Webhook(secret).verify(request.body, {
    "webhook-id": String(request.headers["webhook-id"]),
    "webhook-timestamp": String(request.headers["webhook-timestamp"]),
    "webhook-signature": String(request.headers["webhook-signature"]),
  }) as WebhookEventDocument;
}

/** Polls until `check` holds (returns truthy), or fails with what it last saw. */
export async function eventually<T>(
  check: () => T | Promise<T>,
  timeoutMs = 10_000,
  what = "condition",
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(
    `timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`,
  );
}

/** Short timings so retries, backoff and disabling happen in milliseconds, not hours. */
export const FAST_DELIVERY = {
  attemptTimeoutMs: 2_000,
  backoffBaseMs: 100,
  backoffCapMs: 400,
  pollMs: 100,
};
