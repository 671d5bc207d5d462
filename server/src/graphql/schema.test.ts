import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { printLeadlineSchema, SCHEMA_FILE } from "../scripts/export-schema.js";

it("docs/schema.graphql matches the generated schema (run `pnpm schema:export` after changing types)", async () => {
  expect(readFileSync(SCHEMA_FILE, "utf8")).toBe(await printLeadlineSchema());
});
