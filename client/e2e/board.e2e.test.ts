import { join } from "node:path";
import type { Page, WebSocketRoute } from "playwright-core";
import { expect, it } from "vitest";
import { type ApiUser, keyboardDragListening, screenshots, setUpE2eApp } from "./harness";

const app = setUpE2eApp();

const LEAD_FIELDS = "id name status version";

/** A card in a given column of a board page (the dragged copy that follows the pointer is outside the columns). */
const card = (page: Page, status: string, leadId: string) =>
  page.locator(`section[data-status="${status}"] [data-lead-id="${leadId}"]`);

async function openBoard(email: string): Promise<Page> {
  const page = await app.openApp({ path: "/board" });
  await app.signIn(page, email);
  await page.getByTestId("board").waitFor();
  return page;
}

/** An unowned lead in `new` that rep1 claims: rep1 may work it, and rep2 still sees it in the pool. */
async function claimedPoolLead(rep1: ApiUser): Promise<{ id: string; name: string }> {
  const { leads } = await rep1.request(
    `query { leads(first: 1, filter: { unassigned: true, status: ["new"] }, orderBy: { field: RANK, direction: ASC }) {
      edges { node { ${LEAD_FIELDS} claimedBy { id } } } } }`,
  );
  const lead = leads.edges[0]?.node;
  if (!lead) throw new Error("The demo has no unassigned lead in 'new'");
  await rep1.request("mutation($id: ID!) { claimLead(id: $id) { id } }", { id: lead.id });
  return lead;
}

it("should show a teammate's drag in the other rep's column within a second", async () => {
  const rep1 = await app.api("rep1@demo.test");
  const lead = await claimedPoolLead(rep1);
  const [mover, watcher] = await Promise.all([openBoard("rep1@demo.test"), openBoard("rep2@demo.test")]);
  await card(mover, "new", lead.id).waitFor();
  await card(watcher, "new", lead.id).waitFor();

  // Keyboard drag: pick up by the handle, one column to the right, drop.
  await card(mover, "new", lead.id)
    .getByRole("button", { name: `Move ${lead.name}` })
    .focus();
  await mover.keyboard.press("Space");
  // While dragging, columns the card may not enter say so: in the lifecycle, converted is reached only by conversion.
  await expect
    .poll(() => mover.locator('section[data-status="converted"]').getAttribute("class"))
    .toContain("is-blocked");
  expect(await mover.locator('section[data-status="working"]').getAttribute("class")).toContain("is-allowed");
  await mover.screenshot({ path: join(screenshots, "board-dragging.png") });
  await keyboardDragListening(mover);
  await mover.keyboard.press("ArrowRight");
  const moved = mover.waitForResponse(
    (response) => response.url().endsWith("/graphql") && (response.request().postData() ?? "").includes("MoveLead"),
  );
  await mover.keyboard.press("Space");

  // Optimistic: the mover's card is in its new column without waiting for the server (no time bound here:
  // a loaded CI machine may take a while to render the drop; the teammate's second below is the goal).
  await card(mover, "working", lead.id).waitFor({ timeout: 5_000 });
  const response = await moved;
  expect((await response.json()).errors).toBeUndefined();
  const sent = Date.now();
  await card(watcher, "working", lead.id).waitFor({ timeout: 1_000 });
  expect(Date.now() - sent).toBeLessThan(1_000);
  expect(await card(watcher, "new", lead.id).count()).toBe(0);
  await watcher.screenshot({ path: join(screenshots, "board-teammate-move.png") });
});

it("should snap a forbidden move back with the server's reason", async () => {
  const rep1 = await app.api("rep1@demo.test");
  const lead = await claimedPoolLead(rep1);
  // rep2 sees rep1's claimed lead in the pool but may not work it.
  const page = await openBoard("rep2@demo.test");
  const handle = card(page, "new", lead.id).getByRole("button", { name: `Move ${lead.name}` });
  await handle.waitFor();

  // Pointer drag onto the next column.
  const from = await handle.boundingBox();
  const to = await page.locator('section[data-status="working"]').boundingBox();
  if (!from || !to) throw new Error("The card or the column is not on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + 20, from.y + 10, { steps: 4 });
  await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 12 });
  await page.mouse.up();

  const toast = page.getByRole("alert").getByTestId("toast");
  await toast.waitFor();
  expect(await toast.textContent()).toMatch(/can't move this lead.*claim it first/i);
  await card(page, "new", lead.id).waitFor();
  expect(await card(page, "working", lead.id).count()).toBe(0);
  await page.screenshot({ path: join(screenshots, "board-forbidden.png") });
});

it("should show teammates' new leads and conversions without a reload", async () => {
  const manager = await app.api("manager@demo.test");
  const page = await openBoard("rep1@demo.test");
  const columnCount = async (status: string) => Number(await page.getByTestId(`column-count-${status}`).textContent());
  const newBefore = await columnCount("new");

  // A lead for the pool appears on top of New for every rep.
  const { createLead } = await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { ${LEAD_FIELDS} } } }`,
    { input: { name: "Live Newcomer", source: "REFERRAL", email: "live.newcomer@example.com" } },
  );
  const created = createLead.lead;
  await card(page, "new", created.id).waitFor({ timeout: 2_000 });
  await expect.poll(() => columnCount("new")).toBe(newBefore + 1);
  expect(await page.locator('section[data-status="new"] li [data-lead-id]').first().getAttribute("data-lead-id")).toBe(
    created.id,
  );

  // The manager works it to SQL and converts it: the card leaves the open columns for Converted.
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "sql") { id } }`, { id: created.id });
  await card(page, "sql", created.id).waitFor({ timeout: 2_000 });
  await manager.request(
    `mutation($id: ID!) { convertLead(id: $id, input: { createCompany: false }) { lead { id status readOnly } } }`,
    { id: created.id },
  );
  await card(page, "converted", created.id).waitFor({ timeout: 2_000 });
  for (const open of ["new", "working", "mql", "sql"]) expect(await card(page, open, created.id).count()).toBe(0);
});

