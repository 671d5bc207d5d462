import { and, eq, gt, inArray, isNull } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  invitations,
  type LeadRow,
  leads,
  pipelines,
  type StageRow,
  stages,
  type TenantRow,
  tenants,
  type UserRow,
  users,
} from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { AuthService, LoginResult } from "../auth/auth.service.js";
import { hashPassword, hashToken, newSecret } from "../auth/secrets.js";
import type { Viewer } from "../auth/viewer.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { queueOutboundMessage } from "../messaging/message-outbox.js";
import { linkTo, renderTemplate } from "../messaging/templates.js";
import { type StageChanger, stagesByPipeline } from "../pipeline/stage-change.js";
import { lostStageOf } from "./expiry.service.js";

const INVITATION_PREFIX = "lli_";
export const MIN_PASSWORD_LENGTH = 10;

/** Where a new lead starts and for whom, once the customer's account state is known. */
export interface CustomerStart {
  customerId: string | null;
  /** Overrides the pipeline's first stage: `backlog` for active customers, `pending` while invited. */
  status: string | null;
  /** Waiting on the customer: the SLA clock does not run. */
  paused: boolean;
  /** Set when this lead sent a new invitation; its message is queued once the lead exists. */
  invitation: { id: string; token: string; email: string; expiresAt: Date } | null;
}

const hasJourney = (stageRows: readonly StageRow[]) =>
  stageRows.some((s) => s.key === "pending") && stageRows.some((s) => s.key === "backlog");

/**
 * Seed 000's service journey: a request for an active customer starts in
 * `backlog`; for anyone else the customer is invited and the request waits
 * in `pending` until they accept (then `backlog`) or the invitation lapses
 * (then `abandoned`).
 */
