import { isRole, normalizeEmail, type Role } from "@leadline/shared";
import { and, asc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { apiKeys, invitations, sessions, tenants, type UserRow, users } from "../../db/schema/index.js";
import { uniqueViolationOf } from "../../db/unique-violation.js";
import { assertFoundOrThrow, badInput, conflict, forbidden, notFound } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { queueOutboundMessage } from "../messaging/message-outbox.js";
import { linkTo, renderTemplate } from "../messaging/templates.js";
import { releaseClaimsOf } from "../workflow/ownership.service.js";
import type { ServiceJourneyService } from "../workflow/service-journey.service.js";

export interface InviteUserParams {
  email: string;
  name: string;
  roles: Role[];
}

export interface ListUsersParams {
  /** Also the invited (not yet accepted) and the deactivated. */
  includeInactive?: boolean;
}

/** Absent (or null) fields stay as they are. */
export interface UpdateUserParams {
  name?: string | null;
  roles?: Role[] | null;
  active?: boolean | null;
}

const NAME_LIMIT = 200;

/**
 * Issue 16's users and roles: admins invite people (an inactive user, an
 * invitation redeemed by acceptInvitation, a mail through the outbox),
 * change their names and roles and deactivate them; managers and admins
 * read the list. Everything is scoped to the viewer's tenant: another
 * tenant's users are NOT_FOUND.
 */
export class UserAdminService {
  constructor(
    private readonly db: Database,
    private readonly jobs: JobQueue,
    private readonly journey: ServiceJourneyService,
    /** Where invitation links point (PUBLIC_URL); empty keeps them relative. */
    private readonly publicUrl = "",
  ) {}

  /**
   * The tenant's users by name: the active ones, or everyone with
   * `includeInactive` (invited, deactivated). Managers and admins: they
   * staff queues and assign leads. Nobody else: the list holds every
   * colleague's and customer's email address.
   */
  async listUsers(viewer: Viewer, params: ListUsersParams = {}): Promise<UserRow[]> {
    if (!viewer.permissions.manage) throw forbidden("Only managers and admins see the user list");
    const tenant = eq(users.tenantId, viewer.tenantId);
    return this.db
      .select()
      .from(users)
      .where(params.includeInactive ? tenant : and(tenant, eq(users.active, true)))
      .orderBy(asc(users.name), asc(users.id));
  }

  /**
   * ADMIN: a new user who cannot sign in until they accept the invitation
   * mailed to them. The user, the invitation and the queued mail commit
   * together; the unique (tenant, email) index settles two concurrent
   * invitations of one address.
   */
  async inviteUser(viewer: Viewer, params: InviteUserParams): Promise<UserRow> {
    assertAdminOrThrow(viewer);
    const email = normalizeEmail(params.email);
    const fields = [];
    if (!email.ok) fields.push({ field: "email", message: email.message });
    fields.push(...nameErrors(params.name), ...roleErrors(params.roles));
    if (fields.length || !email.ok) throw badInput(fields);
    try {
      return await this.db.transaction(async (tx) => {
        const [taken] = await tx
          .select({ id: users.id })
          .from(users)
          .where(and(eq(users.tenantId, viewer.tenantId), eq(users.email, email.value)));
        if (taken) throw emailTaken();
        const [user] = await tx
          .insert(users)
          .values({
            tenantId: viewer.tenantId,
            email: email.value,
            name: params.name.trim(),
            roles: [...new Set(params.roles)],
            passwordHash: null,
            active: false,
          })
          .returning();
        if (!user) throw new Error("user insert returned nothing");
        await this.queueInvitation(tx, viewer, user);
        return user;
      });
    } catch (error) {
      if (isEmailClash(error)) throw emailTaken();
      throw error;
    }
  }

  private async queueInvitation(tx: Executor, viewer: Viewer, user: UserRow): Promise<void> {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, viewer.tenantId));
    assertFoundOrThrow(tenant, "Tenant");
    const [inviter] = await tx.select({ name: users.name }).from(users).where(eq(users.id, viewer.userId));
    const invitation = await this.journey.issueInvitation(tx, tenant, user.id);
    const text = renderTemplate("USER_INVITATION", {
      name: user.name,
      inviterName: inviter?.name ?? tenant.name,
      tenantName: tenant.name,
      roles: user.roles.join(", "),
      link: linkTo(this.publicUrl, `/invite/${invitation.token}`),
      validUntil: invitation.expiresAt.toISOString().slice(0, 10),
    });
    await queueOutboundMessage(tx, this.jobs, {
      tenantId: tenant.id,
      leadId: null,
      channel: "EMAIL",
      purpose: "INVITATION",
      to: user.email,
      ...text,
      createdById: viewer.userId,
    });
  }

  /**
   * ADMIN: renames, changes roles, deactivates or reactivates. Deactivation
   * ends the user's sessions, API keys and open invitations and releases
   * their claims in the same transaction; the leads they own stay theirs.
   * `active: true` for someone who never accepted an invitation mails them a
   * new one (the resend): they stay inactive until they accept it.
   */
  async updateUser(viewer: Viewer, id: string, params: UpdateUserParams): Promise<UserRow> {
    assertAdminOrThrow(viewer);
    const fields = [
      ...(params.name != null ? nameErrors(params.name) : []),
      ...(params.roles != null ? roleErrors(params.roles) : []),
    ];
    if (fields.length) throw badInput(fields);
    if (!isUuid(id)) throw notFound("User");
    return this.db.transaction(async (tx) => {
      const [user] = await tx
        .select()
        .from(users)
        .where(and(eq(users.id, id), eq(users.tenantId, viewer.tenantId)))
        .for("update");
      assertFoundOrThrow(user, "User");
      const roles = params.roles != null ? [...new Set(params.roles)] : user.roles;
      // Someone who never set a password cannot be switched on: they get a fresh invitation instead.
      const reinvite = params.active === true && !user.active && user.passwordHash === null;
      const active = reinvite ? false : (params.active ?? user.active);
      if (user.active && user.roles.includes("ADMIN") && !(active && roles.includes("ADMIN"))) {
        await assertAnotherActiveAdminOrThrow(tx, user);
      }
      const [updated] = await tx
        .update(users)
        .set({ name: params.name != null ? params.name.trim() : user.name, roles, active })
        .where(eq(users.id, user.id))
        .returning();
      assertFoundOrThrow(updated, "User");
      if (!active) await endAccessOf(tx, viewer, user.id);
      if (reinvite) await this.queueInvitation(tx, viewer, updated);
      return updated;
    });
  }
}

