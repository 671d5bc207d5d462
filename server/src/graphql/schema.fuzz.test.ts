import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_LEAD } from "../test/documents.js";
import {
  createTestTenant,
  type GraphQLResponse,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../test/harness.js";

/**
 * The schema-driven fuzzer: every mutation of the exported schema
 * (docs/schema.graphql) called with values generated from its argument
 * types (well-typed, so they reach the services' own validation), plus
 * malformed operations. For every answer: no 5xx, no internal error, no
 * stack trace, no field refused twice over ("is required" beside another
 * complaint), and when a mutation is refused, nothing in the database changed.
 */
const schema = buildSchema(readFileSync(new URL("../../../docs/schema.graphql", import.meta.url), "utf8"));
const mutations = Object.values(schema.getMutationType()?.getFields() ?? {});
/** Mutations that end the fuzzer's own session: they are tested where sessions are. */
const SKIPPED = new Set(["logout"]);
const RUNS = Number(process.env.FUZZ_RUNS ?? 6);

/**
 * Tables whose content a refused mutation must leave as it was. Left out:
 * counters and logs that a refusal writes on purpose (failed sign-ins,
 * rate-limit budgets, sessions) and rows that background jobs update
 * (message and webhook delivery states).
 */
const WATCHED = [
  "tenants",
  "users",
  "api_keys",
  "companies",
  "contacts",
  "leads",
  "lead_events",
  "lead_company_names",
  "tenant_counters",
  "stage_counts",
  "pipelines",
  "stages",
  "queues",
  "queue_members",
  "routing_rules",
  "capture_forms",
  "captcha_credentials",
  "webhook_secrets",
  "webhook_endpoints",
  "notes",
  "deals",
  "invitations",
  "score_snapshots",
  "tracking_events",
  "intake_receipts",
  "review_requests",
  "attachments",
];

/**
 * Columns written in the background, not by the request under test: the
 * outbound dispatcher marks a fuzz-made endpoint failing (and clears it) as
 * its deliveries fail or succeed, at any moment of the run.
 */
const BACKGROUND_COLUMNS: Record<string, string[]> = { webhook_endpoints: ["failing_since"] };

let server: TestServer;
let t: TestTenant;
let ids: string[] = [];
let fingerprintSql: ReturnType<typeof sql.raw>;

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { admin: ["ADMIN", "MANAGER"], rep: ["SALES"], marketer: ["MARKETEER"] });
  for (let i = 0; i < 3; i++) {
    await server.gql(
      CREATE_LEAD,
      { input: { source: "MANUAL", name: `Fuzz ${i}`, email: `fuzz${i}@example.org`, companyName: `Fuzz Co ${i}` } },
      t.tokens.admin,
    );
  }
  const db = server.app.database.db;
  const existing = await db.execute(
    sql.raw(`select table_name from information_schema.tables where table_schema = 'public'`),
  );
  const present = new Set(rowsOf(existing).map((r) => String(r.table_name)));
  const watched = WATCHED.filter((table) => present.has(table));
  fingerprintSql = sql.raw(
    `select ${watched
      .map(
        (table) =>
          `(select count(*) || ':' || coalesce(md5(string_agg(${rowText(table)}, ',' order by ${rowText(table)})), '') from ${table} x)`,
      )
      .join(" || '|' || ")} as fingerprint`,
  );
  // Real ids to aim at (the fuzzer's own user is left out: deactivating itself would end the run).
  const idRows = await db.execute(
    sql.raw(
      `select id::text as id from leads union all select id::text from companies union all select id::text from contacts
       union all select id::text from queues union all select id::text from pipelines union all select id::text from capture_forms
       union all select id::text from users where id <> '${t.users.admin?.id}'`,
    ),
  );
  ids = rowsOf(idRows).map((r) => String(r.id));
});
afterAll(() => server?.stop());

/** A row as text for the fingerprint, without its background columns. */
function rowText(table: string): string {
  const skipped = BACKGROUND_COLUMNS[table];
  return skipped ? `(to_jsonb(x) ${skipped.map((c) => `- '${c}'`).join(" ")})::text` : "x::text";
}

