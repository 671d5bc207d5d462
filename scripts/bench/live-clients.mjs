// One client process of the live benchmark: opens the subscribers it is given
// (real graphql-ws clients against Leadline, or plain `ws` sockets against the
// bare floor), records for every delivery the receipt time minus the event's
// timestamp in a 1 ms histogram, and answers live-bench.mjs over IPC. Against
// Leadline it also records receipt minus the commit: live-bench.mjs listens to
// the database's commit announcements itself and sends their times here.
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const MAX_MS = 60_000;
const QUERY = "subscription($pipelineId: ID) { leadStatusChanged(pipelineId: $pipelineId) { sequence at } }";

let histogram = new Uint32Array(MAX_MS + 1);
let commitHistogram = new Uint32Array(MAX_MS + 1);
let mode = null;
/** Sequence → when live-bench.mjs saw its commit announced (ms since the epoch). */
const committedAt = new Map();
/** Sequence → receipt times of deliveries that arrived before their commit time did. */
const beforeCommitTime = new Map();
let commitNegative = 0;
let received = 0;
let lastAt = 0;
let duplicates = 0;
let negative = 0;
let errors = 0;
let closedEarly = 0;
const closeCodes = {};
const firstErrors = [];
let cpuAtReset = process.cpuUsage();
let shuttingDown = false;
/** @type {{ tenant: number, seen: Set<number>, count: number, close: () => void }[]} */
const subscribers = [];

const bucket = (ms) => Math.max(0, Math.min(ms, MAX_MS));

function recordFromCommit(ms) {
  if (ms < 0) commitNegative++;
  commitHistogram[bucket(ms)]++;
}

function record(subscriber, event) {
  const now = Date.now();
  const ms = now - Date.parse(event.at);
  if (ms < 0) negative++;
  histogram[bucket(ms)]++;
  const sequence = Number(event.sequence);
  // The bare floor's timestamp is taken at send: it is its commit.
  if (mode === "bare") recordFromCommit(ms);
  else if (committedAt.has(sequence)) recordFromCommit(now - committedAt.get(sequence));
  else beforeCommitTime.set(sequence, [...(beforeCommitTime.get(sequence) ?? []), now]);
  if (subscriber.seen.has(sequence)) duplicates++;
  else subscriber.seen.add(sequence);
  subscriber.count++;
  received++;
  lastAt = Date.now();
}

function noteError(message) {
  errors++;
  if (firstErrors.length < 5) firstErrors.push(String(message).slice(0, 300));
}

function noteClose(code) {
  if (shuttingDown) return;
  closedEarly++;
  closeCodes[code] = (closeCodes[code] ?? 0) + 1;
}

/** A graphql-ws client with one leadStatusChanged subscription; resolves once the server acknowledged the connection. */
function openLeadline(url, spec) {
  const subscriber = { tenant: spec.tenant, seen: new Set(), count: 0, close: () => {} };
  return new Promise((resolve, reject) => {
    let connected = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${spec.token}` },
      onNonLazyError: () => {},
      on: {
        connected: () => {
          connected = true;
          resolve(subscriber);
        },
        closed: (event) => {
          if (!connected) reject(new Error(`socket closed before ack (${event?.code})`));
          else noteClose(event?.code ?? 0);
        },
      },
    });
    subscriber.close = () => void client.dispose();
    client.subscribe(
      { query: QUERY, variables: { pipelineId: spec.pipelineId } },
      {
        next: (result) => {
          if (result.errors) noteError(JSON.stringify(result.errors));
          else record(subscriber, result.data.leadStatusChanged);
        },
        error: (error) => {
          if (!shuttingDown) noteError(error?.message ?? error?.reason ?? JSON.stringify(error));
        },
        complete: () => {},
      },
    );
  });
}

/** A plain `ws` socket joined to its tenant on the bare server. */
function openBare(url, spec) {
  const subscriber = { tenant: spec.tenant, seen: new Set(), count: 0, close: () => {} };
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${url}/?tenant=${spec.tenant}`);
    subscriber.close = () => socket.terminate();
    socket.on("open", () => resolve(subscriber));
    socket.on("error", (error) => reject(error));
    socket.on("close", (code) => noteClose(code));
    socket.on("message", (data) => record(subscriber, JSON.parse(data.toString()).payload.data.leadStatusChanged));
  });
}

async function connect({ mode: kind, url, specs, batch }) {
  mode = kind;
  const open = mode === "leadline" ? openLeadline : openBare;
  let failed = 0;
  for (let i = 0; i < specs.length; i += batch) {
    const results = await Promise.allSettled(specs.slice(i, i + batch).map((spec) => open(url, spec)));
    for (const r of results) {
      if (r.status === "fulfilled") subscribers.push(r.value);
      else {
        failed++;
        noteError(r.reason?.message ?? r.reason);
      }
    }
  }
  return { connected: subscribers.length, failed };
}

function reset() {
  histogram = new Uint32Array(MAX_MS + 1);
  commitHistogram = new Uint32Array(MAX_MS + 1);
  committedAt.clear();
  beforeCommitTime.clear();
  received = duplicates = negative = commitNegative = errors = closedEarly = lastAt = 0;
  for (const key of Object.keys(closeCodes)) delete closeCodes[key];
  firstErrors.length = 0;
  for (const s of subscribers) {
    s.seen.clear();
    s.count = 0;
  }
  cpuAtReset = process.cpuUsage();
}

function cpuSinceReset() {
  const cpu = process.cpuUsage(cpuAtReset);
  return (cpu.user + cpu.system) / 1000;
}

const bucketsOf = (h) => [...h.entries()].filter(([, count]) => count > 0);

function report() {
  return {
    buckets: bucketsOf(histogram),
    commitBuckets: bucketsOf(commitHistogram),
    commitNegative,
    withoutCommitTime: [...beforeCommitTime.values()].reduce((n, times) => n + times.length, 0),
    received,
    lastAt,
    duplicates,
    negative,
    errors,
    firstErrors,
    closedEarly,
    closeCodes,
    cpuMs: cpuSinceReset(),
    subscribers: subscribers.length,
    heapUsed: process.memoryUsage().heapUsed,
  };
}

process.on("message", async (message) => {
  const reply = (body) => process.send({ id: message.id, ...body });
  switch (message.type) {
    case "connect":
      reply(await connect(message));
      break;
    case "commits":
      for (const [sequence, at] of message.entries) {
        committedAt.set(sequence, at);
        for (const receivedAt of beforeCommitTime.get(sequence) ?? []) recordFromCommit(receivedAt - at);
        beforeCommitTime.delete(sequence);
      }
      break;
    case "reset":
      reset();
      reply({});
      break;
    case "count":
      reply({
        received,
        reached: subscribers.filter((s) => s.count > 0).length,
        cpuMs: cpuSinceReset(),
        closed: closedEarly,
        errors,
        firstErrors,
      });
      break;
    case "report":
      reply(report());
      break;
    case "close":
      shuttingDown = true;
      for (const s of subscribers) s.close();
      reply({});
      setTimeout(() => process.exit(0), 500);
      break;
  }
});
