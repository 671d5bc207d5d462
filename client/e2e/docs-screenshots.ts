import { mkdirSync } from "node:fs";
import { join } from "node:path";
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
