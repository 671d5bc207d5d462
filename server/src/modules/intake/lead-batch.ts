import { createHash } from "node:crypto";
import type { FieldError, IntakeChannel } from "@leadline/shared";
import { and, eq, getTableName, lt } from "drizzle-orm";
import { type Database, type Executor, runPreparedThenCommit, type WrittenQuery } from "../../db/client.js";
import { textArrayLiteral } from "../../db/ids.js";
import { intakeReceipts, type LeadRow } from "../../db/schema/index.js";
import { uniqueViolationOf } from "../../db/unique-violation.js";
import { badInput, conflict, DomainError } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import {
  BatchItemError,
  type CreateLead,
  type CreateLeadOutcome,
  type PlannedLead,
  type PlannedOutcome,
  type RunOptions,
} from "../leads/create-lead.js";
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
  /** Shapes each lead for the answer (`LeadAnswer`). */
  answer: LeadAnswer;
}

/** What a channel's answer shows of each lead, and so when its receipt can be written. */
export type LeadAnswer =
  | {
      /**
       * Only the lead's id, status and requestId (under that key): when the
       * leads' insert is the transaction's last write, the receipt is
       * written into that statement (RunOptions.closing), shaped from the
       * rows about to be written, with each requestId read there, and the
       * commit follows in the same round trip. The tenant's counter is then
       * held while PostgreSQL runs one statement and the commit, not for a
       * round trip through a busy event loop and a statement more.
       */
      reads: "summary";
      present: (
        lead: LeadSummary,
        outcome: Pick<CreateLeadOutcome, "merged" | "duplicates">,
      ) => Record<string, unknown>;
    }
  | {
      /** The whole row: the receipt is written after the leads, from their rows. */
      reads: "row";
      present: (lead: LeadRow, outcome: CreateLeadOutcome) => Record<string, unknown>;
    };

/** A lead as a summary answer shows it: before the insert the requestId is the database's to fill in. */
export type LeadSummary = PlannedLead;

/**
 * The machine channels' shared path from a raw body to committed leads: one
 * lead or up to 500, all or nothing, each through CreateLead with the
 * tenant's duplicate policy, scored and routed. With a key, its receipt is
 * written last in the transaction that makes the leads (no claim up front;
 * for a summary answer, inside the leads' own insert when it can: see
 * `LeadAnswer`): a repeat with the same body replays the answer and keeps
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
  const answerOf = (results: Record<string, unknown>[]): IntakeAnswer => ({
    status: 201,
    body: parsed.batch ? { leads: results } : { lead: results[0] },
  });
  const shape = request.answer;
  // A summary's receipt rides in the leads' insert when it can (the closing statement); otherwise it
  // is written after them. Without a key nothing follows the leads: their insert may carry the commit.
  let storedWithLeads = false;
  const run: RunOptions = !receipt
    ? { endsTransaction: true }
    : shape.reads === "summary"
      ? {
          closing: (planned) => {
            storedWithLeads = true;
            return receiptOfPlanned(receipt, parsed.batch, planned, shape);
          },
        }
      : {};
  const attempt = () =>
    createLead
      .transaction(async (tx) => {
        storedWithLeads = false;
        const outcomes = await createLead.runManyIn(tx, viewer, plan, run).catch(onItem);
        const answer = answerOf(outcomes.map((outcome) => shape.present(outcome.lead as LeadRow, outcome)));
        if (receipt && !storedWithLeads) await storeReceiptLast(tx, receipt, answer);
        return answer;
      })
      .catch((error: unknown) => {
        throw uniqueViolationOf(error)?.startsWith(RECEIPTS) ? new KeyTaken() : error;
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

/**
 * RECEIPT_INSERT for the closing statement: `$6` holds the leads as the
 * answer shows them, `$9` their ids in order, `$8` whether the answer is a
 * batch; a new lead's requestId comes from `new_lead`.
 */
const RECEIPT_OF_PLANNED = RECEIPT_INSERT.replace(
  / values \(.*\)$/,
  ` select $1, $2, $3, $4, $5,
    case when $8::boolean then jsonb_build_object('leads', answered.leads)
      else jsonb_build_object('lead', answered.leads -> 0) end, $7
  from (select coalesce(jsonb_agg(case when made.id is null then item.shown
        else item.shown || jsonb_build_object('requestId', made.request_id) end order by item.i), '[]') as leads
    from jsonb_array_elements($6::jsonb) with ordinality as item (shown, i)
    left join new_lead as made on made.id = ($9::uuid[])[item.i]) as answered`,
);

/** The receipts' table: a unique violation on its key means another request holds the key. */
const RECEIPTS = getTableName(intakeReceipts);

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
  await runPreparedThenCommit(tx, { sql: RECEIPT_INSERT, params });
}

/**
 * A summary answer's receipt as the closing statement of the leads' insert
 * (RunOptions.closing): the answer is shaped from the leads about to be
 * written, and each new lead's requestId, which the counter gives in that
 * statement, is read from `new_lead` there (a lead merged into has its own
 * already). It stores what the request answers (webhook.test.ts replays
 * compare the two).
 */
function receiptOfPlanned(
  receipt: Receipt,
  batch: boolean,
  planned: readonly PlannedOutcome[],
  shape: Extract<LeadAnswer, { reads: "summary" }>,
): WrittenQuery {
  const params = [
    receipt.tenantId,
    receipt.channel,
    receipt.key,
    receipt.bodyHash,
    201,
    JSON.stringify(planned.map((p) => shape.present(p.lead, p))),
    new Date().toISOString(),
    batch,
    textArrayLiteral(planned.map((p) => p.lead.id)),
  ];
  return { sql: RECEIPT_OF_PLANNED, params };
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
