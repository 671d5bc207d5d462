import { isRole, permissionsFor, type Role } from "@leadline/shared";
import { and, asc, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { type Database, rowsOf } from "../../db/client.js";
import { isUuid, textArray, uuidArray } from "../../db/ids.js";
import {
  type ApiKeyRow,
  apiKeys,
  loginAttempts,
  type PublicUser,
  publicUserColumns,
  sessions,
  type TenantRow,
  tenants,
  type UserRow,
  users,
} from "../../db/schema/index.js";
import { actAsTenant } from "../../db/tenant-scope.js";
import { badInput, DomainError, forbidden, notFound, rateLimited, unauthenticated } from "../../errors.js";
import { API_KEY_PREFIX, burnPasswordCheck, hashToken, newSecret, SESSION_PREFIX, verifyPassword } from "./secrets.js";
import { credentialOf, type Viewer } from "./viewer.js";

export interface LoginThrottle {
  /** Failed attempts allowed per tenant and email inside one window. */
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottle = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export interface LoginResult {
  token: string;
  user: UserRow;
  tenant: TenantRow;
}

export interface ListApiKeysParams {
  /** Also the revoked keys. */
  includeRevoked?: boolean;
}

/** An API key for the admin's list: everything but the secret's hash, with its owner. */
export type ApiKeyListing = Omit<ApiKeyRow, "secretHash"> & { owner: PublicUser };

export interface CreateApiKeyParams {
  name: string;
  roles: Role[];
}

const INVALID_LOGIN = "Wrong tenant, email or password";

export class AuthService {
  constructor(
    private readonly db: Database,
    private readonly sessionTtlMs: number,
    private readonly throttle: LoginThrottle = DEFAULT_LOGIN_THROTTLE,
  ) {
    this.sessionByHash = this.prepareSessionByHash();
    this.apiKeyByHash = this.prepareApiKeyByHash();
  }

  // Every request authenticates: these two lookups are built once and reused.
  private readonly sessionByHash;
  private readonly apiKeyByHash;
  private prepareSessionByHash() {
    return this.db
      .select({ sessionId: sessions.id, user: users, configVersion: tenants.configVersion })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(
        and(
          eq(sessions.tokenHash, sql.placeholder("hash")),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, sql`${sql.placeholder("now")}::timestamptz`),
        ),
      )
      .prepare("auth_session_by_hash");
  }

  private prepareApiKeyByHash() {
    return this.db
      .select({ keyId: apiKeys.id, roles: apiKeys.roles, user: users, configVersion: tenants.configVersion })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(eq(apiKeys.secretHash, sql.placeholder("hash")), isNull(apiKeys.revokedAt)))
      .prepare("auth_api_key_by_hash");
  }

  /**
   * Counts failures per tenant and email in the database, so guessing is
   * throttled across every server instance; a lock answers RATE_LIMITED
   * without checking the password at all.
   */
  async login(tenantSlug: string, email: string, password: string): Promise<LoginResult> {
    const normalizedEmail = email.trim().toLowerCase();
    const key = `${tenantSlug.trim().toLowerCase()}:${normalizedEmail}`;
    const now = new Date();
    const [attempt] = await this.db.select().from(loginAttempts).where(eq(loginAttempts.key, key));
    if (attempt?.lockedUntil && attempt.lockedUntil > now) {
      const seconds = Math.ceil((attempt.lockedUntil.getTime() - now.getTime()) / 1000);
      throw rateLimited(`Too many failed sign-ins; try again in ${seconds} s`, seconds);
    }
    const [row] = await this.db
      .select({ user: users, tenant: tenants })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(and(eq(tenants.slug, tenantSlug.trim().toLowerCase()), eq(users.email, normalizedEmail)));
    const ok =
      row?.user.passwordHash && row.user.active ? await verifyPassword(row.user.passwordHash, password) : false;
    if (!row?.user.passwordHash) await burnPasswordCheck(password);
    if (!ok || !row) {
      await this.recordFailure(key, now);
      throw unauthenticated(INVALID_LOGIN);
    }
    await this.db.delete(loginAttempts).where(eq(loginAttempts.key, key));
    const token = await this.createSession(row.user);
    return { token, user: row.user, tenant: row.tenant };
  }

  private async recordFailure(key: string, now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - this.throttle.windowMs);
    const lockUntil = new Date(now.getTime() + this.throttle.lockMs);
    // One statement, so concurrent failures all count.
    const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
    await this.db.execute(sql`
      insert into ${loginAttempts} (key, failures, window_started_at)
      values (${key}, 1, ${ts(now)})
      on conflict (key) do update set
        failures = case when ${loginAttempts.windowStartedAt} < ${ts(windowStart)} then 1 else ${loginAttempts.failures} + 1 end,
        window_started_at = case when ${loginAttempts.windowStartedAt} < ${ts(windowStart)} then ${ts(now)} else ${loginAttempts.windowStartedAt} end,
        locked_until = case
          when ${loginAttempts.windowStartedAt} >= ${ts(windowStart)} and ${loginAttempts.failures} + 1 >= ${this.throttle.maxFailures}
          then ${ts(lockUntil)} else null end`);
  }

  /** Signs in a user whose identity was proven another way (an accepted invitation). */
  async signIn(user: UserRow): Promise<LoginResult> {
    const [tenant] = await this.db.select().from(tenants).where(eq(tenants.id, user.tenantId));
    if (!tenant) throw unauthenticated("Tenant no longer exists");
    return { token: await this.createSession(user), user, tenant };
  }

  async createSession(user: UserRow): Promise<string> {
    const token = newSecret(SESSION_PREFIX);
    await this.db.insert(sessions).values({
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(Date.now() + this.sessionTtlMs),
    });
    return token;
  }

  async logout(viewer: Viewer): Promise<boolean> {
    if (viewer.via.kind !== "session")
      throw badInput([{ field: "authorization", message: "is an API key; revoke it instead" }]);
    await this.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, viewer.via.sessionId));
    return true;
  }

  /** Resolves `Authorization: Bearer …` to a viewer; null when absent, UNAUTHENTICATED when bad. */
  async authenticate(authorization: string | undefined | null): Promise<Viewer | null> {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    const token = match?.[1];
    if (!token) throw unauthenticated("Authorization must be 'Bearer <token>'");
    if (token.startsWith(SESSION_PREFIX)) {
      const [row] = await this.sessionByHash.execute({ hash: hashToken(token), now: new Date().toISOString() });
      if (!row?.user.active) throw unauthenticated("Session expired or revoked; sign in again");
      return viewerOf(row.user, row.user.roles, { kind: "session", sessionId: row.sessionId }, row.configVersion);
    }
    if (token.startsWith(API_KEY_PREFIX)) {
      const [row] = await this.apiKeyByHash.execute({ hash: hashToken(token) });
      if (!row?.user.active) throw unauthenticated("API key unknown or revoked");
      const roles = apiKeyRoles(row.roles, row.user.roles);
      if (roles.length === 0) throw unauthenticated("The user who made this API key no longer holds its roles");
      return viewerOf(row.user, roles, { kind: "apiKey", apiKeyId: row.keyId }, row.configVersion);
    }
    throw unauthenticated("Unknown token type");
  }

  /**
   * Who a public form's submissions act as: the person who last saved the
   * form while they may still manage forms, else the tenant's longest-standing
   * active admin, so a marketer leaving never silently drops a live form's leads.
   */
  async viewerForForm(tenantId: string, editorId: string | null, formId: string): Promise<Viewer | null> {
    const active = and(eq(users.tenantId, tenantId), eq(users.active, true));
    const [editor] = editorId
      ? await this.db
          .select()
          .from(users)
          .where(and(active, eq(users.id, editorId)))
      : [];
    const [user] =
      editor && permissionsFor(editor.roles).forms
        ? [editor]
        : await this.db
            .select()
            .from(users)
            .where(and(active, sql`'ADMIN' = any(${users.roles})`))
            .orderBy(asc(users.createdAt), asc(users.id))
            .limit(1);
    return user ? viewerOf(user, user.roles, { kind: "form", formId }) : null;
  }

  /**
   * Which of these viewers' sessions and API keys no longer hold (revoked,
   * expired, or their user deactivated): long-lived sockets re-check with it
   * every few seconds, for every open socket of the instance, so it answers
   * with the few that lapsed rather than the many that did not.
   */
  async lapsedCredentials(viewers: readonly Viewer[]): Promise<Set<string>> {
    const ids = (kind: Viewer["via"]["kind"]) => [
      ...new Set(viewers.filter((v) => v.via.kind === kind).map(credentialOf)),
    ];
    const sessionIds = ids("session");
    const keyIds = ids("apiKey");
    const [lapsedSessions, lapsedKeys] = await Promise.all([
      sessionIds.length
        ? this.db.execute(sql`select c.id from unnest(${uuidArray(sessionIds)}) as c (id) where not exists (
            select 1 from ${sessions} join ${users} on ${users.id} = ${sessions.userId}
            where ${sessions.id} = c.id and ${sessions.revokedAt} is null and ${sessions.expiresAt} > now() and ${users.active})`)
        : [],
      keyIds.length
        ? this.db.execute(sql`select c.id from unnest(${uuidArray(keyIds)}) as c (id) where not exists (
            select 1 from ${apiKeys} join ${users} on ${users.id} = ${apiKeys.userId}
            where ${apiKeys.id} = c.id and ${apiKeys.revokedAt} is null and ${users.active})`)
        : [],
    ]);
    return new Set([...rowsOf(lapsedSessions), ...rowsOf(lapsedKeys)].map((row) => String(row.id)));
  }

  /**
   * Which of these viewers (a session, or an API key, whose roles follow its
   * maker's: apiKeyRoles) now have other roles or another partner company
   * than when they authenticated: their sockets were judged (what they may
   * see live) as the person they were, so they are closed and reconnect as
   * who they are now.
   */
  async changedAccess(viewers: readonly Viewer[]): Promise<Set<string>> {
    const held = new Map<string, Viewer>();
    for (const viewer of viewers) if (viewer.via.kind !== "webhook") held.set(credentialOf(viewer), viewer);
    if (held.size === 0) return new Set();
    const ids = [...held.keys()];
    // A session's roles are its user's: compared here, only the changed come back. An API key's
    // are judged by apiKeyRoles, below, so every key's row comes back (keys on sockets are few).
    const rows = rowsOf(
      await this.db.execute(sql`select c.id, ${apiKeys.roles} as key_roles, ${users.roles} as user_roles,
          coalesce(${users.partnerCompanyId}::text, '') as partner
        from unnest(${uuidArray(ids)}, ${textArray(ids.map((id) => held.get(id)?.roles.join(",") ?? ""))},
          ${textArray(ids.map((id) => held.get(id)?.partnerCompanyId ?? ""))}) as c (id, roles, partner)
        left join ${sessions} on ${sessions.id} = c.id
        left join ${apiKeys} on ${apiKeys.id} = c.id
        join ${users} on ${users.id} = coalesce(${sessions.userId}, ${apiKeys.userId})
        where ${apiKeys.id} is not null or array_to_string(${users.roles}, ',') <> c.roles
          or coalesce(${users.partnerCompanyId}::text, '') <> c.partner`),
    );
    const changed = new Set<string>();
    for (const row of rows) {
      const id = String(row.id);
      const viewer = held.get(id);
      if (!viewer) continue;
      if (!row.key_roles) changed.add(id);
      else {
        const roles = apiKeyRoles(row.key_roles as Role[], row.user_roles as Role[]);
        if (roles.join(",") !== viewer.roles.join(",") || row.partner !== (viewer.partnerCompanyId ?? "")) {
          changed.add(id);
        }
      }
    }
    return changed;
  }

  /**
   * An API key acts as its creator, limited to the roles it was given. Only an
   * admin may grant roles they do not hold, so a key never widens access.
   */
  async createApiKey(viewer: Viewer, params: CreateApiKeyParams): Promise<{ key: ApiKeyRow; secret: string }> {
    const name = params.name.trim();
    const fields = [];
    if (!name) fields.push({ field: "name", message: "is required" });
    if (params.roles.length === 0) fields.push({ field: "roles", message: "must name at least one role" });
    if (fields.length) throw badInput(fields);
    const roles = [...new Set(params.roles)].filter(isRole);
    if (apiKeyRoles(roles, viewer.roles).length < roles.length) {
      throw forbidden("An API key may only carry roles you hold");
    }
    if (viewer.via.kind === "apiKey") throw forbidden("API keys cannot create API keys");
    const secret = newSecret(API_KEY_PREFIX);
    const [key] = await this.db
      .insert(apiKeys)
      .values({ tenantId: viewer.tenantId, userId: viewer.userId, name, roles, secretHash: hashToken(secret) })
      .returning();
    if (!key) throw new DomainError("INVALID_STATE", "API key not stored");
    return { key, secret };
  }

  /**
   * ADMIN: the tenant's API keys, newest first, with whose they are. The
   * columns are listed one by one so the secret's hash is never read out.
   */
  async listApiKeys(viewer: Viewer, params: ListApiKeysParams = {}): Promise<ApiKeyListing[]> {
    if (!viewer.permissions.admin) throw forbidden("Only admins see the tenant's API keys");
    const tenant = eq(apiKeys.tenantId, viewer.tenantId);
    return this.db
      .select({
        id: apiKeys.id,
        tenantId: apiKeys.tenantId,
        userId: apiKeys.userId,
        name: apiKeys.name,
        roles: apiKeys.roles,
        lastUsedAt: apiKeys.lastUsedAt,
        revokedAt: apiKeys.revokedAt,
        createdAt: apiKeys.createdAt,
        owner: publicUserColumns,
      })
      .from(apiKeys)
      .innerJoin(users, eq(users.id, apiKeys.userId))
      .where(params.includeRevoked ? tenant : and(tenant, isNull(apiKeys.revokedAt)))
      .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
  }

  /** Admins revoke any key of their tenant; others only their own. */
  async revokeApiKey(viewer: Viewer, id: string): Promise<boolean> {
    if (!isUuid(id)) throw notFound("API key");
    const scope = viewer.permissions.admin
      ? eq(apiKeys.tenantId, viewer.tenantId)
      : and(eq(apiKeys.tenantId, viewer.tenantId), eq(apiKeys.userId, viewer.userId));
    const revoked = await this.db
      .update(apiKeys)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiKeys.id, id), scope, isNull(apiKeys.revokedAt)))
      .returning({ id: apiKeys.id });
    if (revoked.length === 0) throw notFound("API key");
    return true;
  }

  async me(viewer: Viewer): Promise<UserRow> {
    const [user] = await this.db
      .select()
      .from(users)
      .where(and(eq(users.id, viewer.userId), eq(users.tenantId, viewer.tenantId)));
    if (!user) throw unauthenticated();
    return user;
  }
}

