// Starts two Leadline instances on one PostgreSQL behind HAProxy and PgBouncer (cluster.mjs) and
// keeps them running until Ctrl-C; the database is dropped when it stops.
// Usage: npx pnpm@10.34.8 --filter @leadline/scripts run cluster   (CLUSTER_INSTANCES, CLUSTER_DATABASE_URL)
import { startCluster } from "./cluster.mjs";

const cluster = await startCluster({
  instances: Number(process.env.CLUSTER_INSTANCES ?? 2),
  log: (line) => process.stderr.write(line),
});
console.log(`Leadline behind HAProxy: ${cluster.url}`);
console.log(`instances: ${cluster.instanceUrls.join(", ")}`);
console.log(`PgBouncer (transaction pooling): ${cluster.pooledUrl}`);
console.log(
  "Seed the demo tenant: DATABASE_URL=<PgBouncer URL> DATABASE_DIRECT_URL=<direct URL> npx pnpm@10.34.8 seed",
);
console.log(`direct URL: ${cluster.directUrl}`);
const stop = async () => {
  await cluster.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
