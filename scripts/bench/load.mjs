import { readFileSync } from "node:fs";
import { Agent, request } from "node:http";

/**
 * A closed-loop load generator: `concurrency` workers each send one request,
 * wait for the answer, send the next, for `seconds`. Keep-alive sockets, so
 * the figures measure the servers, not TCP handshakes.
 */
export async function runLoad({ url, headers = {}, body, concurrency, seconds, check, sign, okStatus = 200 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  const target = new URL(url);
  const latencies = [];
  let errors = 0;
  let sent = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  const once = (payload) =>
    new Promise((resolve) => {
      // A signed request (the webhook) adds per-request headers computed over the exact bytes sent.
      const extra = sign ? sign(payload) : {};
      const req = request(
        {
          agent,
          host: target.hostname,
          port: target.port,
          path: target.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": Buffer.byteLength(payload),
            ...headers,
            ...extra,
          },
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
        },
      );
      req.on("error", (error) => resolve({ status: 0, text: String(error) }));
      req.end(payload);
    });
  const worker = async () => {
    while (performance.now() < deadline) {
      const payload = JSON.stringify(body(sent++));
      const started = performance.now();
      const res = await once(payload);
      const ms = performance.now() - started;
      if (res.status !== okStatus || (check && !check(res.text))) {
        errors++;
        if (errors <= 3) console.error(`  ! ${res.status} ${res.text.slice(0, 300)}`);
      } else {
        latencies.push(ms);
        if (process.env.BENCH_TRACE) console.error(`  t=${((started - t0) / 1000).toFixed(1)}s ${ms.toFixed(0)} ms`);
      }
    }
  };
  const started = performance.now();
  const busy0 = machineBusyMs();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - started) / 1000;
  const busyMs = busy0 === null ? null : machineBusyMs() - busy0;
  agent.destroy();
  return summarize([{ latencies, errors, elapsed, busyMs }]);
}

/**
 * CPU time the whole machine has spent busy (Linux /proc/stat; null
 * elsewhere): the load generator, the server and PostgreSQL together. Per
 * answered request it is what a load costs on this machine, a figure that
 * does not move with the machine's speed as much as a rate does.
 */
function machineBusyMs() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
    const n = fields.slice(0, 8).map(Number);
    const busy = n.reduce((a, b) => a + b, 0) - n[3] - n[4];
    return busy * 10; // USER_HZ is 100 on Linux
  } catch {
    return null;
  }
}

/** One figure of several runs of the same load: all their answers over all their time. */
export function summarize(runs) {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsed = runs.reduce((sum, r) => sum + r.elapsed, 0);
  const errors = runs.reduce((sum, r) => sum + r.errors, 0);
  const busyMs = runs.every((r) => r.busyMs != null) ? runs.reduce((sum, r) => sum + r.busyMs, 0) : null;
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((latencies.length * p) / 100))] ?? NaN;
  return {
    ok: latencies.length,
    errors,
    elapsed,
    latencies,
    rps: latencies.length / elapsed,
    p50: pct(50),
    p99: pct(99),
    busyMs,
    /** Machine CPU milliseconds per answered request (runLoad's machineBusyMs), or null. */
    cpuMs: busyMs === null || latencies.length === 0 ? null : busyMs / latencies.length,
  };
}

/**
 * The loads compared in one run, measured fairly on a machine whose speed
 * drifts: each first warmed up for `warmup` seconds (a server's JIT reaches
 * its steady state after a few thousand requests, docs/performance.md), then
 * measured in `rounds` slices of `seconds / rounds`, the order reversed every
 * round, so no load always runs first or last. Answers one figure per load
 * (`summarize`), in the order given.
 */
export async function compareLoads(loads, { seconds, warmup, rounds, concurrency, afterWarmup }) {
  for (const load of loads) await runLoad({ concurrency, seconds: warmup, ...load });
  await afterWarmup?.();
  const slices = loads.map(() => []);
  const order = loads.map((_, i) => i);
  for (let round = 0; round < rounds; round++) {
    for (const i of round % 2 === 0 ? order : [...order].reverse()) {
      slices[i].push(await runLoad({ concurrency, seconds: seconds / rounds, ...loads[i] }));
    }
  }
  return slices.map(summarize);
}
