import {
  ATTRIBUTION_KEYS,
  type IntakeChannel,
  LEAD_EDITABLE_FIELDS,
  LEAD_FIELDS,
  type LeadFieldKind,
  type LeadSource,
  type ScoreBand,
  type SlaState,
} from "@leadline/shared";
import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import type { LeadRow } from "../../db/schema/index.js";
import {
  IntakeChannelEnum,
  LeadOrderFieldEnum,
  LeadSourceEnum,
  NextActionTypeEnum,
  OrderDirectionEnum,
  ReviewRequestStatusEnum,
  ScoreBandEnum,
  SlaStateEnum,
} from "../../graphql/enums.js";
import { PageInfo, TotalCountField } from "../../graphql/pagination.js";
import type {
  AttachmentParams,
  AttributionParams,
  CreateLeadParams,
  LeadFilterParams,
  LeadOrderField,
  LeadOrderParams,
  UpdateLeadParams,
} from "./lead.params.js";
import type { LeadPage } from "./lead-query.js";

type Scalar = string | null;

/**
 * Fields stored on the lead row map one to one (the typed-in ones are
 * declared from the shared LEAD_FIELDS below the input classes); relations and computed
 * values (stage, sla, owner, …) are field resolvers in lead.resolver.ts.
 */
@ObjectType({ simpleResolvers: true })
export class Lead
  implements
    Pick<
      LeadRow,
      | "id"
      | "requestId"
      | "name"
      | "status"
      | "source"
      | "channel"
      | "claimExpiresAt"
      | "score"
      | "reviewRequestStatus"
      | "convertedAt"
      | "version"
      | "createdAt"
      | "updatedAt"
    >
{
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: "Per-tenant sequential number (#1, #2, …) for people and support." })
  requestId!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "Key of the lead's current stage in its pipeline." })
  status!: string;

  @Field(() => LeadSourceEnum)
  source!: LeadSource;

  @Field(() => IntakeChannelEnum)
  channel!: IntakeChannel;

  @Field(() => Date, { nullable: true })
  claimExpiresAt!: Date | null;

  @Field(() => Int)
  score!: number;

  @Field(() => ReviewRequestStatusEnum)
  reviewRequestStatus!: LeadRow["reviewRequestStatus"];

  @Field(() => Date, { nullable: true })
  convertedAt!: Date | null;

  @Field(() => Int, { description: "Bumped by every change; pass it back as expectedVersion to refuse stale writes." })
  version!: number;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date)
  updatedAt!: Date;
}

/** A lead's first touch: the shared attribution keys (declared below), and when it was. */
@ObjectType({ simpleResolvers: true })
export class Attribution {
  @Field(() => Date, { nullable: true })
  firstTouchAt!: Date | null;
}

@ObjectType({ simpleResolvers: true })
export class Attachment {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  fileType!: string;

  @Field(() => Int)
  size!: number;
}

@ObjectType({ simpleResolvers: true })
export class NextAction {
  @Field(() => NextActionTypeEnum)
  type!: NonNullable<LeadRow["nextActionType"]>;

  @Field(() => Date)
  dueAt!: Date;

  @Field(() => String, { nullable: true })
  note!: Scalar;
}

@ObjectType({ simpleResolvers: true })
export class LeadEdge {
  @Field(() => Lead)
  node!: LeadRow;

  @Field(() => String)
  cursor!: string;
}

@ObjectType({ simpleResolvers: true })
export class LeadConnection {
  @Field(() => [LeadEdge])
  edges!: LeadEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @TotalCountField()
  totalCount!: number | PromiseLike<number>;
}