function assertAdminOrThrow(viewer: Viewer): void {
  if (!viewer.permissions.admin) throw forbidden("Only admins invite and change users");
}

/**
 * The tenant must keep an active admin, or nobody could manage it again.
 * Every active admin row is locked first: two admins demoting each other at
 * once would otherwise each see the other still in place and leave none.
 */
async function assertAnotherActiveAdminOrThrow(tx: Executor, user: UserRow): Promise<void> {
  const others = await tx
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.tenantId, user.tenantId),
        eq(users.active, true),
        sql`'ADMIN' = any(${users.roles})`,
        ne(users.id, user.id),
      ),
    )
    .orderBy(asc(users.id))
    .for("update");
  if (others.length === 0) {
    throw conflict("INVALID_STATE", "The tenant's last active admin cannot be deactivated or lose the ADMIN role");
  }
}

/**
 * Everything a deactivated user could still act with ends now: sessions and
 * API keys are revoked (the per-request check also reads users.active, and
 * open sockets re-check with lapsedCredentials), an unaccepted invitation
 * can no longer reactivate them, and their claims return to the pool.
 */
async function endAccessOf(tx: Executor, viewer: Viewer, userId: string): Promise<void> {
  const now = new Date();
  await tx
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  await tx
    .update(apiKeys)
    .set({ revokedAt: now })
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  await tx
    .update(invitations)
    .set({ expiresAt: now })
    .where(and(eq(invitations.userId, userId), isNull(invitations.acceptedAt), gt(invitations.expiresAt, now)));
  await releaseClaimsOf(tx, viewer, userId);
}

function nameErrors(name: string) {
  const trimmed = name.trim();
  if (!trimmed) return [{ field: "name", message: "is required" }];
  if (trimmed.length > NAME_LIMIT) return [{ field: "name", message: `must be at most ${NAME_LIMIT} characters` }];
  return [];
}

function roleErrors(roles: readonly string[]) {
  if (roles.length === 0) return [{ field: "roles", message: "must name at least one role" }];
  if (!roles.every(isRole)) return [{ field: "roles", message: "must be known roles" }];
  return [];
}

const emailTaken = () =>
  conflict("ALREADY_EXISTS", "A user with this email already exists in this tenant", [
    { field: "email", message: "is taken" },
  ]);

/** The unique (tenant, email) index caught a concurrent invitation of the same address. */
function isEmailClash(error: unknown): boolean {
  return uniqueViolationOf(error) === "users_tenant_email_key";
}
