import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { it } from "vitest";
import { DESKTOP, PHONE, repoRoot, setUpE2eApp } from "./harness";

// The README's pictures, made from the real app on the demo data: `pnpm --filter @leadline/client screenshots`.
const out = join(repoRoot, "docs", "screenshots");
const app = setUpE2eApp();

const SHOTS = [
  { name: "inbox-desktop", path: "/inbox", viewport: DESKTOP, ready: ".inbox-row", colorScheme: "light" },
  { name: "inbox-375", path: "/inbox", viewport: PHONE, ready: ".inbox-row", colorScheme: "light" },
  { name: "board-desktop", path: "/board", viewport: DESKTOP, ready: ".board-card", colorScheme: "light" },
  { name: "board-375", path: "/board", viewport: PHONE, ready: ".board-card", colorScheme: "light" },
  { name: "board-desktop-dark", path: "/board", viewport: DESKTOP, ready: ".board-card", colorScheme: "dark" },
] as const;

it("should photograph the inbox and the board, desktop and 375 px", async () => {
  mkdirSync(out, { recursive: true });
  for (const shot of SHOTS) {
    const page = await app.openApp({ path: shot.path, viewport: shot.viewport, colorScheme: shot.colorScheme });
    await app.signIn(page, "rep1@demo.test");
    await page.locator(shot.ready).first().waitFor();
    // Let counts and SLA clocks settle so the picture shows the steady page.
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(out, `${shot.name}.png`) });
    await page.context().close();
  }
});

/** rep1's best-scored lead with an email: the richest page the demo has, and an email to duplicate. */
async function showcaseLead(): Promise<{ id: string; email: string }> {
  const rep1 = await app.api("rep1@demo.test");
  const { leads } = await rep1.request(
    `query { leads(first: 20, filter: { mine: true, status: ["new", "working", "mql", "sql"] }, orderBy: { field: SCORE, direction: DESC }) {
      edges { node { id email } } } }`,
  );
  const lead = leads.edges
    .map((e: { node: { id: string; email: string | null } }) => e.node)
    .find((n: { email: string | null }) => n.email);
  if (!lead) throw new Error("rep1 owns no lead with an email in the demo");
  // A few visits, each rescoring the lead: the chart gets a line and the latest snapshot its reasons.
  for (const types of [["page_view", "page_view"], ["pricing_page_view", "email_click"], ["demo_request"]]) {
    await rep1.request("mutation($events: [TrackingEventInput!]!) { trackEvents(events: $events) }", {
      events: types.map((type) => ({ leadId: lead.id, type })),
    });
  }
  await rep1.request(
    `mutation($id: ID!) { addNote(id: $id, body: "Called back: wants a quote for 40 seats by Friday.") { id } }`,
    {
      id: lead.id,
    },
  );
  return lead;
}

async function signedIn(path: string, viewport: { width: number; height: number }): Promise<Page> {
  const page = await app.openApp({ path, viewport });
  await app.signIn(page, "rep1@demo.test");
  return page;
}

it("should photograph the lead page and the merge prompt", async () => {
  const lead = await showcaseLead();
  for (const [name, viewport] of [
    ["lead-desktop", DESKTOP],
    ["lead-375", PHONE],
  ] as const) {
    const page = await signedIn(`/leads/${lead.id}`, viewport);
    await page.getByTestId("lead-page").waitFor();
    await page.waitForTimeout(800);
    // The desktop picture shows the whole page (timeline, score, messages); the phone one the first screen.
    await page.screenshot({ path: join(out, `${name}.png`), fullPage: name === "lead-desktop" });
    await page.context().close();
  }

  const page = await signedIn("/leads/new", DESKTOP);
  await page.getByLabel("Name", { exact: true }).fill("Same person, new enquiry");
  await page.getByLabel("Email").fill(lead.email);
  await page.getByRole("button", { name: "Create lead" }).click();
  await page.getByRole("dialog", { name: "This lead may already exist" }).waitFor();
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(out, "merge-prompt.png") });
  await page.context().close();
});
