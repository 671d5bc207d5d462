import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { ATTRIBUTION_KEYS, LEAD_FIELDS } from "@leadline/shared";
import { stringify } from "csv-stringify";
import { z } from "zod";
import type { LeadRow } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { LeadFilterParams } from "../lead-core/lead.params.js";
import { MAX_PAGE_SIZE } from "../lead-core/lead-query.js";
import type { LeadReadService } from "../lead-core/lead-read.service.js";
import { fieldErrorsOfIssues } from "./lead-input.schema.js";
import { leadFilterOfQuery, leadListQuerySchema } from "./rest-leads.service.js";

export const EXPORT_FORMATS = ["csv", "ndjson"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** `GET /api/v1/leads/export`: the list's filters (no paging: the export is the whole filtered set) and a format. */
export const leadExportQuerySchema = leadListQuerySchema
  .omit({ first: true, after: true })
  .extend({ format: z.enum(EXPORT_FORMATS).optional() });

/**
 * The export's columns: what the server decided (id, number, stage, source,
 * score, creation time), every field of the shared list, then the first-touch
 * attribution. The field and attribution columns are named by their keys, so
 * an import maps them back by itself: an export imported into another tenant
 * makes the same leads (references to records of this tenant excepted).
 */
export const EXPORT_COLUMNS = [
  "id",
  "requestId",
  "status",
  "source",
  "score",
  "createdAt",
  ...LEAD_FIELDS.map((f) => f.key),
  ...ATTRIBUTION_KEYS,
] as const;

export type ExportRecord = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  ndjson: "application/x-ndjson; charset=utf-8",
};

export interface LeadExport {
  format: ExportFormat;
  contentType: string;
  fileName: string;
  records: AsyncIterable<ExportRecord>;
}

/**
 * Exports of the leads a viewer may see, filtered as the list is, read a
 * page at a time by the list's own keyset query (visibility included) in
 * number order. Nothing holds more than one page: the next is read only when
 * the client has taken the last (the response's backpressure), so an export
 * of any size costs the memory of 200 leads. Each page is its own statement,
 * so a lead created during the export may or may not be in it; none is
 * listed twice.
 */
export class LeadExportService {
  constructor(private readonly reads: LeadReadService) {}

  /** Checks the query (INVALID_INPUT before any byte is sent), then answers the records to stream. */
  exportLeads(viewer: Viewer, query: Record<string, unknown>): LeadExport {
    const parsed = leadExportQuerySchema.safeParse(query);
    if (!parsed.success) throw badInput(fieldErrorsOfIssues(parsed.error.issues, "query"));
    const { format = "csv", ...filter } = parsed.data;
    const day = new Date().toISOString().slice(0, 10);
    return {
      format,
      contentType: CONTENT_TYPES[format],
      fileName: `leads-${day}.${format}`,
      records: this.recordsOf(viewer, leadFilterOfQuery(filter)),
    };
  }

  private async *recordsOf(viewer: Viewer, filter: LeadFilterParams): AsyncGenerator<ExportRecord> {
    let after: string | null = null;
    do {
      const page = await this.reads.listLeads(viewer, {
        filter,
        orderBy: { field: "REQUEST_ID", direction: "ASC" },
        first: MAX_PAGE_SIZE,
        after,
      });
      for (const { lead } of page.nodes) yield exportRecordOf(lead);
      after = page.hasNextPage ? (page.nodes.at(-1)?.cursor ?? null) : null;
    } while (after);
  }
}

export function exportRecordOf(lead: LeadRow): ExportRecord {
  const record: Record<string, string | number | null> = {
    id: lead.id,
    requestId: lead.requestId,
    status: lead.status,
    source: lead.source,
    score: lead.score,
    createdAt: lead.createdAt.toISOString(),
  };
  for (const { key } of LEAD_FIELDS) {
    const value = lead[key];
    record[key] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  for (const key of ATTRIBUTION_KEYS) record[key] = lead.attribution?.[key] ?? null;
  return record as ExportRecord;
}

/**
 * Writes an export to `out` with backpressure. CSV through csv-stringify,
 * a header line first, cells that a spreadsheet would run as a formula
 * (=, +, -, @) prefixed with an apostrophe (OWASP's advice for untrusted
 * data; the import takes it off again); NDJSON one JSON object a line.
 */
export function writeExport(exported: LeadExport, out: Writable): Promise<void> {
  const rows = Readable.from(exported.records);
  if (exported.format === "ndjson") {
    return pipeline(rows, ndjson(), out);
  }
  return pipeline(rows, stringify({ header: true, columns: [...EXPORT_COLUMNS], escape_formulas: true }), out);
}

function ndjson() {
  return async function* (source: AsyncIterable<ExportRecord>) {
    for await (const record of source) yield `${JSON.stringify(record)}\n`;
  };
}
