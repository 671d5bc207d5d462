import { type FieldError, type LeadSource, QUEUE_MEMBER_ROLES } from "@leadline/shared";
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import {
  captureForms,
  queueMembers,
  queues,
  type RoutingRuleRow,
  routingRules,
  tenants,
  users,
} from "../../db/schema/index.js";
import { assertFoundOrThrow, badInput, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { isQueueStrategy, QUEUE_STRATEGIES } from "./routing.rules.js";
import { lockQueue } from "./routing.service.js";

type QueueRow = typeof queues.$inferSelect;

export interface UpsertQueueParams {
  name: string;
  strategy: string;
  /** Members in routing order; the position of each is its index. */
  memberIds: string[];
}

export interface RoutingRuleParams {
  source?: LeadSource | null;
  formId?: string | null;
  category?: string | null;
  city?: string | null;
  minScore?: number | null;
  queueId: string;
}

const MAX_RULES = 200;
const MAX_MEMBERS = 500;

/**
 * Staff (anyone who may view all leads, claim or manage) see queues and their
 * members: they filter and work leads by queue. Partners and customers are
 * outside the company and do not get its staff roster.
 */
export function assertMayViewQueuesOrThrow(viewer: Viewer): void {
  const { manage, viewAll, claim } = viewer.permissions;
  if (!manage && !viewAll && !claim) throw forbidden("Only staff see queues");
}

/**
 * Configuring queues and routing rules. Managers as well as admins: who is on
 * a queue changes with shifts and absences, the day-to-day work of the same
 * managers who may route and assign (unlike pipelines and scoring, which
 * shape the tenant's data and stay admin-only).
 */
export class RoutingConfigService {
  constructor(private readonly db: Database) {}

  listQueues(viewer: Viewer): Promise<QueueRow[]> {
    assertMayViewQueuesOrThrow(viewer);
    return this.db
      .select()
      .from(queues)
      .where(eq(queues.tenantId, viewer.tenantId))
      .orderBy(asc(queues.name), asc(queues.id));
  }

  /** Creates (no id) or updates a queue and replaces its member list. */
  async upsertQueue(viewer: Viewer, id: string | null, params: UpsertQueueParams): Promise<QueueRow> {
    assertMayConfigureOrThrow(viewer);
    const name = params.name.trim();
    const errors: FieldError[] = [];
    if (!name) errors.push({ field: "input.name", message: "is required" });
    if (name.length > 200) errors.push({ field: "input.name", message: "is longer than 200 characters" });
    if (!isQueueStrategy(params.strategy)) {
      errors.push({ field: "input.strategy", message: `must be one of ${QUEUE_STRATEGIES.join(", ")}` });
    }
    if (params.memberIds.length > MAX_MEMBERS) {
      errors.push({ field: "input.memberIds", message: `has more than ${MAX_MEMBERS} members` });
    }
    params.memberIds.forEach((memberId, i) => {
      if (params.memberIds.indexOf(memberId) !== i) {
        errors.push({ field: `input.memberIds.${i}`, message: "is listed twice" });
      }
    });
    if (errors.length || !isQueueStrategy(params.strategy)) throw badInput(errors);
    const strategy = params.strategy;
    return this.db.transaction(async (tx) => {
      await lockTenantConfig(tx, viewer.tenantId);
      let existing: QueueRow | undefined;
      if (id != null) {
        // Locked like a route locks it: a route in flight sees the old members or the new, never half.
        existing = await lockQueue(tx, viewer.tenantId, id);
        assertFoundOrThrow(existing, "Queue");
      }
      await assertNameFree(tx, viewer.tenantId, name, existing?.id ?? null);
      await assertMembersOrThrow(tx, viewer.tenantId, params.memberIds);
      const [queue] = existing
        ? await tx
            .update(queues)
            .set({ name, strategy })
            .where(and(eq(queues.id, existing.id), eq(queues.tenantId, viewer.tenantId)))
            .returning()
        : await tx.insert(queues).values({ tenantId: viewer.tenantId, name, strategy }).returning();
      assertFoundOrThrow(queue, "Queue");
      await tx.delete(queueMembers).where(eq(queueMembers.queueId, queue.id));
      if (params.memberIds.length) {
        await tx
          .insert(queueMembers)
          .values(params.memberIds.map((userId, position) => ({ queueId: queue.id, userId, position })));
      }
      return queue;
    });
  }

  listRoutingRules(viewer: Viewer): Promise<RoutingRuleRow[]> {
    assertMayConfigureOrThrow(viewer);
    return this.db
      .select()
      .from(routingRules)
      .where(eq(routingRules.tenantId, viewer.tenantId))
      .orderBy(asc(routingRules.position), asc(routingRules.id));
  }

  /** Replaces the tenant's rule list; list order is evaluation order. */
  async setRoutingRules(viewer: Viewer, rules: RoutingRuleParams[]): Promise<RoutingRuleRow[]> {
    assertMayConfigureOrThrow(viewer);
    const errors: FieldError[] = [];
    if (rules.length > MAX_RULES) errors.push({ field: "rules", message: `has more than ${MAX_RULES} rules` });
    const values = rules.map((rule, position) => {
      const text = (value: string | null | undefined, field: string) => {
        if (value == null) return null;
        const trimmed = value.trim();
        if (!trimmed)
          errors.push({ field: `rules.${position}.${field}`, message: "is empty; leave it out to match any" });
        return trimmed || null;
      };
      const minScore = rule.minScore ?? null;
      if (minScore !== null && (minScore < 0 || minScore > 100)) {
        errors.push({ field: `rules.${position}.minScore`, message: "must be between 0 and 100" });
      }
      if (!isUuid(rule.queueId)) errors.push({ field: `rules.${position}.queueId`, message: "is not a queue id" });
      if (rule.formId != null && !isUuid(rule.formId)) {
        errors.push({ field: `rules.${position}.formId`, message: "is not a capture form id" });
      }
      return {
        tenantId: viewer.tenantId,
        position,
        source: rule.source ?? null,
        formId: rule.formId ?? null,
        category: text(rule.category, "category"),
        city: text(rule.city, "city"),
        minScore,
        queueId: rule.queueId,
      };
    });
    if (errors.length) throw badInput(errors);
    return this.db.transaction(async (tx) => {
      // Two concurrent replacements would otherwise each delete the old list and both insert: a doubled list.
      await lockTenantConfig(tx, viewer.tenantId);
      await assertReferencesOrThrow(tx, viewer.tenantId, values);
      await tx.delete(routingRules).where(eq(routingRules.tenantId, viewer.tenantId));
      if (values.length === 0) return [];
      const inserted = await tx.insert(routingRules).values(values).returning();
      return inserted.sort((a, b) => a.position - b.position);
    });
  }
}

/** Queues, rules and the routing preview: admins and managers. */
export function assertMayConfigureOrThrow(viewer: Viewer): void {
  if (!viewer.permissions.manage) throw forbidden("Only admins and managers configure queues and routing");
}

/**
 * Serializes configuration writes of one tenant. NO KEY UPDATE does not
 * block the key-share locks that inserts referencing the tenant take.
 */
async function lockTenantConfig(tx: Executor, tenantId: string): Promise<void> {
  await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for("no key update");
}

async function assertNameFree(tx: Executor, tenantId: string, name: string, exceptId: string | null) {
  const [taken] = await tx
    .select({ id: queues.id })
    .from(queues)
    .where(
      and(
        eq(queues.tenantId, tenantId),
        sql`lower(${queues.name}) = lower(${name})`,
        exceptId ? ne(queues.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (taken)
    throw conflict("ALREADY_EXISTS", `A queue named '${name}' already exists`, [
      { field: "input.name", message: "is taken" },
    ]);
}

/** Members are users of this tenant holding a staff role; inactive ones may stay listed (routing skips them). */
async function assertMembersOrThrow(tx: Executor, tenantId: string, memberIds: string[]) {
  const ids = memberIds.filter(isUuid);
  const rows = ids.length
    ? await tx
        .select({ id: users.id, roles: users.roles })
        .from(users)
        .where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)))
    : [];
  const found = new Map(rows.map((r) => [r.id, r.roles]));
  const errors: FieldError[] = [];
  memberIds.forEach((memberId, i) => {
    const roles = found.get(memberId);
    if (!roles) errors.push({ field: `input.memberIds.${i}`, message: "is not a user of this tenant" });
    else if (!roles.some((r) => QUEUE_MEMBER_ROLES.includes(r))) {
      errors.push({ field: `input.memberIds.${i}`, message: `must hold one of ${QUEUE_MEMBER_ROLES.join(", ")}` });
    }
  });
  if (errors.length) throw badInput(errors);
}

async function assertReferencesOrThrow(
  tx: Executor,
  tenantId: string,
  values: { queueId: string; formId: string | null }[],
) {
  const queueIds = [...new Set(values.map((v) => v.queueId))];
  const formIds = [...new Set(values.flatMap((v) => (v.formId ? [v.formId] : [])))];
  const [queueRows, formRows] = await Promise.all([
    queueIds.length
      ? tx
          .select({ id: queues.id })
          .from(queues)
          .where(and(eq(queues.tenantId, tenantId), inArray(queues.id, queueIds)))
      : [],
    formIds.length
      ? tx
          .select({ id: captureForms.id })
          .from(captureForms)
          .where(and(eq(captureForms.tenantId, tenantId), inArray(captureForms.id, formIds)))
      : [],
  ]);
  const queuesFound = new Set(queueRows.map((r) => r.id));
  const formsFound = new Set(formRows.map((r) => r.id));
  const errors: FieldError[] = [];
  values.forEach((v, i) => {
    if (!queuesFound.has(v.queueId))
      errors.push({ field: `rules.${i}.queueId`, message: "is not a queue of this tenant" });
    if (v.formId && !formsFound.has(v.formId)) {
      errors.push({ field: `rules.${i}.formId`, message: "is not a capture form of this tenant" });
    }
  });
  if (errors.length) throw badInput(errors);
}
