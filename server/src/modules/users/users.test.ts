import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leadEvents, leads, messages, users } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  login,
  reasons,
  startTestServer,
  TEST_PASSWORD,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let other: TestTenant;

const FIELDS = "id email name roles active";
const USERS = `{ users { ${FIELDS} } }`;
const INVITE = `mutation($email: String!, $name: String!, $roles: [Role!]!) {
  inviteUser(email: $email, name: $name, roles: $roles) { ${FIELDS} }
}`;
const UPDATE = `mutation($id: ID!, $name: String, $roles: [Role!], $active: Boolean) {
  updateUser(id: $id, name: $name, roles: $roles, active: $active) { ${FIELDS} }
}`;
const ACCEPT = `mutation($token: String!, $password: String!) {
  acceptInvitation(token: $token, password: $password) { token user { email active roles } }
}`;
const ME = "{ me { id roles } }";
const NEW_PASSWORD = "a long enough password";

const db = () => server.app.database.db;
const waitFor = async <T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 5_000): Promise<T> => {
  const until = Date.now() + ms;
  let value = await read();
  while (!ok(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
};

/** Invites a user as t's admin and reads the invitation link out of the development mailbox. */
async function invite(email: string, roles: string[]) {
  const res = await server.gql(INVITE, { email, name: "New Person", roles }, t.tokens.admin);
  expect(res.errors).toBeUndefined();
  const to = email.trim().toLowerCase();
  const box = await waitFor(
    () => server.gql("{ devMailbox { to subject text } }", {}, t.tokens.admin),
    (r) => (r.data?.devMailbox ?? []).some((m: { to: string[] }) => m.to.includes(to)),
  );
  const mail = box.data?.devMailbox.find((m: { to: string[] }) => m.to.includes(to));
  const token = /\/invite\/(\S+)/.exec(mail?.text ?? "")?.[1];
  if (!token) throw new Error(`no invitation link in ${JSON.stringify(mail)}`);
  return { user: res.data?.inviteUser as { id: string; email: string; active: boolean; roles: string[] }, token };
}

beforeAll(async () => {
  server = await startTestServer({ mail: { smtpUrl: null, from: "leads@leadline.test", devServerPort: 0 } });
  t = await createTestTenant(server, {
    admin: ["ADMIN"],
    manager: ["MANAGER"],
    rep: ["SALES"],
    marketeer: ["MARKETEER"],
  });
  other = await createTestTenant(server, { admin: ["ADMIN"] });
});
afterAll(() => server?.stop());

describe("inviteUser", () => {
  it("creates an inactive user who cannot sign in until they accept the mailed invitation", async () => {
    const { user, token } = await invite("  Nina.New@Example.com ", ["SALES", "MARKETEER"]);
    expect(user).toMatchObject({ email: "nina.new@example.com", active: false, roles: ["SALES", "MARKETEER"] });

    const [queued] = await db().select().from(messages).where(eq(messages.to, "nina.new@example.com"));
    expect(queued).toMatchObject({ purpose: "INVITATION", channel: "EMAIL", leadId: null, tenantId: t.tenant.id });
    expect(queued?.body).toContain(`/invite/${token}`);

    await expect(login(server, t.tenant.slug, "nina.new@example.com", NEW_PASSWORD)).rejects.toThrow();

    const accepted = await server.gql(ACCEPT, { token, password: NEW_PASSWORD });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.acceptInvitation.user).toMatchObject({ active: true, roles: ["SALES", "MARKETEER"] });
    const session = await login(server, t.tenant.slug, "nina.new@example.com", NEW_PASSWORD);
    expect((await server.gql(ME, {}, session)).data?.me).toEqual({ id: user.id, roles: ["SALES", "MARKETEER"] });
    // The token is spent.
    expect(codes(await server.gql(ACCEPT, { token, password: NEW_PASSWORD }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("refuses an email already used in the tenant, in any case, as CONFLICT on the email field", async () => {
    const res = await server.gql(
      INVITE,
      { email: `ADMIN@${t.tenant.slug}.test`, name: "Again", roles: ["SALES"] },
      t.tokens.admin,
    );
    expect(codes(res)).toEqual(["CONFLICT"]);
    expect(reasons(res)).toEqual(["ALREADY_EXISTS"]);
    expect(fieldsOf(res)).toEqual(["email"]);
  });

  it("lets another tenant use the same address", async () => {
    const res = await server.gql(
      INVITE,
      { email: `rep@${t.tenant.slug}.test`, name: "Rep elsewhere", roles: ["SALES"] },
      other.tokens.admin,
    );
    expect(res.errors).toBeUndefined();
  });

  it("requires a valid email, a name and at least one role", async () => {
    const res = await server.gql(INVITE, { email: "not-an-email", name: " ", roles: [] }, t.tokens.admin);
    expect(codes(res)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(res)).toEqual(["email", "name", "roles"]);
    const unknownRole = await server.gql(
      INVITE,
      { email: "x@example.com", name: "X", roles: ["KING"] },
      t.tokens.admin,
    );
    expect(unknownRole.errors?.length).toBeGreaterThan(0);
    expect(await db().select().from(users).where(eq(users.email, "x@example.com"))).toHaveLength(0);
  });

  it("is for admins only", async () => {
    for (const who of ["manager", "rep", "marketeer"]) {
      const res = await server.gql(
        INVITE,
        { email: `by-${who}@example.com`, name: "X", roles: ["ADMIN"] },
        t.tokens[who],
      );
      expect(codes(res)).toEqual(["FORBIDDEN"]);
    }
    expect(await db().select().from(users).where(eq(users.email, "by-rep@example.com"))).toHaveLength(0);
  });
});

describe("users", () => {
  it("lists active users; includeInactive adds the invited", async () => {
    const { user } = await invite("listed@example.com", ["SALES"]);
    const ids = async (includeInactive?: boolean) =>
      (
        await server.gql(
          "query($i: Boolean) { users(includeInactive: $i) { id } }",
          { i: includeInactive },
          t.tokens.admin,
        )
      ).data?.users.map((u: { id: string }) => u.id);
    expect(await ids()).not.toContain(user.id);
    expect(await ids(false)).not.toContain(user.id);
    expect(await ids(true)).toContain(user.id);
  });

  it("is readable by admins and managers, and only of their own tenant", async () => {
    for (const who of ["admin", "manager"]) {
      const res = await server.gql(USERS, {}, t.tokens[who]);
      expect(res.errors).toBeUndefined();
      const emails = res.data?.users.map((u: { email: string }) => u.email);
      expect(emails).toContain(`rep@${t.tenant.slug}.test`);
      expect(emails).not.toContain(`admin@${other.tenant.slug}.test`);
    }
  });

  it("is refused to reps, marketeers and others", async () => {
    for (const who of ["rep", "marketeer"])
      expect(codes(await server.gql(USERS, {}, t.tokens[who]))).toEqual(["FORBIDDEN"]);
  });
});

describe("updateUser", () => {
  it("changes name and roles; the user's next request has the new roles", async () => {
    const mate = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
    const res = await server.gql(
      UPDATE,
      { id: mate.users.rep?.id, name: " Renamed ", roles: ["MANAGER", "MANAGER"] },
      mate.tokens.admin,
    );
    expect(res.data?.updateUser).toMatchObject({ name: "Renamed", roles: ["MANAGER"], active: true });
    expect((await server.gql(ME, {}, mate.tokens.rep)).data?.me.roles).toEqual(["MANAGER"]);
    const empty = await server.gql(UPDATE, { id: mate.users.rep?.id, roles: [] }, mate.tokens.admin);
    expect(codes(empty)).toEqual(["BAD_USER_INPUT"]);
    expect(fieldsOf(empty)).toEqual(["roles"]);
  });

  it("is for admins only", async () => {
    const res = await server.gql(UPDATE, { id: t.users.rep?.id, roles: ["ADMIN"] }, t.tokens.manager);
    expect(codes(res)).toEqual(["FORBIDDEN"]);
    expect(codes(await server.gql(UPDATE, { id: t.users.rep?.id, active: false }, t.tokens.rep))).toEqual([
      "FORBIDDEN",
    ]);
  });

  it("deactivation ends sessions and API keys at once, releases claims and keeps owned leads", async () => {
    const mate = await createTestTenant(server, { admin: ["ADMIN"], manager: ["MANAGER"], rep: ["SALES"] });
    const repId = mate.users.rep?.id as string;
    const key = await server.gql(
      'mutation { createApiKey(name: "cli", roles: [SALES]) { secret } }',
      {},
      mate.tokens.rep,
    );
    const secret = key.data?.createApiKey.secret as string;
    const newLead = async (name: string) =>
      (
        await server.gql(
          CREATE_LEAD,
          { input: { name, source: "EVENT", email: "pool@example.com" } },
          mate.tokens.manager,
        )
      ).data?.createLead.lead.id as string;
    const claimed = await newLead("Claimed");
    const owned = await newLead("Owned");
    expect(
      (await server.gql("mutation($id: ID!) { claimLead(id: $id) { id } }", { id: claimed }, mate.tokens.rep)).errors,
    ).toBeUndefined();
    await server.gql(
      "mutation($id: ID!, $o: ID) { assignLead(id: $id, ownerId: $o) { id } }",
      { id: owned, o: repId },
      mate.tokens.manager,
    );
    expect((await server.gql(ME, {}, secret)).data?.me.id).toBe(repId);

    const res = await server.gql(UPDATE, { id: repId, active: false }, mate.tokens.admin);
    expect(res.data?.updateUser.active).toBe(false);

    expect(codes(await server.gql(ME, {}, mate.tokens.rep))).toEqual(["UNAUTHENTICATED"]);
    expect(codes(await server.gql(ME, {}, secret))).toEqual(["UNAUTHENTICATED"]);
    await expect(login(server, mate.tenant.slug, `rep@${mate.tenant.slug}.test`, TEST_PASSWORD)).rejects.toThrow();

    const [claimedRow] = await db().select().from(leads).where(eq(leads.id, claimed));
    expect(claimedRow).toMatchObject({ claimedById: null, claimExpiresAt: null });
    const released = await db()
      .select()
      .from(leadEvents)
      .where(and(eq(leadEvents.leadId, claimed), eq(leadEvents.type, "RELEASED")));
    expect(released[0]?.payload).toMatchObject({ from: repId, reason: "deactivated" });
    const [ownedRow] = await db().select().from(leads).where(eq(leads.id, owned));
    expect(ownedRow?.ownerId).toBe(repId);

    // Reactivated, they sign in again with a new session; the old credentials stay revoked.
    await server.gql(UPDATE, { id: repId, active: true }, mate.tokens.admin);
    await expect(login(server, mate.tenant.slug, `rep@${mate.tenant.slug}.test`, TEST_PASSWORD)).resolves.toBeTruthy();
    expect(codes(await server.gql(ME, {}, mate.tokens.rep))).toEqual(["UNAUTHENTICATED"]);
  });

  it("deactivating an invited user voids their invitation", async () => {
    const { user, token } = await invite("voided@example.com", ["SALES"]);
    await server.gql(UPDATE, { id: user.id, active: false }, t.tokens.admin);
    expect(codes(await server.gql(ACCEPT, { token, password: NEW_PASSWORD }))).toEqual(["BAD_USER_INPUT"]);
  });

  it("re-sends the invitation when asked to activate someone who never accepted; they stay inactive until they do", async () => {
    const { user, token } = await invite("resend@example.com", ["SALES"]);
    const res = await server.gql(UPDATE, { id: user.id, active: true }, t.tokens.admin);
    expect(res.data?.updateUser.active).toBe(false);
    const sent = await db().select().from(messages).where(eq(messages.to, "resend@example.com"));
    expect(sent.map((m) => m.purpose)).toEqual(["INVITATION", "INVITATION"]);
    const fresh = /\/invite\/(\S+)/.exec(sent.find((m) => !m.body.includes(token))?.body ?? "")?.[1];
    const accepted = await server.gql(ACCEPT, { token: fresh, password: NEW_PASSWORD });
    expect(accepted.data?.acceptInvitation.user).toMatchObject({ active: true, roles: ["SALES"] });
  });

  it("keeps the last active admin: they cannot deactivate themself or drop ADMIN", async () => {
    const solo = await createTestTenant(server, { admin: ["ADMIN"], rep: ["SALES"] });
    const id = solo.users.admin?.id;
    for (const change of [{ active: false }, { roles: ["MANAGER"] }]) {
      const res = await server.gql(UPDATE, { id, ...change }, solo.tokens.admin);
      expect(codes(res)).toEqual(["CONFLICT"]);
      expect(reasons(res)).toEqual(["INVALID_STATE"]);
    }
    expect((await server.gql(ME, {}, solo.tokens.admin)).data?.me.roles).toEqual(["ADMIN"]);
    // With a second active admin, stepping down is fine.
    await server.gql(UPDATE, { id: solo.users.rep?.id, roles: ["ADMIN", "SALES"] }, solo.tokens.admin);
    const res = await server.gql(UPDATE, { id, roles: ["MANAGER"] }, solo.tokens.admin);
    expect(res.data?.updateUser.roles).toEqual(["MANAGER"]);
  });

  it("cannot see or change another tenant's users", async () => {
    const res = await server.gql(UPDATE, { id: t.users.rep?.id, active: false }, other.tokens.admin);
    expect(codes(res)).toEqual(["NOT_FOUND"]);
    expect(codes(await server.gql(UPDATE, { id: "not-a-uuid", name: "X" }, other.tokens.admin))).toEqual(["NOT_FOUND"]);
    expect((await server.gql(ME, {}, t.tokens.rep)).data?.me.id).toBe(t.users.rep?.id);
  });
});

describe("User.invited", () => {
  it("tells someone who has not accepted their invitation from someone deactivated, until they accept", async () => {
    const pending = await invite("pending@example.com", ["SALES"]);
    const left = await invite("left@example.com", ["SALES"]);
    await server.gql(ACCEPT, { token: left.token, password: NEW_PASSWORD });
    await server.gql(UPDATE, { id: left.user.id, active: false }, t.tokens.admin);
    const state = async () =>
      Object.fromEntries(
        (
          await server.gql("{ users(includeInactive: true) { id active invited } }", {}, t.tokens.admin)
        ).data?.users.map((u: { id: string; active: boolean; invited: boolean }) => [u.id, [u.active, u.invited]]),
      );
    expect(await state()).toMatchObject({
      [pending.user.id]: [false, true],
      [left.user.id]: [false, false],
      [t.users.rep?.id as string]: [true, false],
    });
    await server.gql(ACCEPT, { token: pending.token, password: NEW_PASSWORD });
    expect((await state())[pending.user.id]).toEqual([true, false]);
  });
});
