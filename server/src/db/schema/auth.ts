import type { Role } from "@leadline/shared";
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id } from "./_columns.js";
import { companies } from "./crm.js";
import { tenants } from "./tenants.js";

export const users = pgTable(
  "users",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    name: text("name").notNull(),
    roles: text("roles").array().$type<Role[]>().notNull(),
    /** Null while invited: an invited user cannot log in. */
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    partnerCompanyId: uuid("partner_company_id").references(() => companies.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("users_tenant_email_key").on(t.tenantId, t.email)],
);

/** Sessions are looked up by the SHA-256 of the token; the token itself is never stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: at("expires_at").notNull(),
    revokedAt: at("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const apiKeys = pgTable("api_keys", {
  id: id(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** The key acts as this user, limited to `roles`. */
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  roles: text("roles").array().$type<Role[]>().notNull(),
  secretHash: text("secret_hash").notNull().unique(),
  lastUsedAt: at("last_used_at"),
  revokedAt: at("revoked_at"),
  createdAt: createdAt(),
});

/** Failed-login counters per tenant and email, shared by every server instance. */
export const loginAttempts = pgTable("login_attempts", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull(),
  windowStartedAt: at("window_started_at").notNull(),
  lockedUntil: at("locked_until"),
});

export type UserRow = typeof users.$inferSelect;

// Users as other users see them: an allow-list, so a new secret column is never loaded by accident.
export const publicUserColumns = {
  id: users.id,
  tenantId: users.tenantId,
  email: users.email,
  name: users.name,
  roles: users.roles,
  active: users.active,
  partnerCompanyId: users.partnerCompanyId,
  createdAt: users.createdAt,
};
export type PublicUser = Omit<UserRow, "passwordHash">;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * Request budgets shared by every instance (rate-limiter-flexible's drizzle
 * store: http/rate-limits.ts). Unlogged: a counter is worth no WAL flush, and
 * after a crash every budget simply starts full again.
 */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  points: integer("points").notNull(),
  expire: at("expire"),
});
