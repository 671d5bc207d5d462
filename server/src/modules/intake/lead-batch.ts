import { createHash } from "node:crypto";
import type { FieldError, IntakeChannel } from "@leadline/shared";
import { and, eq, getTableName, lt } from "drizzle-orm";
import { type Database, type Executor, runPreparedThenCommit } from "../../db/client.js";
import { intakeReceipts, type LeadRow } from "../../db/schema/index.js";
import { uniqueViolationOf } from "../../db/unique-violation.js";
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
 * written last in the transaction that makes the leads (one statement, no
 * claim up front): a repeat with the same body replays the answer and keeps
 * nothing it did, another body under the key is a conflict, and concurrent
 * repeats wait on the key's row for the first to commit, then replay it.
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
  const attempt = () =>
    createLead.transaction(async (tx) => {
      // Without a key nothing follows the leads: their insert may carry the commit.
      const outcomes = await createLead.runManyIn(tx, viewer, plan, { endsTransaction: !receipt }).catch(onItem);
      const results = outcomes.map((outcome) => request.present(outcome.lead as LeadRow, outcome));
      const answer: IntakeAnswer = { status: 201, body: parsed.batch ? { leads: results } : { lead: results[0] } };
      if (receipt) await storeReceiptLast(tx, receipt, answer);
      return answer;
    });
  if (!receipt) return attempt();
  try {
    return await attempt();
  } catch (error) {
    // Taken, or refused now: a request that already succeeded under this key answers as it did.
    const prior = await freshReceipt(db, receipt);
    if (!prior) {
      if (!(error instanceof KeyTaken)) throw error;
      // The key's receipt is older than the window and not yet purged: the key is free again.
      await db.delete(intakeReceipts).where(and(receiptOf(receipt), lt(intakeReceipts.createdAt, windowStart())));
      return attempt();
    }
    if (prior.bodyHash !== receipt.bodyHash) {
      throw conflict(
        "IDEMPOTENCY_KEY_REUSED",
        "This idempotency key was used for another body in the last 24 hours; send a new key for a new request",
      );
    }
    return { status: prior.status, body: prior.response };
  }
}

interface Receipt {
  tenantId: string;
  channel: string;
  key: string;
  bodyHash: string;
}

const receiptOf = (r: Receipt) =>
  and(eq(intakeReceipts.tenantId, r.tenantId), eq(intakeReceipts.channel, r.channel), eq(intakeReceipts.key, r.key));

/** Another request's receipt holds this key (committed, or committing: the insert waited for it); this one rolled back. */
class KeyTaken extends Error {}

/** A receipt's insert: one statement text, prepared once per connection, not built by the query builder per request. */
const RECEIPT_INSERT = `insert into "${getTableName(intakeReceipts)}" (${[
  intakeReceipts.tenantId,
  intakeReceipts.channel,
  intakeReceipts.key,
  intakeReceipts.bodyHash,
  intakeReceipts.status,
  intakeReceipts.response,
  intakeReceipts.createdAt,
]
  .map((column) => `"${column.name}"`)
  .join(", ")}) values ($1, $2, $3, $4, $5, $6::jsonb, $7)`;

/** Where the receipts that still count begin. */
const windowStart = () => new Date(Date.now() - RECEIPT_HOURS * 3_600_000);

/**
 * Stores the answer under the key as the last statement of the transaction
 * that made the leads, with the commit right behind it
 * (`runPreparedThenCommit`): the receipt commits exactly with them, and the
 * tenant's request-number counter is freed as soon as PostgreSQL has run
 * the two. A key another receipt holds fails the insert, which turns the
 * commit into a rollback, and the caller replays that receipt (or, when it
 * is older than the window, frees the key and tries again).
 */
async function storeReceiptLast(tx: Executor, receipt: Receipt, answer: IntakeAnswer): Promise<void> {
  const params = [
    receipt.tenantId,
    receipt.channel,
    receipt.key,
    receipt.bodyHash,
    answer.status,
    JSON.stringify(answer.body),
    new Date().toISOString(),
  ];
  try {
    await runPreparedThenCommit(tx, { sql: RECEIPT_INSERT, params });
  } catch (error) {
    throw uniqueViolationOf(error) ? new KeyTaken() : error;
  }
}

/** The receipt under this key, if one was stored in the last 24 hours. */
async function freshReceipt(db: Database, receipt: Receipt) {
  const [prior] = await db.select().from(intakeReceipts).where(receiptOf(receipt));
  return prior && prior.createdAt >= windowStart() ? prior : null;
}

/** A refused item of a batch answers with its index before each field ("3.email"); a single lead as is. */
function itemError(batch: boolean, error: BatchItemError): unknown {
  const cause = error.cause;
  if (!batch || !(cause instanceof DomainError) || !cause.fields) return cause;
  const fields: FieldError[] = cause.fields.map((f) => ({ field: `${error.index}.${f.field}`, message: f.message }));
  return new DomainError(cause.reason, cause.message, fields, cause.extra);
}
