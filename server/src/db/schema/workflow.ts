import { index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { at, createdAt, id, updatedAt } from "./_columns.js";
import { users } from "./auth.js";
import { captureForms, leads, queues } from "./leads.js";
import { tenants } from "./tenants.js";

/**
 * Ordered routing rules: the first rule whose every given criterion matches
 * a lead sends it to its queue. Null criteria match anything.
 */
export const routingRules = pgTable(
  "routing_rules",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    source: text("source"),
    formId: uuid("form_id").references(() => captureForms.id),
    category: text("category"),
    city: text("city"),
    minScore: integer("min_score"),
    queueId: uuid("queue_id")
      .notNull()
      .references(() => queues.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [index("routing_rules_tenant_idx").on(t.tenantId, t.position)],
);

/** Single-use invitations (seed 000): the token is stored hashed, like session tokens. */
export const invitations = pgTable(
  "invitations",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    expiresAt: at("expires_at").notNull(),
    acceptedAt: at("accepted_at"),
    createdAt: createdAt(),
  },
  (t) => [index("invitations_user_idx").on(t.userId)],
);

export const MESSAGE_CHANNELS = ["EMAIL", "SMS"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];
export const MESSAGE_DIRECTIONS = ["OUTBOUND", "INBOUND"] as const;
export type MessageDirection = (typeof MESSAGE_DIRECTIONS)[number];
export const DELIVERY_STATES = ["QUEUED", "SENT", "DELIVERED", "FAILED", "BOUNCED", "RECEIVED"] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * Every message to or from a lead's contact. Messages are queued here in the
 * transaction that decides to send them; the messaging module delivers them
 * and moves `deliveryState` along.
 */
export const messages = pgTable(
  "messages",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    channel: text("channel").$type<MessageChannel>().notNull(),
    direction: text("direction").$type<MessageDirection>().notNull(),
    /** What the message is for: a rep's reply, an invitation, a review request, an admin's test of a provider. */
    purpose: text("purpose").$type<"REPLY" | "INVITATION" | "REVIEW_REQUEST" | "TEST">().notNull(),
    to: text("to").notNull(),
    subject: text("subject"),
    body: text("body").notNull(),
    deliveryState: text("delivery_state").$type<DeliveryState>().notNull().default("QUEUED"),
    createdById: uuid("created_by_id").references(() => users.id),
    /** The sender's address or number as the provider saw it. */
    from: text("from"),
    /** The provider's id: the SMTP Message-ID, the SMS provider's message SID. */
    providerId: text("provider_id"),
    /** Why the last attempt failed (a provider's answer), for the delivery log. */
    lastError: text("last_error"),
    /** Delivery attempts made so far (the backoff grows with them). */
    attempts: integer("attempts").notNull().default(0),
    sentAt: at("sent_at"),
    deliveredAt: at("delivered_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("messages_lead_idx").on(t.leadId, t.createdAt),
    index("messages_state_idx").on(t.deliveryState),
    index("messages_provider_idx").on(t.providerId),
  ],
);

/** Single-use review links (seed 001): SENT when requested, COMPLETED when the customer opens the link. */
export const reviewRequests = pgTable("review_requests", {
  id: id(),
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  leadId: uuid("lead_id")
    .notNull()
    .references(() => leads.id, { onDelete: "cascade" }),
  tokenHash: text("token_hash").notNull().unique(),
  channel: text("channel").$type<MessageChannel>().notNull(),
  completedAt: at("completed_at"),
  createdAt: createdAt(),
});

/** Uploaded files (notes' photos, lead attachments), stored behind the storage interface. */
export const files = pgTable(
  "files",
  {
    id: id(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    /** Null while staged: uploaded for a lead its uploader is about to create, bound by createLead. */
    leadId: uuid("lead_id").references(() => leads.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    fileType: text("file_type").notNull(),
    size: integer("size").notNull(),
    storageKey: text("storage_key").notNull(),
    createdById: uuid("created_by_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("files_storage_key").on(t.storageKey), index("files_lead_idx").on(t.leadId)],
);

export type RoutingRuleRow = typeof routingRules.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;
export type MessageRow = typeof messages.$inferSelect;
export type ReviewRequestRow = typeof reviewRequests.$inferSelect;
export type FileRow = typeof files.$inferSelect;
