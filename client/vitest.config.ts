import { defineConfig } from "vitest/config";

// Unit tests of client logic, and browser tests against the built client served by the real server:
// the latter are slow to start, so generous timeouts.
export default defineConfig({
  test: {
    // `screenshots` (package script) runs only the README's pictures; tests never rewrite docs.
    include: process.env.LEADLINE_SCREENSHOTS ? ["e2e/docs-screenshots.ts"] : ["src/**/*.test.ts", "e2e/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    maxWorkers: 1,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
