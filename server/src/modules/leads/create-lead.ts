import { randomUUID } from "node:crypto";
import {
  type DuplicateResolution,
  FieldErrors,
  type IntakeChannel,
  initialRank,
  LEAD_COMPANY_FIELDS,
  normalizeEmail,
  slaTimes,
} from "@leadline/shared";
import type { Database, Executor, Transaction, WrittenQuery } from "../../db/client.js";
import type { LeadRow, NewLeadRow, RoutingRuleRow, TenantRow } from "../../db/schema/index.js";
import { TenantConfigCache } from "../../db/tenant-config-cache.js";
import { reusingPlans } from "../../db/tenant-scope.js";
import { assertFoundOrThrow, badInput, conflict, forbidden } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { DuplicateMatchRow } from "../duplicates/duplicate-match.js";
import {
  decideNewLeadDuplicatesOfMany,
  mergeNewLeadInto,
  type NewLeadCandidate,
  type NewLeadDecision,
} from "../duplicates/duplicate-prompt.js";
import { attachFilesOrThrow } from "../files/attachments.js";
import type { AttachmentParams, CreateLeadParams } from "../lead-core/lead.params.js";
import {
  normalizeAttachments,
  normalizeAttribution,
  normalizeEditable,
  requiredText,
} from "../lead-core/lead.validation.js";
import { findCompanyClashes, resolveReferences } from "../lead-core/lead-references.js";
import { insertManyWithRequestIds, MAX_ROWS_PER_STATEMENT } from "../lead-core/lead-writes.js";
import type { PipelineService } from "../pipeline/pipeline.service.js";
import { type RoutableLead, ruleMatches } from "../routing/routing.rules.js";
import type { RoutingService } from "../routing/routing.service.js";
import { recordNewLeadScores, rescoreLockedLead, scoreNewLead } from "../scoring/score-recompute.js";
import type { ExpiryService } from "../workflow/expiry.service.js";
import type { ServiceJourneyService } from "../workflow/service-journey.service.js";

/**
 * How a create treats likely duplicates: PROMPT creates nothing and answers
 * the matches (manual entry's merge prompt); MERGE fills the best matching
 * lead instead; KEEP_BOTH creates and lists them.
 */
export type DuplicatePolicy = "PROMPT" | DuplicateResolution;

/** One lead from any channel: what was given, where it came from, and the channel's policies. */
export interface CreateLeadCommand {
  input: CreateLeadParams;
  channel: IntakeChannel;
  duplicates: DuplicatePolicy;
  /** Machine channels: the tenant's routing rules place the lead, after scoring, in the same transaction. */
  route: boolean;
  /** The tenant's routing rules, when the caller read them already (a batch reads them once). */
  rules?: readonly RoutingRuleRow[];
  /** A capture form's submission: the lead links to the form, and goes to the form's queue when no rule routes it. */
  form?: { id: string; queueId: string | null };
}

/** How a batch sits in its caller's transaction. */
export interface RunOptions {
  /**
   * The caller runs nothing after the batch in its transaction: when no
   * lead needs a write after its insert, the insert goes with the commit
   * (`insertManyWithRequestIds`), and the tenant's counter is held no
   * longer than PostgreSQL takes to run the two.
   */
  endsTransaction?: boolean;
  /**
   * The caller's transaction ends with the leads, and this statement ends it
   * (an idempotency receipt) when it can ride in their insert: when the
   * insert is the batch's last write (as for `endsTransaction`), it is built
   * from each lead's planned outcome, in input order, and written into the
   * insert statement, where it reads the new leads as `new_lead`
   * (`insertManyWithRequestIds`); the insert then carries the commit. It is
   * not called otherwise, and the caller ends the transaction itself.
   */
  closing?: (leads: readonly PlannedOutcome[]) => WrittenQuery;
}

/** A lead as it is known before its insert returns: a new lead's requestId is the insert's to give. */
export interface PlannedLead {
  id: string;
  status: string;
  requestId?: number;
}

/** A lead of the batch as a closing statement is built from it. */
export interface PlannedOutcome {
  lead: PlannedLead;
  duplicates: DuplicateMatchRow[];
  merged: boolean;
}

