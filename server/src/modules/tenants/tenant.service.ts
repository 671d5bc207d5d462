import type { Role } from "@leadline/shared";
import { normalizeEmail } from "@leadline/shared";
import { eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { type TenantRow, tenants, type UserRow, users } from "../../db/schema/index.js";
import { badInput, conflict } from "../../graphql/errors.js";
import { hashPassword } from "../auth/secrets.js";
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

/** Tenants and their users, for operators (seed script, provisioning) rather than the public API. */
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
      if (existing) throw conflict(`Tenant '${slug}' already exists`, [{ field: "slug", message: "is taken" }]);
      const [tenant] = await tx
        .insert(tenants)
        .values({ slug, name: params.name, timeZone: params.timeZone, defaultCountry: params.defaultCountry })
        .returning();
      if (!tenant) throw new Error("tenant insert returned nothing");
      await this.pipelines.installPresets(tx, tenant.id);
      return tenant;
    });
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
