import { AsyncLocalStorage } from "node:async_hooks";
import { is, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { RequestHandler } from "express";
import type { Executor } from "./client.js";

/**
 * The tenant the current request acts for. Every statement sent while a
 * tenant is named runs in a transaction as the `leadline_app` role with
 * `leadline.tenant_id` set (db/client.ts), so PostgreSQL's row-level security
 * answers only that tenant's rows even when a query forgets its tenant filter.
 * Work that is not a tenant's request (sign-in before the tenant is known,
 * jobs, the live fan-out, migrations) names no tenant and runs as the
 * connecting role, bound by the service-layer checks alone.
 */
interface Scope {
  tenantId: string | null;
  /** Set inside `withIndexedSearch`: its statements are planned for their own values (db/client.ts). */
  planEachTime?: boolean;
  /** Set inside `reusingPlans`: the tenant's transactions opened there keep PostgreSQL's plans. */
  reusePlans?: boolean;
}

const storage = new AsyncLocalStorage<Scope>();

/** The role a tenant's transaction runs as: bound by row-level security, owner of nothing. */
export const ROW_SECURITY_ROLE = "leadline_app";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The statement that opens a tenant's transaction: its role, its tenant, and
 * how its prepared statements are planned (for their values each time, or
 * kept: `reusingPlans`; see `statementOptions` in db/client.ts). The id is
 * checked as a uuid and written as a literal: a parameter would cost the driver a round
 * trip to learn its type, and this runs for every scoped statement.
 */
export function tenantScopeSql(tenantId: string, options: { reusePlans?: boolean } = {}): string {
  if (!UUID.test(tenantId)) throw new Error("tenant scope needs a tenant id");
  const plans = `, set_config('plan_cache_mode', '${options.reusePlans ? "auto" : "force_custom_plan"}', true)`;
  return `select set_config('role', '${ROW_SECURITY_ROLE}', true), set_config('leadline.tenant_id', '${tenantId}', true)${plans}`;
}

/** The tenant named for the current request, if any. */
export function currentTenant(): string | null {
  return storage.getStore()?.tenantId ?? null;
}

/**
 * Whether the statements sent now must be planned for their own values each
 * time rather than kept as prepared statements: a search's best plan depends
 * on the term (a rare one reads the trigram index, a common one the order's),
 * and a plan PostgreSQL keeps after a few runs would serve every term alike.
 */
export function plansEachTime(): boolean {
  return storage.getStore()?.planEachTime === true;
}

/**
 * Runs `fn` with the tenant's transactions it opens keeping PostgreSQL's
 * plans (`plan_cache_mode = auto` for the transaction): a prepared statement
 * is then planned for its values five times, and after that reuses one plan
 * when that costs no more. For transactions whose statements find rows by
 * key (ids, an email, a counter), where planning can cost more than running:
 * the create path's duplicate probe took 2 ms to plan and 0.13 ms to run.
 * Everything else is planned for its values every time (see
 * `statementOptions` in db/client.ts for why), and searches inside
 * (`withIndexedSearch`) still are.
 */
export function reusingPlans<T>(fn: () => T): T {
  const scope = storage.getStore();
  return storage.run({ tenantId: scope?.tenantId ?? null, reusePlans: true }, fn);
}

/** Whether a transaction opened now keeps PostgreSQL's plans (`reusingPlans`). */
export function reusesPlans(): boolean {
  return storage.getStore()?.reusePlans === true;
}

/** Express: each request starts a scope that authentication fills in (`actAsTenant`). */
export function requestScope(): RequestHandler {
  return (_req, _res, next) => storage.run({ tenantId: null }, next);
}

/**
 * Names the tenant the rest of this request acts for, once it is known (a
 * verified token, a webhook's signature, a form's owner). Outside a request
 * scope it does nothing; a second, different tenant in one request is a bug.
 */
export function actAsTenant(tenantId: string): void {
  const scope = storage.getStore();
  if (!scope) return;
  if (scope.tenantId && scope.tenantId !== tenantId) throw new Error("one request acts for one tenant");
  scope.tenantId = tenantId;
}

/** Runs `fn` for one tenant (a WebSocket operation, a test), or for none with null. */
export function withTenant<T>(tenantId: string | null, fn: () => T): T {
  return storage.run({ tenantId }, fn);
}

/**
 * Runs `fn` with row-level security lifted, for the statements whose indexes
 * PostgreSQL will not use under it: a policy's condition must be checked
 * before any operator not marked leakproof, and trigram similarity, ILIKE and
 * `lower()` are not, so a tenant's duplicate probe or search would read every
 * row of the tenant instead of its index. Each such statement filters by
 * tenant itself, and the callers are few and listed in docs/security.md
 * (db/row-security.test.ts checks the list). Outside a transaction the
 * statements simply run unscoped; inside a tenant's transaction the role is
 * set back to the connecting one for `fn`, then the tenant's again. Either
 * way they are planned for their own terms each time (`plansEachTime`).
 */
export async function withIndexedSearch<T>(db: Executor, fn: (db: Executor) => Promise<T>): Promise<T> {
  const tenantId = currentTenant();
  const inTransaction = is(db, PgTransaction);
  // Awaited inside the run: a drizzle query is lazy, and one handed back unrun would be sent
  // later, from the caller's scope.
  return storage.run({ tenantId: inTransaction ? tenantId : null, planEachTime: true }, async () => {
    if (!tenantId || !inTransaction) return await fn(db);
    await db.execute(sql`select set_config('role', 'none', true)`);
    const result = await fn(db);
    await db.execute(sql.raw(`select set_config('role', '${ROW_SECURITY_ROLE}', true)`));
    return result;
  });
}
