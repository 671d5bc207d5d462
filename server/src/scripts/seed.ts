import { loadConfig } from "../config.js";
import { openDatabase } from "../db/client.js";
import { createLogger } from "../logger.js";
import { JobQueue } from "../modules/jobs/job-queue.js";
import { createServices } from "../modules/services.js";
import { DEMO_PASSWORD, DEMO_TENANT, seedDemoTenant } from "./demo-data.js";

/** Seeds the demo tenant on whatever database the environment names (DATABASE_URL or the embedded one). */
const config = loadConfig();
const log = createLogger(config.logLevel);
const database = await openDatabase(config.database);
// Seeding writes rows directly and schedules no jobs, so the job queue is never started here.
const seeded = await seedDemoTenant(createServices(database.db, config, new JobQueue(database.executeSql, log)), log);
if (!seeded)
  log.info(`tenant '${DEMO_TENANT}' already exists; nothing seeded (password for demo users: ${DEMO_PASSWORD})`);
await database.close();
