import type { Executor } from "../../db/client.js";
import { messages } from "../../db/schema/index.js";
import type { JobQueue } from "../jobs/job-queue.js";

export type NewOutboundMessage = Omit<typeof messages.$inferInsert, "id" | "direction" | "deliveryState">;

/**
 * Queues an outbound message and its delivery job in the caller's
 * transaction: the message exists exactly when the change that wrote it
 * does, and the job delivers it (MessageService.deliver), retried until it
 * goes through. Every outbound message Leadline writes goes through here.
 */
export async function queueOutboundMessage(tx: Executor, jobs: JobQueue, values: NewOutboundMessage) {
  const now = new Date();
  const [message] = await tx
    .insert(messages)
    .values({ ...values, direction: "OUTBOUND", deliveryState: "QUEUED", createdAt: now, updatedAt: now })
    .returning();
  if (!message) throw new Error("message insert returned nothing");
  await jobs.schedule(tx, "message-send", { messageId: message.id }, { startAfter: now });
  return message;
}
