import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { invitations, leadEvents, leads, messages, tenants, users } from "../../db/schema/index.js";
import { CREATE_LEAD } from "../../test/documents.js";
import {
  codes,
  createTestTenant,
  fieldsOf,
  login,
  startTestServer,
  type TestServer,
  type TestTenant,
} from "../../test/harness.js";

let server: TestServer;
let t: TestTenant;
let journeyPipeline: string;

const ACCEPT = `mutation($token: String!, $password: String!, $name: String) {
  acceptInvitation(token: $token, password: $password, name: $name) { token user { email active roles name } tenant { slug } }
}`;
const db = () => server.app.database.db;
const until = async (check: () => Promise<boolean>, ms: number) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
};

async function request(customerEmail: string, extra: Record<string, unknown> = {}) {
  const res = await server.gql(
    CREATE_LEAD,
    {
      input: {
        name: "Website rebuild",
        source: "WEBSITE_FORM",
        email: customerEmail,
        customerEmail,
        pipelineId: journeyPipeline,
        ...extra,
      },
    },
    t.tokens.manager,
  );
  if (!res.data?.createLead) throw new Error(JSON.stringify(res.errors));
  return res.data.createLead.lead as { id: string; status: string; sla: { state: string }; requestId: number };
}

async function invitationToken(leadId: string): Promise<string> {
  const [message] = await db()
    .select()
    .from(messages)
    .where(and(eq(messages.leadId, leadId), eq(messages.purpose, "INVITATION")));
  const token = /\/invite\/(lli_[\w-]+)/.exec(message?.body ?? "")?.[1];
  if (!token) throw new Error("no invitation link in the queued message");
  return token;
}

beforeAll(async () => {
  server = await startTestServer();
  t = await createTestTenant(server, { manager: ["MANAGER"], customer: ["CUSTOMER"] });
  const res = await server.gql("{ pipelines { id preset } }", {}, t.tokens.manager);
  journeyPipeline = res.data?.pipelines.find((p: { preset: string }) => p.preset === "service_journey").id;
});
afterAll(() => server?.stop());

