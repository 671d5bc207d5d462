import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DESKTOP, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * Issue 16's admin screens in a real browser on the demo tenant: users and
 * roles (an invitation all the way to a signed-in account; a deactivation
 * that signs an open page out), integrations (an API key made in the app
 * works on the REST API until it is revoked), and the gate a rep meets.
 */
// The outbound endpoint below is a server of this test's, on the loopback address the server refuses by default.
const app = setUpE2eApp({ env: () => ({ WEBHOOK_ALLOW_PRIVATE_NETWORKS: "true" }) });
let receiver: Server;
const received: string[] = [];

beforeAll(async () => {
  receiver = createServer((req, res) => {
    received.push(String(req.headers["webhook-id"]));
    req.resume();
    req.on("end", () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
});
afterAll(() => new Promise<void>((resolve) => (receiver ? receiver.close(() => resolve()) : resolve())));

async function signedIn(path: string, email: string, viewport = DESKTOP): Promise<Page> {
  const page = await app.openApp({ path, viewport });
  await app.signIn(page, email);
  return page;
}

const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

/** What a page in another tab would call for its own session: the token it keeps, checked against `me`. */
async function meOf(page: Page): Promise<{ email: string; roles: string[] } | null> {
  const token = await page.evaluate(() => window.localStorage.getItem("leadline.token"));
  if (!token) return null;
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: "{ me { email roles } }" }),
  });
  const body = (await response.json()) as { data?: { me: { email: string; roles: string[] } } };
  return body.data?.me ?? null;
}

it("should let an admin invite someone from Settings, who accepts the mailed invitation and signs in with the role given", async () => {
  const admin = await signedIn("/settings", "admin@demo.test");
  await admin.getByRole("link", { name: "Users and roles" }).click();
  await heading(admin, "Users and roles").waitFor();
  await admin.getByLabel("Email", { exact: true }).fill("nina.new@example.org");
  await admin.getByLabel("Name", { exact: true }).fill("Nina New");
  const roles = admin.getByRole("group", { name: "Roles", exact: true });
  await roles.getByLabel("Sales").uncheck();
  await roles.getByLabel("Manager").check();
  await admin.getByRole("button", { name: "Send invitation", exact: true }).click();
  const row = admin.getByRole("listitem", { name: "Nina New" });
  await row.waitFor();
  await expect(row.getByText("Invited", { exact: true }).isVisible()).resolves.toBe(true);
  await expect(row.getByRole("button", { name: "Resend invitation" }).isVisible()).resolves.toBe(true);
  await expect(row.getByRole("checkbox", { name: "Manager" }).isChecked()).resolves.toBe(true);

  // The same address again is refused next to the email field.
  await admin.getByLabel("Email", { exact: true }).fill("NINA.NEW@example.org");
  await admin.getByLabel("Name", { exact: true }).fill("Nina Again");
  await admin.getByRole("button", { name: "Send invitation", exact: true }).click();
  await expect.poll(() => admin.getByText("is taken").isVisible()).toBe(true);
  await expect(admin.getByLabel("Email", { exact: true }).getAttribute("aria-invalid")).resolves.toBe("true");

  let link: string | undefined;
  const api = await app.api("admin@demo.test");
  await expect
    .poll(
      async () => {
        const { devMailbox } = await api.request("{ devMailbox { to text } }");
        const mail = devMailbox.find((m: { to: string[] }) => m.to.includes("nina.new@example.org"));
        link = /https?:\/\/\S+\/invite\/\S+/.exec(mail?.text ?? "")?.[0];
        return link;
      },
      { timeout: 15_000 },
    )
    .toBeTruthy();

  const nina = await app.openApp({ url: link as string });
  await nina.getByLabel("Choose a password").fill("nina's long password");
  await nina.getByRole("button", { name: "Create account" }).click();
  await expect
    .poll(() => meOf(nina), { timeout: 10_000 })
    .toEqual({ email: "nina.new@example.org", roles: ["MANAGER"] });

  // Signed out, she signs in again with her password.
  await nina.getByRole("button", { name: "Sign out" }).click();
  await app.signIn(nina, "nina.new@example.org", "nina's long password");
  await expect.poll(() => nina.getByText("Nina New").first().isVisible(), { timeout: 10_000 }).toBe(true);
  await expect.poll(() => meOf(nina)).toEqual({ email: "nina.new@example.org", roles: ["MANAGER"] });

  await admin.reload();
  await expect.poll(() => row.getByText("Active", { exact: true }).isVisible()).toBe(true);
});

