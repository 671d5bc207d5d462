// Several Leadline instances for real: N instances on one PostgreSQL behind
// Debian's HAProxy (HTTP and WebSocket, round robin, health-checked on
// /readyz) and PgBouncer in transaction pooling mode. Each instance's
// DATABASE_URL goes through the pooler (no prepared statements); its
// DATABASE_DIRECT_URL goes straight to PostgreSQL for migrations and LISTEN.
//
// Usage (module): const cluster = await startCluster({ instances: 2 }); … await cluster.stop();
// Usage (command): node scripts/cluster/start.mjs  (docs/operations.md, "Several instances")
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const freePort = () =>
  new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(url, { ok = (res) => res.status === 200, tries = 300 } = {}) {
  for (let i = 0; i < tries; i++) {
    try {
      if (ok(await fetch(url))) return;
    } catch {}
    await sleep(100);
  }
  throw new Error(`${url} did not come up`);
}

function need(binary) {
  if (spawnSync("which", [binary]).status !== 0) {
    throw new Error(`${binary} is missing: apt-get install -y haproxy pgbouncer (Debian packages)`);
  }
}

/**
 * Starts PgBouncer, `instances` Leadline processes and HAProxy on a fresh
 * database (dropped at stop unless `keepDatabase`). Answers the balancer's
 * URL, each instance's URL and process, and functions to kill and restart one.
 */
export async function startCluster({ instances = 2, baseUrl, env = {}, log = () => {} } = {}) {
  need("haproxy");
  need("pgbouncer");
  const pgUrl = new URL(baseUrl ?? process.env.CLUSTER_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
  const dbName = `leadline_cluster_${randomBytes(4).toString("hex")}`;
  const admin = postgres(pgUrl.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${dbName}`);
  const directUrl = new URL(pgUrl);
  directUrl.pathname = `/${dbName}`;

  const dir = mkdtempSync(join(tmpdir(), "leadline-cluster-"));
  chmodSync(dir, 0o755);
  const children = new Set();
  const track = (child, name) => {
    children.add(child);
    child.on("exit", () => children.delete(child));
    child.stderr?.on("data", (d) => log(`[${name}] ${d}`));
    return child;
  };

  // PgBouncer, transaction pooling. It will not run as root: -u hands it to the postgres user.
  const bouncerPort = await freePort();
  const user = pgUrl.username || "postgres";
  writeFileSync(join(dir, "userlist.txt"), `"${user}" ""\n`);
  writeFileSync(
    join(dir, "pgbouncer.ini"),
    [
      "[databases]",
      `${dbName} = host=${pgUrl.hostname} port=${pgUrl.port || 5432} dbname=${dbName}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${bouncerPort}`,
      "auth_type = trust",
      `auth_file = ${join(dir, "userlist.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 1000",
      "default_pool_size = 20",
      `unix_socket_dir = ${dir}`,
      `pidfile = ${join(dir, "pgbouncer.pid")}`,
      "ignore_startup_parameters = extra_float_digits,options",
      "",
    ].join("\n"),
  );
  for (const f of ["userlist.txt", "pgbouncer.ini"]) chmodSync(join(dir, f), 0o644);
  const asRoot = process.getuid?.() === 0;
  // Its pid file and socket go in the folder: the postgres user must be able to write there.
  if (asRoot) spawnSync("chown", ["postgres", dir]);
  track(
    spawn("pgbouncer", [...(asRoot ? ["-u", "postgres"] : []), join(dir, "pgbouncer.ini")], {
      stdio: ["ignore", "ignore", "pipe"],
    }),
    "pgbouncer",
  );
  const pooledUrl = new URL(directUrl);
  pooledUrl.hostname = "127.0.0.1";
  pooledUrl.port = String(bouncerPort);
  for (let i = 0; ; i++) {
    try {
      const probe = postgres(pooledUrl.toString(), { max: 1, prepare: false, onnotice: () => {} });
      await probe`select 1`;
      await probe.end();
      break;
    } catch (error) {
      if (i > 100) throw error;
      await sleep(100);
    }
  }

  // The instances: migrations run under drizzle's lock through the direct URL, so they may start together.
  const ports = await Promise.all(Array.from({ length: instances }, freePort));
  const procs = new Array(instances);
  const startInstance = async (i) => {
    const child = spawn(process.execPath, [join(root, "server", "dist", "main.js")], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        HOST: "127.0.0.1",
        PORT: String(ports[i]),
        DATABASE_URL: pooledUrl.toString(),
        DATABASE_DIRECT_URL: directUrl.toString(),
        TRUST_PROXY: "loopback",
        CLIENT_DIST: join(root, "client", "dist"),
        ...env,
      },
      stdio: ["ignore", "ignore", "pipe"],
    });
    procs[i] = track(child, `leadline-${i + 1}`);
    await waitFor(`http://127.0.0.1:${ports[i]}/readyz`);
    return child;
  };
  await startInstance(0);
  await Promise.all(ports.slice(1).map((_, i) => startInstance(i + 1)));

  // HAProxy: round robin over the instances, WebSockets kept open (timeout tunnel), unhealthy ones skipped.
  const lbPort = await freePort();
  writeFileSync(
    join(dir, "haproxy.cfg"),
    [
      "global",
      "  maxconn 4000",
      "defaults",
      "  mode http",
      "  timeout connect 2s",
      "  timeout client 60s",
      "  timeout server 60s",
      "  timeout tunnel 1h",
      "  option forwardfor",
      "  option http-server-close",
      "frontend leadline",
      `  bind 127.0.0.1:${lbPort}`,
      "  default_backend instances",
      "backend instances",
      "  balance roundrobin",
      "  option httpchk GET /readyz",
      "  http-check expect status 200",
      "  retry-on conn-failure empty-response",
      "  retries 2",
      "  option redispatch",
      "  http-response set-header X-Served-By %s",
      ...ports.map((port, i) => `  server leadline-${i + 1} 127.0.0.1:${port} check inter 500ms fall 2 rise 2`),
      "",
    ].join("\n"),
  );
  const check = spawnSync("haproxy", ["-c", "-f", join(dir, "haproxy.cfg")], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`haproxy config: ${check.stderr || check.stdout}`);
  track(spawn("haproxy", ["-db", "-f", join(dir, "haproxy.cfg")], { stdio: ["ignore", "ignore", "pipe"] }), "haproxy");
  const url = `http://127.0.0.1:${lbPort}`;
  await waitFor(`${url}/readyz`);

  let stopped = false;
  return {
    url,
    dbName,
    directUrl: directUrl.toString(),
    pooledUrl: pooledUrl.toString(),
    instanceUrls: ports.map((p) => `http://127.0.0.1:${p}`),
    process: (i) => procs[i],
    /** SIGKILL: no shutdown, no goodbye, as a crash. */
    kill: async (i) => {
      const child = procs[i];
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGKILL");
      await exited;
    },
    restart: (i) => startInstance(i),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      // The instances first, as an operator would: they finish their requests and close their
      // connections while PgBouncer is still there; then the balancer and the pooler.
      const end = async (list) => {
        for (const child of list) child.kill("SIGTERM");
        await Promise.all(list.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
      };
      const instances = procs.filter((c) => c && c.exitCode === null);
      await end(instances);
      await end([...children].filter((c) => !instances.includes(c)));
      await admin.unsafe(`drop database if exists ${dbName} with (force)`);
      await admin.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
