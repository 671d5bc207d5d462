import { join } from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { type ApiUser, DESKTOP, keyboardDragListening, PHONE, screenshots, setUpE2eApp } from "./harness.js";

/**
 * Issue 16's pipelines and routing screens in a real browser on the demo
 * tenant: an admin's new transitions map holds on a rep's board and lead page,
 * the server's refusals show where they apply, queues and ordered rules with
 * a preview that agrees with a real route, and the gate a rep meets (in the
 * app, and at the API behind it).
 */
const app = setUpE2eApp();

async function signedIn(path: string, email: string, viewport = DESKTOP): Promise<Page> {
  const page = await app.openApp({ path, viewport });
  await app.signIn(page, email);
  return page;
}

const heading = (page: Page, name: string) => page.getByRole("heading", { name, exact: true });

/** A card in a given column of a board page (the dragged copy that follows the pointer is outside the columns). */
const card = (page: Page, status: string, leadId: string) =>
  page.locator(`section[data-status="${status}"] [data-lead-id="${leadId}"]`);

const columnClass = (page: Page, status: string) =>
  page.locator(`section[data-status="${status}"]`).getAttribute("class");

/**
 * Picks a card up by keyboard (its handle, then Space) and waits until the drag is on (its own column
 * takes it) and hears its keys: from then on the columns say whether they take it.
 */
async function pickUp(page: Page, status: string, lead: { id: string; name: string }) {
  await card(page, status, lead.id)
    .getByRole("button", { name: `Move ${lead.name}` })
    .focus();
  await page.keyboard.press("Space");
  await expect.poll(() => columnClass(page, status)).toContain("is-allowed");
  await keyboardDragListening(page);
}

/** What column `target` says while the card is picked up (is-allowed or is-blocked); the drag is then cancelled. */
async function offered(page: Page, status: string, lead: { id: string; name: string }, target: string) {
  await pickUp(page, status, lead);
  const state = (await columnClass(page, target))?.match(/is-(allowed|blocked)/)?.[0];
  await page.keyboard.press("Escape");
  await expect.poll(() => columnClass(page, status)).not.toContain("is-allowed");
  return state;
}

