import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_LEAD, UPDATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  type GraphQLResponse,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

/**
 * A name far past its limit is refused once, as too long, and never also as
 * missing (the outside check found "must be at most 200 characters" and "is
 * required" on the same field); nothing is written.
 */
let server: TestServer;
let t: TestTenant;
const HUGE = "x".repeat(200_000);

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"] });
});
afterAll(() => server?.stop());

function fieldErrors(res: GraphQLResponse) {
  expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
  return (res.errors?.[0]?.extensions?.fields ?? []) as { field: string; message: string }[];
}

const oneTooLong = (fields: { field: string; message: string }[], field: string) =>
  expect(fields.filter((f) => f.field === field)).toEqual([
    { field, message: expect.stringMatching(/^must be at most \d+ characters$/) },
  ]);

describe("a 200,000-character name", () => {
  it("is refused once as too long by createLead and updateLead", async () => {
    const created = await server.gql(
      CREATE_LEAD,
      { input: { source: "MANUAL", name: HUGE, email: "huge@example.org" } },
      t.tokens.manager,
    );
    oneTooLong(fieldErrors(created), "name");

    const ok = await server.gql(
      CREATE_LEAD,
      { input: { source: "MANUAL", name: "Short", email: "short@example.org" } },
      t.tokens.manager,
    );
    const lead = ok.data?.createLead?.lead as { id: string; version: number };
    const updated = await server.gql(UPDATE_LEAD, { id: lead.id, input: { name: HUGE } }, t.tokens.manager);
    oneTooLong(fieldErrors(updated), "name");
    const blank = await server.gql(UPDATE_LEAD, { id: lead.id, input: { name: "  " } }, t.tokens.manager);
    expect(fieldErrors(blank)).toEqual([{ field: "name", message: "is required" }]);
    const after = await server.gql(
      `query($id: ID!) { lead(id: $id) { name version } }`,
      { id: lead.id },
      t.tokens.manager,
    );
    expect(after.data?.lead).toEqual({ name: "Short", version: lead.version });
  });

  it("is refused as too long for a company and a contact, which store nothing", async () => {
    const company = await server.gql(
      `mutation($input: CompanyInput!) { createCompany(input: $input) { id } }`,
      { input: { name: HUGE } },
      t.tokens.manager,
    );
    oneTooLong(fieldErrors(company), "name");
    const contact = await server.gql(
      `mutation($input: ContactInput!) { createContact(input: $input) { id } }`,
      { input: { firstName: HUGE, lastName: HUGE } },
      t.tokens.manager,
    );
    const fields = fieldErrors(contact);
    oneTooLong(fields, "firstName");
    oneTooLong(fields, "lastName");
    expect(fields).toHaveLength(2);
    const counts = await server.gql(`{ companies { totalCount } contacts { totalCount } }`, {}, t.tokens.manager);
    expect(counts.data).toEqual({ companies: { totalCount: 0 }, contacts: { totalCount: 0 } });
  });
});
