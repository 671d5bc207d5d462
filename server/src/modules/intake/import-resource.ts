import { z } from "zod";
import "./zod-openapi.js";
import type { ImportStatus, LeadImportRow } from "../../db/schema/index.js";
import { CSV_DELIMITERS } from "./csv-records.js";

export const IMPORT_STATUSES = ["RUNNING", "DONE", "FAILED"] as const satisfies readonly ImportStatus[];

/** Largest CSV upload accepted (some 500,000 typical rows). */
export const MAX_IMPORT_BYTES = 100 * 1024 * 1024;

export const mappingSchema = z.record(z.string().max(200), z.string().max(100).nullable());

/** `POST /api/v1/imports` query parameters. */
export const importQuerySchema = z.strictObject({
  dryRun: z.enum(["true", "false"]).optional().openapi({ description: "true: check and count, keep nothing." }),
  mapping: z
    .string()
    .max(20_000)
    .optional()
    .openapi({
      description:
        'JSON object, CSV header -> lead field (null leaves the column out), e.g. {"E-mail":"email","Notes":null}. ' +
        "Headers it does not name are matched to a field by key or label, case and punctuation aside.",
    }),
  fileName: z.string().max(255).optional().openapi({ description: "Kept on the import, for people." }),
  delimiter: z.enum(CSV_DELIMITERS).optional().openapi({ description: "Default ','." }),
});

/**
 * An import as the REST API answers it. This schema both documents the
 * answer (OpenAPI) and shapes it (toImportResource), so the two cannot drift.
 */
export const importResourceSchema = z.object({
  id: z.uuid(),
  status: z.enum(IMPORT_STATUSES).describe("RUNNING while rows are read; DONE; FAILED when the CSV became unreadable."),
  dryRun: z.boolean().describe("Checked and counted as a real run would be, then rolled back: nothing kept."),
  fileName: z.string().nullable(),
  mapping: z.record(z.string(), z.string()).describe("The columns read: CSV header -> lead field."),
  processedRows: z.number().int().describe("Rows read so far: created, merged, skipped and refused."),
  createdCount: z.number().int(),
  mergedCount: z.number().int().describe("Merged into an open lead (the tenant's MERGE policy)."),
  skippedCount: z.number().int().describe("Imported before by a run of the same data, or repeated in the file."),
  errorCount: z.number().int().describe("Rows refused."),
  errors: z
    .array(
      z.object({
        line: z.number().int().describe("The line the row starts on; the header is line 1."),
        field: z.string().nullable().describe("The CSV column (or lead field) at fault; null for the whole row."),
        message: z.string(),
      }),
    )
    .describe("The refused rows' errors, the first 1,000."),
  failure: z.string().nullable().describe("Why a FAILED import stopped."),
  createdAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).nullable(),
});

export type ImportResource = z.infer<typeof importResourceSchema>;

export function toImportResource(row: LeadImportRow): ImportResource {
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dryRun,
    fileName: row.fileName,
    mapping: row.mapping,
    processedRows: row.processedRows,
    createdCount: row.createdCount,
    mergedCount: row.mergedCount,
    skippedCount: row.skippedCount,
    errorCount: row.errorCount,
    errors: row.errors,
    failure: row.failure,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