/** GraphQL as a signed-in user, errors and all (the harness's client throws on them). */
async function raw(user: ApiUser, query: string, variables?: Record<string, unknown>) {
  const response = await fetch(`${app.baseUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${user.token}` },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: any; errors?: { extensions?: { code?: string } }[] };
}
const codes = (res: { errors?: { extensions?: { code?: string } }[] }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

const PIPELINES = "{ pipelines { id name preset isDefault stages { key label category transitions wipLimit } } }";

async function leadFor(manager: ApiUser, ownerId: string, name: string, extra: Record<string, unknown> = {}) {
  const { createLead } = await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input, onDuplicate: KEEP_BOTH) { lead { id name } } }`,
    {
      input: {
        name,
        source: "REFERRAL",
        email: `${name.toLowerCase().replace(/\W+/g, ".")}@example.org`,
        ownerId,
        ...extra,
      },
    },
  );
  return createLead.lead as { id: string; name: string };
}

// First, so the pictures show the demo as it is, not what the other tests leave behind.
it("should photograph the pipelines and routing screens, desktop and 375 px", async () => {
  const admin = await app.api("admin@demo.test");
  const { users } = await admin.request("{ users { id email } }");
  const id = (email: string) => users.find((u: { email: string }) => u.email === email).id;
  const { queues } = await admin.request("{ queues { id name } }");
  const queue = async (name: string, strategy: string, members: string[]) => {
    const existing = queues.find((q: { name: string }) => q.name === name);
    const { upsertQueue } = await admin.request(
      "mutation($id: ID, $input: QueueInput!) { upsertQueue(id: $id, input: $input) { id } }",
      { id: existing?.id ?? null, input: { name, strategy, memberIds: members.map(id) } },
    );
    return upsertQueue.id as string;
  };
  const inside = await queue("Inside sales", "ROUND_ROBIN", ["rep1@demo.test", "rep2@demo.test"]);
  const partners = await queue("Partner desk", "LEAST_LOADED", ["manager@demo.test"]);
  await admin.request("mutation($rules: [RoutingRuleInput!]!) { setRoutingRules(rules: $rules) { id } }", {
    rules: [
      { source: "PARTNER", queueId: partners },
      { city: "Oslo", minScore: 40, queueId: inside },
      { queueId: inside },
    ],
  });
  for (const [size, viewport] of [
    ["desktop", DESKTOP],
    ["375", PHONE],
  ] as const) {
    const pipelines = await signedIn("/admin/pipelines", "admin@demo.test", viewport);
    await pipelines.getByRole("table", { name: "Moves allowed" }).waitFor();
    await pipelines.waitForTimeout(500);
    await pipelines.screenshot({ path: join(screenshots, `admin-pipelines-${size}.png`), fullPage: true });
    await pipelines.context().close();

    const routing = await signedIn("/admin/routing", "admin@demo.test", viewport);
    await routing.getByRole("listitem", { name: "Rule 3" }).waitFor();
    const preview = routing.getByRole("form", { name: "Preview" });
    await preview.getByLabel("City").fill("Oslo");
    await preview.getByLabel("Score").fill("55");
    await preview.getByRole("button", { name: "Preview" }).click();
    await expect.poll(() => routing.getByTestId("routing-preview").textContent()).toContain("would go to");
    // Back to the top, so the sticky header sits there in the full-page picture.
    await routing.evaluate(() => window.scrollTo(0, 0));
    await routing.waitForTimeout(300);
    await routing.screenshot({ path: join(screenshots, `admin-routing-${size}.png`), fullPage: true });
    await routing.context().close();
  }
});

it("should hold a rep's open board and lead page to the moves an admin allows in the transitions matrix", async () => {
  const manager = await app.api("manager@demo.test");
  const rep1 = await app.api("rep1@demo.test");
  const fresh = await leadFor(manager, rep1.userId, "Matrix Fresh");
  const warm = await leadFor(manager, rep1.userId, "Matrix Warm");
  await rep1.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "mql") { id } }`, { id: warm.id });

  // The rep's board is open before the admin changes anything.
  const board = await signedIn("/board", "rep1@demo.test");
  await card(board, "new", fresh.id).waitFor();
  await card(board, "mql", warm.id).waitFor();
  expect(await offered(board, "new", fresh, "working")).toBe("is-allowed");
  expect(await offered(board, "mql", warm, "new")).toBe("is-blocked");

  // The admin takes New → Working away and allows MQL → New.
  const admin = await signedIn("/settings", "admin@demo.test");
  await admin.getByRole("link", { name: "Pipelines" }).click();
  await heading(admin, "Pipelines").waitFor();
  await expect(admin.getByLabel("Pipeline", { exact: true }).inputValue()).resolves.toBeTruthy();
  const matrix = admin.getByRole("table", { name: "Moves allowed" });
  await expect(matrix.getByRole("checkbox", { name: "New to Working" }).isChecked()).resolves.toBe(true);
  await expect(matrix.getByRole("checkbox", { name: "MQL to New" }).isChecked()).resolves.toBe(false);
  await matrix.getByRole("checkbox", { name: "New to Working" }).uncheck();
  await matrix.getByRole("checkbox", { name: "MQL to New" }).check();
  await admin.getByRole("button", { name: "Save pipeline" }).click();
  await expect.poll(() => admin.getByText(/Lead lifecycle saved/).isVisible()).toBe(true);
  const { pipelines } = await rep1.request(PIPELINES);
  const lifecycle = pipelines.find((p: { isDefault: boolean }) => p.isDefault);
  const transitionsOf = (key: string) =>
    lifecycle.stages.find((s: { key: string }) => s.key === key).transitions as string[];
  expect(transitionsOf("new")).toEqual(["mql", "sql", "disqualified"]);
  expect(transitionsOf("mql")).toEqual(["new", "working", "sql", "disqualified"]);

  // The rep's board was read before: the step it still offers is refused by the server, the card
  // snaps back, and the board reads its pipeline again.
  await pickUp(board, "new", fresh);
  expect(await columnClass(board, "working")).toContain("is-allowed");
  await board.keyboard.press("ArrowRight");
  await board.keyboard.press("Space");
  const toast = board.getByRole("alert").getByTestId("toast");
  await toast.waitFor();
  expect(await toast.textContent()).toMatch(/pipeline does not allow this step/i);
  await card(board, "new", fresh.id).waitFor();
  // Now the board refuses the removed step before anything is sent, and offers the added one.
  await expect.poll(() => offered(board, "new", fresh, "working"), { timeout: 15_000 }).toBe("is-blocked");
  await pickUp(board, "mql", warm);
  expect(await columnClass(board, "new")).toContain("is-allowed");
  // Left from MQL: Working (still allowed), then New.
  await board.keyboard.press("ArrowLeft");
  await board.keyboard.press("ArrowLeft");
  await board.keyboard.press("Space");
  await card(board, "new", warm.id).waitFor();
  await expect
    .poll(async () => (await rep1.request("query($id: ID) { lead(id: $id) { status } }", { id: warm.id })).lead.status)
    .toBe("new");

  // The lead page's status menu, from the same rule: Working is gone from New, MQL still there.
  await board.goto(`${app.baseUrl}/leads/${fresh.id}`);
  const moveTo = board.getByLabel("Move to");
  await moveTo.waitFor();
  const options = await moveTo.locator("option").allTextContents();
  expect(options).toContain("MQL");
  expect(options).not.toContain("Working");
});

