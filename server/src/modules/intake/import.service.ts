import { Readable } from "node:stream";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadImportRow, leadImports } from "../../db/schema/index.js";
import { badInput, conflict, DomainError, forbidden, notFound } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLead } from "../leads/create-lead.js";
import { IMPORT_FIELD_LIST, resolveMapping, suggestMapping } from "./csv-mapping.js";
import { CSV_DELIMITERS, type CsvDelimiter, CsvImportError, csvRecords } from "./csv-records.js";
import { ImportProgress } from "./import-progress.js";
import { type ImportPacing, ImportRun, importPacingFor } from "./import-run.js";

export interface ImportCsvParams {
  dryRun: boolean;
  /** CSV header -> lead field, or null to leave the column out; headers not named are matched by field key or label. */
  mapping: Record<string, string | null> | null;
  fileName: string | null;
  delimiter: CsvDelimiter;
}

export const MAX_LISTED_IMPORTS = 100;
/** The start of a file a preview reads: the header and a few rows, never the file. */
export const MAX_PREVIEW_CHARS = 64 * 1024;
/** Rows a preview shows under each column. */
const PREVIEW_ROWS = 3;

export interface ImportHooks {
  /** Called once the import is stored (its header read and its mapping accepted); rows are read after it. */
  onStart?: (row: LeadImportRow) => void | Promise<void>;
}

/** What a file's first lines say before it is imported: its columns, what each would fill, and a few values. */
export interface ImportPreview {
  delimiter: CsvDelimiter;
  columns: { column: string; field: string | null; examples: string[] }[];
  fields: { key: string; label: string }[];
  /** Why the suggested mapping would be refused (no column fills name, …): the column, or null for the file. */
  problems: { column: string | null; message: string }[];
}

/** Why an import stopped when the server did. */
export const SHUTDOWN_FAILURE =
  "Stopped because the server shut down; run the file again: rows already imported are skipped";

class ImportInterrupted extends Error {
  constructor() {
    super(SHUTDOWN_FAILURE);
  }
}

/**
 * Who may import: bulk creation in the tenant's name is for the roles that
 * create leads and see them all (ADMIN, MANAGER, MARKETEER): a rep, partner
 * or customer creates leads one at a time, and could not even see most of
 * what a file of theirs would merge into.
 */
export function mayImport(viewer: Viewer): boolean {
  return viewer.permissions.create && viewer.permissions.viewAll;
}

function assertMayImportOrThrow(viewer: Viewer): void {
  if (!mayImport(viewer)) throw forbidden("Importing leads needs a role that creates and sees all leads");
}

/**
 * CSV imports of leads: a file read a record at a time, its rows checked by
 * the create path's own rules and created through `CreateLead` in chunks
 * (see ImportRun), with the progress of each import readable while it runs.
 */
