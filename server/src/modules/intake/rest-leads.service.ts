import {
  LEAD_SOURCES,
  type LeadSource,
  SCORE_BANDS,
  type ScoreBand,
  SLA_STATES,
  type SlaState,
} from "@leadline/shared";
import { z } from "zod";
import "./zod-openapi.js";
import type { Database } from "../../db/client.js";
import { badInput, notFound } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { LeadFilterParams, UpdateLeadParams } from "../lead-core/lead.params.js";
import type { LeadReadService } from "../lead-core/lead-read.service.js";
import type { CreateLead } from "../leads/create-lead.js";
import type { UpdateLead } from "../leads/update-lead.js";
import { createLeadBatch, type IntakeAnswer } from "./lead-batch.js";
import { datesOf, fieldErrorsOfIssues, leadPatchSchema } from "./lead-input.schema.js";
import { type LeadResource, toLeadResource } from "./lead-resource.js";

/** A comma-separated list of values, each checked by `item`'s pattern. */
const list = (item: z.ZodString | z.ZodEnum) =>
  z
    .string()
    .max(2_000)
    .openapi({ description: "Comma-separated values." })
    .refine((value) => value.split(",").every((v) => item.safeParse(v.trim()).success), {
      message: "has a value that is not allowed",
    });

/** `GET /api/v1/leads` query parameters: the GraphQL LeadFilter's fields, lists as comma-separated values. */
export const leadListQuerySchema = z.strictObject({
  first: z.coerce.number().int().min(0).max(200).optional(),
  after: z.string().max(500).optional(),
  pipelineId: z.uuid().optional(),
  status: list(z.string()).optional(),
  source: list(z.enum(LEAD_SOURCES)).optional(),
  scoreBand: list(z.enum(SCORE_BANDS)).optional(),
  slaState: list(z.enum(SLA_STATES)).optional(),
  ownerId: z.uuid().optional(),
  unassigned: z.enum(["true", "false"]).optional(),
  mine: z.enum(["true", "false"]).optional(),
  queueId: z.uuid().optional(),
  search: z.string().max(200).optional(),
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
});

export interface LeadListAnswer {
  data: LeadResource[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * `/api/v1/leads`: the REST face of the same use cases GraphQL calls (create,
 * list, find, update), with the same validation and error reasons. Nothing
 * here decides a rule; it maps HTTP to the use cases and rows to resources.
 */
export class RestLeadsService {
  constructor(
    private readonly db: Database,
    private readonly createLead: CreateLead,
    private readonly reads: LeadReadService,
    private readonly updates: UpdateLead,
  ) {}

  create(viewer: Viewer, raw: Buffer, idempotencyKey: string | null): Promise<IntakeAnswer> {
    if (idempotencyKey !== null && (idempotencyKey.length === 0 || idempotencyKey.length > 255)) {
      throw badInput([{ field: "Idempotency-Key", message: "must be 1 to 255 characters" }]);
    }
    return createLeadBatch(this.db, this.createLead, {
      viewer,
      channel: "API",
      raw,
      key: idempotencyKey,
      answer: { reads: "row", present: (lead) => toLeadResource(lead) },
    });
  }

  async list(viewer: Viewer, query: Record<string, unknown>): Promise<LeadListAnswer> {
    const parsed = leadListQuerySchema.safeParse(query);
    if (!parsed.success) {
      throw badInput(fieldErrorsOfIssues(parsed.error.issues, "query"));
    }
    const { first, after, ...filter } = parsed.data;
    const page = await this.reads.listLeads(viewer, {
      first: first ?? 50,
      after: after ?? null,
      filter: leadFilterOfQuery(filter),
    });
    return {
      data: page.nodes.map(({ lead }) => toLeadResource(lead)),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.at(-1)?.cursor ?? null },
    };
  }

  /** By id or by the per-tenant number; NOT_FOUND when absent or not visible. */
  async find(viewer: Viewer, ref: string): Promise<LeadResource> {
    const lead = await this.reads.findLead(viewer, refOf(ref));
    if (!lead) throw notFound("Lead");
    return toLeadResource(lead);
  }

  /** The fields named in the body, against the version in If-Match when given. */
  async update(viewer: Viewer, ref: string, body: unknown, ifMatch: string | undefined): Promise<LeadResource> {
    const expectedVersion = versionOf(ifMatch);
    const parsed = leadPatchSchema.safeParse(body);
    if (!parsed.success) {
      throw badInput(fieldErrorsOfIssues(parsed.error.issues, "body"));
    }
    const lead = await this.reads.findLead(viewer, refOf(ref));
    if (!lead) throw notFound("Lead");
    const input = datesOf(parsed.data as Record<string, unknown>) as UpdateLeadParams;
    return toLeadResource(await this.updates.run(viewer, lead.id, input, expectedVersion));
  }
}

/** The list's query filters (lists as comma-separated values, flags as "true"/"false") as the lead filter. */
export function leadFilterOfQuery(
  query: Omit<z.infer<typeof leadListQuerySchema>, "first" | "after">,
): LeadFilterParams {
  const { unassigned, mine, createdFrom, createdTo, status, source, scoreBand, slaState, ...filter } = query;
  const values = (csv: string | undefined) => csv?.split(",").map((v) => v.trim());
  return {
    ...filter,
    status: values(status),
    source: values(source) as LeadSource[] | undefined,
    scoreBand: values(scoreBand) as ScoreBand[] | undefined,
    slaState: values(slaState) as SlaState[] | undefined,
    unassigned: unassigned === undefined ? null : unassigned === "true",
    mine: mine === undefined ? null : mine === "true",
    createdFrom: createdFrom ? new Date(createdFrom) : null,
    createdTo: createdTo ? new Date(createdTo) : null,
  };
}

function refOf(ref: string): { id?: string; requestId?: number } {
  return /^\d{1,9}$/.test(ref) ? { requestId: Number(ref) } : { id: ref };
}

/** If-Match as RFC 9110 writes it ("3", W/"3") or a bare number; absent means "no check". */
function versionOf(ifMatch: string | undefined): number | null {
  if (ifMatch === undefined) return null;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!match) throw badInput([{ field: "If-Match", message: 'must be the lead\'s version, e.g. "3"' }]);
  return Number(match[1]);
}