function rowsOf(result: unknown): Record<string, unknown>[] {
  return (Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows) as Record<
    string,
    unknown
  >[];
}

async function fingerprint(): Promise<string> {
  const [row] = rowsOf(await server.app.database.db.execute(fingerprintSql));
  return String(row?.fingerprint);
}

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom("", "   ", "Ada Lovelace", "ada@example.org", "+44 20 7946 0958", "https://example.org"),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom("x".repeat(201), "y".repeat(20_001), "\u0000\u202e<script>alert(1)</script>"),
  },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
);

function scalar(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "String":
      return text;
    case "ID":
      return fc.oneof(fc.constantFrom(...(ids.length ? ids : ["none"])), fc.uuid(), fc.string({ maxLength: 8 }));
    case "Int":
      return fc.oneof(fc.integer({ min: -3, max: 300 }), fc.constantFrom(0, -1, 2_147_483_647, -2_147_483_648));
    case "Float":
      return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -1, 1e308));
    case "Boolean":
      return fc.boolean();
    case "DateTime":
      return fc.oneof(
        fc
          .date({ min: new Date("1990-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
          .map((d) => d.toISOString()),
        fc.constantFrom("yesterday", "2026-13-40T25:00:00Z"),
      );
    case "JSON":
      return fc.jsonValue({ maxDepth: 3 });
    default:
      return text;
  }
}

/** A value of the type, as a client could send it: nullable parts are sometimes null or left out. */
function arbitraryOf(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return arbitraryOf(type.ofType, depth);
  const inner = (): fc.Arbitrary<unknown> => {
    if (isListType(type)) return fc.array(arbitraryOf(type.ofType, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
    if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
    if (isScalarType(type)) return scalar(type.name);
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields());
      const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
      if (depth > 3) return fc.constant({});
      return fc.record(Object.fromEntries(fields.map((f) => [f.name, arbitraryOf(f.type, depth + 1)])), {
        requiredKeys: required,
      });
    }
    return fc.constant(null);
  };
  return fc.option(inner(), { nil: null, freq: 6 });
}

function nonNull(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  return arbitraryOf(type, depth).filter((v) => v !== null);
}

function argsOf(args: readonly GraphQLArgument[]) {
  return fc.record(
    Object.fromEntries(args.map((a) => [a.name, isNonNullType(a.type) ? nonNull(a.type) : arbitraryOf(a.type)])),
    { requiredKeys: args.filter((a) => isNonNullType(a.type)).map((a) => a.name) },
  );
}

function documentOf(field: GraphQLField<unknown, unknown>): string {
  const variables = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(", ");
  const selection = isLeafType(getNamedType(field.type)) ? "" : " { __typename }";
  return `mutation Fuzz${variables ? `(${variables})` : ""} { ${field.name}${passed ? `(${passed})` : ""}${selection} }`;
}

async function post(body: string, token: string | undefined = t.tokens.admin) {
  const res = await fetch(`${server.url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  const raw = await res.text();
  let json: GraphQLResponse = { status: res.status };
  try {
    json = JSON.parse(raw) as GraphQLResponse;
  } catch {
    // Not JSON: the checks below still read the raw answer.
  }
  return { status: res.status, json, raw };
}

/** What every answer must be, refused or not. */
function expectWellFormed(answer: { status: number; json: GraphQLResponse; raw: string }, what: string) {
  expect(answer.status, what).toBeLessThan(500);
  expect(answer.raw, what).not.toMatch(/stacktrace|INTERNAL_SERVER_ERROR|\bat [^ ]+\.(ts|js):\d+/);
  for (const error of answer.json.errors ?? []) {
    expect(typeof error.message, what).toBe("string");
    const fields = (error.extensions?.fields ?? []) as { field: string; message: string }[];
    const byField = new Map<string, string[]>();
    for (const f of fields) byField.set(f.field, [...(byField.get(f.field) ?? []), f.message]);
    for (const [field, messages] of byField) {
      expect(new Set(messages).size, `${what}: ${field} refused twice with one message`).toBe(messages.length);
      if (messages.includes("is required")) {
        expect(messages, `${what}: ${field} is called missing and something else`).toEqual(["is required"]);
      }
    }
  }
}

describe("every mutation, fuzzed from the schema", () => {
  for (const field of mutations.filter((m) => !SKIPPED.has(m.name))) {
    it(`${field.name}: no server error, no contradictory error, nothing written when refused`, async () => {
      const document = documentOf(field);
      await fc.assert(
        fc.asyncProperty(argsOf(field.args), fc.constantFrom("admin", "rep", "marketer"), async (variables, who) => {
          const before = await fingerprint();
          const answer = await post(JSON.stringify({ query: document, variables }), t.tokens[who]);
          const what = `${field.name} as ${who} with ${JSON.stringify(variables).slice(0, 300)}`;
          expectWellFormed(answer, what);
          const refused = (answer.json.errors?.length ?? 0) > 0 && answer.json.data?.[field.name] == null;
          if (refused) expect(await fingerprint(), `${what} was refused but changed the database`).toBe(before);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe("malformed operations", () => {
  it("refuses a document past the token limit, and a blank or comment-only one, as a 400", async () => {
    // Tokens without cost: a long list literal. (graphql-js spells its message "more that".)
    const huge = `query($a: [Int] = [${Array.from({ length: 6_000 }, (_, i) => i).join(" ")}]) { __typename }`;
    for (const query of [huge, " ", "# only a comment"]) {
      const answer = await post(JSON.stringify({ query }));
      expect(answer.status, query.slice(0, 40)).toBe(400);
      expect(answer.json.errors?.[0]?.extensions?.code).toBe("GRAPHQL_PARSE_FAILED");
    }
    expect((await post(JSON.stringify({ query: huge }))).json.errors?.[0]?.message).toMatch(/more that 5000 tokens/);
  });

  it("refuses U+0000 anywhere in a request, naming where, and writes nothing", async () => {
    const before = await fingerprint();
    const viaVariable = await post(
      JSON.stringify({
        query: CREATE_LEAD,
        variables: { input: { source: "MANUAL", name: "Nul\u0000Name", email: "nul@example.org" } },
      }),
    );
    expect(viaVariable.status).toBe(400);
    expect(viaVariable.json.errors?.[0]?.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      fields: [{ field: "variables.input.name", message: "must not contain the NUL character (U+0000)" }],
    });
    const viaLiteral = await post(
      JSON.stringify({
        query:
          'mutation { createLead(input: { source: MANUAL, name: "a\\u0000b", email: "n@example.org" }) { lead { id } } }',
      }),
    );
    expect(viaLiteral.status).toBe(400);
    expect(await fingerprint()).toBe(before);
  });

  it("answers broken documents, wrong variable types and junk bodies with a 4xx and no trace", async () => {
    const names = mutations.map((m) => m.name);
    const broken = fc.oneof(
      fc.string({ maxLength: 80 }).map((query) => JSON.stringify({ query })),
      fc.constantFrom(...names).map((name) => JSON.stringify({ query: `mutation { ${name}(nope: 1) { id } }` })),
      fc
        .tuple(fc.constantFrom(...mutations.filter((m) => m.args.length > 0)), fc.jsonValue({ maxDepth: 2 }))
        .map(([m, junk]) =>
          JSON.stringify({ query: documentOf(m), variables: Object.fromEntries(m.args.map((a) => [a.name, junk])) }),
        ),
      fc.string({ maxLength: 60 }),
      fc.constantFrom("{", "[]", "null", '{"query": 1}', '{"query": "{ me { id } }", "variables": "x"}'),
    );
    await fc.assert(
      fc.asyncProperty(broken, async (body) => {
        const before = await fingerprint();
        const answer = await post(body);
        expectWellFormed(answer, body.slice(0, 200));
        if (answer.status >= 400) expect(await fingerprint()).toBe(before);
      }),
      { numRuns: RUNS * 20 },
    );
  });
});