export class LeadImportService {
  /** Set by `stop`: every running import ends at its next row. */
  private stopping = false;
  private readonly stopped: Promise<void>;
  private markStopped: () => void = () => {};
  /** Imports running after their request was answered (`Prefer: respond-async`). */
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly createLead: CreateLead,
    /** How long each import rests between its transactions (see importPacingFor). */
    private readonly pacing: ImportPacing = importPacingFor("postgres"),
  ) {
    this.stopped = new Promise((resolve) => {
      this.markStopped = resolve;
    });
  }

  /** Resolves when the server begins to stop: what waits on a client (an upload) gives up then. */
  whenStopping(): Promise<void> {
    return this.stopped;
  }

  /**
   * Checks the caller and the parameters, then opens the body: a refusal
   * costs no upload. A mapping that cannot work refuses the whole file
   * (INVALID_INPUT) before anything is stored; otherwise the import runs to
   * the end of the file and answers its summary (DONE, or FAILED with the
   * line where the CSV stopped being readable).
   */
  async importCsv(
    viewer: Viewer,
    params: ImportCsvParams,
    openBody: () => Promise<Readable>,
    hooks: ImportHooks = {},
  ): Promise<LeadImportRow> {
    assertMayImportOrThrow(viewer);
    if (this.stopping) throw conflict("INVALID_STATE", "The server is shutting down; try again in a moment");
    const { tenant } = await this.createLead.placeOf(viewer, null);
    const records = csvRecords(await openBody(), params.delimiter);
    try {
      const header = await records.next().catch((error: unknown) => {
        throw error instanceof CsvImportError ? badInput([{ field: "body", message: error.message }]) : error;
      });
      if (header.done) throw badInput([{ field: "body", message: "has no header line" }]);
      const map = resolveMapping(header.value.values, params.mapping);
      const [row] = await this.db
        .insert(leadImports)
        .values({
          tenantId: viewer.tenantId,
          createdById: viewer.userId,
          fileName: params.fileName,
          dryRun: params.dryRun,
          mapping: map.mapping,
        })
        .returning();
      const run = new ImportRun(this.db, this.createLead, viewer, row as LeadImportRow, map, tenant, {
        dryRun: params.dryRun,
        pacing: this.pacing,
      });
      await hooks.onStart?.(row as LeadImportRow);
      try {
        for await (const record of records) {
          // What committed stays; the rows read since are left for a run of the file again.
          if (this.stopping) throw new ImportInterrupted();
          await run.add(record);
        }
        return await run.finish();
      } catch (error) {
        // The rows read before the unreadable line are imported; a fixed file run again skips them.
        if (error instanceof CsvImportError) return run.stop(error.message);
        if (error instanceof ImportInterrupted) return run.fail(error.message);
        // The upload failed (cut off, too large): the import says why, the caller gets the refusal.
        const failure =
          error instanceof DomainError
            ? error.message
            : "Stopped by an internal error; run the file again: rows already imported are skipped";
        await run.fail(failure).catch(() => {});
        throw error;
      }
    } finally {
      await records.return(undefined);
    }
  }

  /**
   * Keeps an import that runs on after its request was answered: `stop`
   * waits for it. Its end (or failure, already recorded on the import) is
   * the caller's to log.
   */
  runInBackground(running: Promise<unknown>): void {
    const tracked = running.then(
      () => {},
      () => {},
    );
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }

  /**
   * At shutdown: no import starts, and each running one, answered or not,
   * ends FAILED at its next row with what it committed kept (a run of the
   * same file again skips those rows). Resolves when the background ones
   * have ended; one chunk's commit at most.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.markStopped();
    await Promise.all([...this.background]);
  }

  /**
   * The first lines of a file (the client's slice of it, up to
   * MAX_PREVIEW_CHARS): its columns, the field each would fill with no
   * mapping given, a few values under each, and why that mapping would be
   * refused. The delimiter, when not given, is the candidate the header
   * line holds most of. Nothing is stored.
   */
  async previewCsv(viewer: Viewer, sample: string, delimiter: CsvDelimiter | null): Promise<ImportPreview> {
    assertMayImportOrThrow(viewer);
    if (sample.length > MAX_PREVIEW_CHARS) {
      throw badInput([{ field: "sample", message: `must be at most ${MAX_PREVIEW_CHARS} characters` }]);
    }
    const chosen = delimiter ?? guessDelimiter(sample);
    const records = csvRecords(Readable.from([Buffer.from(sample)]), chosen);
    const rows: string[][] = [];
    try {
      for await (const record of records) {
        rows.push(record.values);
        if (rows.length > PREVIEW_ROWS) break;
      }
    } catch (error) {
      // A sample cut inside a quoted value ends early; only an unreadable header is the file's fault.
      if (!(error instanceof CsvImportError)) throw error;
    }
    const [header, ...examples] = rows;
    if (!header) throw badInput([{ field: "sample", message: "has no readable header line" }]);
    const suggested = suggestMapping(header);
    let problems: ImportPreview["problems"] = [];
    try {
      resolveMapping(header, Object.fromEntries(suggested.map((c) => [c.column, c.field])));
    } catch (error) {
      if (!(error instanceof DomainError) || !error.fields) throw error;
      problems = error.fields.map((f) => ({
        column: f.field.startsWith("mapping.") ? f.field.slice("mapping.".length) : null,
        message: f.message,
      }));
    }
    return {
      delimiter: chosen,
      columns: suggested.map((c, i) => ({ ...c, examples: examples.map((row) => row[i] ?? "").filter(Boolean) })),
      fields: [...IMPORT_FIELD_LIST],
      problems,
    };
  }

  /** One import of the viewer's tenant; null when absent (or another tenant's). */
  async findImport(viewer: Viewer, id: string): Promise<LeadImportRow | null> {
    assertMayImportOrThrow(viewer);
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .select()
      .from(leadImports)
      .where(and(eq(leadImports.tenantId, viewer.tenantId), eq(leadImports.id, id)));
    return row ?? null;
  }

  /** The tenant's latest imports, newest first. */
  async listImports(viewer: Viewer, first: number): Promise<LeadImportRow[]> {
    assertMayImportOrThrow(viewer);
    if (!Number.isInteger(first) || first < 1 || first > MAX_LISTED_IMPORTS) {
      throw badInput([{ field: "first", message: `must be between 1 and ${MAX_LISTED_IMPORTS}` }]);
    }
    return this.db
      .select()
      .from(leadImports)
      .where(eq(leadImports.tenantId, viewer.tenantId))
      .orderBy(desc(leadImports.createdAt), desc(leadImports.id))
      .limit(first);
  }

  /**
   * The import as it changes, until it ends: NOT_FOUND at once when it is
   * not the viewer's tenant's. See ImportProgress for how changes are seen.
   */
  async watchImport(viewer: Viewer, id: string, intervalMs?: number): Promise<AsyncIterableIterator<LeadImportRow>> {
    const first = await this.findImport(viewer, id);
    if (!first) throw notFound("Import");
    return new ImportProgress(first, () => this.findImport(viewer, id), intervalMs);
  }
}

/** The candidate the first line holds most of, outside quotes; a comma when none is there. */
export function guessDelimiter(sample: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of sample) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && counts.has(char as CsvDelimiter)) {
      counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ",";
  for (const [delimiter, count] of counts) if (count > (counts.get(best) ?? 0)) best = delimiter;
  return best;
}