export class ServiceJourneyService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly stageChanger: StageChanger,
    private readonly auth: AuthService,
    /** Where invitation links point (PUBLIC_URL); empty keeps them relative. */
    private readonly publicUrl = "",
  ) {}

  /** Decides the customer and starting stage inside createLead's transaction. */
  async startFor(
    tx: Executor,
    viewer: Viewer,
    tenant: TenantRow,
    stageRows: readonly StageRow[],
    email: string | null | undefined,
    person: { firstName?: string | null; lastName?: string | null },
  ): Promise<CustomerStart> {
    const none: CustomerStart = { customerId: null, status: null, paused: false, invitation: null };
    if (!email) return viewer.roles.includes("CUSTOMER") ? { ...none, customerId: viewer.userId } : none;
    const [existing] = await tx
      .select()
      .from(users)
      .where(and(eq(users.tenantId, viewer.tenantId), eq(users.email, email)));
    if (!hasJourney(stageRows)) return { ...none, customerId: existing?.id ?? null };
    if (existing?.active) return { ...none, customerId: existing.id, status: "backlog" };
    const customer = existing ?? (await this.inviteUser(tx, viewer.tenantId, email, person));
    const now = new Date();
    const [open] = await tx
      .select({ id: invitations.id })
      .from(invitations)
      .where(and(eq(invitations.userId, customer.id), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
    if (open) return { customerId: customer.id, status: "pending", paused: true, invitation: null };
    const invitation = await this.issueInvitation(tx, tenant, customer.id);
    return { customerId: customer.id, status: "pending", paused: true, invitation: { ...invitation, email } };
  }

  /**
   * A new invitation for an inactive user, valid for the tenant's invitation
   * window, with its expiry job; the token is returned once (only its hash
   * is stored). Customers get one with their first request, staff from an
   * admin's inviteUser; acceptInvitation redeems both.
   */
  async issueInvitation(
    tx: Executor,
    tenant: Pick<TenantRow, "id" | "invitationTtlDays">,
    userId: string,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = newSecret(INVITATION_PREFIX);
    const expiresAt = new Date(Date.now() + tenant.invitationTtlDays * 86_400_000);
    const [invitation] = await tx
      .insert(invitations)
      .values({ tenantId: tenant.id, userId, tokenHash: hashToken(token), expiresAt })
      .returning({ id: invitations.id });
    if (!invitation) throw new Error("invitation insert returned nothing");
    await this.jobs.schedule(tx, "invitation-expiry", { invitationId: invitation.id }, { startAfter: expiresAt });
    return { id: invitation.id, token, expiresAt };
  }

  /** Queues the invitation email for the messaging module to deliver; the token travels only in it. */
  async queueInvitation(tx: Executor, lead: LeadRow, viewer: Viewer, start: CustomerStart): Promise<void> {
    if (!start.invitation) return;
    const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, lead.tenantId));
    const text = renderTemplate("INVITATION", {
      greetingName: lead.firstName ? ` ${lead.firstName}` : "",
      requestId: String(lead.requestId),
      leadName: lead.name,
      link: linkTo(this.publicUrl, `/invite/${start.invitation.token}`),
      validUntil: start.invitation.expiresAt.toISOString().slice(0, 10),
      tenantName: tenant?.name ?? "",
    });
    await queueOutboundMessage(tx, this.jobs, {
      tenantId: lead.tenantId,
      leadId: lead.id,
      channel: "EMAIL",
      purpose: "INVITATION",
      to: start.invitation.email,
      ...text,
      createdById: viewer.userId,
    });
  }

  /**
   * The invited user sets a password: the account becomes active and they
   * are signed in. For a customer, every request of theirs still `pending`
   * moves to `backlog` with its SLA clock started; staff have none.
   */
  async acceptInvitation(token: string, password: string, name: string | null | undefined): Promise<LoginResult> {
    if (password.length < MIN_PASSWORD_LENGTH) {
      throw badInput([{ field: "password", message: `must be at least ${MIN_PASSWORD_LENGTH} characters` }]);
    }
    const passwordHash = await hashPassword(password);
    const user = await this.db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(eq(invitations.tokenHash, hashToken(token.trim())))
        .for("update");
      if (!invitation || invitation.acceptedAt || invitation.expiresAt <= new Date()) {
        throw badInput([
          { field: "token", message: "is not a valid invitation; it may have been used or have expired" },
        ]);
      }
      const now = new Date();
      await tx.update(invitations).set({ acceptedAt: now }).where(eq(invitations.id, invitation.id));
      const [activated] = await tx
        .update(users)
        .set({ passwordHash, active: true, ...(name?.trim() ? { name: name.trim() } : {}) })
        .where(eq(users.id, invitation.userId))
        .returning();
      if (!activated) throw badInput([{ field: "token", message: "is not a valid invitation" }]);
      const waiting = await this.pendingLeadsOf(tx, activated);
      const stagesOf = await stagesByPipeline(
        tx,
        waiting.map((lead) => lead.pipelineId),
      );
      for (const lead of waiting) {
        const stages = stagesOf.get(lead.pipelineId) ?? [];
        const backlog = stages.find((s) => s.key === "backlog");
        if (!backlog) continue;
        // Leaving `pending` starts the SLA clock (the stage change does it).
        await this.stageChanger.change(tx, lead, stages, {
          to: backlog,
          via: "JOURNEY",
          actor: { userId: activated.id },
          payload: { reason: "customer accepted the invitation" },
        });
      }
      return activated;
    });
    return this.auth.signIn(user);
  }

  /** Job handler: an invitation lapsed unanswered; the customer's pending requests are abandoned. */
  async expireInvitation(data: { invitationId: string }): Promise<void> {
    if (!isUuid(data.invitationId)) return;
    await this.db.transaction(async (tx) => {
      const [invitation] = await tx
        .select()
        .from(invitations)
        .where(eq(invitations.id, data.invitationId))
        .for("update");
      if (!invitation || invitation.acceptedAt || invitation.expiresAt.getTime() > Date.now() + 1_000) return;
      // A newer invitation that is still open keeps the requests waiting.
      const [newer] = await tx
        .select({ id: invitations.id })
        .from(invitations)
        .where(
          and(
            eq(invitations.userId, invitation.userId),
            isNull(invitations.acceptedAt),
            gt(invitations.expiresAt, new Date()),
          ),
        );
      if (newer) return;
      const [user] = await tx.select().from(users).where(eq(users.id, invitation.userId));
      if (!user || user.active) return;
      const waiting = await this.pendingLeadsOf(tx, user);
      const stagesOf = await stagesByPipeline(
        tx,
        waiting.map((lead) => lead.pipelineId),
      );
      for (const lead of waiting) {
        const stages = stagesOf.get(lead.pipelineId) ?? [];
        const lost = lostStageOf(stages, "abandoned");
        if (!lost) continue;
        await this.stageChanger.change(tx, lead, stages, {
          to: lost,
          via: "JOURNEY",
          actor: null,
          outcome: lead.outcome ?? "abandoned",
          payload: { reason: "invitation expired" },
        });
      }
    });
  }

  /** The customer's requests still waiting in `pending`, in pipelines that have `backlog` and `abandoned`, locked. */
  private async pendingLeadsOf(tx: Executor, user: UserRow): Promise<LeadRow[]> {
    const journeyPipelines = tx
      .select({ id: stages.pipelineId })
      .from(stages)
      .innerJoin(pipelines, eq(pipelines.id, stages.pipelineId))
      .where(and(eq(pipelines.tenantId, user.tenantId), eq(stages.key, "backlog")));
    return tx
      .select()
      .from(leads)
      .where(
        and(
          eq(leads.tenantId, user.tenantId),
          eq(leads.customerId, user.id),
          eq(leads.status, "pending"),
          isNull(leads.retiredAt),
          inArray(leads.pipelineId, journeyPipelines),
        ),
      )
      .for("update");
  }

  private async inviteUser(
    tx: Executor,
    tenantId: string,
    email: string,
    person: { firstName?: string | null; lastName?: string | null },
  ) {
    const name = [person.firstName, person.lastName].filter(Boolean).join(" ") || email;
    const [user] = await tx
      .insert(users)
      .values({ tenantId, email, name, roles: ["CUSTOMER"], passwordHash: null, active: false })
      .returning();
    if (!user) throw new Error("user insert returned nothing");
    return user;
  }
}
