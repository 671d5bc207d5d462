import { mergeScoringRules, type ScoringRules } from "@leadline/shared";
import DataLoader from "dataloader";
import { and, asc, eq, getTableName, inArray, isNull } from "drizzle-orm";
import { type Executor, runPrepared } from "../db/client.js";
import { textArrayLiteral } from "../db/ids.js";
import { fromDriverRow, selectListOf } from "../db/rows.js";
import {
  type AttachmentRow,
  attachments,
  type CompanyRow,
  type ContactRow,
  captureForms,
  companies,
  contacts,
  type DealRow,
  deals,
  type PublicUser,
  publicUserColumns,
  queueMembers,
  queues,
  type ScoreSnapshotRow,
  type StageRow,
  users,
} from "../db/schema/index.js";
import { reusingPlans } from "../db/tenant-scope.js";
import type { Viewer } from "../modules/auth/viewer.js";
import { lastMessageDirections } from "../modules/messaging/message.service.js";
import type { PipelineService } from "../modules/pipeline/pipeline.service.js";
import { tenantScoringRules } from "../modules/scoring/score-recompute.js";
import { scoreHistories } from "../modules/scoring/scoring.service.js";

type Row<T> = T | undefined;

const PUBLIC_USER_KEYS: ReadonlySet<string> = new Set(Object.keys(publicUserColumns));

/**
 * Users by id (owners, authors: on nearly every page): one statement text
 * for any number of ids, prepared once per connection, not built by the
 * query builder per request (`in (…)` also made a new text for every count).
 */
const USERS_BY_ID = `select ${selectListOf(users, PUBLIC_USER_KEYS)} from "${getTableName(users)}"
  where "${users.tenantId.name}" = $1 and "${users.id.name}" = any($2::uuid[])`;

/**
 * Batches the per-lead lookups of one request into one query per table, so
 * a page of 50 leads with owners and stages costs a handful of queries, not
 * hundreds. Every loader is pinned to the viewer's tenant.
 */
export function createLoaders(db: Executor, viewer: Viewer | null, pipelines: PipelineService) {
  const tenantId = viewer?.tenantId ?? null;
  const byId = <T extends { id: string }>(load: (ids: string[]) => Promise<T[]>) =>
    new DataLoader<string, Row<T>>(async (ids) => {
      if (!tenantId) return ids.map(() => undefined);
      // Rows by their ids: one plan serves every set of ids, so it is kept (reusingPlans).
      const rows = await reusingPlans(async () => await load([...ids]));
      const map = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => map.get(id));
    });
  const grouped = <T>(load: (ids: string[]) => Promise<T[]>, keyOf: (row: T) => string) =>
    new DataLoader<string, T[]>(async (ids) => {
      if (!tenantId) return ids.map(() => []);
      const rows = await load([...ids]);
      const map = new Map<string, T[]>();
      for (const row of rows) map.set(keyOf(row), [...(map.get(keyOf(row)) ?? []), row]);
      return ids.map((id) => map.get(id) ?? []);
    });
  const tenant = tenantId ?? "";
  return {
    user: byId<PublicUser>(async (ids) =>
      (await runPrepared(db, { sql: USERS_BY_ID, params: [tenant, textArrayLiteral(ids)] })).map(
        (raw) => fromDriverRow(users, raw, PUBLIC_USER_KEYS) as PublicUser,
      ),
    ),
    company: byId<CompanyRow>((ids) =>
      db
        .select()
        .from(companies)
        .where(and(eq(companies.tenantId, tenant), inArray(companies.id, ids))),
    ),
    contact: byId<ContactRow>((ids) =>
      db
        .select()
        .from(contacts)
        .where(and(eq(contacts.tenantId, tenant), inArray(contacts.id, ids))),
    ),
    deal: byId<DealRow>((ids) =>
      db
        .select()
        .from(deals)
        .where(and(eq(deals.tenantId, tenant), inArray(deals.id, ids))),
    ),
    queue: byId((ids) =>
      db
        .select()
        .from(queues)
        .where(and(eq(queues.tenantId, tenant), inArray(queues.id, ids))),
    ),
    form: byId((ids) =>
      db
        .select()
        .from(captureForms)
        .where(and(eq(captureForms.tenantId, tenant), inArray(captureForms.id, ids))),
    ),
    /** Queue members in routing order, inactive ones included. */
    queueMembers: grouped<PublicUser & { queueId: string }>(
      (ids) =>
        db
          .select({ ...publicUserColumns, queueId: queueMembers.queueId })
          .from(queueMembers)
          .innerJoin(queues, eq(queues.id, queueMembers.queueId))
          .innerJoin(users, eq(users.id, queueMembers.userId))
          .where(and(eq(queues.tenantId, tenant), eq(users.tenantId, tenant), inArray(queueMembers.queueId, ids)))
          .orderBy(asc(queueMembers.position), asc(queueMembers.userId)),
      (row) => row.queueId,
    ),
    /** In board order; from the per-process cache at the viewer's configuration version. */
    stagesByPipeline: grouped<StageRow>(
      (ids) => (viewer ? pipelines.stagesForRead(viewer, ids) : Promise.resolve([])),
      (row) => row.pipelineId,
    ),
    // The two below batch without caching: a subscription keeps its context for hours, and
    // scores and rules change under it.
    /** Newest first, at most 100 per lead. */
    scoreHistory: new DataLoader<string, ScoreSnapshotRow[]>(
      async (ids) => {
        const rows = tenantId ? await scoreHistories(db, tenantId, ids) : [];
        return ids.map((id) => rows.filter((row) => row.leadId === id));
      },
      { cache: false },
    ),
    /** The tenant's effective scoring rules, read once per batch (Lead.scoreBand uses its band cut-offs). */
    scoringRules: new DataLoader<string, ScoringRules>(
      async (ids) => {
        const rules = tenantId ? await tenantScoringRules(db, tenantId) : mergeScoringRules({});
        return ids.map((id) => (id === tenantId ? rules : mergeScoringRules({})));
      },
      { cache: false },
    ),
    /**
     * Whether the person wrote last (their newest message is newer than any of ours): the
     * inbox's "Replied". Not cached, for the same reason as the two above.
     */
    awaitingReply: new DataLoader<string, boolean>(
      async (ids) => {
        const rows = tenantId ? await lastMessageDirections(db, tenantId, ids) : [];
        const inbound = new Set(rows.filter((r) => r.direction === "INBOUND").map((r) => r.leadId));
        return ids.map((id) => inbound.has(id));
      },
      { cache: false },
    ),
    /** Which users were invited and have not accepted yet (no password). Not cached: an acceptance changes it. */
    invited: new DataLoader<string, boolean>(
      async (ids) => {
        const rows = tenantId
          ? await db
              .select({ id: users.id })
              .from(users)
              .where(and(eq(users.tenantId, tenantId), inArray(users.id, [...ids]), isNull(users.passwordHash)))
          : [];
        const invited = new Set(rows.map((row) => row.id));
        return ids.map((id) => invited.has(id));
      },
      { cache: false },
    ),
    attachmentsByLead: grouped<AttachmentRow>(
      (ids) =>
        db
          .select()
          .from(attachments)
          .where(and(eq(attachments.tenantId, tenant), inArray(attachments.leadId, ids)))
          .orderBy(asc(attachments.createdAt)),
      (row) => row.leadId,
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
