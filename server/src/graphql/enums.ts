import {
  DUPLICATE_RESOLUTIONS,
  INTAKE_CHANNELS,
  INTAKE_DUPLICATE_POLICIES,
  LEAD_SOURCES,
  NEXT_ACTION_TYPES,
  QUEUE_VIEWS,
  REVIEW_REQUEST_STATUSES,
  ROLES,
  SCORE_BANDS,
  SLA_STATES,
  STAGE_CATEGORIES,
} from "@leadline/shared";
import { registerEnumType } from "type-graphql";
import { DELIVERY_STATES, LEAD_EVENT_TYPES, MESSAGE_CHANNELS, MESSAGE_DIRECTIONS } from "../db/schema/index.js";
import { LEAD_ORDER_FIELDS } from "../modules/lead-core/lead.params.js";

/** GraphQL enums are generated from the value lists in @leadline/shared and the schema, never retyped. */
function enumOf<const T extends readonly string[]>(values: T): { [K in T[number]]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T[number]]: K };
}

export const RoleEnum = enumOf(ROLES);
export const LeadSourceEnum = enumOf(LEAD_SOURCES);
export const IntakeChannelEnum = enumOf(INTAKE_CHANNELS);
export const StageCategoryEnum = enumOf(STAGE_CATEGORIES);
export const ScoreBandEnum = enumOf(SCORE_BANDS);
export const SlaStateEnum = enumOf(SLA_STATES);
export const LeadEventTypeEnum = enumOf(LEAD_EVENT_TYPES);
export const LeadOrderFieldEnum = enumOf(LEAD_ORDER_FIELDS);
export const OrderDirectionEnum = enumOf(["ASC", "DESC"] as const);
export const NextActionTypeEnum = enumOf(NEXT_ACTION_TYPES);
export const ReviewRequestStatusEnum = enumOf(REVIEW_REQUEST_STATUSES);
export const QueueViewEnum = enumOf(QUEUE_VIEWS);
export const MessageChannelEnum = enumOf(MESSAGE_CHANNELS);
export const DuplicateResolutionEnum = enumOf(DUPLICATE_RESOLUTIONS);
export const IntakeDuplicatePolicyEnum = enumOf(INTAKE_DUPLICATE_POLICIES);

registerEnumType(RoleEnum, { name: "Role" });
registerEnumType(LeadSourceEnum, { name: "LeadSource" });
registerEnumType(IntakeChannelEnum, { name: "IntakeChannel" });
registerEnumType(IntakeDuplicatePolicyEnum, {
  name: "IntakeDuplicatePolicy",
  description:
    "KEEP_BOTH: create the lead (its duplicates are listed on it); MERGE: fill the matching open lead instead.",
});
registerEnumType(StageCategoryEnum, { name: "StageCategory" });
registerEnumType(ScoreBandEnum, { name: "ScoreBand" });
registerEnumType(SlaStateEnum, { name: "SlaState" });
registerEnumType(LeadEventTypeEnum, { name: "LeadEventType" });
registerEnumType(LeadOrderFieldEnum, { name: "LeadOrderField" });
registerEnumType(OrderDirectionEnum, { name: "OrderDirection" });
registerEnumType(NextActionTypeEnum, { name: "NextActionType" });
registerEnumType(ReviewRequestStatusEnum, { name: "ReviewRequestStatus" });
registerEnumType(QueueViewEnum, { name: "QueueView" });
registerEnumType(MessageChannelEnum, { name: "MessageChannel" });
export const MessageDirectionEnum = enumOf(MESSAGE_DIRECTIONS);
registerEnumType(MessageDirectionEnum, { name: "MessageDirection" });
export const DeliveryStateEnum = enumOf(DELIVERY_STATES);
registerEnumType(DeliveryStateEnum, {
  name: "DeliveryState",
  description: "Only moves forward: a late or repeated provider report never moves a message back.",
});
registerEnumType(DuplicateResolutionEnum, { name: "DuplicateResolution" });