it("should show the server's refusals where they apply: a way out of a conversion-only stage, a stage that holds leads", async () => {
  const admin = await signedIn("/admin/pipelines", "admin@demo.test");
  await heading(admin, "New pipeline from a preset").waitFor();
  await admin.getByLabel("Pipeline name").fill("Partners");
  await admin.getByLabel("Preset", { exact: true }).selectOption({ label: "Simple" });
  await expect
    .poll(() => admin.getByText("Stages: Not contacted → Contacted → Qualified → Converted → Lost").isVisible())
    .toBe(true);
  await admin.getByRole("button", { name: "Create pipeline" }).click();
  await heading(admin, "Partners").waitFor();
  const url = new URL(admin.url());
  const pipelineId = url.searchParams.get("pipeline");
  expect(pipelineId).toBeTruthy();
  await expect(admin.getByLabel("Pipeline", { exact: true }).inputValue()).resolves.toBe(pipelineId);
  // The same name again is refused next to the name field.
  await admin.getByLabel("Pipeline name").fill("Partners");
  await admin.getByRole("button", { name: "Create pipeline" }).click();
  await expect.poll(() => admin.getByText("is taken").isVisible()).toBe(true);

  // A lead reaches Contacted after the screen was read.
  const manager = await app.api("manager@demo.test");
  const { createLead } = await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input, onDuplicate: KEEP_BOTH) { lead { id } } }`,
    { input: { name: "Partner Prospect", source: "PARTNER", email: "partner.prospect@example.org", pipelineId } },
  );
  const leadId = createLead.lead.id;
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "contacted") { id } }`, { id: leadId });

  await admin.getByRole("button", { name: "Remove Contacted", exact: true }).click();
  const matrix = admin.getByRole("table", { name: "Moves allowed" });
  await matrix.getByRole("checkbox", { name: "Converted to Lost" }).check();
  await admin.getByRole("button", { name: "Save pipeline" }).click();
  // Refused on the row it concerns, tied to that row's checkboxes.
  const convertedRow = matrix.locator('tr[data-from="converted"]');
  await expect.poll(() => convertedRow.getByText(/no way out/).isVisible()).toBe(true);
  await expect(
    convertedRow.getByRole("checkbox", { name: "Converted to Lost" }).getAttribute("aria-invalid"),
  ).resolves.toBe("true");
  await admin.evaluate(() => window.scrollTo(0, 0));
  await admin.screenshot({ path: join(screenshots, "admin-pipelines-refused-transition.png"), fullPage: true });

  await matrix.getByRole("checkbox", { name: "Converted to Lost" }).uncheck();
  await admin.getByRole("button", { name: "Save pipeline" }).click();
  const removed = admin.locator('tr[data-stage="contacted"]');
  await expect.poll(() => removed.getByText("Still holds 1 lead: choose where they go").isVisible()).toBe(true);
  // The picture shows the refusals, not the toasts that came before them.
  await admin.getByTestId("toast").first().waitFor({ state: "detached", timeout: 10_000 });
  await admin.evaluate(() => window.scrollTo(0, 0));
  await admin.screenshot({ path: join(screenshots, "admin-pipelines-stage-with-leads.png"), fullPage: true });
  const { lead: still } = await manager.request("query($id: ID) { lead(id: $id) { status } }", { id: leadId });
  expect(still.status).toBe("contacted");

  await removed.getByLabel(/go(es)? to/).selectOption({ label: "Qualified" });
  await admin.getByRole("button", { name: "Save pipeline" }).click();
  await expect.poll(() => admin.getByText(/Partners saved/).isVisible()).toBe(true);
  await expect(removed.count()).resolves.toBe(0);
  const { lead: moved } = await manager.request("query($id: ID) { lead(id: $id) { status } }", { id: leadId });
  expect(moved.status).toBe("qualified");
});

