import { type FieldNode, type GraphQLResolveInfo, type OperationDefinitionNode, parse } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "../../db/tenant-scope.js";
import { buildLeadlineSchema } from "../../graphql/schema.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { createTestTenant, startTestServer, type TestServer, type TestTenant } from "../../test/harness.js";
import { leadColumnsSelected } from "./lead-columns.js";

/** Every Lead field that reads the row alone (a column, or a resolver declaring its columns). */
const NARROW_FIELDS = `id requestId name status source channel claimExpiresAt score reviewRequestStatus convertedAt
  version createdAt updatedAt firstName lastName middleName email phone jobTitle companyName companyWebsite
  companyTin city category product marketingCampaign salesDirection contentChannel description expiresAt outcome
  company { id } contact { id } partnerCompany { id } convertedContact { id } convertedCompany { id }
  convertedDeal { id } attachments { name } form { id } sla { state firstResponseDueAt atRiskAt firstResponseAt }
  attribution { utmSource firstTouchAt } readOnly viewerMayWork owner { id } partnerRepresentative { id }
  customer { id } vendor { id } createdBy { id } claimedBy { id } awaitingReply stage { key label }
  pipelineStages { key } queue { id } scoreBand scoreHistory { score } nextAction { type dueAt note }`;

describe("a leads page reads the columns its selection needs", () => {
  let server: TestServer;
  let t: TestTenant;

  beforeAll(async () => {
    server = await startTestServer();
    t = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
    const input = {
      name: "Ada Lovelace",
      source: "REFERRAL",
      email: "ada@example.com",
      phone: "+1 415 555 0100",
      jobTitle: "Countess",
      companyName: "Analytical Engines",
      city: "London",
      description: "Wants a difference engine",
      ownerId: t.users.rep?.id,
      attribution: { utmSource: "newsletter" },
    };
    for (const name of ["Ada Lovelace", "Grace Hopper"]) {
      const res = await server.gql(CREATE_LEAD, { input: { ...input, name } }, t.tokens.admin);
      expect(res.errors).toBeUndefined();
    }
  });
  afterAll(async () => {
    await server?.stop();
    await server?.database.drop();
  });

  it("should answer every row-only field on a page as the lead itself answers it", async () => {
    for (const token of [t.tokens.admin, t.tokens.rep]) {
      const page = await server.gql(`{ leads(first: 10) { edges { node { ${NARROW_FIELDS} } } } }`, {}, token);
      // A resolver reading a column it did not declare throws outside production: that would show here.
      expect(page.errors).toBeUndefined();
      const nodes = page.data?.leads.edges.map((e: { node: { id: string } }) => e.node);
      expect(nodes).toHaveLength(2);
      for (const node of nodes) {
        const one = await server.gql(`query($id: ID) { lead(id: $id) { ${NARROW_FIELDS} } }`, { id: node.id }, token);
        expect(one.errors).toBeUndefined();
        expect(node).toEqual(one.data?.lead);
      }
    }
  });

  it("should read the whole row for a field that declares nothing", async () => {
    const page = await server.gql(
      "{ leads(first: 10) { edges { node { id duplicates { confidence } activities(first: 5) { pageInfo { hasNextPage } } } } } }",
      {},
      t.tokens.admin,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data?.leads.edges[0].node.duplicates.length).toBeGreaterThan(0);
  });

  it("should name the columns of a selection, through fragments, or none for an undeclared field", async () => {
    const schema = await buildLeadlineSchema();
    const infoOf = (source: string) => {
      const document = parse(source);
      const [operation, ...fragments] = document.definitions as OperationDefinitionNode[];
      return {
        schema,
        fieldNodes: operation?.selectionSet.selections as FieldNode[],
        fragments: Object.fromEntries(
          fragments.map((f) => [(f as unknown as { name: { value: string } }).name.value, f]),
        ),
      } as unknown as GraphQLResolveInfo;
    };
    expect(
      leadColumnsSelected(
        infoOf(
          "{ leads { edges { node { __typename id name owner { name } ...S } } } } fragment S on Lead { stage { key } }",
        ),
      ),
    ).toEqual(new Set(["id", "tenantId", "name", "ownerId", "pipelineId", "status"]));
    expect(leadColumnsSelected(infoOf("{ leads { totalCount } }"))).toEqual(new Set(["id", "tenantId"]));
    expect(leadColumnsSelected(infoOf("{ leads { edges { node { id duplicates { confidence } } } } }"))).toBeNull();
  });

  it("should refuse, outside production, to give a column a page was not read with", async () => {
    const viewer = await server.app.services.auth.authenticate(`Bearer ${t.tokens.admin}`);
    if (!viewer) throw new Error("no viewer");
    const page = await withTenant(viewer.tenantId, () =>
      server.app.services.leadReads.listLeads(viewer, { first: 1, columns: new Set(["id", "tenantId", "name"]) }),
    );
    const lead = page.nodes[0]?.lead;
    expect(lead?.name).toBeDefined();
    expect(() => lead?.email).toThrow(/Lead column email was not read/);
  });
});
