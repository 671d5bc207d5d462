// The live and crash checks through the cluster (cluster.mjs: two instances,
// HAProxy, PgBouncer in transaction mode), on real PostgreSQL:
//
// 1. live: a subscriber connected through the balancer receives the CREATED
//    event of every lead created through it, whichever instance served the create;
// 2. crash: creates (over GraphQL and the signed webhook), moves and emails at
//    load through the balancer while one instance is killed with SIGKILL and
//    restarted; a webhook that got no answer is sent again under its
//    webhook-id, as an integrator's retry would; then every acknowledged
//    lead is stored exactly once, the request numbers are gap-free and unique,
//    every acknowledged move is stored once, every acknowledged email reaches
//    the SMTP server (a copy resent after the kill carries the same Message-ID,
//    which receivers drop), every due SLA announcement is made once, and the
//    subscribers (reconnecting and catching up with leadEventsSince from the
//    last sequence they saw) have every acknowledged lead's CREATED event;
//    Every lead's CREATED event also reaches an outbound webhook endpoint the
//    check runs, signed, under one webhook-id however often it is sent.
// 3. pooler: statements with and without parameters, mixed, from two of the
//    server's database clients through PgBouncer are all answered.
//
// Usage: node scripts/cluster/check.mjs   (CLUSTER_LOAD_SECONDS, default 6)
// Exits non-zero, saying why, when a check fails.
import { spawnSync } from "node:child_process";
import { createServer } from "node:http";
import { join } from "node:path";
import { createClient } from "graphql-ws";
import postgres from "postgres";
import { SMTPServer } from "smtp-server";
import { Webhook } from "standardwebhooks";
import WebSocket from "ws";
import { root, startCluster } from "./cluster.mjs";

const LOAD_SECONDS = Number(process.env.CLUSTER_LOAD_SECONDS ?? 6);
const CONCURRENCY = 8;
const failures = [];
const check = (ok, message) => {
  console.log(`${ok ? "✓" : "✖"} ${message}`);
  if (!ok) failures.push(message);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// The mail server the instances send to: it keeps each message's Message-ID, copies included.
const received = new Map(); // Message-ID → copies
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, _session, done) {
    let head = "";
    stream.on("data", (chunk) => {
      if (head.length < 16_384) head += chunk.toString("utf8");
    });
    stream.on("end", () => {
      const id = /^message-id:\s*(\S+)/im.exec(head)?.[1];
      if (id) received.set(id, (received.get(id) ?? 0) + 1);
      done();
    });
  },
});
// A sender killed mid-message resets its connection: that is the crash under test, not a failure.
smtp.on("error", () => {});
await new Promise((resolve) => smtp.listen(0, "127.0.0.1", resolve));
const smtpPort = smtp.server.address().port;

// The outbound webhook receiver: it checks each delivery's signature and keeps its webhook-id per lead.
let endpointSecret = null;
const hooksIn = { byLead: new Map(), copies: 0, badSignatures: 0 }; // lead id → webhook-ids of its CREATED event
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk) => {
    body += chunk;
  });
  req.on("end", () => {
    try {
      const event = new Webhook(endpointSecret).verify(body, req.headers);
      const ids = hooksIn.byLead.get(event.leadId) ?? new Set();
      if (ids.has(req.headers["webhook-id"])) hooksIn.copies++;
      ids.add(req.headers["webhook-id"]);
      hooksIn.byLead.set(event.leadId, ids);
    } catch {
      hooksIn.badSignatures++;
    }
    res.writeHead(204).end();
  });
});
await new Promise((resolve) => receiver.listen(0, "127.0.0.1", resolve));

