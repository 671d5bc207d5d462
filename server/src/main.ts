import { createApp } from "./app.js";
import { ConfigError, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { seedDemoTenant } from "./scripts/demo-data.js";

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const app = await createApp(config, log);
  if (config.seedDemo) await seedDemoTenant(app.services, log);
  const port = await app.listen();
  log.info(
    {
      port,
      database: config.database.kind,
      dataDir: config.database.kind === "pglite" ? config.database.dataDir : undefined,
    },
    `Leadline listening on http://localhost:${port} (GraphQL at /graphql)`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "shutting down: finishing in-flight requests");
    // Not unref'd: a stop that hangs must end in a logged exit, not a silent one.
    setTimeout(() => {
      log.error("shutdown timed out; exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs);
    await app.stop();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
