export const NEXT_ACTION_TYPES = ["REPLY", "FOLLOW_UP", "CALL", "REVIEW_REQUEST"] as const;
export type NextActionType = (typeof NEXT_ACTION_TYPES)[number];

export const REVIEW_REQUEST_STATUSES = ["NOT_ELIGIBLE", "ELIGIBLE", "SENT", "COMPLETED"] as const;
export type ReviewRequestStatus = (typeof REVIEW_REQUEST_STATUSES)[number];

/** Inbox tabs (DESIGN.md, Queue views). */
export const QUEUE_VIEWS = ["NOW", "TODAY", "LATER", "RECOVERY"] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
