import { randomUUID } from "node:crypto";
import { type DuplicateResolution, FieldErrors, initialRank, normalizeEmail, slaTimes } from "@leadline/shared";
import { and, eq, getTableName } from "drizzle-orm";
import { type Database, type Executor, runPrepared } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { fromDriverRow, toDriverColumns } from "../../db/rows.js";
import {
  type LeadRow,
  leadEvents,
  leads,
  type NewLeadRow,
  type TenantRow,
  tenantCounters,
  tenants,
} from "../../db/schema/index.js";
import { AppError, assertFoundOrThrow, badInput, conflict, forbidden } from "../../graphql/errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { DuplicateMatchRow } from "../duplicates/duplicate-match.js";
import { resolveNewLeadDuplicates } from "../duplicates/duplicate-prompt.js";
import { type AppendLeadEventParams, leadEventValues, listLeadEvents } from "../events/event.service.js";
import { attachFilesOrThrow } from "../files/attachments.js";
import type { PipelineService } from "../pipeline/pipeline.service.js";
import { recordNewLeadScore, rescoreLockedLead, scoreNewLead } from "../scoring/score-recompute.js";
import type { SlaService } from "../sla/sla.service.js";
import type { ExpiryService } from "../workflow/expiry.service.js";
import type { ServiceJourneyService } from "../workflow/service-journey.service.js";
import type { CreateLeadParams, UpdateLeadParams } from "./lead.params.js";
import { normalizeAttachments, normalizeAttribution, normalizeEditable, text } from "./lead.validation.js";
import { lockWorkableLeadOrThrow, visibleLeads } from "./lead-access.js";
import { type LeadPage, type ListLeadsParams, listLeads, MAX_PAGE_SIZE } from "./lead-query.js";
import { findCompanyClashes, resolveReferences } from "./lead-references.js";
import { writeLeadChange } from "./lead-writes.js";

export interface FindLeadParams {
  id?: string | null;
  requestId?: number | null;
}

export interface CreateLeadOutcome {
  /** The new lead; the lead merged into (MERGE); null when duplicates await the caller's choice. */
  lead: LeadRow | null;
  duplicates: DuplicateMatchRow[];
  merged: boolean;
}

export class LeadService {
  constructor(
    private readonly db: Database,
    private readonly pipelines: PipelineService,
    private readonly sla: SlaService,
    private readonly journey: ServiceJourneyService,
    private readonly expiry: ExpiryService,
  ) {}

  /** For operator scripts (demo data) that write leads in bulk. */
  get database(): Database {
    return this.db;
  }

  async findLead(viewer: Viewer, params: FindLeadParams): Promise<LeadRow | null> {
    if ((params.id == null) === (params.requestId == null)) {
      throw badInput([{ field: "id", message: "give exactly one of id or requestId" }]);
    }
    if (params.id != null && !isUuid(params.id)) return null;
    const key = params.id != null ? eq(leads.id, params.id) : eq(leads.requestId, params.requestId as number);
    const [lead] = await this.db
      .select()
      .from(leads)
      .where(and(visibleLeads(viewer), key));
    return lead ?? null;
  }

  listLeads(viewer: Viewer, params: ListLeadsParams): Promise<LeadPage> {
    return listLeads(this.db, viewer, params);
  }

