// What the one-client latency benches (dashboard, crm search) share: p50/p95 of a request sent
// one after another, and the machine's load to say how far to trust a run.
import { readFileSync } from "node:fs";

/** p50 and p95 in ms of `samples` sequential calls of `fn`, after 5 warm-ups. */
export async function measureSequential(fn, samples) {
  for (let i = 0; i < 5; i++) await fn();
  const times = [];
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const p = (q) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
  return { p50: p(0.5), p95: p(0.95) };
}

/** The 1-minute load average: on a shared machine it says how far to trust a run. */
export const loadAverage = () => readFileSync("/proc/loadavg", "utf8").split(" ")[0];
