import { setTimeout as sleep } from "node:timers/promises";
import { and, eq, sql } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.js";
import { textArray } from "../../db/ids.js";
import {
  type ImportRowError,
  type LeadImportRow,
  leadImportRows,
  leadImports,
  type TenantRow,
} from "../../db/schema/index.js";
import { DomainError } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLeadParams } from "../lead-core/lead.params.js";
import { BatchItemError, type CreateLead, type CreateLeadOutcome } from "../leads/create-lead.js";
import { type ResolvedMapping, readImportRow } from "./csv-mapping.js";
import type { CsvRecord } from "./csv-records.js";

/** Rows created per transaction: memory stays flat and progress moves, while a chunk is one commit. */
export const IMPORT_CHUNK = 500;
/** Row errors kept on the import; `errorCount` counts every refused row. */
export const MAX_REPORTED_ERRORS = 1_000;

interface ReadyRow {
  line: number;
  input: CreateLeadParams;
  key: string;
}

/** Counters not yet written to the import row. */
interface Delta {
  processed: number;
  created: number;
  merged: number;
  skipped: number;
  refused: number;
  errors: ImportRowError[];
}

const noDelta = (): Delta => ({ processed: 0, created: 0, merged: 0, skipped: 0, refused: 0, errors: [] });

/** How one attempt at a run of rows ended. */
type Attempt =
  | { kind: "done" }
  /** The create path refused the row at `index`: nothing of the attempt stays. */
  | { kind: "refused"; index: number; cause: DomainError }
  /** Another import took some of these rows meanwhile: nothing of the attempt stays. */
  | { kind: "taken"; keys: Set<string> };

/** Thrown out of a dry run's transaction so that nothing it did is kept. */
class DryRunRollback extends Error {
  constructor(readonly counts: { created: number; merged: number }) {
    super("dry run: rolled back");
  }
}

class KeysTaken extends Error {
  constructor(readonly keys: Set<string>) {
    super("rows imported meanwhile");
  }
}

/**
 * One import, record by record. Rows are checked as they are read (a bad
 * one is reported with its line and fields and left out), and the good ones
 * go to `CreateLead.runManyIn` a chunk at a time, with their content keys
 * and the import's counters in the same transaction: what the import says
 * it created is exactly what committed, and a row whose key is already
 * there (an earlier run of the same data) is skipped.
 *
 * A row the create path itself refuses (a reference not found, a company
 * that exists) aborts its chunk's transaction: that row is reported, the rows
 * before it are committed again on their own and the rest go on, so each
 * good row is created once and tried at most twice.
 *
 * A dry run does all of it, creates included, and rolls each chunk back: it
 * reports what the real run would refuse, skip, create and merge.
 */
