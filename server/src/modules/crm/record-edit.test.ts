import { afterAll, beforeAll, expect, it } from "vitest";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, startTestServer, type TestServer } from "../../test/harness.js";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const MAY_EDIT = "query($c: ID!, $p: ID!) { company(id: $c) { viewerMayEdit } contact(id: $p) { viewerMayEdit } }";
const RENAME = 'mutation($id: ID!) { updateCompany(id: $id, input: { name: "Renamed Co" }) { name } }';

it("Company and Contact.viewerMayEdit answer as the edits decide: a rep edits a pool lead's records once they claim it", async () => {
  const t = await createTestTenant(server, { manager: ["MANAGER"], rep1: ["SALES"], rep2: ["SALES"] });
  const company = await server.gql(
    'mutation { createCompany(input: { name: "Edit Rights Co" }) { id } }',
    {},
    t.tokens.manager,
  );
  const c = company.data?.createCompany.id;
  const contact = await server.gql(
    'mutation($c: ID!) { createContact(input: { firstName: "Eda", email: "eda@example.com", companyId: $c }) { id } }',
    { c },
    t.tokens.manager,
  );
  const p = contact.data?.createContact.id;
  const lead = await server.gql(
    CREATE_LEAD,
    { input: { name: "Pool lead", source: "API", existingCompanyId: c, existingContactId: p } },
    t.tokens.manager,
  );
  const mayEdit = async (token: string | undefined) => (await server.gql(MAY_EDIT, { c, p }, token)).data;

  expect(await mayEdit(t.tokens.manager)).toEqual({
    company: { viewerMayEdit: true },
    contact: { viewerMayEdit: true },
  });
  // Both reps see the records through the pool lead; neither works it yet.
  expect(await mayEdit(t.tokens.rep1)).toEqual({
    company: { viewerMayEdit: false },
    contact: { viewerMayEdit: false },
  });
  expect(codes(await server.gql(RENAME, { id: c }, t.tokens.rep1))).toEqual(["FORBIDDEN"]);

  await server.gql(
    "mutation($id: ID!) { claimLead(id: $id) { id } }",
    { id: lead.data?.createLead.lead.id },
    t.tokens.rep1,
  );
  expect(await mayEdit(t.tokens.rep1)).toEqual({ company: { viewerMayEdit: true }, contact: { viewerMayEdit: true } });
  expect(await mayEdit(t.tokens.rep2)).toEqual({
    company: { viewerMayEdit: false },
    contact: { viewerMayEdit: false },
  });
  expect((await server.gql(RENAME, { id: c }, t.tokens.rep1)).data?.updateCompany.name).toBe("Renamed Co");
});
