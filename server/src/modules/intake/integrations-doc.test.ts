import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";

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
