import { type BandCutoffs, DEFAULT_BAND_CUTOFFS, type ScoreBand } from "@leadline/shared";
import { and, count, eq, getTableColumns, gte, ilike, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { type Executor, rowsOf } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { fromDriverRow, selectListOf } from "../../db/rows.js";
import { type LeadRow, leads, stageCounts, tenants } from "../../db/schema/index.js";
import { reusingPlans } from "../../db/tenant-scope.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { slaStateSql } from "../sla/sla.sql.js";
import type { LeadFilterParams, LeadOrderField } from "./lead.params.js";
import { visibleLeads } from "./lead-access.js";

/** A column of the lead row, by its key. */
export type LeadColumn = keyof LeadRow;

const LEAD_COLUMNS: ReadonlySet<string> = new Set(Object.keys(getTableColumns(leads)));

export function isLeadColumn(name: string): name is LeadColumn {
  return LEAD_COLUMNS.has(name);
}

const checkNarrowedRows = process.env.NODE_ENV !== "production";

/**
 * A row read with some columns only. Outside production, reading any other
 * column of the lead row throws, naming it: a resolver that reads a column
 * it did not declare (`ReadsLeadColumns`) would otherwise see it missing and
 * answer null.
 */
function narrowedRow(row: LeadRow, columns: ReadonlySet<LeadColumn>): LeadRow {
  if (!checkNarrowedRows) return row;
  return new Proxy(row, {
    get(target, key, receiver) {
      if (typeof key === "string" && LEAD_COLUMNS.has(key) && !columns.has(key as LeadColumn)) {
        throw new Error(`Lead column ${key} was not read for this page: declare it with @ReadsLeadColumns`);
      }
      return Reflect.get(target, key, receiver);
    },
  });
}

/** Orders services may use beyond the public ones: URGENCY is the inbox's "what to do next". */
export type InternalOrderField = LeadOrderField | "URGENCY";

export interface ListLeadsParams {
  filter?: LeadFilterParams | null;
  orderBy?: { field: InternalOrderField; direction: "ASC" | "DESC" } | null;
  /** Extra conditions from the calling service (inbox views), ANDed with visibility and filter. */
  where?: SQL[];
  first?: number | null;
  after?: string | null;
  /** The client asked for totalCount: count beside the page rather than after it. */
  countNow?: boolean;
  /**
   * Read only these columns (`leadColumnsSelected`); the page's rows then
   * hold only them. Absent or null: the whole row.
   */
  columns?: ReadonlySet<LeadColumn> | null;
}

export interface LeadPage {
  nodes: { lead: LeadRow; cursor: string }[];
  hasNextPage: boolean;
  /** Lazy: counted only when awaited (`pageCount`). */
  totalCount: PromiseLike<number>;
}

/**
 * A page's total, counted once: at once, beside the page's own statement on
 * another connection, when the client asked for it (`now`), else when first
 * awaited. Counting is the expensive half of a big list, and after the page
 * it would double the wait. A thenable rather than a promise, so nothing is
 * counted for a client that does not select the total; both GraphQL engines
 * (graphql/compiled-execution.ts) await it as a field's value.
 */
export function pageCount(count: () => Promise<number>, now: boolean | undefined): PromiseLike<number> {
  let total: Promise<number> | undefined;
  const get = () => {
    total ??= count();
    return total;
  };
  // Its failure reaches whoever awaits it; if the page itself failed, nobody will.
  if (now) get().catch(() => {});
  // biome-ignore lint/suspicious/noThenProperty: a lazy thenable on purpose
  return { then: (ok, fail) => get().then(ok, fail) };
}

/** No filter field set: the list shows everything the viewer may see. */
export function isUnfiltered(filter: LeadFilterParams | null | undefined): boolean {
  return (
    !filter || Object.values(filter).every((v) => v === null || v === undefined || (Array.isArray(v) && v.length === 0))
  );
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 200;

type SortKind = "timestamptz" | "int" | "text";

/**
 * Orders by a computed key (sortKey) that no index holds, so the statement sorts every match.
 * UPDATED_AT and SCORE have no index today either, but an index on their column would serve them,
 * and a total counted on the way would then read every match for nothing.
 */
const SORTED_IN_FULL: ReadonlySet<InternalOrderField> = new Set(["URGENCY", "SLA_DUE", "NEXT_ACTION_DUE"]);

/**
 * Sort keys per order field. Nullable keys are coalesced to ±infinity so that
 * rows without a value (no next action, SLA met) sort last in both directions
 * and the keyset comparison never meets a NULL.
 */
function sortKey(field: InternalOrderField, direction: "ASC" | "DESC"): { expr: SQL; kind: SortKind } {
  const last = direction === "ASC" ? sql`'infinity'::timestamptz` : sql`'-infinity'::timestamptz`;
  switch (field) {
    case "CREATED_AT":
      return { expr: sql`${leads.createdAt}`, kind: "timestamptz" };
    case "UPDATED_AT":
      return { expr: sql`${leads.updatedAt}`, kind: "timestamptz" };
    case "SCORE":
      return { expr: sql`${leads.score}`, kind: "int" };
    case "REQUEST_ID":
      return { expr: sql`${leads.requestId}`, kind: "int" };
    case "RANK":
      return { expr: sql`${leads.rank} collate "C"`, kind: "text" };
    case "NEXT_ACTION_DUE":
      return { expr: sql`coalesce(${leads.nextActionDueAt}, ${last})`, kind: "timestamptz" };
    case "URGENCY":
      // The earlier of the next action and a running first-response clock.
      return {
        expr: sql`coalesce(least(${leads.nextActionDueAt}, case when ${leads.firstResponseAt} is null and not ${leads.slaPaused} then ${leads.firstResponseDueAt} end), ${last})`,
        kind: "timestamptz",
      };
    case "SLA_DUE":
      // Only a running clock has a due time worth sorting by.
      return {
        expr: sql`coalesce(case when ${leads.firstResponseAt} is null and not ${leads.slaPaused} then ${leads.firstResponseDueAt} end, ${last})`,
        kind: "timestamptz",
      };
  }
}

function castParam(value: string, kind: SortKind): SQL {
  if (kind === "timestamptz") return sql`${value}::timestamptz`;
  if (kind === "int") return sql`${value}::int`;
  return sql`${value} collate "C"`;
}

/** Cursors are opaque to clients: base64url of [sort key as text, id]. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor(cursor: string): [string, string] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && typeof parsed[0] === "string" && isUuid(parsed[1])) return [parsed[0], parsed[1]];
  } catch {
    // falls through to the typed error
  }
  throw badInput([{ field: "after", message: "is not a cursor this API issued" }]);
}

/** An ILIKE pattern matching `text` anywhere, with LIKE's wildcards in it taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Bands by the tenant's cut-offs, as Lead.scoreBand reports them; each cut-off is read once per statement. */
export function scoreBandCondition(bands: readonly ScoreBand[], tenantId: string): SQL | undefined {
  const cutoff = (band: keyof BandCutoffs) =>
    sql`coalesce((select (${tenants.scoringRules} -> 'bands' ->> ${band}::text)::int from ${tenants} where ${tenants.id} = ${tenantId}), ${DEFAULT_BAND_CUTOFFS[band]})`;
  const cutoffs = { champion: cutoff("champion"), hot: cutoff("hot"), warm: cutoff("warm") };
  const ranges: Record<ScoreBand, SQL> = {
    CHAMPION: gte(leads.score, cutoffs.champion),
    HOT: and(gte(leads.score, cutoffs.hot), lt(leads.score, cutoffs.champion)) as SQL,
    WARM: and(gte(leads.score, cutoffs.warm), lt(leads.score, cutoffs.hot)) as SQL,
    COLD: lt(leads.score, cutoffs.warm),
  };
  return or(...bands.map((band) => ranges[band]));
}

/** Filter conditions shared by lists, boards and inbox views; the visibility predicate always comes first. */
export function leadFilterConditions(viewer: Viewer, filter: LeadFilterParams | null | undefined): SQL[] {
  return [visibleLeads(viewer), ...filterConditions(viewer, filter)];
}

/** The filter alone, for callers that apply visibility themselves (per visibility arm). */
export function filterConditions(viewer: Viewer, filter: LeadFilterParams | null | undefined): SQL[] {
  const conditions: SQL[] = [];
  if (!filter) return conditions;
  if (filter.pipelineId != null) {
    if (!isUuid(filter.pipelineId)) throw badInput([{ field: "filter.pipelineId", message: "is not a pipeline id" }]);
    conditions.push(eq(leads.pipelineId, filter.pipelineId));
  }
  if (filter.status?.length) conditions.push(inArray(leads.status, filter.status));
  if (filter.ownerId != null) {
    if (!isUuid(filter.ownerId)) throw badInput([{ field: "filter.ownerId", message: "is not a user id" }]);
    conditions.push(eq(leads.ownerId, filter.ownerId));
  }
  if (filter.unassigned) conditions.push(isNull(leads.ownerId));
  if (filter.mine) conditions.push(or(eq(leads.ownerId, viewer.userId), eq(leads.claimedById, viewer.userId)) as SQL);
  if (filter.source?.length) conditions.push(inArray(leads.source, filter.source));
  if (filter.scoreBand?.length) conditions.push(scoreBandCondition(filter.scoreBand, viewer.tenantId) as SQL);
  if (filter.slaState?.length) conditions.push(inArray(slaStateSql(), filter.slaState));
  if (filter.queueId != null) {
    if (!isUuid(filter.queueId)) throw badInput([{ field: "filter.queueId", message: "is not a queue id" }]);
    conditions.push(eq(leads.queueId, filter.queueId));
  }
  const search = filter.search?.trim();
  if (search) {
    const pattern = containsPattern(search);
    conditions.push(
      or(
        ilike(leads.name, pattern),
        ilike(leads.email, pattern),
        ilike(leads.companyName, pattern),
        ilike(leads.phone, pattern),
        /^\d+$/.test(search) ? eq(leads.requestId, Number(search)) : undefined,
      ) as SQL,
    );
  }
  if (filter.createdFrom) conditions.push(gte(leads.createdAt, filter.createdFrom));
  if (filter.createdTo) conditions.push(lt(leads.createdAt, filter.createdTo));
  return conditions;
}

/**
 * Keyset pagination: the page query seeks past the cursor's (key, id) using
 * the order's index, so page 1,000 costs what page 1 does. The total counts
 * the same filter without the cursor, only when asked for.
 */
export async function listLeads(db: Executor, viewer: Viewer, params: ListLeadsParams): Promise<LeadPage> {
  const first = params.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw badInput([{ field: "first", message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
  }
  const field = params.orderBy?.field ?? "CREATED_AT";
  const direction = params.orderBy?.direction ?? "DESC";
  const { expr, kind } = sortKey(field, direction);
  const conditions = [...leadFilterConditions(viewer, params.filter), ...(params.where ?? [])];
  const columns = params.columns ?? null;
  const pageConditions = [...conditions];
  if (params.after) {
    const [key, id] = decodeCursor(params.after);
    const op = direction === "ASC" ? sql`>` : sql`<`;
    pageConditions.push(sql`(${expr}, ${leads.id}) ${op} (${castParam(key, kind)}, ${id}::uuid)`);
  }
  const order = direction === "ASC" ? sql`${expr} asc, ${leads.id} asc` : sql`${expr} desc, ${leads.id} desc`;
  // Everything the tenant has: the trigger-kept per-stage counts add up to it, cheaply enough to
  // ride along in the page's own statement when the client asks for the total.
  const countsEverything = viewer.permissions.viewAll && isUnfiltered(params.filter) && !params.where?.length;
  const tenantTotal = sql`(select coalesce(sum(${stageCounts.leads}), 0) from ${stageCounts} where ${stageCounts.tenantId} = ${viewer.tenantId})`;
  // An order no index serves reads and sorts every match before it keeps a page, so on the first
  // page a window over the matches counts them on the way, where a count of its own would find
  // them all again (the NOW inbox: docs/performance.md).
  const countsMatches = !countsEverything && SORTED_IN_FULL.has(field) && !params.after;
  const total = countsEverything ? tenantTotal : countsMatches ? sql`count(*) over ()` : null;
  const totalAlong = total !== null && params.countNow === true && first > 0;
  const separateCount = pageCount(
    () =>
      countsEverything
        ? db
            .select({ n: sql<string>`${tenantTotal}` })
            .from(sql`(select 1) as one`)
            .then((r) => Number(r[0]?.n ?? 0))
        : db
            .select({ n: count() })
            .from(leads)
            .where(and(...conditions))
            .then((r) => Number(r[0]?.n ?? 0)),
    params.countNow && !totalAlong,
  );
  // Written out and mapped by rows.ts's column table rather than through the query builder: every
  // list, inbox view and REST page runs it, and the builder's per-column work was a tenth of a
  // list request's CPU (docs/performance.md).
  const read = () =>
    db.execute(sql`select ${sql.raw(selectListOf(leads, columns))}, (${expr})::text as sort_key
      ${totalAlong ? sql`, (${total})::text as total_count` : sql``}
      from ${leads} where ${and(...pageConditions)} order by ${order} limit ${first + 1}`);
  // With no filter and nothing hidden from the viewer, the best plan is the same for every tenant
  // and page (the tenant's sort index, read from the cursor on): kept rather than made anew each
  // time (reusingPlans). A filter or a rep's visibility is planned for its values.
  const rows = first === 0 ? [] : rowsOf(await (countsEverything ? reusingPlans(async () => await read()) : read()));
  // A page past the end has no row to carry the total: it is counted on its own, unless no row
  // matched at all.
  const carried = !totalAlong ? null : rows[0] ? Number(rows[0].total_count) : countsMatches ? 0 : null;
  const totalCount = carried === null ? separateCount : Promise.resolve(carried);
  const page = rows.slice(0, first);
  return {
    nodes: page.map((raw) => {
      const row = fromDriverRow(leads, raw, columns);
      const lead = columns ? narrowedRow(row, columns) : row;
      // Encoded when read: a page's client rarely asks for every edge's cursor.
      return {
        lead,
        get cursor() {
          return encodeCursor(raw.sort_key as string, lead.id);
        },
      };
    }),
    hasNextPage: rows.length > first,
    totalCount,
  };
}