describe("service journey", () => {
  it("starts an active customer's request in backlog with the SLA running", async () => {
    const lead = await request(t.users.customer?.email as string);
    expect(lead).toMatchObject({ status: "backlog", sla: { state: "ON_TRACK" } });
    const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
    expect(row?.customerId).toBe(t.users.customer?.id);
    // The customer sees their own request.
    const mine = await server.gql("{ leads { totalCount } }", {}, t.tokens.customer);
    expect(mine.data?.leads.totalCount).toBe(1);
  });

  it("invites an unknown customer: pending request, paused SLA, inactive user, queued invitation email", async () => {
    const lead = await request("new.customer@example.com");
    expect(lead).toMatchObject({ status: "pending", sla: { state: "PAUSED" } });
    const [invited] = await db().select().from(users).where(eq(users.email, "new.customer@example.com"));
    expect(invited).toMatchObject({ active: false, roles: ["CUSTOMER"], passwordHash: null });
    const [message] = await db().select().from(messages).where(eq(messages.leadId, lead.id));
    expect(message).toMatchObject({
      channel: "EMAIL",
      direction: "OUTBOUND",
      purpose: "INVITATION",
      to: "new.customer@example.com",
    });
    // Queued, and delivered by its job: this test server has no mail set up, so the job marks it FAILED
    // (the delivery itself is tested in messaging/).
    expect(["QUEUED", "FAILED"]).toContain(message?.deliveryState);
    const [invitation] = await db()
      .select()
      .from(invitations)
      .where(eq(invitations.userId, invited?.id as string));
    expect(invitation?.tokenHash).not.toContain(await invitationToken(lead.id));
    // A second request for the same invitee reuses the open invitation: no second email.
    const again = await request("new.customer@example.com");
    expect(again.status).toBe("pending");
    expect(await db().select().from(messages).where(eq(messages.leadId, again.id))).toHaveLength(0);
  });

  it("acceptInvitation activates the customer, moves every pending request to backlog and signs them in", async () => {
    const first = await request("accepting@example.com");
    const second = await request("accepting@example.com");
    const token = await invitationToken(first.id);
    expect(fieldsOf(await server.gql(ACCEPT, { token, password: "short" }))).toEqual(["password"]);
    const accepted = await server.gql(ACCEPT, { token, password: "a long enough password", name: "Ada Customer" });
    expect(accepted.data?.acceptInvitation).toMatchObject({
      user: { email: "accepting@example.com", active: true, roles: ["CUSTOMER"], name: "Ada Customer" },
      tenant: { slug: t.tenant.slug },
    });
    for (const lead of [first, second]) {
      const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
      expect(row).toMatchObject({ status: "backlog", slaPaused: false, slaState: "ON_TRACK" });
      const events = await db()
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "STATUS_CHANGED")));
      expect(events[0]?.payload).toMatchObject({ from: "pending", to: "backlog" });
    }
    const session = accepted.data?.acceptInvitation.token;
    expect((await server.gql("{ leads { totalCount } }", {}, session)).data?.leads.totalCount).toBe(2);
    await expect(login(server, t.tenant.slug, "accepting@example.com", "a long enough password")).resolves.toMatch(
      /^lls_/,
    );
    // Single use.
    expect(fieldsOf(await server.gql(ACCEPT, { token, password: "a long enough password" }))).toEqual(["token"]);
    expect(codes(await server.gql(ACCEPT, { token: "lli_forged", password: "a long enough password" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
  });

  it("abandons the pending requests of an invitation that lapses unanswered", async () => {
    await db()
      .update(tenants)
      .set({ invitationTtlDays: 2 / 86_400 })
      .where(eq(tenants.id, t.tenant.id));
    try {
      const lead = await request("silent@example.com");
      const abandoned = await until(async () => {
        const [row] = await db().select().from(leads).where(eq(leads.id, lead.id));
        return row?.status === "abandoned";
      }, 6_000);
      expect(abandoned).toBe(true);
      const events = await db()
        .select()
        .from(leadEvents)
        .where(and(eq(leadEvents.leadId, lead.id), eq(leadEvents.type, "STATUS_CHANGED")))
        .orderBy(asc(leadEvents.sequence));
      expect(events.map((e) => e.payload)).toEqual([
        expect.objectContaining({ from: "pending", to: "abandoned", reason: "invitation expired" }),
      ]);
      expect(
        fieldsOf(
          await server.gql(ACCEPT, { token: await invitationToken(lead.id), password: "a long enough password" }),
        ),
      ).toEqual(["token"]);
    } finally {
      await db().update(tenants).set({ invitationTtlDays: 14 }).where(eq(tenants.id, t.tenant.id));
    }
  });
});

describe("lead expiry", () => {
  it("moves an open lead past expiresAt to its pipeline's LOST stage with outcome expired", async () => {
    const expiresAt = new Date(Date.now() + 2_000).toISOString();
    const res = await server.gql(
      CREATE_LEAD,
      { input: { name: "Time-limited", source: "EMAIL", email: "tl@example.com", expiresAt } },
      t.tokens.manager,
    );
    const id = res.data?.createLead.lead.id as string;
    const expired = await until(async () => {
      const [row] = await db().select().from(leads).where(eq(leads.id, id));
      return row?.status === "disqualified";
    }, 6_000);
    expect(expired).toBe(true);
    const [row] = await db().select().from(leads).where(eq(leads.id, id));
    expect(row?.outcome).toBe("expired");
  });

  it("follows a moved expiry: the old timer does nothing", async () => {
    const res = await server.gql(
      CREATE_LEAD,
      {
        input: {
          name: "Extended",
          source: "EMAIL",
          email: "ext@example.com",
          expiresAt: new Date(Date.now() + 1_500).toISOString(),
        },
      },
      t.tokens.manager,
    );
    const id = res.data?.createLead.lead.id as string;
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const updated = await server.gql(
      "mutation($id: ID!, $at: DateTime) { updateLead(id: $id, input: { expiresAt: $at }) { expiresAt } }",
      { id, at: later },
      t.tokens.manager,
    );
    expect(updated.errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 3_000));
    const [row] = await db().select().from(leads).where(eq(leads.id, id));
    expect(row?.status).toBe("new");
  });
});
