import type { Role, TenantSettingsChange } from "@leadline/shared";
import { normalizeEmail, normalizeTenantSettings } from "@leadline/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type TenantRow, tenants, type UserRow, users } from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, conflict, forbidden } from "../../errors.js";
import { hashPassword } from "../auth/secrets.js";
import type { Viewer } from "../auth/viewer.js";
import type { PipelineService } from "../pipeline/pipeline.service.js";

export interface ProvisionTenantParams {
  slug: string;
  name: string;
  timeZone?: string;
  defaultCountry?: string;
}

export interface CreateUserParams {
  tenantId: string;
  email: string;
  name: string;
  roles: Role[];
  /** Absent: the user is invited and cannot sign in until they set one. */
  password?: string;
  active?: boolean;
  partnerCompanyId?: string | null;
}

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Tenants and their users: provisioning for operators (seed script), settings for the tenant's admins. */
export class TenantService {
  constructor(
    private readonly db: Database,
    private readonly pipelines: PipelineService,
  ) {}

  /** Creates the tenant with its preset pipelines in one transaction, so a tenant never lacks a default pipeline. */
  async provisionTenant(params: ProvisionTenantParams): Promise<TenantRow> {
    const slug = params.slug.trim().toLowerCase();
    if (!SLUG.test(slug)) throw badInput([{ field: "slug", message: "must be lower-case letters, digits and dashes" }]);
    return this.db.transaction(async (tx) => {
      const [existing] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, slug));
      if (existing)
        throw conflict("ALREADY_EXISTS", `Tenant '${slug}' already exists`, [{ field: "slug", message: "is taken" }]);
      const [tenant] = await tx
        .insert(tenants)
        .values({ slug, name: params.name, timeZone: params.timeZone, defaultCountry: params.defaultCountry })
        .returning();
      if (!tenant) throw new Error("tenant insert returned nothing");
      await this.pipelines.installPresets(tx, tenant.id);
      return tenant;
    });
  }

  /** The viewer's own tenant: how it works, for everyone signed in to it. */
  async settings(viewer: Viewer): Promise<TenantRow> {
    const [tenant] = await this.db.select().from(tenants).where(eq(tenants.id, viewer.tenantId));
    assertFoundOrThrow(tenant, "Tenant");
    return tenant;
  }

  /**
   * ADMIN: changes the given settings of the viewer's tenant, all or none. They
   * are read as work happens, so they hold from the next lead, claim or
   * invitation on; clocks already running (a lead's SLA due time, a claim's
   * end) keep the times they started with.
   */
  async updateSettings(viewer: Viewer, change: TenantSettingsChange): Promise<TenantRow> {
    if (!viewer.permissions.admin) throw forbidden("Only admins change the tenant's settings");
    const normalized = normalizeTenantSettings(change);
    if (!normalized.ok) throw badInput(normalized.errors);
    if (Object.keys(normalized.value).length === 0) return this.settings(viewer);
    const [tenant] = await this.db
      .update(tenants)
      .set(normalized.value)
      .where(eq(tenants.id, viewer.tenantId))
      .returning();
    assertFoundOrThrow(tenant, "Tenant");
    return tenant;
  }

  async findTenant(slug: string): Promise<TenantRow | undefined> {
    const [tenant] = await this.db.select().from(tenants).where(eq(tenants.slug, slug));
    return tenant;
  }

  async createUser(params: CreateUserParams): Promise<UserRow> {
    const email = normalizeEmail(params.email);
    if (!email.ok) throw badInput([{ field: "email", message: email.message }]);
    const [user] = await this.db
      .insert(users)
      .values({
        tenantId: params.tenantId,
        email: email.value,
        name: params.name,
        roles: params.roles,
        passwordHash: params.password ? await hashPassword(params.password) : null,
        active: params.active ?? params.password !== undefined,
        partnerCompanyId: params.partnerCompanyId ?? null,
      })
      .returning();
    if (!user) throw new Error("user insert returned nothing");
    return user;
  }
}
