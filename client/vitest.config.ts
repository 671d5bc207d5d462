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
    // What the app shows after a network round trip and a render: a loaded CI machine can take
    // well over vitest's default second. Goals with a time bound check their own clocks.
    expect: { poll: { timeout: 5_000 } },
    hookTimeout: 180_000,
  },
});
