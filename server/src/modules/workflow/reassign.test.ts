import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import { codes, createTestTenant, fieldsOf, startTestServer, type TestServer } from "../../test/harness.js";

let server: TestServer;

const REASSIGN = "mutation($from: ID!, $to: ID) { reassignLeads(fromUserId: $from, toUserId: $to) }";
const OWNER = "query($id: ID) { lead(id: $id) { owner { id } status } }";
const DEACTIVATE = "mutation($id: ID!) { updateUser(id: $id, active: false) { active } }";

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

/** A tenant whose rep owns two open leads and one lost lead. */
async function scene() {
  const t = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"], mate: ["SALES"] });
  const owned = async (name: string) => {
    const res = await server.gql(
      CREATE_LEAD,
      { input: { name, source: "EVENT", email: `${name.toLowerCase()}@example.com` } },
      t.tokens.manager,
    );
    const id = res.data?.createLead.lead.id as string;
    await server.gql(
      "mutation($id: ID!, $o: ID) { assignLead(id: $id, ownerId: $o) { id } }",
      { id, o: t.users.rep?.id },
      t.tokens.manager,
    );
    return id;
  };
  const open = [await owned("Open1"), await owned("Open2")];
  const lost = await owned("Lost");
  const moved = await server.gql(
    `mutation($id: ID!) { moveLead(id: $id, toStatus: "disqualified") { status } }`,
    { id: lost },
    t.tokens.manager,
  );
  expect(moved.errors).toBeUndefined();
  return { t, open, lost };
}

const ownerOf = async (id: string, token: string | undefined) =>
  (await server.gql(OWNER, { id }, token)).data?.lead.owner?.id ?? null;

describe("reassignLeads", () => {
  it("hands a deactivated rep's open leads to a teammate with an ASSIGNED event each; the lost lead keeps its owner", async () => {
    const { t, open, lost } = await scene();
    await server.gql(DEACTIVATE, { id: t.users.rep?.id }, t.tokens.admin);
    const res = await server.gql(REASSIGN, { from: t.users.rep?.id, to: t.users.mate?.id }, t.tokens.admin);
    expect(res.data?.reassignLeads).toBe(2);
    for (const id of open) {
      expect(await ownerOf(id, t.tokens.manager)).toBe(t.users.mate?.id);
      const [event] = await server.app.database.db
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, id), eq(leadEvents.type, "ASSIGNED")))
        .orderBy(leadEvents.sequence)
        .limit(1)
        .offset(1);
      expect(event?.payload).toMatchObject({ from: t.users.rep?.id, to: t.users.mate?.id });
    }
    expect(await ownerOf(lost, t.tokens.manager)).toBe(t.users.rep?.id);
    // Nothing left to move.
    expect((await server.gql(REASSIGN, { from: t.users.rep?.id, to: null }, t.tokens.admin)).data?.reassignLeads).toBe(
      0,
    );
  });

  it("returns them to the pool with no target", async () => {
    const { t, open } = await scene();
    expect(
      (await server.gql(REASSIGN, { from: t.users.rep?.id, to: null }, t.tokens.manager)).data?.reassignLeads,
    ).toBe(2);
    for (const id of open) expect(await ownerOf(id, t.tokens.manager)).toBeNull();
  });

  it("refuses an inactive target, naming the field, and moves nothing", async () => {
    const { t, open } = await scene();
    await server.gql(DEACTIVATE, { id: t.users.mate?.id }, t.tokens.admin);
    const res = await server.gql(REASSIGN, { from: t.users.rep?.id, to: t.users.mate?.id }, t.tokens.admin);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["toUserId"]);
    for (const id of open) expect(await ownerOf(id, t.tokens.manager)).toBe(t.users.rep?.id);
  });

  it("is refused to reps, and does not reach another tenant's user", async () => {
    const { t, open } = await scene();
    const other = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
    expect(codes(await server.gql(REASSIGN, { from: t.users.rep?.id, to: t.users.mate?.id }, t.tokens.mate))).toEqual([
      "FORBIDDEN",
    ]);
    expect(codes(await server.gql(REASSIGN, { from: t.users.rep?.id, to: null }, other.tokens.admin))).toEqual([
      "NOT_FOUND",
    ]);
    expect(
      codes(await server.gql(REASSIGN, { from: t.users.rep?.id, to: other.users.rep?.id }, t.tokens.admin)),
    ).toEqual(["BAD_USER_INPUT"]);
    for (const id of open) expect(await ownerOf(id, t.tokens.manager)).toBe(t.users.rep?.id);
  });
});
