import type {
  AttributionValues,
  LeadEditableKey,
  LeadFieldKindOf,
  LeadFieldValue,
  LeadSource,
  ScoreBand,
  SlaState,
} from "@leadline/shared";

/** What a caller may set on a new lead; the GraphQL input classes implement these. */
export interface AttachmentParams {
  url: string;
  name: string;
  fileType: string;
  size: number;
}

export type AttributionParams = AttributionValues;

/** Free-text and reference fields both create and update accept, by kind from the shared list. */
export type LeadEditableParams = {
  [K in LeadEditableKey]?: LeadFieldValue<LeadFieldKindOf<K>> | null;
};

export interface CreateLeadParams extends LeadEditableParams {
  name: string;
  source: LeadSource;
  pipelineId?: string | null;
  existingCompanyId?: string | null;
  existingContactId?: string | null;
  ownerId?: string | null;
  customerEmail?: string | null;
  vendorId?: string | null;
  queueId?: string | null;
  attachments?: AttachmentParams[] | null;
  attribution?: AttributionParams | null;
}

export interface UpdateLeadParams extends LeadEditableParams {
  name?: string | null;
  outcome?: string | null;
}

export const LEAD_ORDER_FIELDS = [
  "CREATED_AT",
  "UPDATED_AT",
  "SCORE",
  "NEXT_ACTION_DUE",
  "SLA_DUE",
  "REQUEST_ID",
  "RANK",
] as const;
export type LeadOrderField = (typeof LEAD_ORDER_FIELDS)[number];

export interface LeadOrderParams {
  field: LeadOrderField;
  direction: "ASC" | "DESC";
}

export interface LeadFilterParams {
  pipelineId?: string | null;
  status?: string[] | null;
  ownerId?: string | null;
  unassigned?: boolean | null;
  mine?: boolean | null;
  source?: LeadSource[] | null;
  scoreBand?: ScoreBand[] | null;
  slaState?: SlaState[] | null;
  queueId?: string | null;
  search?: string | null;
  createdFrom?: Date | null;
  createdTo?: Date | null;
}
