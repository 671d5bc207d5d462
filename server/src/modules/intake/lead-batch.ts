import { createHash } from "node:crypto";
import type { FieldError, IntakeChannel } from "@leadline/shared";
import { and, eq } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { intakeReceipts, type LeadRow } from "../../db/schema/index.js";
import { badInput, conflict, DomainError } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import { BatchItemError, type CreateLead, type CreateLeadOutcome } from "../leads/create-lead.js";
import { parseLeadBody } from "./lead-input.schema.js";

/** How long an answered idempotency key is remembered. */
export const RECEIPT_HOURS = 24;

/** What an HTTP channel answers: a status and a JSON body, replayed as stored for a repeated key. */
export interface IntakeAnswer {
  status: number;
  body: Record<string, unknown>;
}

export interface LeadBatchRequest {
  viewer: Viewer;
  channel: Extract<IntakeChannel, "WEBHOOK" | "API">;
  /** The raw body: parsed here, and hashed for the idempotency check. */
  raw: Buffer;
  /** The idempotency key (webhook-id, Idempotency-Key), if the sender gave one. */
  key?: string | null;
  /** Shapes a created lead for the answer. */
  present: (lead: LeadRow, outcome: CreateLeadOutcome) => Record<string, unknown>;
}

/**
 * The machine channels' shared path from a raw body to committed leads: one
 * lead or up to 500, all or nothing, each through CreateLead with the
 * tenant's duplicate policy, scored and routed. With a key, its receipt is
 * written in the same transaction as the leads: a repeat with the same body
 * replays the answer and creates nothing, another body under the key is a
 * conflict, and concurrent repeats wait for the first to commit.
 */
export async function createLeadBatch(
  db: Database,
  createLead: CreateLead,
  request: LeadBatchRequest,
): Promise<IntakeAnswer> {
  const { viewer, raw, key } = request;
  let body: unknown;
  try {
    body = JSON.parse(raw.toString("utf8"));
  } catch {
    throw badInput([{ field: "body", message: "is not valid JSON" }]);
  }
  const parsed = parseLeadBody(body);
  if (!parsed.ok) throw badInput(parsed.errors);
  const receipt = key
    ? {
        tenantId: viewer.tenantId,
        channel: request.channel.toLowerCase(),
        key,
        bodyHash: createHash("sha256").update(raw).digest("hex"),
      }
    : null;
  const onItem = (error: unknown) => {
    throw error instanceof BatchItemError ? itemError(parsed.batch, error) : error;
  };
  const plan = await createLead.planMany(viewer, parsed.leads, { channel: request.channel, route: true }).catch(onItem);
  return db.transaction(async (tx) => {
    if (receipt) {
      const replay = await claimReceiptOrReplay(tx, receipt);
      if (replay) return replay;
    }
    const outcomes = await createLead.runManyIn(tx, viewer, plan).catch(onItem);
    const results = outcomes.map((outcome) => request.present(outcome.lead as LeadRow, outcome));
    const answer: IntakeAnswer = { status: 201, body: parsed.batch ? { leads: results } : { lead: results[0] } };
    if (receipt) await storeReceipt(tx, receipt, answer);
    return answer;
  });
}

interface Receipt {
  tenantId: string;
  channel: string;
  key: string;
  bodyHash: string;
}

const receiptOf = (r: Receipt) =>
  and(eq(intakeReceipts.tenantId, r.tenantId), eq(intakeReceipts.channel, r.channel), eq(intakeReceipts.key, r.key));

/**
 * Takes the key for this transaction, or answers as before. The insert of a
 * key another transaction holds waits for it to end, so two requests with
 * one key never both create.
 */
async function claimReceiptOrReplay(tx: Executor, receipt: Receipt): Promise<IntakeAnswer | null> {
  const [fresh] = await tx
    .insert(intakeReceipts)
    .values({ ...receipt, status: 0, response: {} })
    .onConflictDoNothing()
    .returning({ key: intakeReceipts.key });
  if (fresh) return null;
  const [prior] = await tx.select().from(intakeReceipts).where(receiptOf(receipt)).for("update");
  // Older than the window: the key is free again (the row is rewritten when this request stores its answer).
  if (!prior || prior.createdAt.getTime() < Date.now() - RECEIPT_HOURS * 3_600_000) return null;
  if (prior.bodyHash !== receipt.bodyHash) {
    throw conflict(
      "IDEMPOTENCY_KEY_REUSED",
      "This idempotency key was used for another body in the last 24 hours; send a new key for a new request",
    );
  }
  return { status: prior.status, body: prior.response };
}

async function storeReceipt(tx: Executor, receipt: Receipt, answer: IntakeAnswer): Promise<void> {
  await tx
    .update(intakeReceipts)
    .set({ status: answer.status, response: answer.body, bodyHash: receipt.bodyHash, createdAt: new Date() })
    .where(receiptOf(receipt));
}

/** A refused item of a batch answers with its index before each field ("3.email"); a single lead as is. */
function itemError(batch: boolean, error: BatchItemError): unknown {
  const cause = error.cause;
  if (!batch || !(cause instanceof DomainError) || !cause.fields) return cause;
  const fields: FieldError[] = cause.fields.map((f) => ({ field: `${error.index}.${f.field}`, message: f.message }));
  return new DomainError(cause.reason, cause.message, fields, cause.extra);
}
