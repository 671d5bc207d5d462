// Bench-only wrapper: starts Leadline from the server's build (the same
// createApp main.js uses, configured from the environment) and answers the
// live benchmark's probes over IPC (heap after GC, CPU, event-loop delay).
// Started by live-bench.mjs with --expose-gc; adds nothing to the product.
import { createApp } from "@leadline/server/dist/app.js";
import { loadConfig } from "@leadline/server/dist/config.js";
import { createLogger } from "@leadline/server/dist/logger.js";
import { answerProbes } from "./live-probe.mjs";

const config = loadConfig();
const log = createLogger(config.logLevel);
const app = await createApp(config, log);
const port = await app.listen();
answerProbes();
process.send?.({ type: "ready", port });

let stopping = false;
process.on("SIGTERM", async () => {
  if (stopping) return;
  stopping = true;
  setTimeout(() => process.exit(1), 15_000).unref();
  await app.stop();
  process.exit(0);
});