export class ImportRun {
  private chunk: ReadyRow[] = [];
  private pending = noDelta();
  private reported = 0;
  /** Dry run: keys of rows it would have created, so a repeat later in the file counts as skipped. */
  private readonly seen = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly createLead: CreateLead,
    private readonly viewer: Viewer,
    private readonly row: LeadImportRow,
    private readonly map: ResolvedMapping,
    private readonly tenant: TenantRow,
    options: { dryRun: boolean; pacing: ImportPacing },
  ) {
    this.dryRun = options.dryRun;
    this.pacing = options.pacing;
  }

  private readonly dryRun: boolean;
  private readonly pacing: ImportPacing;

  async add(record: CsvRecord): Promise<void> {
    const read = readImportRow(record.values, this.map, {
      defaultCountry: this.tenant.defaultCountry,
      now: new Date(),
    });
    if (read.ok) this.chunk.push({ line: record.line, input: read.input, key: read.key });
    else this.refuse(record.line, read.errors);
    if (this.chunk.length >= IMPORT_CHUNK || this.pending.processed >= IMPORT_CHUNK) await this.flush();
  }

  async finish(): Promise<LeadImportRow> {
    await this.flush();
    return this.close({ status: "DONE" });
  }

  /** Imports the rows read so far, then ends the import as FAILED: the file cannot be read past here. */
  async stop(failure: string): Promise<LeadImportRow> {
    await this.flush();
    return this.fail(failure);
  }

  /** Ends the import as FAILED; what committed before stays (a re-run skips it). */
  fail(failure: string): Promise<LeadImportRow> {
    return this.close({ status: "FAILED", failure });
  }

  private async close(end: { status: "DONE" | "FAILED"; failure?: string }): Promise<LeadImportRow> {
    const [row] = await this.bump(this.db, this.pending, { ...end, finishedAt: new Date() });
    this.pending = noDelta();
    return row as LeadImportRow;
  }

  private refuse(line: number, errors: { field: string | null; message: string }[]): void {
    this.pending.processed++;
    this.pending.refused++;
    for (const error of errors) {
      if (this.reported + this.pending.errors.length < MAX_REPORTED_ERRORS)
        this.pending.errors.push({ line, ...error });
    }
  }

  private skip(count: number): void {
    this.pending.processed += count;
    this.pending.skipped += count;
  }

  /** The chunk read so far, through the create path; then the counters, if no commit carried them. */
  private async flush(): Promise<void> {
    const work = [await this.unseen(this.chunk.splice(0))];
    while (work.length) {
      const rows = work.shift() as ReadyRow[];
      if (!rows.length) continue;
      const began = performance.now();
      const attempt = await this.attempt(rows);
      await sleep(this.pacing(performance.now() - began));
      if (attempt.kind === "refused") {
        const bad = rows[attempt.index] as ReadyRow;
        this.refuse(bad.line, this.errorsOf(attempt.cause));
        work.unshift(rows.slice(0, attempt.index), rows.slice(attempt.index + 1));
      } else if (attempt.kind === "taken") {
        const rest = rows.filter((r) => !attempt.keys.has(r.key));
        this.skip(rows.length - rest.length);
        work.unshift(rest);
      }
    }
    if (this.pending.processed) {
      await this.bump(this.db, this.pending);
      this.pending = noDelta();
    }
  }

  /** Leaves out rows seen before: twice in this chunk, earlier in a dry run, or imported by any earlier run. */
  private async unseen(rows: ReadyRow[]): Promise<ReadyRow[]> {
    const byKey = new Map<string, ReadyRow>();
    for (const row of rows) if (!byKey.has(row.key) && !this.seen.has(row.key)) byKey.set(row.key, row);
    const imported = await importedKeys(this.db, this.tenant.id, [...byKey.keys()]);
    const fresh = [...byKey.values()].filter((r) => !imported.has(r.key));
    this.skip(rows.length - fresh.length);
    return fresh;
  }

  /**
   * These rows in one transaction: the tenant's import lock, the key check
   * under it, the creates, the keys and the counters. Two imports of the same
   * file at once therefore cannot both create a row: the second waits, then
   * finds its keys taken.
   */
  private async attempt(rows: ReadyRow[]): Promise<Attempt> {
    const inputs = rows.map((r) => r.input);
    try {
      const plan = await this.createLead.planMany(this.viewer, inputs, { channel: "IMPORT", route: true });
      await this.createLead.transaction(async (tx) => {
        await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`lead-import:${this.tenant.id}`}, 0))`);
        const taken = await importedKeys(
          tx,
          this.tenant.id,
          rows.map((r) => r.key),
        );
        if (taken.size) throw new KeysTaken(taken);
        const outcomes = await this.createLead.runManyIn(tx, this.viewer, plan);
        const counts = countsOf(outcomes);
        if (this.dryRun) throw new DryRunRollback(counts);
        await tx.insert(leadImportRows).values(
          rows.map((r, i) => ({
            tenantId: this.tenant.id,
            key: r.key,
            leadId: leadOf(outcomes[i]),
            importId: this.row.id,
          })),
        );
        const { processed, ...rest } = this.pending;
        await this.bump(tx, { ...rest, processed: processed + rows.length, ...sum(rest, counts) });
      });
      this.pending = noDelta();
      return { kind: "done" };
    } catch (error) {
      return this.attemptEnd(error, rows);
    }
  }

  private attemptEnd(error: unknown, rows: ReadyRow[]): Attempt {
    if (error instanceof DryRunRollback) {
      const { created, merged } = sum(this.pending, error.counts);
      this.pending = { ...this.pending, processed: this.pending.processed + rows.length, created, merged };
      for (const row of rows) this.seen.add(row.key);
      return { kind: "done" };
    }
    if (error instanceof KeysTaken) return { kind: "taken", keys: error.keys };
    // Only a rule's refusal is the row's fault; anything else stops the import.
    if (error instanceof BatchItemError && error.cause instanceof DomainError) {
      return { kind: "refused", index: error.index, cause: error.cause };
    }
    throw error;
  }

  /** A refusal as row errors: each field it names, by the CSV column that gave it. */
  private errorsOf(cause: DomainError): { field: string | null; message: string }[] {
    if (!cause.fields?.length) return [{ field: null, message: cause.message }];
    const columnOf = (field: string) => this.map.columns.find((c) => c.field === field)?.header ?? field;
    return cause.fields.map((f) => ({ field: columnOf(f.field), message: f.message }));
  }

  /** Adds the counters to the import row; `end` closes it. */
  private bump(
    db: Executor,
    delta: Delta,
    end?: { status: "DONE" | "FAILED"; failure?: string; finishedAt: Date },
  ): Promise<LeadImportRow[]> {
    const reported = delta.errors.slice(0, Math.max(0, MAX_REPORTED_ERRORS - this.reported));
    const result = db
      .update(leadImports)
      .set({
        processedRows: sql`${leadImports.processedRows} + ${delta.processed}`,
        createdCount: sql`${leadImports.createdCount} + ${delta.created}`,
        mergedCount: sql`${leadImports.mergedCount} + ${delta.merged}`,
        skippedCount: sql`${leadImports.skippedCount} + ${delta.skipped}`,
        errorCount: sql`${leadImports.errorCount} + ${delta.refused}`,
        errors: sql`${leadImports.errors} || ${JSON.stringify(reported)}::jsonb`,
        ...end,
      })
      .where(and(eq(leadImports.tenantId, this.tenant.id), eq(leadImports.id, this.row.id)))
      .returning();
    return result.then((rows) => {
      this.reported += reported.length;
      return rows;
    });
  }
}

/** How long an import rests after a chunk, in ms, given how long the chunk held the database. */
export type ImportPacing = (chunkMs: number) => number;

/**
 * A breath between transactions for the rest of the server. On embedded
 * PGlite a query runs on the event loop, start to end, and a chunk's
 * transaction holds it for as long as the chunk takes (about a second on
 * disk); a request needs a few turns of the loop and a few queries (its
 * credential, its read, its answer), so a breath that lets in only what is
 * ready at that instant left a progress read or a subscription's start
 * waiting several chunks. There the import rests a tenth of what the chunk
 * took (up to 250 ms): the server answers within a chunk or so, and the
 * import goes some 10% slower. On PostgreSQL queries leave the loop free,
 * and 5 ms a chunk of 500 rows costs well under 1%.
 */
export function importPacingFor(kind: "postgres" | "pglite"): ImportPacing {
  return kind === "pglite" ? (chunkMs) => Math.min(250, Math.max(5, chunkMs / 10)) : () => 5;
}

function countsOf(outcomes: CreateLeadOutcome[]): { created: number; merged: number } {
  const merged = outcomes.filter((o) => o.merged).length;
  return { created: outcomes.length - merged, merged };
}

function sum(a: { created: number; merged: number }, b: { created: number; merged: number }) {
  return { created: a.created + b.created, merged: a.merged + b.merged };
}

function leadOf(outcome: CreateLeadOutcome | undefined): string {
  // Imports never pass PROMPT, so every outcome has its lead (the new one, or the one merged into).
  if (!outcome?.lead) throw new Error("import: a create answered no lead");
  return outcome.lead.id;
}

/** Which of these row keys the tenant has imported before. */
export async function importedKeys(db: Executor, tenantId: string, keys: readonly string[]): Promise<Set<string>> {
  if (!keys.length) return new Set();
  const rows = await db
    .select({ key: leadImportRows.key })
    .from(leadImportRows)
    .where(and(eq(leadImportRows.tenantId, tenantId), sql`${leadImportRows.key} = any(${textArray(keys)})`));
  return new Set(rows.map((r) => r.key));
}
