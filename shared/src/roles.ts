/** Roles as the public contract names them. A user may hold several. */
export const ROLES = ["ADMIN", "MANAGER", "SALES", "MARKETEER", "PARTNER_SUPERVISOR", "PARTNER", "CUSTOMER"] as const;
export type Role = (typeof ROLES)[number];

export interface Permissions {
  /** May create leads. */
  create: boolean;
  /** May assign, claim for others, route and change ownership. */
  manage: boolean;
  /** Sees every lead of the tenant, not only their own. */
  viewAll: boolean;
  /** May convert leads into contacts, companies and deals. */
  convert: boolean;
  /** May claim an unassigned lead from the pool. */
  claim: boolean;
  /** Tenant administration: API keys for any role, scoring rules, pipelines. */
  admin: boolean;
  /** Manages capture forms. */
  forms: boolean;
}

const NONE: Permissions = {
  create: false,
  manage: false,
  viewAll: false,
  convert: false,
  claim: false,
  admin: false,
  forms: false,
};

/** What each role grants on its own; a user's permissions are the union. */
const GRANTS: Record<Role, Partial<Permissions>> = {
  ADMIN: { create: true, manage: true, viewAll: true, convert: true, claim: true, admin: true, forms: true },
  MANAGER: { create: true, manage: true, viewAll: true, convert: true, claim: true },
  SALES: { create: true, claim: true },
  MARKETEER: { create: true, viewAll: true, forms: true },
  PARTNER_SUPERVISOR: { create: true },
  PARTNER: { create: true },
  CUSTOMER: { create: true },
};

export function permissionsFor(roles: readonly Role[]): Permissions {
  const result = { ...NONE };
  for (const role of roles) {
    for (const [key, value] of Object.entries(GRANTS[role])) {
      if (value) result[key as keyof Permissions] = true;
    }
  }
  return result;
}

/** Roles that work leads inside the tenant: a queue hands leads only to users holding one of them. */
export const QUEUE_MEMBER_ROLES: readonly Role[] = ["ADMIN", "MANAGER", "SALES", "MARKETEER"];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who may open the metrics dashboard: the server refuses its panels to everyone else, the app shows "Not allowed". */
export const DASHBOARD_ROLES = ["MANAGER", "ADMIN"] as const satisfies readonly Role[];

export function mayViewDashboard(roles: readonly Role[]): boolean {
  return roles.some((role) => (DASHBOARD_ROLES as readonly Role[]).includes(role));
}