  /** A visible lead's timeline from the event log, oldest first. */
  async activitiesOf(viewer: Viewer, lead: LeadRow, page: { first?: number | null; after?: string | null }) {
    if (lead.tenantId !== viewer.tenantId) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    const first = page.first ?? 50;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
      throw badInput([{ field: "first", message: `must be between 0 and ${MAX_PAGE_SIZE}` }]);
    }
    const after = page.after == null ? null : Number(page.after);
    if (after !== null && !Number.isSafeInteger(after))
      throw badInput([{ field: "after", message: "is not a cursor this API issued" }]);
    const rows = await listLeadEvents(this.db, viewer.tenantId, lead.id, first, after);
    const edges = rows.slice(0, first).map((row) => ({
      cursor: String(row.sequence),
      node: {
        id: String(row.sequence),
        type: row.type,
        data: row.payload,
        createdAt: row.createdAt,
        actorUserId: row.actorUserId,
      },
    }));
    return { edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * Validates everything first, then takes the tenant's next requestId and
   * inserts the lead and its CREATED event in one transaction. The counter row
   * is locked until commit, so concurrent creates get distinct consecutive
   * numbers, and a create that fails rolls its number back: no gaps.
   * Duplicates are checked before that (see resolveNewLeadDuplicates).
   */
  async createLead(
    viewer: Viewer,
    input: CreateLeadParams,
    onDuplicate?: DuplicateResolution | null,
  ): Promise<CreateLeadOutcome> {
    if (!viewer.permissions.create) throw forbidden("Your roles do not allow creating leads");
    const now = new Date();
    // Configuration is read before the transaction: it takes no locks and needs none.
    const { tenant, pipeline, stages } = await this.pipelines.creationContextOrThrow(viewer.tenantId, input.pipelineId);
    return this.db.transaction(async (tx) => {
      const errors = new FieldErrors();
      const name = text(errors, "name", input.name);
      if (!name) errors.add("name", "is required");
      const values = normalizeEditable(input, tenant.defaultCountry, errors, now);
      const newCompany = !input.existingCompanyId;
      if (!newCompany) {
        for (const field of ["companyName", "companyWebsite", "companyTin"] as const) {
          if (values[field]) errors.add(field, "must be empty when an existing company is chosen");
        }
      }
      const files = input.attachments ? normalizeAttachments(input.attachments, errors) : [];
      const customerEmail = input.customerEmail?.trim()
        ? errors.take("customerEmail", normalizeEmail(input.customerEmail))
        : undefined;

      const ownerId = input.ownerId ?? this.defaultOwner(viewer);
      if (ownerId && ownerId !== viewer.userId && !viewer.permissions.manage) {
        throw forbidden("Only managers may assign a lead to someone else");
      }
      const refs = await resolveReferences(
        tx,
        viewer.tenantId,
        {
          // The viewer was found active when authenticated; only someone else needs a lookup.
          ownerId: ownerId === viewer.userId ? null : ownerId,
          partnerRepresentativeId: values.partnerRepresentativeId,
          vendorId: input.vendorId,
          existingCompanyId: input.existingCompanyId,
          partnerCompanyId: values.partnerCompanyId,
          existingContactId: input.existingContactId,
          queueId: input.queueId,
        },
        errors,
      );
      // A chosen contact supplies the reachability the lead needs.
      const email = values.email ?? refs.contact?.email ?? null;
      const phone = values.phone ?? refs.contact?.phone ?? null;
      if (!email && !phone && !errors.list.some((e) => e.field === "email" || e.field === "phone")) {
        errors.add("email", "give an email or a phone number");
        errors.add("phone", "give a phone number or an email");
      }
      if (!errors.empty) throw badInput(errors.list);
      if (newCompany) {
        const clashes = await findCompanyClashes(tx, viewer.tenantId, values);
        if (clashes.length)
          throw conflict(`Company already exists: ${clashes.map((c) => c.field).join(", ")}`, clashes);
      }
      const attribution = input.attribution ? normalizeAttribution(input.attribution, now) : null;
      const decision = await resolveNewLeadDuplicates(
        tx,
        viewer,
        {
          ...values,
          name: name as string,
          email,
          phone,
          attribution,
          companyId: input.existingCompanyId ?? refs.contact?.companyId ?? null,
          contactId: input.existingContactId ?? null,
          existingContactId: input.existingContactId,
        },
        onDuplicate,
        files,
      );
      // The merge prompt (nothing created, no requestId taken), or merged into an existing lead.
      if (!decision.create) {
        return { lead: decision.lead, duplicates: decision.duplicates, merged: decision.lead !== null };
      }
      // MERGE with only a tenant contact matching makes the lead for that contact, as existingContactId would.
      const contact = refs.contact ?? decision.contact ?? undefined;
      const start = await this.journey.startFor(tx, viewer, tenant, stages, customerEmail, values);
      const stage = stages[0];
      assertFoundOrThrow(stage, "Pipeline stage");
      const initial = scoreNewLead(tenant, stages, values.jobTitle, start.status ?? stage.key);
      const sla = slaTimes(now, {
        firstResponseMinutes: tenant.slaFirstResponseMinutes,
        atRiskPercent: tenant.slaAtRiskPercent,
      });

      const row: NewLeadRow = {
        ...values,
        id: randomUUID(),
        tenantId: viewer.tenantId,
        requestId: 0,
        pipelineId: pipeline.id,
        status: initial.status,
        score: initial.score,
        rank: initialRank(now),
        source: input.source,
        channel: viewer.via.kind === "apiKey" ? "API" : "MANUAL",
        name: name as string,
        email,
        phone,
        firstName: values.firstName ?? contact?.firstName ?? null,
        lastName: values.lastName ?? contact?.lastName ?? null,
        companyId: input.existingCompanyId ?? contact?.companyId ?? null,
        contactId: contact?.id ?? null,
        ownerId: ownerId ?? null,
        partnerRepresentativeId:
          values.partnerRepresentativeId ?? (viewer.roles.includes("PARTNER") ? viewer.userId : null),
        partnerCompanyId: values.partnerCompanyId ?? (isPartner(viewer) ? viewer.partnerCompanyId : null),
        customerId: start.customerId,
        vendorId: input.vendorId ?? null,
        createdById: viewer.userId,
        queueId: input.queueId ?? null,
        attribution,
        firstResponseDueAt: sla.firstResponseDueAt,
        slaAtRiskAt: sla.atRiskAt,
        slaPaused: start.paused,
        slaState: start.paused ? "PAUSED" : "ON_TRACK",
        createdAt: now,
        updatedAt: now,
        lastActivityAt: now,
      };
      const timers = { id: row.id as string, slaAtRiskAt: sla.atRiskAt, firstResponseDueAt: sla.firstResponseDueAt };
      // Timers first: the requestId counter stays locked from the insert to COMMIT, so nothing
      // that can run before it should run after it.
      if (!start.paused) await this.sla.scheduleTimers(tx, timers);
      await this.expiry.schedule(tx, { id: timers.id, expiresAt: row.expiresAt ?? null });
      const lead = await insertWithRequestId(tx, row, {
        tenantId: viewer.tenantId,
        leadId: row.id as string,
        type: "CREATED",
        actor: viewer,
        payload: { status: row.status, pipelineId: pipeline.id, source: row.source, channel: row.channel },
      });
      await recordNewLeadScore(tx, lead, initial);
      await this.journey.queueInvitation(tx, lead, viewer, start);
      // Uploads staged for this new lead are bound to it; links are kept as given.
      await attachFilesOrThrow(tx, viewer, lead.id, files);
      return { lead, duplicates: decision.duplicates, merged: false };
    });
  }

  /**
   * Locks the row, checks the caller's expected version, and writes the new
   * version with an UPDATED event listing each changed field's old and new
   * value. Two stale writers cannot both win: the second sees CONFLICT.
   */
  async updateLead(
    viewer: Viewer,
    id: string,
    input: UpdateLeadParams,
    expectedVersion?: number | null,
  ): Promise<LeadRow> {
    return this.db.transaction(async (tx) => {
      const lead = await lockWorkableLeadOrThrow(tx, viewer, id);
      if (expectedVersion != null && expectedVersion !== lead.version) {
        throw conflict(
          `Lead changed since you loaded it (version ${lead.version}, you had ${expectedVersion})`,
          undefined,
          {
            currentVersion: lead.version,
          },
        );
      }
      const tenant = await this.tenantOf(tx, viewer.tenantId);
      const errors = new FieldErrors();
      const values = normalizeEditable(input, tenant.defaultCountry, errors, new Date());
      if (input.name !== undefined) {
        const name = text(errors, "name", input.name);
        if (!name) errors.add("name", "is required");
        else values.name = name;
      }
      if (input.outcome !== undefined) values.outcome = text(errors, "outcome", input.outcome);
      if (lead.companyId) {
        for (const field of ["companyName", "companyWebsite", "companyTin"] as const) {
          if (values[field]) errors.add(field, "the lead is linked to an existing company; edit the company instead");
        }
      }
      await resolveReferences(
        tx,
        viewer.tenantId,
        { partnerRepresentativeId: values.partnerRepresentativeId, partnerCompanyId: values.partnerCompanyId },
        errors,
      );
      const email = values.email !== undefined ? values.email : lead.email;
      const phone = values.phone !== undefined ? values.phone : lead.phone;
      if (!email && !phone && !errors.list.some((e) => e.field === "email" || e.field === "phone")) {
        errors.add(values.email === null ? "email" : "phone", "a lead keeps an email or a phone number");
      }
      if (!errors.empty) throw badInput(errors.list);

      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [key, value] of Object.entries(values) as [keyof LeadRow, unknown][]) {
        const before = lead[key];
        if (!sameValue(before, value)) changes[key] = { from: before, to: value };
      }
      if (Object.keys(changes).length === 0) return lead;
      const clashes = await findCompanyClashes(tx, viewer.tenantId, {
        companyName: "companyName" in changes ? values.companyName : undefined,
        companyWebsite: "companyWebsite" in changes ? values.companyWebsite : undefined,
        companyTin: "companyTin" in changes ? values.companyTin : undefined,
      });
      if (clashes.length) throw conflict(`Company already exists: ${clashes.map((c) => c.field).join(", ")}`, clashes);
      const updated = await writeLeadChange(tx, lead, values, { type: "UPDATED", actor: viewer, payload: { changes } });
      if ("expiresAt" in changes) await this.expiry.schedule(tx, updated);
      // The title's ICP and negative keywords are part of the score.
      if ("jobTitle" in changes) return rescoreLockedLead(tx, updated, { actor: viewer });
      return updated;
    });
  }

