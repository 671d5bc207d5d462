import { join } from "node:path";
import { expect, it } from "vitest";
import { PER_COLUMN } from "../src/features/board/BoardQuery";
import { screenshots, setUpE2eApp } from "./harness";

const app = setUpE2eApp({
  // The demo spreads its 300 leads thin; here most of them sit in one stage, as on a busy team's board.
  prepareDatabase: async (sql) => {
    await sql(
      `update leads set status = 'working'
        where tenant_id = (select id from tenants where slug = 'demo') and status <> 'disqualified'`,
    );
  },
});

it("should show more of a column past its first cards, and keep the grown column live", async () => {
  const manager = await app.api("manager@demo.test");
  const page = await app.openApp({ path: "/board" });
  await app.signIn(page, "manager@demo.test");
  const column = page.locator('section[data-status="working"]');
  const cards = column.locator("[data-lead-id]");
  await expect.poll(() => cards.count(), { timeout: 10_000 }).toBe(PER_COLUMN);
  const total = Number((await page.getByTestId("column-count-working").textContent())?.replace(/\D/g, ""));
  expect(total).toBeGreaterThan(PER_COLUMN * 2);
  expect(await column.locator(".board-column__more").textContent()).toContain(`+${total - PER_COLUMN} more`);

  await column.getByRole("button", { name: /Show more/ }).click();
  await expect.poll(() => cards.count(), { timeout: 5_000 }).toBe(PER_COLUMN * 2);
  expect(await column.locator(".board-column__more").textContent()).toContain(`+${total - PER_COLUMN * 2} more`);
  await page.screenshot({ path: join(screenshots, "board-show-more.png") });

  // A card past the first hundred moves live for everyone, and the grown column stays grown.
  const deep = await cards.nth(PER_COLUMN + 10).getAttribute("data-lead-id");
  await manager.request(`mutation($id: ID!) { moveLead(id: $id, toStatus: "mql") { id } }`, { id: deep });
  await page.locator(`section[data-status="mql"] [data-lead-id="${deep}"]`).waitFor({ timeout: 5_000 });
  expect(await cards.count()).toBe(PER_COLUMN * 2 - 1);
});