/** A page of leads as a connection, for every list, tab and column that pages through leads. */
export function leadConnection(page: LeadPage): LeadConnection {
  return {
    // The cursor stays lazy (listLeads): encoded only for a selection that asks for it.
    edges: page.nodes.map((edge) => ({
      node: edge.lead,
      get cursor() {
        return edge.cursor;
      },
    })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.nodes.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}

@InputType()
export class AttributionInput implements AttributionParams {}

@InputType()
export class AttachmentInput implements AttachmentParams {
  @Field(() => String)
  url!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  fileType!: string;

  @Field(() => Int)
  size!: number;
}

/** Fields create and update both accept: every editable field of the shared list, declared below. */
@InputType()
abstract class LeadEditableInput {}

/** The GraphQL type of a field of the shared list, by its kind. */
function graphqlTypeOf(kind: LeadFieldKind) {
  return kind === "ref" ? ID : kind === "date" ? Date : String;
}

// The lead's fields as LEAD_FIELDS lists them, once: the readable ones on Lead
// (name is non-null above; references are read as records elsewhere), the
// editable ones on the create and update inputs.
for (const field of LEAD_FIELDS) {
  if (field.key === "name" || field.kind === "ref") continue;
  const description = "readDescription" in field ? field.readDescription : undefined;
  Field(() => graphqlTypeOf(field.kind), { nullable: true, description })(Lead.prototype, field.key);
}
// The attribution keys, once, on the read type and the input.
for (const key of ATTRIBUTION_KEYS) {
  Field(() => String, { nullable: true })(Attribution.prototype, key);
  Field(() => String, { nullable: true })(AttributionInput.prototype, key);
}
for (const field of LEAD_EDITABLE_FIELDS) {
  const description = "inputDescription" in field ? field.inputDescription : undefined;
  Field(() => graphqlTypeOf(field.kind), { nullable: true, description })(LeadEditableInput.prototype, field.key);
}

@InputType()
export class CreateLeadInput extends LeadEditableInput implements CreateLeadParams {
  @Field(() => String)
  name!: string;

  @Field(() => LeadSourceEnum)
  source!: LeadSource;

  @Field(() => ID, { nullable: true, description: "Defaults to the tenant's default pipeline." })
  pipelineId?: Scalar;

  @Field(() => ID, { nullable: true })
  existingCompanyId?: Scalar;

  @Field(() => ID, { nullable: true, description: "Must belong to existingCompanyId when both are given." })
  existingContactId?: Scalar;

  @Field(() => ID, {
    nullable: true,
    description: "An active user; someone other than yourself needs manage permission.",
  })
  ownerId?: Scalar;

  @Field(() => String, { nullable: true })
  customerEmail?: Scalar;

  @Field(() => ID, { nullable: true })
  vendorId?: Scalar;

  @Field(() => ID, { nullable: true })
  queueId?: Scalar;

  @Field(() => [AttachmentInput], { nullable: true })
  attachments?: AttachmentInput[] | null;

  @Field(() => AttributionInput, { nullable: true })
  attribution?: AttributionInput | null;
}

@InputType()
export class UpdateLeadInput extends LeadEditableInput implements UpdateLeadParams {
  @Field(() => String, { nullable: true })
  name?: Scalar;

  @Field(() => String, { nullable: true })
  outcome?: Scalar;
}

@InputType()
export class LeadFilter implements LeadFilterParams {
  @Field(() => ID, { nullable: true, description: "Only leads of this pipeline." })
  pipelineId?: Scalar;

  @Field(() => [String], { nullable: true, description: "Stage keys." })
  status?: string[] | null;

  @Field(() => ID, { nullable: true })
  ownerId?: Scalar;

  @Field(() => Boolean, { nullable: true })
  unassigned?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "Leads you own or have claimed." })
  mine?: boolean | null;

  @Field(() => [LeadSourceEnum], { nullable: true })
  source?: LeadSource[] | null;

  @Field(() => [ScoreBandEnum], { nullable: true })
  scoreBand?: ScoreBand[] | null;

  @Field(() => [SlaStateEnum], { nullable: true })
  slaState?: SlaState[] | null;

  @Field(() => ID, { nullable: true })
  queueId?: Scalar;

  @Field(() => String, { nullable: true, description: "Matches name, email, phone, company name or #requestId." })
  search?: Scalar;

  @Field(() => Date, { nullable: true })
  createdFrom?: Date | null;

  @Field(() => Date, { nullable: true })
  createdTo?: Date | null;
}

@InputType()
export class LeadOrder implements LeadOrderParams {
  @Field(() => LeadOrderFieldEnum)
  field!: LeadOrderField;

  @Field(() => OrderDirectionEnum)
  direction!: "ASC" | "DESC";
}
