import type { Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codes, createTestTenant, startTestServer, type TestServer, wsClient } from "../../test/harness.js";

/**
 * What the admin screens (users and roles, integrations) stand on: the app
 * hides them from everyone but admins, and the API refuses their operations
 * to anyone else whatever client asks. A deactivation also reaches a page
 * the user has open, through its socket.
 */
let server: TestServer;
const clients: Client[] = [];

const ME = "{ me { id roles active } }";

/** A socket as the token's user, without retries, closed at the end of the file. */
function socketOf(token: string | undefined, lazy = true): Client {
  const client = wsClient(server, token, {
    lazy,
    // A close is what these tests wait for, not an error to print.
    onNonLazyError: () => {},
  });
  clients.push(client);
  return client;
}

/** Holds a subscription open as the token's user; resolves with how and when the server closed the socket. */
function closeOf(token: string | undefined, subscription: string) {
  const client = socketOf(token, false);
  const closed = new Promise<{ code: number; reason: string; at: number }>((resolve) =>
    client.on("closed", (e) => {
      const { code, reason } = e as { code: number; reason: string };
      resolve({ code, reason, at: Date.now() });
    }),
  );
  client.subscribe({ query: subscription }, { next: () => {}, error: () => {}, complete: () => {} });
  return closed;
}

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
});

describe("the operations behind the admin screens", () => {
  it("are refused to a rep, who changes nothing by trying", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
    const rep = t.tokens.rep;
    const adminKey = (
      await server.gql('mutation { createApiKey(name: "etl", roles: [ADMIN]) { id secret } }', {}, t.tokens.admin)
    ).data?.createApiKey as { id: string; secret: string };

    const attempts: [string, string, Record<string, unknown>][] = [
      ["users", "{ users(includeInactive: true) { id } }", {}],
      ["apiKeys", "{ apiKeys(includeRevoked: true) { id } }", {}],
      [
        "inviteUser",
        'mutation($e: String!) { inviteUser(email: $e, name: "Mole", roles: [ADMIN]) { id } }',
        { e: "mole@example.com" },
      ],
      // Raising their own roles, and switching the admin off.
      [
        "updateUser (self)",
        "mutation($id: ID!) { updateUser(id: $id, roles: [ADMIN]) { id } }",
        { id: t.users.rep?.id },
      ],
      [
        "updateUser (admin)",
        "mutation($id: ID!) { updateUser(id: $id, active: false) { id } }",
        { id: t.users.admin?.id },
      ],
      // A rep may make a key for their own work, never one that acts beyond their roles.
      ["createApiKey", 'mutation { createApiKey(name: "wide", roles: [ADMIN]) { id secret } }', {}],
      ["rotateWebhookSecret", "mutation { rotateWebhookSecret { secret } }", {}],
    ];
    for (const [name, query, variables] of attempts) {
      expect([name, codes(await server.gql(query, variables, rep))]).toEqual([name, ["FORBIDDEN"]]);
    }
    // Someone else's key does not exist for a rep (they may only revoke their own), so it cannot be revoked either.
    const revoke = await server.gql("mutation($id: ID!) { revokeApiKey(id: $id) }", { id: adminKey.id }, rep);
    expect(codes(revoke)).toEqual(["NOT_FOUND"]);

    expect((await server.gql(ME, {}, rep)).data?.me.roles).toEqual(["SALES"]);
    expect((await server.gql(ME, {}, t.tokens.admin)).data?.me).toMatchObject({ roles: ["ADMIN"], active: true });
    expect((await server.gql(ME, {}, adminKey.secret)).data?.me.id).toBe(t.users.admin?.id);
    const list = await server.gql("{ users(includeInactive: true) { email } }", {}, t.tokens.admin);
    expect(list.data?.users.map((u: { email: string }) => u.email)).not.toContain("mole@example.com");
  });
});

describe("deactivation", () => {
  it("closes the user's open sockets within seconds (4403), and no one else's", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"], mate: ["SALES"] });
    const closed = (token: string | undefined) => closeOf(token, "subscription { slaTimer { leadId } }");
    const repClosed = closed(t.tokens.rep);
    let mateClosed = false;
    void closed(t.tokens.mate).then(() => (mateClosed = true));
    await new Promise((r) => setTimeout(r, 300));

    const at = Date.now();
    const res = await server.gql(
      "mutation($id: ID!) { updateUser(id: $id, active: false) { active } }",
      { id: t.users.rep?.id },
      t.tokens.admin,
    );
    expect(res.data?.updateUser.active).toBe(false);
    const rep = await repClosed;
    expect(rep.code).toBe(4403);
    expect(rep.at - at).toBeLessThan(3_500);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(mateClosed).toBe(false);
  });
});

