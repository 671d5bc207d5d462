import type { Readable } from "node:stream";
import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type LeadImportRow, leadImports } from "../../db/schema/index.js";
import { badInput, DomainError, forbidden, notFound } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { CreateLead } from "../leads/create-lead.js";
import { resolveMapping } from "./csv-mapping.js";
import { type CsvDelimiter, CsvImportError, csvRecords } from "./csv-records.js";
import { ImportProgress } from "./import-progress.js";
import { ImportRun } from "./import-run.js";

export interface ImportCsvParams {
  dryRun: boolean;
  /** CSV header -> lead field, or null to leave the column out; headers not named are matched by field key or label. */
  mapping: Record<string, string | null> | null;
  fileName: string | null;
  delimiter: CsvDelimiter;
}

export const MAX_LISTED_IMPORTS = 100;

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
  constructor(
    private readonly db: Database,
    private readonly createLead: CreateLead,
  ) {}

  /**
   * Checks the caller and the parameters, then opens the body: a refusal
   * costs no upload. A mapping that cannot work refuses the whole file
   * (INVALID_INPUT) before anything is stored; otherwise the import runs to
   * the end of the file and answers its summary (DONE, or FAILED with the
   * line where the CSV stopped being readable).
   */
  async importCsv(viewer: Viewer, params: ImportCsvParams, openBody: () => Promise<Readable>): Promise<LeadImportRow> {
    assertMayImportOrThrow(viewer);
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
      const run = new ImportRun(this.db, this.createLead, viewer, row as LeadImportRow, map, tenant, params.dryRun);
      try {
        for await (const record of records) await run.add(record);
        return await run.finish();
      } catch (error) {
        // The rows read before the unreadable line are imported; a fixed file run again skips them.
        if (error instanceof CsvImportError) return run.stop(error.message);
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
