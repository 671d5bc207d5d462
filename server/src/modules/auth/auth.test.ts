import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codes,
  createTestTenant,
  login,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let acme: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  acme = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"], partner: ["PARTNER"] });
});
afterAll(() => server?.stop());

const ME = "{ me { id email roles active } }";

describe("auth", () => {
  it("logs in with tenant, email and password and answers me", async () => {
    const res = await server.gql(ME, {}, acme.tokens.rep);
    expect(res.data?.me).toMatchObject({ email: acme.users.rep?.email, roles: ["SALES"], active: true });
  });

  it("refuses a wrong password, an unknown email and another tenant's slug alike", async () => {
    const email = acme.users.rep?.email as string;
    for (const [tenant, e, p] of [
      [acme.tenant.slug, email, "wrong password"],
      [acme.tenant.slug, "nobody@x.test", TEST_PASSWORD],
      ["no-such-tenant", email, TEST_PASSWORD],
    ] as const) {
      const res = await server.gql(
        "mutation($t:String!,$e:String!,$p:String!){ login(tenant:$t,email:$e,password:$p){ token } }",
        {
          t: tenant,
          e,
          p,
        },
      );
      expect(codes(res)).toEqual(["UNAUTHENTICATED"]);
      expect(res.errors?.[0]?.message).toBe("Wrong tenant, email or password");
    }
  });

  it("throttles repeated failures for one email, even with the right password afterwards", async () => {
    const guessed = await createTestTenant(server, { victim: ["SALES"] });
    const email = guessed.users.victim?.email as string;
    const attempt = (p: string) =>
      server.gql("mutation($t:String!,$e:String!,$p:String!){ login(tenant:$t,email:$e,password:$p){ token } }", {
        t: guessed.tenant.slug,
        e: email,
        p,
      });
    for (let i = 0; i < 5; i++) expect(codes(await attempt(`guess-${i}`))).toEqual(["UNAUTHENTICATED"]);
    const locked = await attempt(TEST_PASSWORD);
    expect(codes(locked)).toEqual(["RATE_LIMITED"]);
    expect(locked.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // Another user of the same tenant is unaffected.
    await expect(login(server, acme.tenant.slug, acme.users.admin?.email as string, TEST_PASSWORD)).resolves.toMatch(
      /^lls_/,
    );
  });

  it("rejects requests without a token, with a malformed one and after logout", async () => {
    expect(codes(await server.gql(ME))).toEqual(["UNAUTHENTICATED"]);
    const bogus = await server.gql(ME, {}, "lls_not-a-real-token");
    expect(bogus.status).toBe(401);
    expect(codes(bogus)).toEqual(["UNAUTHENTICATED"]);
    const token = await login(server, acme.tenant.slug, acme.users.rep?.email as string, TEST_PASSWORD);
    expect((await server.gql("mutation { logout }", {}, token)).data?.logout).toBe(true);
    expect(codes(await server.gql(ME, {}, token))).toEqual(["UNAUTHENTICATED"]);
  });

  it("stores sessions and API keys only as hashes and passwords as argon2id", async () => {
    const token = acme.tokens.rep as string;
    const db = server.app.database.db;
    const { sessions, users, apiKeys } = await import("../../db/schema/index.js");
    const rows = await db.select().from(sessions);
    expect(rows.every((r) => r.tokenHash !== token && /^[0-9a-f]{64}$/.test(r.tokenHash))).toBe(true);
    const [user] = await db.select().from(users).limit(1);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const created = await server.gql(
      'mutation { createApiKey(name: "zapier", roles: [SALES]) { id secret } }',
      {},
      token,
    );
    const secret = created.data?.createApiKey.secret as string;
    const keys = await db.select().from(apiKeys);
    expect(keys.some((k) => k.secretHash.includes(secret))).toBe(false);
  });
});

describe("API keys", () => {
  it("acts with the key's roles, shows its secret once and stops working when revoked", async () => {
    const created = await server.gql(
      'mutation { createApiKey(name: "crm sync", roles: [SALES]) { id name secret } }',
      {},
      acme.tokens.admin,
    );
    const key = created.data?.createApiKey;
    expect(key).toMatchObject({ name: "crm sync" });
    expect(key.secret).toMatch(/^llk_/);
    const me = await server.gql(ME, {}, key.secret);
    expect(me.data?.me).toMatchObject({ email: acme.users.admin?.email, roles: ["ADMIN"] });
    const revoked = await server.gql("mutation($id: ID!) { revokeApiKey(id: $id) }", { id: key.id }, acme.tokens.admin);
    expect(revoked.data?.revokeApiKey).toBe(true);
    expect(codes(await server.gql(ME, {}, key.secret))).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses roles the creator does not hold, unless the creator is an admin", async () => {
    const res = await server.gql('mutation { createApiKey(name: "x", roles: [MANAGER]) { id } }', {}, acme.tokens.rep);
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    const empty = await server.gql('mutation { createApiKey(name: " ", roles: []) { id } }', {}, acme.tokens.rep);
    expect(codes(empty)).toEqual(["BAD_USER_INPUT"]);
    expect(empty.errors?.[0]?.extensions?.fields?.map((f) => f.field).sort()).toEqual(["name", "roles"]);
  });

  it("cannot revoke another tenant's key", async () => {
    const other = await createTestTenant(server, { admin: ["ADMIN"] });
    const created = await server.gql(
      'mutation { createApiKey(name: "k", roles: [ADMIN]) { id secret } }',
      {},
      other.tokens.admin,
    );
    const res = await server.gql(
      "mutation($id: ID!) { revokeApiKey(id: $id) }",
      { id: created.data?.createApiKey.id },
      acme.tokens.admin,
    );
    expect(codes(res)).toEqual(["NOT_FOUND"]);
    expect((await server.gql(ME, {}, created.data?.createApiKey.secret)).data?.me.email).toBe(other.users.admin?.email);
  });
});

describe("apiKeys", () => {
  const KEYS = `query($r: Boolean) { apiKeys(includeRevoked: $r) { id name roles owner { id email } createdAt revokedAt } }`;
  const create = async (token: string | undefined, name: string, roles: string) =>
    (await server.gql(`mutation { createApiKey(name: "${name}", roles: [${roles}]) { id secret } }`, {}, token)).data
      ?.createApiKey as { id: string; secret: string };

  it("lists every key of the tenant to an admin, newest first, with its owner and never a secret", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
    const other = await createTestTenant(server, { admin: ["ADMIN"] });
    const mine = await create(t.tokens.admin, "etl", "ADMIN");
    const theirs = await create(t.tokens.rep, "zap", "SALES");
    const foreign = await create(other.tokens.admin, "elsewhere", "ADMIN");
    const res = await server.gql(KEYS, {}, t.tokens.admin);
    expect(res.errors).toBeUndefined();
    expect(res.data?.apiKeys).toMatchObject([
      { id: theirs.id, name: "zap", roles: ["SALES"], owner: { id: t.users.rep?.id }, revokedAt: null },
      { id: mine.id, name: "etl", roles: ["ADMIN"], owner: { id: t.users.admin?.id }, revokedAt: null },
    ]);
    const text = JSON.stringify(res);
    for (const secret of [mine.secret, theirs.secret]) expect(text).not.toContain(secret);
    expect(text).not.toContain(foreign.id);
    expect(text).not.toContain("llk_");
  });

  it("leaves revoked keys out unless asked for them", async () => {
    const t = await createTestTenant(server, { admin: ["ADMIN"] });
    const kept = await create(t.tokens.admin, "kept", "ADMIN");
    const gone = await create(t.tokens.admin, "gone", "ADMIN");
    await server.gql("mutation($id: ID!) { revokeApiKey(id: $id) }", { id: gone.id }, t.tokens.admin);
    const ids = async (includeRevoked?: boolean) =>
      (await server.gql(KEYS, { r: includeRevoked }, t.tokens.admin)).data?.apiKeys.map((k: { id: string }) => k.id);
    expect(await ids()).toEqual([kept.id]);
    const all = (await server.gql(KEYS, { r: true }, t.tokens.admin)).data?.apiKeys;
    expect(all.map((k: { id: string }) => k.id)).toEqual([gone.id, kept.id]);
    expect(all[0].revokedAt).toBeTruthy();
  });

  it("is refused to everyone but admins, and to an admin's key limited to other roles", async () => {
    for (const who of ["rep", "partner"])
      expect(codes(await server.gql(KEYS, {}, acme.tokens[who]))).toEqual(["FORBIDDEN"]);
    const limited = await create(acme.tokens.admin, "limited", "SALES");
    expect(codes(await server.gql(KEYS, {}, limited.secret))).toEqual(["FORBIDDEN"]);
  });
});