describe("a role change", () => {
  it("closes the user's open sockets (4412) so they reconnect as who they are now, and no one else's", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"], boss: ["MANAGER"], mate: ["MANAGER"] });
    const watch = (token: string | undefined) => closeOf(token, "subscription { leadEvents { sequence } }");
    const bossClosed = watch(t.tokens.boss);
    let mateClosed = false;
    void watch(t.tokens.mate).then(() => (mateClosed = true));
    await new Promise((r) => setTimeout(r, 300));

    const at = Date.now();
    const res = await server.gql(
      "mutation($id: ID!) { updateUser(id: $id, roles: [SALES]) { roles } }",
      { id: t.users.boss?.id },
      t.tokens.admin,
    );
    expect(res.data?.updateUser.roles).toEqual(["SALES"]);
    const boss = await bossClosed;
    expect(boss).toMatchObject({ code: 4412, reason: expect.stringMatching(/access changed/i) });
    expect(boss.at - at).toBeLessThan(3_500);
    // Not signed out: the same token reconnects, now as a rep.
    const again = socketOf(t.tokens.boss);
    const me = await new Promise<unknown>((resolve, reject) =>
      again.subscribe({ query: ME }, { next: (v) => resolve(v.data?.me), error: reject, complete: () => {} }),
    );
    expect(me).toMatchObject({ roles: ["SALES"], active: true });
    await new Promise((r) => setTimeout(r, 2_500));
    expect(mateClosed).toBe(false);
  });
});

describe("an API key after its maker's roles change", () => {
  const TREND = "{ responseTrend { day } }";
  const keyOf = async (token: string | undefined, roles: string) => {
    const res = await server.gql(`mutation { createApiKey(name: "etl", roles: [${roles}]) { id secret } }`, {}, token);
    expect(codes(res)).toEqual([]);
    return res.data?.createApiKey as { id: string; secret: string };
  };
  const setRoles = async (t: { tokens: Record<string, string> }, id: string | undefined, roles: string) => {
    const res = await server.gql(
      `mutation($id: ID!) { updateUser(id: $id, roles: [${roles}]) { roles } }`,
      { id },
      t.tokens.admin,
    );
    expect(codes(res)).toEqual([]);
  };

  it("loses at once the roles its maker lost, and keeps those they hold", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"], boss: ["SALES", "MANAGER"] });
    const key = await keyOf(t.tokens.boss, "SALES, MANAGER");
    expect(codes(await server.gql(TREND, {}, key.secret))).toEqual([]);
    await setRoles(t, t.users.boss?.id, "SALES");
    // A manager's dashboard is refused to the key now; a rep's work is not.
    expect(codes(await server.gql(TREND, {}, key.secret))).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql("{ leads(first: 1) { totalCount } }", {}, key.secret))).toEqual([]);
    await setRoles(t, t.users.boss?.id, "MARKETEER");
    // Nothing of the key's is held any more: refused as a credential.
    expect(codes(await server.gql("{ leads(first: 1) { totalCount } }", {}, key.secret))).toEqual(["UNAUTHENTICATED"]);
  });

  it("keeps what an admin granted while they stay an admin, and loses it when they do not", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"], other: ["ADMIN"] });
    const key = await keyOf(t.tokens.other, "MANAGER");
    expect(codes(await server.gql(TREND, {}, key.secret))).toEqual([]);
    await setRoles(t, t.users.other?.id, "SALES");
    expect(codes(await server.gql(TREND, {}, key.secret))).toEqual(["UNAUTHENTICATED"]);
  });

  it("closes the key's open sockets (4412) when its maker's roles change", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"], boss: ["SALES", "MANAGER"] });
    const key = await keyOf(t.tokens.boss, "SALES, MANAGER");
    const closed = closeOf(key.secret, "subscription { leadEvents { sequence } }");
    await new Promise((r) => setTimeout(r, 300));
    await setRoles(t, t.users.boss?.id, "SALES");
    expect(await closed).toMatchObject({ code: 4412 });
  });
});