/**
 * The one place a verified identity becomes a viewer, and so where a request
 * learns its tenant: from here on its statements run under row-level security
 * for that tenant (db/tenant-scope.ts).
 */
/**
 * The roles an API key acts with: those it was given that its maker may still
 * grant. An admin may grant any role, anyone else only roles they hold (the
 * same rule refuses a key beyond them at creation), so a maker who loses a
 * role takes it off their keys at once.
 */
export function apiKeyRoles(keyRoles: readonly Role[], makerRoles: readonly Role[]): Role[] {
  if (permissionsFor([...makerRoles]).admin) return [...keyRoles];
  return keyRoles.filter((role) => makerRoles.includes(role));
}

function viewerOf(user: UserRow, roles: Role[], via: Viewer["via"], configVersion?: number): Viewer {
  actAsTenant(user.tenantId);
  return {
    tenantId: user.tenantId,
    userId: user.id,
    roles,
    permissions: permissionsFor(roles),
    partnerCompanyId: user.partnerCompanyId,
    via,
    ...(configVersion === undefined ? {} : { configVersion }),
  };
}

/** Who a signed webhook acts as: the admin who set its secret, while they are an active admin. */
export function webhookViewerOf(user: UserRow, secretId: string, configVersion?: number): Viewer | null {
  if (!user.active || !user.roles.includes("ADMIN")) return null;
  return viewerOf(user, user.roles, { kind: "webhook", secretId }, configVersion);
}