it("should let an admin set up queues and ordered rules, and preview where a lead would go as routing does", async () => {
  // The rules are the tenant's one list: this test starts it empty.
  await (await app.api("admin@demo.test")).request("mutation { setRoutingRules(rules: []) { id } }");
  const admin = await signedIn("/admin/routing", "admin@demo.test");
  await heading(admin, "Routing").waitFor();
  const newQueue = admin.getByRole("form", { name: "New queue" });
  const createQueue = async (name: string, strategy: string, members: string[]) => {
    await newQueue.getByLabel("Queue name").fill(name);
    await newQueue.getByLabel("Who gets the next lead").selectOption({ label: strategy });
    for (const member of members) {
      await newQueue.getByLabel("Add member").selectOption({ label: member });
      await newQueue.getByRole("button", { name: "Add", exact: true }).click();
    }
    await newQueue.getByRole("button", { name: "Create queue" }).click();
    await admin.getByRole("listitem", { name }).waitFor();
  };
  await createQueue("Oslo desk", "Round robin (each in turn)", ["Rita Rep", "Ravi Rep"]);
  await createQueue("Everyone else", "Least loaded (fewest open leads)", ["Max Manager"]);
  const oslo = admin.getByRole("listitem", { name: "Oslo desk" });
  await expect(oslo.textContent()).resolves.toContain("Round robin (each in turn) · Rita Rep, Ravi Rep");
  // Edited in place: Ravi first, then back.
  await oslo.getByRole("button", { name: "Edit Oslo desk" }).click();
  await oslo.getByRole("button", { name: "Move Ravi Rep up" }).click();
  await oslo.getByRole("button", { name: "Save queue" }).click();
  await expect.poll(() => oslo.textContent()).toContain("Round robin (each in turn) · Ravi Rep, Rita Rep");
  await oslo.getByRole("button", { name: "Move Rita Rep up" }).click();
  await oslo.getByRole("button", { name: "Save queue" }).click();
  await expect.poll(() => oslo.textContent()).toContain("Round robin (each in turn) · Rita Rep, Ravi Rep");

  await admin.getByRole("button", { name: "Add rule" }).click();
  const rule1 = admin.getByRole("listitem", { name: "Rule 1" });
  await rule1.getByLabel("City").fill("Oslo");
  await rule1.getByLabel("Score at least").fill("150");
  await rule1.getByLabel("Send to queue").selectOption({ label: "Oslo desk" });
  await admin.getByRole("button", { name: "Add rule" }).click();
  const rule2 = admin.getByRole("listitem", { name: "Rule 2" });
  await rule2.getByLabel("Send to queue").selectOption({ label: "Everyone else" });
  await admin.getByRole("button", { name: "Save rules" }).click();
  // The server's refusal sits on the rule and field it names.
  await expect.poll(() => rule1.getByText("must be between 0 and 100").isVisible()).toBe(true);
  await expect(rule1.getByLabel("Score at least").getAttribute("aria-invalid")).resolves.toBe("true");
  await rule1.getByLabel("Score at least").fill("");
  await admin.getByRole("button", { name: "Save rules" }).click();
  await expect.poll(() => admin.getByText(/Routing rules saved/).isVisible()).toBe(true);

  const preview = admin.getByRole("form", { name: "Preview" });
  const result = admin.getByTestId("routing-preview");
  const previewFor = async (city: string) => {
    await preview.getByLabel("City").fill(city);
    await preview.getByRole("button", { name: "Preview" }).click();
  };
  await previewFor("oslo");
  await expect
    .poll(() => result.textContent())
    .toBe("A lead like this would go to Oslo desk by rule 1 (city is Oslo), and Rita Rep would get it next.");
  await previewFor("Bergen");
  await expect
    .poll(() => result.textContent())
    .toBe("A lead like this would go to Everyone else by rule 2 (every lead), and Max Manager would get it next.");

  // A real route of a lead like the first agrees with the preview.
  const manager = await app.api("manager@demo.test");
  const { createLead } = await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input, onDuplicate: KEEP_BOTH) { lead { id } } }`,
    { input: { name: "Oslo Walk-in", source: "EVENT", email: "oslo.walkin@example.org", city: "Oslo" } },
  );
  const { routeLead } = await manager.request(
    "mutation($id: ID!) { routeLead(id: $id) { queue { name } owner { name } } }",
    {
      id: createLead.lead.id,
    },
  );
  expect(routeLead).toEqual({ queue: { name: "Oslo desk" }, owner: { name: "Rita Rep" } });
  // The cursor moved on: the preview now names the next member.
  await previewFor("Oslo");
  await expect.poll(() => result.textContent()).toContain("Ravi Rep would get it next");

  // Order decides: the catch-all moved first takes every lead.
  await admin.getByRole("button", { name: "Move Rule 2 up" }).click();
  await admin.getByRole("button", { name: "Save rules" }).click();
  await expect.poll(() => admin.getByRole("button", { name: "Save rules" }).isDisabled()).toBe(true);
  await previewFor("Oslo");
  await expect.poll(() => result.textContent()).toContain("go to Everyone else by rule 1 (every lead)");
  const { routingRules } = await manager.request("{ routingRules { position city queue { name } } }");
  expect(routingRules).toEqual([
    { position: 0, city: null, queue: { name: "Everyone else" } },
    { position: 1, city: "Oslo", queue: { name: "Oslo desk" } },
  ]);
});

it("should show a rep who opens the pipelines or routing screen that it is not allowed, and refuse every operation behind them at the API", async () => {
  for (const path of ["/admin/pipelines", "/admin/routing"]) {
    const rep = await signedIn(path, "rep2@demo.test");
    await heading(rep, "Not allowed").waitFor();
    await expect(
      rep.getByRole("button", { name: /Save pipeline|Create pipeline|Save rules|Create queue/ }).count(),
    ).resolves.toBe(0);
    await rep.context().close();
  }
  const settings = await signedIn("/settings", "rep2@demo.test");
  await heading(settings, "Workspace settings").waitFor();
  await expect(settings.getByRole("link", { name: /^(Pipelines|Routing)$/ }).count()).resolves.toBe(0);
  await settings.context().close();

  // A manager configures routing (the server lets them), not pipelines.
  const managerPage = await signedIn("/settings", "manager@demo.test");
  await managerPage.getByRole("link", { name: "Routing" }).waitFor();
  await expect(managerPage.getByRole("link", { name: "Pipelines" }).count()).resolves.toBe(0);
  await managerPage.getByRole("link", { name: "Routing" }).click();
  await heading(managerPage, "Routing").waitFor();
  await managerPage.goto(`${app.baseUrl}/admin/pipelines`);
  await heading(managerPage, "Not allowed").waitFor();

  // The server refuses each operation behind the screens to a rep, and nothing changes.
  const admin = await app.api("admin@demo.test");
  const rep = await app.api("rep2@demo.test");
  const manager = await app.api("manager@demo.test");
  const { upsertQueue } = await manager.request(
    `mutation { upsertQueue(input: { name: "Gate test", strategy: "ROUND_ROBIN", memberIds: [] }) { id } }`,
  );
  const state = async () => [
    await admin.request(PIPELINES),
    await admin.request(
      "{ queues { id name strategy members { id } } routingRules { id position city queue { id } } }",
    ),
  ];
  const before = await state();
  const lifecycle = before[0].pipelines.find((p: { isDefault: boolean }) => p.isDefault);
  const stages = lifecycle.stages.map((s: Record<string, unknown>) => ({ ...s, transitions: [] }));
  const operations: [string, Record<string, unknown>?][] = [
    ['mutation { createPipeline(name: "Rep pipeline", preset: "simple") { id } }'],
    [
      'mutation($id: ID!, $stages: [StageInput!]!) { updatePipeline(id: $id, name: "Rep\'s", stages: $stages) { id } }',
      { id: lifecycle.id, stages },
    ],
    ['mutation { upsertQueue(input: { name: "Rep queue", strategy: "ROUND_ROBIN", memberIds: [] }) { id } }'],
    [
      `mutation($id: ID) { upsertQueue(id: $id, input: { name: "Taken", strategy: "LEAST_LOADED", memberIds: [] }) { id } }`,
      { id: upsertQueue.id },
    ],
    [`mutation($q: ID!) { setRoutingRules(rules: [{ queueId: $q }]) { id } }`, { q: upsertQueue.id }],
    ["{ routingRules { id } }"],
    ['{ previewRouting(input: { source: EVENT, city: "Oslo" }) { queue { id } } }'],
  ];
  for (const [query, variables] of operations) {
    expect({ query, codes: codes(await raw(rep, query, variables)) }).toEqual({ query, codes: ["FORBIDDEN"] });
  }
  expect(await state()).toEqual(before);
});
