// Bench-only: lets the live benchmark ask a server child process (started with
// --expose-gc and an IPC channel) for its heap after GC, its CPU time and its
// event-loop delay, and (BENCH_PROFILE_DIR) for heap snapshots and a CPU
// profile of the measured load. Nothing here is part of the product server.
import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { writeHeapSnapshot } from "node:v8";

export function answerProbes() {
  if (!process.send) return;
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  // Time the main thread spent in GC pauses (scavenges and mark-compact finalization).
  let gcMs = 0;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  }).observe({ entryTypes: ["gc"] });
  let session = null;
  process.on("message", async (message) => {
    if (message?.type === "heap") {
      // Twice: the first pass may leave finalizer-held objects for the second.
      globalThis.gc?.();
      globalThis.gc?.();
      const { heapUsed, rss, external, arrayBuffers } = process.memoryUsage();
      process.send({ type: "heap", id: message.id, heapUsed, rss, external, arrayBuffers, gc: Boolean(globalThis.gc) });
    } else if (message?.type === "stats") {
      const { user, system } = process.cpuUsage();
      process.send({
        type: "stats",
        id: message.id,
        cpuMs: (user + system) / 1000,
        gcMs,
        heapUsed: process.memoryUsage().heapUsed,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
        loopDelayMaxMs: loop.max / 1e6,
      });
      if (message.resetLoop) loop.reset();
    } else if (message?.type === "heap-snapshot") {
      const path = writeHeapSnapshot(join(message.dir, `${message.name}-${process.pid}.heapsnapshot`));
      process.send({ type: "heap-snapshot", id: message.id, path });
    } else if (message?.type === "profile-start") {
      session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
      process.send({ type: "profile", id: message.id });
    } else if (message?.type === "profile-stop") {
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      session = null;
      const path = join(message.dir, `${message.name}-${process.pid}.cpuprofile`);
      await writeFile(path, JSON.stringify(profile));
      process.send({ type: "profile", id: message.id, path });
    }
  });
  // The IPC channel would keep the process alive after SIGTERM handling.
  process.channel?.unref();
}