it("should take a lead off a rep's board when it is assigned to someone else", async () => {
  const manager = await app.api("manager@demo.test");
  const rep2 = await app.api("rep2@demo.test");
  const { me } = await rep2.request("query { me { id } }");
  const { createLead } = await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { ${LEAD_FIELDS} } } }`,
    { input: { name: "Pool Handover", source: "REFERRAL", email: "pool.handover@example.com" } },
  );
  const lead = createLead.lead;
  // A pool lead: both reps see it.
  const [giver, taker] = await Promise.all([openBoard("rep1@demo.test"), openBoard("rep2@demo.test")]);
  await card(giver, "new", lead.id).waitFor();
  await card(taker, "new", lead.id).waitFor();

  await manager.request("mutation($id: ID!, $owner: ID) { assignLead(id: $id, ownerId: $owner) { id } }", {
    id: lead.id,
    owner: me.id,
  });
  // rep1 may no longer see it: the card goes, without a reload; rep2 keeps it, now theirs.
  await card(giver, "new", lead.id).waitFor({ state: "detached", timeout: 5_000 });
  expect(await card(taker, "new", lead.id).count()).toBe(1);
});

it("should show the reconnect banner during a drop and catch up on what it missed", async () => {
  const manager = await app.api("manager@demo.test");
  const page = await app.openApp({ path: "/board" });
  // The app's socket goes through a relay the test can cut, and keep cut.
  let offline = false;
  const sockets: { close: (options: { code: number; reason: string }) => Promise<void> }[] = [];
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    if (offline) {
      void socket.close({ code: 4000, reason: "offline" });
      return;
    }
    socket.connectToServer();
    sockets.push(socket);
  });
  // Routing patches the page's WebSocket when a document loads.
  await page.reload();
  await app.signIn(page, "rep1@demo.test");
  await page.getByTestId("board").waitFor();
  await expect.poll(() => sockets.length, { timeout: 5_000 }).toBe(1);

  // A first event, so the app knows where to catch up from (live, or caught up from the board's cursor if it
  // committed before the board's subscriptions started).
  const { createLead } = await manager.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { ${LEAD_FIELDS} } } }`,
    { input: { name: "Offline Mover", source: "EVENT", email: "offline.mover@example.com" } },
  );
  const lead = createLead.lead;
  await card(page, "new", lead.id).waitFor({ timeout: 5_000 });

  offline = true;
  await Promise.all(sockets.splice(0).map((socket) => socket.close({ code: 4000, reason: "network drop" })));
  const banner = page.getByRole("status").filter({ hasText: "reconnecting" });
  await banner.waitFor({ timeout: 2_000 });
  await page.screenshot({ path: join(screenshots, "board-reconnecting.png") });

  // A teammate's move while this app cannot hear it.
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "working") { id } }`, { id: lead.id });
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await card(page, "new", lead.id).count()).toBe(1);

  offline = false;
  await card(page, "working", lead.id).waitFor({ timeout: 15_000 });
  await banner.waitFor({ state: "detached", timeout: 2_000 });
  const toast = page.getByTestId("toast").filter({ hasText: "Back online" });
  await toast.waitFor({ timeout: 2_000 });
  expect(await toast.textContent()).toMatch(/1 change caught up/);
});

it("should show a lead created after the board was read but before its subscriptions started", async () => {
  const rep1 = await app.api("rep1@demo.test");
  const page = await app.openApp({ path: "/board" });
  // The app's socket is held shut until the test lets it through: the board is read, the lead is made, then the
  // subscriptions start. Nothing pushes that lead live; only the catch-up from the board's cursor can bring it.
  let open: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    open = resolve;
  });
  await page.routeWebSocket(/\/graphql$/, (socket) => {
    const queued: (string | Buffer)[] = [];
    let server: WebSocketRoute | null = null;
    socket.onMessage((message) => (server ? server.send(message) : queued.push(message)));
    void held.then(() => {
      const relay = socket.connectToServer();
      relay.onMessage((message) => socket.send(message));
      for (const message of queued.splice(0)) relay.send(message);
      server = relay;
    });
  });
  await page.reload();
  await app.signIn(page, "rep1@demo.test");
  await page.getByTestId("board").waitFor();

  const { createLead } = await rep1.request(
    `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { ${LEAD_FIELDS} } } }`,
    { input: { name: "Between Reads", source: "CALL", phone: "+14155550142" } },
  );
  // Past the catch-up cursor's margin, so the board's own read cannot be what shows it later.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await card(page, "new", createLead.lead.id).count()).toBe(0);
  open();
  await card(page, "new", createLead.lead.id).waitFor({ timeout: 5_000 });
});

it("should ask for a directly opened board's cards from index.html, before the app's script runs, and only once", async () => {
  const page = await openBoard("rep1@demo.test");
  // Who sends each board query: index.html's inline script (a classic script, so document.currentScript
  // is set while it runs) or the app (a module script, where it is null).
  await page.addInitScript(() => {
    const senders: string[] = [];
    (window as unknown as { boardSenders: string[] }).boardSenders = senders;
    const original = window.fetch;
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      if (String(init?.body ?? "").includes('"operationName":"Board"'))
        senders.push(document.currentScript ? "index.html" : "app");
      return original.call(this, input, init);
    };
  });
  await page.reload();
  await page.locator(".board-card").first().waitFor();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await page.evaluate(() => (window as unknown as { boardSenders: string[] }).boardSenders)).toEqual([
    "index.html",
  ]);
});
