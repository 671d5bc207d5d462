import swc from "unplugin-swc";
import { defineConfig } from "vitest/config";

// SWC rather than esbuild: type-graphql reads the decorator metadata esbuild does not emit.
export default defineConfig({
  plugins: [swc.vite({ jsc: { parser: { syntax: "typescript", decorators: true }, transform: { decoratorMetadata: true, legacyDecorator: true }, target: "es2022" } })],
  test: {
    include: ["src/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
