import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { eq, getTableColumns } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { leadEvents, leads } from "../../db/schema/index.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import { eventDocumentOf } from "../webhooks-out/webhook-payload.js";

/** docs/integrations.md's examples, run as written against a real server: a doc that drifts fails here. */
const run = promisify(execFile);
const doc = readFileSync(fileURLToPath(new URL("../../../../docs/integrations.md", import.meta.url)), "utf8");
const serverDir = fileURLToPath(new URL("../../..", import.meta.url));

function example(name: string): string {
  const match = new RegExp(`<!-- example: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\`\`\``).exec(doc);
  if (!match?.[1]) throw new Error(`docs/integrations.md has no example '${name}'`);
  return match[1];
}

let server: TestServer;
let t: TestTenant;
let env: NodeJS.ProcessEnv;
let apiKey: string;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN"] });
  const rotated = await server.gql("mutation { rotateWebhookSecret { secret } }", {}, t.tokens.admin);
  const key = await server.gql(
    'mutation { createApiKey(name: "docs", roles: [MANAGER]) { secret } }',
    {},
    t.tokens.admin,
  );
  apiKey = key.data?.createApiKey.secret;
  env = {
    ...process.env,
    LEADLINE_URL: server.url,
    TENANT: t.tenant.slug,
    WEBHOOK_SECRET: rotated.data?.rotateWebhookSecret.secret,
  };
});
afterAll(() => server?.stop());

it("should create a lead with the curl and openssl example", async () => {
  const { stdout } = await run("bash", ["-c", example("webhook-curl")], { env });
  const answer = JSON.parse(stdout);
  expect(answer.lead).toMatchObject({ requestId: expect.any(Number), merged: false });
});

it("should create a batch with the Node example, signed by the official package", async () => {
  // Run from server/, where the standardwebhooks package resolves.
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", example("webhook-node")], {
    env,
    cwd: serverDir,
  });
  const [status, body] = [stdout.slice(0, 3), JSON.parse(stdout.slice(4))];
  expect(status).toBe("201");
  expect(body.leads).toHaveLength(2);
});

it("should create and then change a lead with the REST curl example", async () => {
  const { stdout } = await run("bash", ["-c", example("rest-curl")], { env: { ...env, API_KEY: apiKey } });
  expect(JSON.parse(stdout)).toMatchObject({ name: "Katherine Johnson", city: "Hampton", version: 2 });
});

it("should show the embed snippet exactly as upsertCaptureForm gives it", async () => {
  const created = await server.gql(
    'mutation { upsertCaptureForm(input: { name: "Docs", fields: [] }) { id embedSnippet } }',
    {},
    t.tokens.admin,
  );
  const { id, embedSnippet } = created.data?.upsertCaptureForm ?? {};
  const documented = example("embed-snippet").trim().replace("FORM_ID", id).replace("https://leads.example.com", "");
  // The test server has no PUBLIC_URL, so its snippet's script address is relative.
  expect(embedSnippet).toBe(documented);
});

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

it("should deliver a lead event that the outbound Node example verifies, with the documented body", async () => {
  const port = await freePort();
  const created = await server.gql(
    `mutation($input: WebhookEndpointInput!) { createWebhookEndpoint(input: $input) { secret endpoint { id } } }`,
    { input: { url: `http://127.0.0.1:${port}/leadline`, eventTypes: ["CREATED"] } },
    t.tokens.admin,
  );
  const { secret, endpoint } = created.data?.createWebhookEndpoint ?? {};
  const receiver = spawn(process.execPath, ["--input-type=module", "-e", example("outbound-node")], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port), WEBHOOK_SECRET: secret },
  });
  let stdout = "";
  receiver.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  const waitFor = async (pattern: RegExp) => {
    const deadline = Date.now() + 15_000;
    while (!pattern.test(stdout) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stdout).toMatch(pattern);
  };
  try {
    await waitFor(/listening/);
    const lead = await server.gql(
      'mutation { createLead(input: { name: "Outbound Docs", source: API, email: "outbound@example.com" }, onDuplicate: KEEP_BOTH) { lead { id } } }',
      {},
      t.tokens.admin,
    );
    const leadId = lead.data?.createLead.lead.id;
    await waitFor(new RegExp(`^\\d+ CREATED ${leadId} Outbound Docs$`, "m"));
  } finally {
    receiver.kill();
    await server.gql("mutation($id: ID!) { deleteWebhookEndpoint(id: $id) }", { id: endpoint?.id }, t.tokens.admin);
  }
  // The documented body has the fields a real one has, at both levels.
  const sample = JSON.parse(example("outbound-body"));
  const [row] = await server.app.database.db
    .select({ event: getTableColumns(leadEvents), lead: getTableColumns(leads) })
    .from(leadEvents)
    .innerJoin(leads, eq(leads.id, leadEvents.leadId))
    .where(eq(leadEvents.tenantId, t.tenant.id))
    .limit(1);
  if (!row) throw new Error("no event to compare with");
  const real = eventDocumentOf(row.event, { id: t.tenant.id, slug: t.tenant.slug }, row.lead);
  expect(Object.keys(sample).sort()).toEqual(Object.keys(real).sort());
  expect(Object.keys(sample.data).sort()).toEqual(Object.keys(real.data).sort());
});