it("should sign a rep's open page out within seconds of an admin deactivating them", async () => {
  const rep = await signedIn("/inbox", "rep1@demo.test");
  await heading(rep, "Inbox").waitFor();
  // The rep's page holds its live connection (SLA ticks) before anything happens.
  await rep.waitForTimeout(1_000);

  const admin = await signedIn("/admin/users", "admin@demo.test");
  const row = admin.getByRole("listitem", { name: "Rita Rep" });
  await row.getByRole("button", { name: "Deactivate" }).click();
  await admin.getByRole("dialog", { name: "Deactivate Rita Rep?" }).getByRole("button", { name: "Deactivate" }).click();
  await row.getByText("Deactivated", { exact: true }).waitFor();
  const deactivatedAt = Date.now();

  // Nothing on the rep's page asks the server anything by itself: only the live connection can tell it.
  await rep.getByRole("button", { name: "Sign in" }).waitFor({ timeout: 10_000 });
  expect(Date.now() - deactivatedAt).toBeLessThan(8_000);
  await expect(rep.evaluate(() => window.localStorage.getItem("leadline.token"))).resolves.toBeNull();
  // The refused request that found out is the browser's to report, not a fault of the page.
  app.pageProblems.splice(
    0,
    app.pageProblems.length,
    ...app.pageProblems.filter((p) => !/status of 401 \(Unauthorized\)/.test(p)),
  );

  // Her open leads change hands from the same row.
  await row.getByLabel("Hand their open leads to").selectOption({ label: "Ravi Rep" });
  await row.getByRole("button", { name: "Reassign" }).click();
  await expect.poll(() => admin.getByText(/\d+ open leads? moved to Ravi Rep/).isVisible()).toBe(true);
  const manager = await app.api("manager@demo.test");
  const { users } = await manager.request("{ users(includeInactive: true) { id email } }");
  const rita = users.find((u: { email: string }) => u.email === "rep1@demo.test");
  const { leads } = await manager.request(
    `query($o: ID!) { leads(first: 200, filter: { ownerId: $o }) { edges { node { stage { category } } } } }`,
    { o: rita.id },
  );
  const categories = leads.edges.map((e: { node: { stage: { category: string } } }) => e.node.stage.category);
  expect(categories).not.toContain("OPEN");

  // The last admin cannot switch themself off: the refusal shows next to the button.
  const self = admin.getByRole("listitem", { name: /Ada Admin/ });
  await self.getByRole("button", { name: "Deactivate" }).click();
  await admin
    .getByRole("dialog", { name: "Deactivate Ada Admin?" })
    .getByRole("button", { name: "Deactivate" })
    .click();
  await expect.poll(() => self.getByRole("alert").textContent()).toContain("last active admin");

  // Reactivated, the rep signs in again.
  await row.getByRole("button", { name: "Reactivate" }).click();
  await row.getByRole("button", { name: "Deactivate" }).waitFor();
  await app.signIn(rep, "rep1@demo.test");
  await expect.poll(() => rep.getByText("Rita Rep").first().isVisible(), { timeout: 10_000 }).toBe(true);
});

it("should show a manager whose roles an admin changes their new menu within seconds, still signed in", async () => {
  const manager = await signedIn("/inbox", "manager@demo.test");
  await heading(manager, "Inbox").waitFor();
  const metrics = manager.getByRole("link", { name: "Metrics" });
  await metrics.waitFor();
  // The page holds its live connection (SLA ticks) before anything happens.
  await manager.waitForTimeout(1_000);

  const admin = await app.api("admin@demo.test");
  const { users } = await admin.request("{ users { id email } }");
  const id = users.find((u: { email: string }) => u.email === "manager@demo.test").id;
  const setRoles = (roles: string[]) =>
    admin.request("mutation($id: ID!, $roles: [Role!]) { updateUser(id: $id, roles: $roles) { roles } }", {
      id,
      roles,
    });

  await setRoles(["SALES"]);
  const changedAt = Date.now();
  // Nothing on the page asks by itself: the server closes the socket (4412), and the reconnect reads the viewer again.
  await metrics.waitFor({ state: "detached", timeout: 10_000 });
  expect(Date.now() - changedAt).toBeLessThan(8_000);
  await expect(manager.evaluate(() => window.localStorage.getItem("leadline.token"))).resolves.not.toBeNull();
  expect((await meOf(manager))?.roles).toEqual(["SALES"]);

  await setRoles(["MANAGER"]);
  await metrics.waitFor({ timeout: 10_000 });
});

