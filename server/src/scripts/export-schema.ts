import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { printSchema } from "graphql";
import { buildLeadlineSchema } from "../graphql/schema.js";

/** Where the generated SDL is committed; a test fails when it is stale. */
export const SCHEMA_FILE = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "docs", "schema.graphql");

export async function printLeadlineSchema(): Promise<string> {
  return `${printSchema(await buildLeadlineSchema())}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(SCHEMA_FILE, await printLeadlineSchema());
  console.log(`wrote ${SCHEMA_FILE}`);
}