  private defaultOwner(viewer: Viewer): string | null {
    // A rep's own lead is theirs; leads entered by managers, marketing or partners start in the pool.
    return viewer.roles.includes("SALES") && !viewer.permissions.manage ? viewer.userId : null;
  }

  private async tenantOf(tx: Executor, tenantId: string): Promise<TenantRow> {
    const [tenant] = await tx.select().from(tenants).where(eq(tenants.id, tenantId));
    if (!tenant) throw new AppError("UNAUTHENTICATED", "Tenant no longer exists");
    return tenant;
  }
}

function isPartner(viewer: Viewer): boolean {
  return viewer.roles.includes("PARTNER") || viewer.roles.includes("PARTNER_SUPERVISOR");
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return (a ?? null) === (b ?? null);
}

/**
 * The create statement's text for each set of columns a create gives (a few:
 * forms send much the same fields). Drizzle's builder spent about a
 * millisecond of CPU on this 60-column statement per create, on the event
 * loop that also has to send the COMMIT which frees the tenant's counter.
 */
const createStatements = new Map<string, string>();

function createStatement(leadColumns: readonly string[], eventColumns: readonly string[]): string {
  let n = 1; // $1 is the tenant, for the counter
  const params = (names: readonly string[]) => names.map(() => `$${++n}`).join(", ");
  const columns = (names: readonly string[]) => names.map((name) => `"${name}"`).join(", ");
  const leadValues = params(leadColumns);
  const eventValues = params(eventColumns);
  const payload = `$${++n}`;
  return `with counter as (
      insert into "${getTableName(tenantCounters)}" (tenant_id, name, value) values ($1, 'lead', 1)
      on conflict (tenant_id, name) do update set value = "${getTableName(tenantCounters)}".value + 1 returning value),
    new_lead as (
      insert into "${getTableName(leads)}" (${columns(leadColumns)}, request_id)
      values (${leadValues}, (select value from counter)) returning *),
    new_event as (
      insert into "${getTableName(leadEvents)}" (${columns(eventColumns)}, payload)
      values (${eventValues}, ${payload}::jsonb || jsonb_build_object('requestId', (select value from counter))))
    select * from new_lead`;
}

/**
 * Takes the tenant's next requestId and inserts the lead and its event in ONE
 * statement. The counter row stays locked until commit (that is what keeps
 * the numbers gap-free), so it is taken last, after every check, and held for
 * one statement and the COMMIT only. The event's foreign key to the lead is
 * checked at the end of the statement, when both rows exist.
 */
async function insertWithRequestId(tx: Executor, row: NewLeadRow, event: AppendLeadEventParams): Promise<LeadRow> {
  const lead = toDriverColumns(leads, { ...row, requestId: undefined });
  const { payload, ...eventRow } = leadEventValues(event);
  const logged = toDriverColumns(leadEvents, eventRow);
  const shape = `${lead.names.join()}|${logged.names.join()}`;
  let text = createStatements.get(shape);
  if (!text) {
    text = createStatement(lead.names, logged.names);
    createStatements.set(shape, text);
  }
  const [raw] = await runPrepared(tx, {
    sql: text,
    params: [row.tenantId, ...lead.values, ...logged.values, JSON.stringify(payload)],
  });
  assertFoundOrThrow(raw, "Lead");
  return fromDriverRow(leads, raw);
}