it("should make an API key that works on the REST API until it is revoked", async () => {
  const admin = await signedIn("/admin/integrations", "admin@demo.test");
  await admin.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await heading(admin, "API keys").waitFor();
  await admin.getByLabel("Key name").fill("E2E sync");
  const roles = admin.getByRole("group", { name: "Key roles" });
  await roles.getByLabel("Sales").uncheck();
  await roles.getByLabel("Manager").check();
  await admin.getByRole("button", { name: "Create key" }).click();
  const field = admin.getByLabel("The key “E2E sync”");
  await field.waitFor();
  const secret = await field.inputValue();
  expect(secret).toMatch(/^llk_/);
  await admin.getByRole("button", { name: "Copy", exact: true }).click();
  await expect.poll(() => admin.evaluate(() => navigator.clipboard.readText())).toBe(secret);

  const leads = () =>
    fetch(`${app.baseUrl}/api/v1/leads?first=1`, { headers: { authorization: `Bearer ${secret}` } }).then(
      (r) => r.status,
    );
  expect(await leads()).toBe(200);

  await admin.getByRole("button", { name: "I have copied it" }).click();
  // Once dismissed, the secret is nowhere on the page; the list shows the key without it.
  await expect(admin.content()).resolves.not.toContain(secret);
  const row = admin.getByRole("listitem", { name: "E2E sync" });
  await expect.poll(() => row.getByText("Manager").isVisible()).toBe(true);
  await row.getByRole("button", { name: "Revoke E2E sync" }).click();
  await admin.getByRole("dialog", { name: "Revoke “E2E sync”?" }).getByRole("button", { name: "Revoke key" }).click();
  await row.waitFor({ state: "detached" });
  expect(await leads()).toBe(401);

  await admin.getByLabel("Show revoked keys").check();
  await expect.poll(() => row.getByText(/Revoked/).isVisible()).toBe(true);
});

it("should add an outbound endpoint whose delivery log fills as leads arrive, and replay a delivery", async () => {
  const admin = await signedIn("/admin/integrations", "admin@demo.test");
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/leadline`;
  await admin.getByLabel("Endpoint URL").fill(url);
  await admin.getByRole("button", { name: "Add endpoint" }).click();
  await expect.poll(() => admin.getByLabel("The new endpoint's signing secret").inputValue()).toMatch(/^whsec_/);
  await admin.getByRole("button", { name: "I have copied it" }).click();

  const manager = await app.api("manager@demo.test");
  await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input, onDuplicate: KEEP_BOTH) { lead { id } } }`,
    { input: { name: "Hook Test", source: "MANUAL", email: "hook.test@example.org" } },
  );
  const endpoint = admin.getByRole("listitem", { name: url });
  const deliveries = endpoint.getByRole("row").filter({ hasText: "CREATED" });
  await expect.poll(() => deliveries.filter({ hasText: "Delivered 204" }).count(), { timeout: 15_000 }).toBe(1);
  const sent = received.length;
  await deliveries.first().getByRole("button", { name: "Replay from here" }).click();
  await expect.poll(() => admin.getByText(/\d+ events? queued to send again/).isVisible()).toBe(true);
  await expect.poll(() => received.length, { timeout: 15_000 }).toBeGreaterThan(sent);
  // Sent again under the same webhook-id, so the receiver can tell a replay from a new event.
  expect(received.slice(0, sent)).toContain(received.at(-1));
});

it("should show a rep who opens an admin URL that it is not allowed, and no admin links", async () => {
  for (const path of ["/admin/users", "/admin/integrations"]) {
    const rep = await signedIn(path, "rep2@demo.test");
    await heading(rep, "Not allowed").waitFor();
    await expect(rep.getByRole("button", { name: /Send invitation|Create key/ }).count()).resolves.toBe(0);
    await rep.context().close();
  }
  const settings = await signedIn("/settings", "rep2@demo.test");
  await heading(settings, "Workspace settings").waitFor();
  await expect(settings.getByRole("link", { name: "Users and roles" }).count()).resolves.toBe(0);
});

it("should photograph the admin screens, desktop and 375 px", async () => {
  const api = await app.api("admin@demo.test");
  await api.request('mutation { createApiKey(name: "Website sync", roles: [MANAGER]) { id } }');
  // A deactivated user in the picture, with the form that hands their leads on.
  const { users } = await api.request("{ users { id email } }");
  const paul = users.find((u: { email: string }) => u.email === "partner@demo.test");
  await api.request("mutation($id: ID!) { updateUser(id: $id, active: false) { id } }", { id: paul.id });
  for (const [name, path, ready] of [
    ["admin-users", "/admin/users", "People"],
    ["admin-integrations", "/admin/integrations", "Outbound webhooks"],
  ] as const) {
    for (const [size, viewport] of [
      ["desktop", DESKTOP],
      ["375", PHONE],
    ] as const) {
      const page = await signedIn(path, "admin@demo.test", viewport);
      await heading(page, ready).waitFor();
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(screenshots, `${name}-${size}.png`), fullPage: true });
      await page.context().close();
    }
  }
});