const cluster = await startCluster({
  instances: 2,
  env: {
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    MAIL_FROM: "leads@cluster.test",
    // The receiver above listens on loopback.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true",
  },
  log: (line) => process.env.CLUSTER_VERBOSE && process.stderr.write(line),
});
const subscribers = [];
try {
  console.log(
    `cluster: ${cluster.url} → ${cluster.instanceUrls.join(", ")} (PgBouncer ${cluster.pooledUrl.split("@")[1]})`,
  );
  // The demo tenant, made by the product's own seed through the pooler.
  const seeded = spawnSync(process.execPath, [join(root, "server", "dist", "scripts", "seed.js")], {
    env: { ...process.env, DATABASE_URL: cluster.pooledUrl, DATABASE_DIRECT_URL: cluster.directUrl, LOG_LEVEL: "warn" },
    encoding: "utf8",
  });
  if (seeded.status !== 0) throw new Error(`seed failed: ${seeded.stderr}`);

  const gql = async (query, variables, token) => {
    const res = await fetch(`${cluster.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, servedBy: res.headers.get("x-served-by"), body: await res.json().catch(() => null) };
  };
  const login = await gql(
    `mutation { login(tenant: "demo", email: "manager@demo.test", password: "demo-password") { token } }`,
  );
  const token = login.body?.data?.login?.token;
  if (!token) throw new Error(`login failed: ${JSON.stringify(login.body)}`);
  const adminLogin = await gql(
    `mutation { login(tenant: "demo", email: "admin@demo.test", password: "demo-password") { token } }`,
  );
  const adminToken = adminLogin.body?.data?.login?.token;
  if (!adminToken) throw new Error(`admin login failed: ${JSON.stringify(adminLogin.body)}`);
  const rotated = await gql("mutation { rotateWebhookSecret { secret } }", {}, adminToken);
  const hookSecret = rotated.body?.data?.rotateWebhookSecret?.secret;
  if (!hookSecret) throw new Error(`webhook secret refused: ${JSON.stringify(rotated.body)}`);
  const webhook = new Webhook(hookSecret);
  const endpoint = await gql(
    "mutation($url: String!) { createWebhookEndpoint(input: { url: $url, eventTypes: [CREATED] }) { secret } }",
    { url: `http://127.0.0.1:${receiver.address().port}/leadline` },
    adminToken,
  );
  endpointSecret = endpoint.body?.data?.createWebhookEndpoint?.secret;
  if (!endpointSecret) throw new Error(`webhook endpoint refused: ${JSON.stringify(endpoint.body)}`);
  // One signed webhook delivery, retried under the same webhook-id until answered (at most 20 tries),
  // as Standard Webhooks senders do: the answer is the lead, stored once however often it was sent.
  let resent = 0;
  const hook = async (i) => {
    const id = `msg_cluster_${i}`;
    const body = JSON.stringify({ name: `Hook ${i}`, source: "WEBHOOK", email: `hook${i}@example.org` });
    for (let attempt = 0; attempt < 20; attempt++) {
      if (attempt > 0) resent++;
      const at = new Date();
      try {
        const res = await fetch(`${cluster.url}/hooks/leads/demo`, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "webhook-id": id,
            "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
            "webhook-signature": webhook.sign(id, at, body),
          },
          body,
        });
        const answer = await res.json().catch(() => null);
        if (res.status === 201 && answer?.lead) return { id: answer.lead.id, requestId: answer.lead.requestId };
        if (res.status < 500 && res.status !== 409 && res.status !== 429) return null;
      } catch {}
      await sleep(250);
    }
    return null;
  };

  // Subscribers through the balancer (two, so round robin puts one on each instance: one of them
  // loses its instance in the crash), each reconnecting and catching up from the last sequence it saw.
  const connect = () => {
    const seen = new Map(); // lead id → sequence of its CREATED event
    let lastSequence = null;
    const state = { seen, connections: 0, client: null };
    const record = (event) => {
      if (event.type === "CREATED") seen.set(event.lead.id, event.sequence);
      if (lastSequence === null || BigInt(event.sequence) > BigInt(lastSequence)) lastSequence = event.sequence;
    };
    const catchUp = async (client) => {
      for (;;) {
        if (lastSequence === null) return;
        const page = [];
        for await (const result of client.iterate({
          query: "query($s: String!) { leadEventsSince(sequence: $s, first: 500) { type sequence lead { id } } }",
          variables: { s: lastSequence },
        })) {
          page.push(...(result.data?.leadEventsSince ?? []));
        }
        for (const event of page) record(event);
        if (page.length < 500) return;
      }
    };
    const client = createClient({
      url: `${cluster.url.replace("http", "ws")}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 1000,
      retryWait: () => sleep(200),
      shouldRetry: () => true,
      lazy: false,
    });
    client.on("connected", () => {
      state.connections++;
      // Subscribe first, then catch up on the same socket: nothing committed in between is missed.
      client.subscribe(
        { query: "subscription { leadEvents { type sequence lead { id } } }" },
        { next: (v) => v.data && record(v.data.leadEvents), error: () => {}, complete: () => {} },
      );
      void catchUp(client).catch(() => {});
    });
    state.client = client;
    return state;
  };
  subscribers.push(connect(), connect());
  await sleep(500);

  const create = (i) =>
    gql(
      `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { id requestId stage { transitions } } } }`,
      { input: { source: "API", name: `Cluster ${i}`, email: `cluster${i}@example.org` } },
      token,
    );

  // 1. Live across instances.
  const first = [];
  const servers = new Set();
  for (let i = 0; i < 20; i++) {
    const res = await create(`live-${i}`);
    if (res.body?.data) first.push(res.body.data.createLead.lead);
    else if (i === 0) console.error(`  create refused: ${res.status} ${JSON.stringify(res.body)}`);
    servers.add(res.servedBy);
  }
  check(
    servers.size === 2,
    `the balancer spread 20 creates over ${servers.size} instances (${[...servers].join(", ")})`,
  );
  const liveDeadline = Date.now() + 10_000;
  const hasAll = (leads) => subscribers.every((s) => leads.every((l) => s.seen.has(l.id)));
  while (!hasAll(first) && Date.now() < liveDeadline) await sleep(50);
  check(
    first.length === 20 && hasAll(first),
    `each of two subscribers through the balancer received all ${first.length} CREATED events, from both instances`,
  );

  // 2. Crash mid-load. A first-response SLA of 6 s (at risk at 3 s), so the timers of leads made
  // during the load fall due around the kill and the restart.
  const settings = await gql(
    "mutation { updateTenantSettings(input: { slaFirstResponseMinutes: 0.1, slaAtRiskPercent: 50 }) { slaFirstResponseMinutes } }",
    {},
    adminToken,
  );
  if (!settings.body?.data) throw new Error(`SLA setting refused: ${JSON.stringify(settings.body)}`);
  const acknowledged = [];
  const moves = []; // { id, to } acknowledged
  const mails = []; // message ids acknowledged
  const timed = []; // leads left alone: their SLA announcements are the timers under test
  const hooked = []; // leads acknowledged to the signed webhook
  let refused = 0;
  let n = 0;
  const until = Date.now() + LOAD_SECONDS * 1000;
  const ok = (res, field) => (res.status === 200 && res.body?.data?.[field]) || null;
  const worker = async () => {
    while (Date.now() < until) {
      const i = n++;
      try {
        if (i % 4 === 3) {
          // A webhook's lead is left alone: its SLA timer is under test too.
          const lead = await hook(i);
          if (!lead) refused++;
          else {
            acknowledged.push(lead);
            hooked.push(lead);
            timed.push(lead.id);
          }
          continue;
        }
        const lead = ok(await create(`load-${i}`), "createLead")?.lead;
        if (!lead) {
          refused++;
          continue;
        }
        acknowledged.push(lead);
        if (i % 3 === 0 && lead.stage.transitions.length > 0) {
          const to = lead.stage.transitions[0];
          const moved = ok(
            await gql(
              "mutation($id: ID!, $to: String!) { moveLead(id: $id, toStatus: $to) { id } }",
              { id: lead.id, to },
              token,
            ),
            "moveLead",
          );
          if (moved) moves.push({ id: lead.id, to });
        } else if (i % 3 === 1) {
          const sent = ok(
            await gql(
              'mutation($id: ID!) { sendMessage(id: $id, channel: EMAIL, subject: "Your enquiry", body: "Thanks, we will call you today.") { id } }',
              { id: lead.id },
              token,
            ),
            "sendMessage",
          );
          if (sent) mails.push(sent.id);
        } else {
          timed.push(lead.id);
        }
      } catch {
        refused++;
      }
    }
  };
  const load = Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await sleep((LOAD_SECONDS * 1000) / 3);
  await cluster.kill(1);
  console.log(`  killed instance 2 with SIGKILL after ${acknowledged.length} acknowledged creates`);
  await sleep((LOAD_SECONDS * 1000) / 3);
  await cluster.restart(1);
  console.log("  instance 2 restarted");
  await load;
  console.log(
    `  load: ${acknowledged.length} creates (${hooked.length} by webhook, ${resent} webhook deliveries sent again), ${moves.length} moves and ${mails.length} emails acknowledged; ${refused} requests not acknowledged (in flight at the kill)`,
  );

  const db = postgres(cluster.directUrl, { max: 1, onnotice: () => {} });
  const all = [...first, ...acknowledged];
  const stored = await db`
    select id::text, request_id from leads where id = any(${all.map((l) => l.id)}::uuid[])`;
  check(stored.length === all.length, `every acknowledged lead is stored (${stored.length} of ${all.length})`);
  const byId = new Map(stored.map((r) => [r.id, Number(r.request_id)]));
  check(
    all.every((l) => byId.get(l.id) === l.requestId),
    "each is stored once, under the request number it was acknowledged with",
  );
  const [hooks] = await db`
    select count(*)::int as n, count(distinct name)::int as distinct_n from leads where name like 'Hook %'`;
  check(
    hooked.length > 0 && hooks.n === hooks.distinct_n && hooks.n >= hooked.length,
    `each webhook delivery made one lead, however often it was sent: ${hooks.n} leads for ${hooks.distinct_n} webhook-ids (${hooked.length} acknowledged)`,
  );
  const [numbers] = await db`
    select count(*)::int as n, count(distinct request_id)::int as distinct_n, min(request_id)::int as lo, max(request_id)::int as hi
    from leads where tenant_id = (select id from tenants where slug = 'demo')`;
  check(
    numbers.n === numbers.distinct_n && numbers.hi - numbers.lo + 1 === numbers.n,
    `request numbers ${numbers.lo}…${numbers.hi}: ${numbers.n} leads, none doubled, none skipped`,
  );

  // Moves: each acknowledged move is the lead's stage now, written by one STATUS_CHANGED event.
  const moved = await db`
    select l.id::text, l.status, count(e.*) filter (where e.type = 'STATUS_CHANGED')::int as changes
    from leads l left join lead_events e on e.lead_id = l.id
    where l.id = any(${moves.map((m) => m.id)}::uuid[]) group by l.id, l.status`;
  const movedById = new Map(moved.map((r) => [r.id, r]));
  const badMoves = moves.filter((m) => movedById.get(m.id)?.status !== m.to || movedById.get(m.id)?.changes !== 1);
  check(
    moves.length > 0 && badMoves.length === 0,
    `every acknowledged move is stored once (${moves.length - badMoves.length} of ${moves.length})`,
  );

  // Emails: every acknowledged one is sent; a copy resent after the kill has the same Message-ID.
  // A send the killed instance had started is retried once its job expires (60 s) and an
  // instance's maintenance pass (every 10 s) notices.
  const mailDeadline = Date.now() + 100_000;
  let sent = [];
  for (;;) {
    sent = await db`select id::text, delivery_state, provider_id from messages where id = any(${mails}::uuid[])`;
    if (sent.every((m) => m.delivery_state === "SENT") || Date.now() > mailDeadline) break;
    await sleep(250);
  }
  const notSent = sent.filter((m) => m.delivery_state !== "SENT" || !received.has(m.provider_id));
  check(
    mails.length > 0 && sent.length === mails.length && notSent.length === 0,
    `every acknowledged email reached the mail server (${mails.length - notSent.length} of ${mails.length})`,
  );
  for (const m of notSent.slice(0, 5)) {
    const [job] = await db`
      select state, retry_count, started_on, created_on from pgboss.job
      where name = 'message-send' and data->>'messageId' = ${m.id} order by created_on desc limit 1`.catch(() => []);
    console.log(`  not sent: ${m.id} ${m.delivery_state} ${m.provider_id ?? ""} job ${JSON.stringify(job ?? null)}`);
  }
  const copies = sent.reduce((sum, m) => sum + Math.max(0, (received.get(m.provider_id) ?? 0) - 1), 0);
  const ids = new Set(sent.map((m) => m.provider_id));
  check(
    ids.size === sent.length,
    `each email is one message to its receiver: ${ids.size} Message-IDs for ${sent.length} emails (${copies} resent after the kill under the same Message-ID)`,
  );

  // Timers: each lead left alone is announced BREACHED once (and AT_RISK at most once, when an
  // instance was up to see it) once its 6 s have passed, whichever instance was alive then.
  const timerDeadline = Date.now() + 30_000;
  let announced = [];
  for (;;) {
    announced = await db`
      select l.id::text,
        count(*) filter (where e.payload->>'to' = 'BREACHED')::int as breached,
        count(*) filter (where e.payload->>'to' = 'AT_RISK')::int as at_risk
      from leads l left join lead_events e on e.lead_id = l.id and e.type = 'SLA_CHANGED'
      where l.id = any(${timed}::uuid[]) group by l.id`;
    if (announced.every((r) => r.breached >= 1) || Date.now() > timerDeadline) break;
    await sleep(500);
  }
  const badTimers = announced.filter((r) => r.breached !== 1 || r.at_risk > 1);
  check(
    timed.length > 0 && announced.length === timed.length && badTimers.length === 0,
    `every due SLA timer fired once: ${timed.length - badTimers.length} of ${timed.length} leads announced BREACHED once, none AT_RISK twice`,
  );
  // Outbound webhooks: a delivery the killed instance had claimed is taken over once its lease ends (35 s).
  const hookDeadline = Date.now() + 60_000;
  while (!all.every((l) => hooksIn.byLead.has(l.id)) && Date.now() < hookDeadline) await sleep(250);
  const delivered = all.filter((l) => hooksIn.byLead.get(l.id)?.size === 1).length;
  check(
    delivered === all.length && hooksIn.badSignatures === 0,
    `every acknowledged lead's CREATED event reached the webhook endpoint under one webhook-id, signed: ${delivered} of ${all.length} (${hooksIn.copies} sent again under the same webhook-id, ${hooksIn.badSignatures} bad signatures)`,
  );

  const catchDeadline = Date.now() + 20_000;
  while (!hasAll(all) && Date.now() < catchDeadline) await sleep(100);
  for (const [i, s] of subscribers.entries()) {
    const missing = all.filter((l) => !s.seen.has(l.id)).length;
    check(
      missing === 0,
      `subscriber ${i + 1} (connected ${s.connections} time(s)) has every acknowledged lead's CREATED event (${missing} missing)`,
    );
  }
  // On a miss, where the subscribers stopped: the first missed event's sequence against the last each saw.
  const missed = all.filter((l) => subscribers.some((s) => !s.seen.has(l.id))).map((l) => l.id);
  if (missed.length) {
    const [first] = await db`
      select min(sequence)::text as sequence from lead_events where lead_id = any(${missed}::uuid[]) and type = 'CREATED'`;
    const last = subscribers.map((s) => Math.max(0, ...[...s.seen.values()].map(Number)));
    console.log(
      `  first missed CREATED event: sequence ${first?.sequence}; last seen by each subscriber: ${last.join(", ")}`,
    );
  }
  await db.end();
  check(
    subscribers.some((s) => s.connections > 1),
    "one subscriber lost its instance in the crash, reconnected through the balancer and caught up",
  );

  // 3. Statements with and without parameters, mixed, from two clients through the pooler: postgres.js
  // alone sends one on a connection still busy with the other, and PgBouncer drops an answer (the
  // caller waits for good); the server's client gives each statement outside a transaction its own
  // connection (server/src/db/client.ts). The bare driver's outcome is printed, not checked.
  const within = (promise, ms) =>
    Promise.race([promise.then(() => "answered"), sleep(ms).then(() => "hung")]).catch((e) => `failed: ${e.message}`);
  const mix = (clients) =>
    (async () => {
      for (let round = 0; round < 50; round++) {
        await Promise.all(
          Array.from({ length: 20 }, (_, i) => {
            const client = clients[i % 2];
            return i % 4 < 2 ? client.unsafe(`select ${i} as i`) : client.unsafe("select $1::int as i", [i]);
          }),
        );
      }
    })();
  const bare = [0, 1].map(() => postgres(cluster.pooledUrl, { prepare: false, max: 2, onnotice: () => {} }));
  console.log(`  the bare driver, 2,000 such statements through PgBouncer: ${await within(mix(bare), 5_000)}`);
  await Promise.all(bare.map((c) => c.end({ timeout: 1 })));
  const { openDatabase } = await import(join(root, "server", "dist", "db", "client.js"));
  const config = { kind: "postgres", url: cluster.pooledUrl, directUrl: cluster.directUrl, poolSize: 2 };
  const handles = [await openDatabase(config), await openDatabase(config)];
  const served = await within(mix(handles.map((h) => h.db.$client)), 20_000);
  check(served === "answered", `the server's client, the same 2,000 statements through PgBouncer: ${served}`);
  await Promise.all(handles.map((h) => h.close()));
} catch (error) {
  failures.push(String(error?.stack ?? error));
  console.error(error);
} finally {
  for (const s of subscribers) await s.client?.dispose();
  await cluster.stop();
  await new Promise((resolve) => smtp.close(resolve));
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
}
if (failures.length) {
  console.error(`cluster check failed: ${failures.length} problem(s)`);
  process.exit(1);
}
console.log("cluster check passed");