/** A batch item was refused: `index` is its place in the batch, `cause` the refusal. */
export class BatchItemError extends Error {
  constructor(
    readonly index: number,
    override readonly cause: unknown,
  ) {
    super(`item ${index}: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** What a batch's creates share: the channel and its policies (without `duplicates`, the tenant's for machine channels). */
export type BatchOptions = Pick<CreateLeadCommand, "channel" | "route" | "form"> & { duplicates?: DuplicatePolicy };

/** A batch read and ready to run: each lead's place, the routing rules. */
export interface LeadBatchPlan {
  inputs: readonly CreateLeadParams[];
  options: BatchOptions;
  places: LeadPlace[];
  rules: RoutingRuleRow[];
}

/** A new lead decided and not yet written. */
interface PreparedCreate {
  index: number;
  row: NewLeadRow;
  initial: ReturnType<typeof scoreNewLead>;
  start: Awaited<ReturnType<ServiceJourneyService["startFor"]>>;
  files: AttachmentParams[];
  duplicates: DuplicateMatchRow[];
}

/** The tenant, pipeline and stages a new lead is placed by. */
export type LeadPlace = Awaited<ReturnType<PipelineService["creationContextOrThrow"]>>;

export interface CreateLeadOutcome {
  /** The new lead; the lead merged into (MERGE); null when duplicates await the caller's choice. */
  lead: LeadRow | null;
  duplicates: DuplicateMatchRow[];
  merged: boolean;
}

/** A create that passed validation: the row's values and what the later steps need. */
interface ValidDraft {
  name: string;
  values: Partial<NewLeadRow>;
  email: string | null;
  phone: string | null;
  ownerId: string | null;
  customerEmail: string | undefined;
  files: AttachmentParams[];
  refs: Awaited<ReturnType<typeof resolveReferences>>;
  candidate: NewLeadCandidate;
}

/**
 * THE way a lead comes into being, for every channel (GraphQL, REST, webhook,
 * form, import, the demo seed): validate → duplicate decision → service
 * journey → score → insert with its CREATED event → route. One transaction:
 * either the lead exists with its number, event, timers, score and route, or
 * nothing does.
 */
export class CreateLead {
  constructor(
    private readonly db: Database,
    private readonly pipelines: PipelineService,
    private readonly journey: ServiceJourneyService,
    private readonly expiry: ExpiryService,
    private readonly routing: RoutingService,
  ) {}

  /** Where each tenant's leads go and its routing rules, reused at the viewer's configuration version. */
  private readonly places = new TenantConfigCache<LeadPlace>();
  private readonly rules = new TenantConfigCache<RoutingRuleRow[]>();

  async run(viewer: Viewer, command: CreateLeadCommand): Promise<CreateLeadOutcome> {
    if (!viewer.permissions.create) throw forbidden("Your roles do not allow creating leads");
    // Configuration is read before the transaction: it takes no locks and needs none.
    const where = await this.placeOf(viewer, command.input.pipelineId);
    // Nothing follows the create in this transaction: it may commit with its last statement.
    return this.transaction((tx) => this.runIn(tx, viewer, command, where, { endsTransaction: true }));
  }

  /**
   * The transaction every channel's creates run in (`runIn`, `runManyIn`),
   * with whatever the channel keeps beside them (a receipt, an import's
   * counters). Its statements find rows by key, so it keeps PostgreSQL's
   * plans (`reusingPlans`): planning them for every lead cost more than
   * running them (docs/performance.md).
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    return reusingPlans(() => this.db.transaction(work));
  }

  /**
   * Where a lead of this tenant goes (tenant settings, the pipeline named or
   * the default, its stages): read once per batch by channels that create many.
   */
  placeOf(viewer: Viewer, pipelineId: string | null | undefined): Promise<LeadPlace> {
    return this.places.get(`${viewer.tenantId}:${pipelineId ?? ""}`, viewer.configVersion, async () => {
      const place = await this.pipelines.creationContextOrThrow(viewer.tenantId, pipelineId);
      return { version: place.tenant.configVersion, value: place };
    });
  }

  /** The tenant's routing rules, for a channel that creates many leads and reads them once. */
  routingRulesOf(viewer: Viewer): Promise<RoutingRuleRow[]> {
    return this.rules.get(viewer.tenantId, viewer.configVersion, () =>
      this.routing.versionedRulesOf(this.db, viewer.tenantId),
    );
  }

  /**
   * Reads, before the batch's transaction, where each lead goes and the
   * routing rules: configuration takes no locks, and an embedded database has
   * one connection, which the transaction holds. A refusal (a pipeline not
   * the tenant's) throws `BatchItemError` naming the item's index.
   */
  async planMany(
    viewer: Viewer,
    inputs: readonly CreateLeadParams[],
    /** Without `duplicates`, the tenant's policy for machine channels applies. */
    options: BatchOptions,
  ): Promise<LeadBatchPlan> {
    if (!viewer.permissions.create) throw forbidden("Your roles do not allow creating leads");
    // The rules are read beside the places, not after them: one round trip less for a single lead.
    const rulesRead = options.route ? this.routingRulesOf(viewer) : Promise.resolve([]);
    rulesRead.catch(() => {});
    const byPipeline = new Map<string, Promise<LeadPlace>>();
    const places: LeadPlace[] = [];
    for (const [index, input] of inputs.entries()) {
      const key = input.pipelineId ?? "";
      let place = byPipeline.get(key);
      if (!place) {
        place = this.placeOf(viewer, input.pipelineId);
        byPipeline.set(key, place);
      }
      places.push(
        await place.catch((error: unknown) => {
          throw new BatchItemError(index, error);
        }),
      );
    }
    const rules = await rulesRead;
    return { inputs, options, places, rules };
  }

  /**
   * A planned batch inside the caller's transaction, all or none (a webhook
   * or REST batch, an import chunk, or one lead: `runIn` is a batch of one).
   * Set-based where the batch allows: one duplicate query for all, one
   * statement for every new lead with its number and CREATED event, one for
   * their timers and one for their scores. A lead that repeats an earlier
   * lead of the same batch (same email or phone) waits until those are
   * written, then goes through alone, so it meets them as it would have
   * arrived after them. A refusal throws `BatchItemError` naming the item.
   */
  async runManyIn(
    tx: Executor,
    viewer: Viewer,
    plan: LeadBatchPlan,
    options: RunOptions = {},
  ): Promise<CreateLeadOutcome[]> {
    if (!viewer.permissions.create) throw forbidden("Your roles do not allow creating leads");
    const now = new Date();
    const at = async <T>(index: number, work: () => Promise<T>): Promise<T> => {
      try {
        return await work();
      } catch (error) {
        throw error instanceof BatchItemError ? error : new BatchItemError(index, error);
      }
    };
    const drafts: ValidDraft[] = [];
    for (const [index, input] of plan.inputs.entries()) {
      const place = plan.places[index] as LeadPlace;
      drafts.push(await at(index, () => this.validateOrThrow(tx, viewer, place.tenant, input, now)));
    }
    const later = repeatsWithinBatch(drafts);
    const firstPass = plan.inputs.map((_, i) => i).filter((i) => !later.has(i));
    const policyOf = (i: number) =>
      plan.options.duplicates ?? (plan.places[i] as LeadPlace).tenant.intakeDuplicatePolicy;
    const decisions = await decideNewLeadDuplicatesOfMany(
      tx,
      viewer,
      firstPass.map((i) => {
        const policy = policyOf(i);
        return {
          candidate: (drafts[i] as ValidDraft).candidate,
          resolution: policy === "PROMPT" ? null : policy,
          mergeOnKeysOnly: plan.options.channel !== "MANUAL",
        };
      }),
    );
    const outcomes: (CreateLeadOutcome | undefined)[] = plan.inputs.map(() => undefined);
    const creates: PreparedCreate[] = [];
    for (const [k, i] of firstPass.entries()) {
      const decision = decisions[k] as NewLeadDecision;
      const draft = drafts[i] as ValidDraft;
      if (decision.kind === "prompt") {
        outcomes[i] = { lead: null, duplicates: decision.duplicates, merged: false };
      } else if (decision.kind === "merge") {
        outcomes[i] = await at(i, async () => {
          const merged = await mergeNewLeadInto(tx, viewer, decision.targetId, draft.candidate);
          await attachFilesOrThrow(tx, viewer, merged.id, draft.files);
          // A job title it lacked may now score.
          const lead = await rescoreLockedLead(tx, merged, { actor: viewer });
          return { lead, duplicates: decision.duplicates, merged: true };
        });
      } else {
        // MERGE with only a tenant contact matching makes the lead for that contact, as existingContactId would.
        const contact = draft.refs.contact ?? decision.contact ?? undefined;
        const place = plan.places[i] as LeadPlace;
        const prepared = await at(i, () =>
          this.prepare(tx, viewer, plan.inputs[i] as CreateLeadParams, plan.options, place, draft, contact, now),
        );
        creates.push({ ...prepared, index: i, duplicates: decision.duplicates });
      }
    }
    // The insert is the transaction's last statement when the caller runs nothing after the batch,
    // no item repeats an earlier one, and no lead needs a write of its own after its insert.
    const last =
      (options.endsTransaction === true || options.closing !== undefined) &&
      later.size === 0 &&
      !creates.some((c) => writesAfterInsert(c, plan));
    // The closing statement rides in the insert, built from the rows about to be written; with one,
    // the insert ends the transaction only when it carries it.
    const rides = last && options.closing && creates.length > 0 && creates.length <= MAX_ROWS_PER_STATEMENT;
    const closing = rides ? options.closing?.(plannedOutcomes(plan, creates, outcomes)) : undefined;
    const made = await this.writeNew(tx, viewer, creates, options.closing ? closing !== undefined : last, closing);
    for (const [k, create] of creates.entries()) {
      const lead = made[k] as LeadRow;
      outcomes[create.index] = await at(create.index, async () => ({
        lead: await this.routeNew(tx, lead, plan),
        duplicates: create.duplicates,
        merged: false,
      }));
    }
    for (const i of later) {
      const [outcome] = await at(i, () =>
        this.runManyIn(tx, viewer, {
          ...plan,
          inputs: [plan.inputs[i] as CreateLeadParams],
          places: [plan.places[i] as LeadPlace],
        }),
      );
      outcomes[i] = outcome;
    }
    return outcomes as CreateLeadOutcome[];
  }

  /**
   * One create inside the caller's transaction: a batch of one, so a single
   * lead and a batch take exactly the same steps.
   */
  async runIn(
    tx: Executor,
    viewer: Viewer,
    command: CreateLeadCommand,
    where: LeadPlace,
    run: RunOptions = {},
  ): Promise<CreateLeadOutcome> {
    const { input, rules, ...options } = command;
    const plan: LeadBatchPlan = {
      inputs: [input],
      options,
      places: [where],
      rules: command.route ? [...(rules ?? (await this.routing.rulesOf(tx, viewer.tenantId)))] : [],
    };
    try {
      const [outcome] = await this.runManyIn(tx, viewer, plan, run);
      return outcome as CreateLeadOutcome;
    } catch (error) {
      throw error instanceof BatchItemError ? error.cause : error;
    }
  }

  /** A new lead routed (`routeOf`): by the first matching rule, or to its form's queue when none matches. */
  private async routeNew(tx: Executor, lead: LeadRow, plan: LeadBatchPlan): Promise<LeadRow> {
    const route = routeOf(plan, lead);
    if (!route) return lead;
    const routed = await this.routing.routeInTransaction(tx, lead, null, route.fallbackQueue, plan.rules);
    return routed?.lead ?? lead;
  }

  /** Every field error at once (BAD_USER_INPUT), then the company uniqueness rule (CONFLICT). */
  private async validateOrThrow(
    tx: Executor,
    viewer: Viewer,
    tenant: TenantRow,
    input: CreateLeadParams,
    now: Date,
  ): Promise<ValidDraft> {
    const errors = new FieldErrors();
    const name = requiredText(errors, "name", input.name);
    const values = normalizeEditable(input, tenant.defaultCountry, errors, now);
    const newCompany = !input.existingCompanyId;
    if (!newCompany) {
      for (const { key: field } of LEAD_COMPANY_FIELDS) {
        if (values[field]) errors.add(field, "must be empty when an existing company is chosen");
      }
    }
    const files = input.attachments ? normalizeAttachments(input.attachments, errors) : [];
    const customerEmail = input.customerEmail?.trim()
      ? errors.take("customerEmail", normalizeEmail(input.customerEmail))
      : undefined;
    const ownerId = input.ownerId ?? defaultOwner(viewer);
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
        throw conflict("ALREADY_EXISTS", `Company already exists: ${clashes.map((c) => c.field).join(", ")}`, clashes);
    }
    const attribution = input.attribution ? normalizeAttribution(input.attribution, now) : null;
    const candidate: NewLeadCandidate = {
      ...values,
      name: name as string,
      email,
      phone,
      attribution,
      companyId: input.existingCompanyId ?? refs.contact?.companyId ?? null,
      contactId: input.existingContactId ?? null,
      existingContactId: input.existingContactId,
    };
    return { name: name as string, values, email, phone, ownerId, customerEmail, files, refs, candidate };
  }

  /**
   * A new lead's row, decided before anything is written: the service
   * journey's start, the initial score and stage, the SLA clock.
   */
  private async prepare(
    tx: Executor,
    viewer: Viewer,
    input: CreateLeadParams,
    options: BatchOptions,
    where: LeadPlace,
    draft: ValidDraft,
    contact: { id: string; companyId: string | null; firstName: string | null; lastName: string | null } | undefined,
    now: Date,
  ): Promise<Omit<PreparedCreate, "index" | "duplicates">> {
    const { tenant, stages } = where;
    const { values } = draft;
    const start = await this.journey.startFor(tx, viewer, tenant, stages, draft.customerEmail, values);
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
      pipelineId: where.pipeline.id,
      status: initial.status,
      score: initial.score,
      rank: initialRank(now),
      source: input.source,
      channel: options.channel,
      name: draft.name,
      email: draft.email,
      phone: draft.phone,
      firstName: values.firstName ?? contact?.firstName ?? null,
      lastName: values.lastName ?? contact?.lastName ?? null,
      companyId: input.existingCompanyId ?? contact?.companyId ?? null,
      contactId: contact?.id ?? null,
      ownerId: draft.ownerId ?? null,
      partnerRepresentativeId:
        values.partnerRepresentativeId ?? (viewer.roles.includes("PARTNER") ? viewer.userId : null),
      partnerCompanyId: values.partnerCompanyId ?? (isPartner(viewer) ? viewer.partnerCompanyId : null),
      customerId: start.customerId,
      vendorId: input.vendorId ?? null,
      createdById: viewer.userId,
      queueId: input.queueId ?? null,
      formId: options.form?.id ?? null,
      attribution: draft.candidate.attribution ?? null,
      firstResponseDueAt: sla.firstResponseDueAt,
      slaAtRiskAt: sla.atRiskAt,
      slaPaused: start.paused,
      slaState: start.paused ? "PAUSED" : "ON_TRACK",
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
    };
    return { row, initial, start, files: draft.files };
  }

  /**
   * The prepared leads written: expiry timers first, then every row and its CREATED
   * event with the tenant's next requestIds in one statement (see
   * insertManyWithRequestIds: the counter is locked from that statement to
   * COMMIT, so it is the last write before the ones that need the leads' ids).
   */
  private async writeNew(
    tx: Executor,
    viewer: Viewer,
    creates: readonly PreparedCreate[],
    /** The insert is the transaction's last statement: it carries the commit. */
    last: boolean,
    /** With `last`: a statement written into the insert, before its commit (RunOptions.closing). */
    closing?: WrittenQuery,
  ): Promise<LeadRow[]> {
    if (creates.length === 0) return [];
    const rows = creates.map((c) => c.row);
    for (const row of rows) {
      if (row.expiresAt) await this.expiry.schedule(tx, { id: row.id as string, expiresAt: row.expiresAt });
    }
    const made = await insertManyWithRequestIds(
      tx,
      rows.map((row) => ({
        row,
        event: {
          tenantId: viewer.tenantId,
          leadId: row.id as string,
          type: "CREATED",
          actor: viewer,
          payload: { status: row.status, pipelineId: row.pipelineId, source: row.source, channel: row.channel },
        },
      })),
      { commit: last, closing },
    );
    await recordNewLeadScores(
      tx,
      made.map((lead, k) => ({ lead, initial: (creates[k] as PreparedCreate).initial })),
    );
    for (const [k, lead] of made.entries()) {
      const create = creates[k] as PreparedCreate;
      await this.journey.queueInvitation(tx, lead, viewer, create.start);
      // Uploads staged for this new lead are bound to it; links are kept as given.
      await attachFilesOrThrow(tx, viewer, lead.id, create.files).catch((error: unknown) => {
        throw new BatchItemError(create.index, error);
      });
    }
    return made;
  }
}

/**
 * Whether a new lead needs a write after its insert, in `writeNew` and
 * `runManyIn`: its first score snapshot (`recordNewLeadScores` writes one
 * for a lead that scored), its invitation, its files, its route.
 */
function writesAfterInsert(create: PreparedCreate, plan: LeadBatchPlan): boolean {
  return (
    create.row.score !== 0 ||
    Boolean(create.start.invitation) ||
    create.files.length > 0 ||
    routeOf(plan, routable(create.row)) !== null
  );
}

/**
 * Whether a new lead of this batch is routed after its insert, and where to
 * when no rule matches: a machine channel's lead goes by the first matching
 * rule, or to its form's queue when none matches. Decided on the row before
 * it is written too, since every criterion is the channel's or the input's.
 */
function routeOf(plan: LeadBatchPlan, lead: RoutableLead): { fallbackQueue: string | null } | null {
  if (!plan.options.route) return null;
  const ruled = plan.rules.some((rule) => ruleMatches(rule, lead));
  const fallbackQueue = plan.options.form?.queueId ?? null;
  if (!ruled && !fallbackQueue) return null;
  return { fallbackQueue: ruled ? null : fallbackQueue };
}

/** A row about to be written, as the routing rules read it. */
function routable(row: NewLeadRow): RoutableLead {
  return {
    source: row.source,
    formId: row.formId ?? null,
    category: row.category ?? null,
    city: row.city ?? null,
    score: row.score ?? 0,
  };
}

/** Every lead of the batch in input order, as a closing statement is built from it: new ones from their rows. */
function plannedOutcomes(
  plan: LeadBatchPlan,
  creates: readonly PreparedCreate[],
  outcomes: readonly (CreateLeadOutcome | undefined)[],
): PlannedOutcome[] {
  const byIndex = new Map(creates.map((c) => [c.index, c]));
  return plan.inputs.map((_, i) => {
    const create = byIndex.get(i);
    if (!create) return plannedOf(outcomes[i] as CreateLeadOutcome);
    const lead = { id: create.row.id as string, status: create.row.status as string };
    return { lead, duplicates: create.duplicates, merged: false };
  });
}

/** A lead merged into, as a closing statement is built from it (RunOptions.closing); one awaiting the caller's choice has none. */
function plannedOf(outcome: CreateLeadOutcome): PlannedOutcome {
  if (!outcome.lead) throw new Error("A closing statement needs every lead of the batch made or merged");
  return {
    lead: { id: outcome.lead.id, status: outcome.lead.status, requestId: outcome.lead.requestId },
    duplicates: outcome.duplicates,
    merged: outcome.merged,
  };
}

/** Items that repeat an earlier item of the same batch by email or phone: they are created after it. */
function repeatsWithinBatch(drafts: readonly ValidDraft[]): Set<number> {
  const seen = new Set<string>();
  const later = new Set<number>();
  for (const [i, draft] of drafts.entries()) {
    const keys = [draft.email && `e:${draft.email}`, draft.phone && `p:${draft.phone}`].filter(Boolean) as string[];
    if (keys.some((key) => seen.has(key))) later.add(i);
    for (const key of keys) seen.add(key);
  }
  return later;
}

function defaultOwner(viewer: Viewer): string | null {
  // A rep's own lead is theirs; leads entered by managers, marketing or partners start in the pool.
  return viewer.roles.includes("SALES") && !viewer.permissions.manage ? viewer.userId : null;
}

function isPartner(viewer: Viewer): boolean {
  return viewer.roles.includes("PARTNER") || viewer.roles.includes("PARTNER_SUPERVISOR");
}
