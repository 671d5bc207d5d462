import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { LEAD_EDITABLE_FIELDS, LEAD_FIELDS, LEAD_FORM_FIELDS } from "@leadline/shared";
import { getTableColumns } from "drizzle-orm";
import { type GraphQLSchema, isInputObjectType, isObjectType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { leads } from "../../db/schema/leads.js";
import { buildLeadlineSchema } from "../../graphql/schema.js";

/**
 * The lead's fields are listed once, in @leadline/shared (LEAD_FIELDS). These
 * checks fail when the table, the GraphQL types or a hand-written copy of the
 * list drift from it.
 */
const keys = LEAD_FIELDS.map((f) => f.key);
const editable = LEAD_EDITABLE_FIELDS.map((f) => f.key);
const sorted = (list: readonly string[]) => [...list].sort();

describe("the shared lead field list", () => {
  it("names only columns of the leads table", () => {
    const columns = Object.keys(getTableColumns(leads));
    expect(keys.filter((key) => !columns.includes(key))).toEqual([]);
  });

  describe("and the GraphQL schema", () => {
    let schema: GraphQLSchema;
    beforeAll(async () => {
      schema = await buildLeadlineSchema();
    });
    const fieldsOf = (name: string) => {
      const type = schema.getType(name);
      if (!isInputObjectType(type) && !isObjectType(type)) throw new Error(`${name} is not an object or input type`);
      return Object.keys(type.getFields());
    };

    it("accepts every editable field on create and update, and no other typed-in field", () => {
      const create = fieldsOf("CreateLeadInput");
      expect(editable.filter((key) => !create.includes(key))).toEqual([]);
      expect(create.filter((key) => keys.includes(key as never))).toEqual(
        expect.arrayContaining([...editable, "name"]),
      );
      expect(sorted(fieldsOf("UpdateLeadInput"))).toEqual(sorted([...editable, "name", "outcome"]));
    });

    it("shows every field but the references on Lead (those are read as records)", () => {
      const lead = fieldsOf("Lead");
      const readable = LEAD_FIELDS.filter((f) => f.kind !== "ref").map((f) => f.key);
      expect(readable.filter((key) => !lead.includes(key))).toEqual([]);
    });
  });
});

/** Less common field names: a source file spelling out several of them is a hand-written copy of the list. */
const RARE = [
  "middleName",
  "marketingCampaign",
  "salesDirection",
  "contentChannel",
  "companyTin",
  "jobTitle",
  "product",
  "category",
];
const COPY_THRESHOLD = 5;

const here = fileURLToPath(new URL(".", import.meta.url));
const serverSrc = join(here, "../..");
const clientSrc = join(here, "../../../../client/src");
const repoRoot = join(here, "../../../..");
/** Where the lead form's fragment lives: the one GraphQL document allowed to select the fields by name. */
const FORM_FRAGMENT_FILE = "client/src/features/lead/LeadDetailsForm.tsx";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$|testkit\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe("no hand-written copy of the lead field list", () => {
  it("keeps the rare names in the shared list", () => {
    expect(RARE.filter((key) => !keys.includes(key as never))).toEqual([]);
  });

  it("has no source file under server/src or client/src spelling out the fields", () => {
    const files = [...sourceFiles(serverSrc), ...sourceFiles(clientSrc)]
      .map((file) => relative(repoRoot, file).split("\\").join("/"))
      .filter(
        (path) =>
          !path.startsWith("client/src/gql/") && // generated from the schema
          !path.startsWith("server/src/db/schema/") && // the table itself, checked above
          !path.startsWith("server/src/test/") && // test documents and fixtures
          path !== FORM_FRAGMENT_FILE,
      );
    expect(files.length).toBeGreaterThan(50);
    const copies = files.flatMap((path) => {
      const source = readFileSync(join(repoRoot, path), "utf8");
      const named = RARE.filter((key) => new RegExp(`\\b${key}\\b`).test(source));
      return named.length >= COPY_THRESHOLD ? [`${path}: ${named.join(", ")}`] : [];
    });
    expect(copies).toEqual([]);
  });

  it("selects every field the form edits in the form's fragment", () => {
    const source = readFileSync(join(repoRoot, FORM_FRAGMENT_FILE), "utf8");
    const fragment = /fragment LeadDetailsForm_lead on Lead \{([^}]*)\}/.exec(source)?.[1];
    expect(fragment).toBeDefined();
    const selected = (fragment ?? "").split(/\s+/).filter(Boolean);
    expect(LEAD_FORM_FIELDS.map((f) => f.key).filter((key) => !selected.includes(key))).toEqual([]);
  });
});
