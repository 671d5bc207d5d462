// The floor the live benchmark measures Leadline against: a bare `ws` server
// with no GraphQL, no auth, no database. Sockets join a tenant by URL
// (`/?tenant=7`); POST /broadcast { tenant, sequence, at } sends one message
// shaped like Leadline's graphql-ws `next` frame to every socket of that
// tenant (serialized once per broadcast). Started by live-bench.mjs with
// --expose-gc and PORT; answers the same IPC probes as live-server.mjs.
import { createServer } from "node:http";
import { WebSocketServer } from "ws";
import { answerProbes } from "./live-probe.mjs";

const byTenant = new Map();

const server = createServer(async (req, res) => {
  if (req.method !== "POST" || req.url !== "/broadcast") {
    res.writeHead(404).end();
    return;
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const { tenant, sequence, at } = JSON.parse(Buffer.concat(chunks).toString());
  const frame = Buffer.from(
    JSON.stringify({
      id: "00000000-0000-4000-8000-000000000000",
      type: "next",
      payload: { data: { leadStatusChanged: { sequence: String(sequence), at } } },
    }),
  );
  let sent = 0;
  for (const socket of byTenant.get(String(tenant)) ?? []) {
    socket.send(frame, { binary: false });
    sent++;
  }
  res.writeHead(200, { "content-type": "application/json" }).end(`{"sent":${sent}}`);
});

const wss = new WebSocketServer({ server });
wss.on("connection", (socket, req) => {
  const tenant = new URL(req.url, "http://x").searchParams.get("tenant") ?? "";
  const set = byTenant.get(tenant) ?? new Set();
  set.add(socket);
  byTenant.set(tenant, set);
  socket.on("close", () => set.delete(socket));
});

server.listen(Number(process.env.PORT), "127.0.0.1", () => {
  answerProbes();
  process.send?.({ type: "ready", port: server.address().port });
});
process.on("SIGTERM", () => {
  for (const socket of wss.clients) socket.terminate();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 2_000).unref();
});
