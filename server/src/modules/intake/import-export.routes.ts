import { randomUUID } from "node:crypto";
import { type FileHandle, open, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import type { Request, Response, Router } from "express";
import type { LeadImportRow } from "../../db/schema/index.js";
import { badInput, DomainError, notFound } from "../../errors.js";
import type { Logger } from "../../logger.js";
import type { Viewer } from "../auth/viewer.js";
import { type LeadExportService, writeExport } from "./csv-export.js";
import type { LeadImportService } from "./import.service.js";
import { importQuerySchema, MAX_IMPORT_BYTES, mappingSchema, toImportResource } from "./import-resource.js";
import { fieldErrorsOfIssues } from "./lead-input.schema.js";

/** The CSV media types an import accepts. */
const CSV_TYPES = ["text/csv", "text/plain", "application/csv"];

type Handle = (
  fn: (viewer: Viewer, req: Request, res: Response) => Promise<void>,
) => (req: Request, res: Response) => Promise<void>;

/**
 * `POST /api/v1/imports` (a CSV body), `GET /api/v1/imports[/:id]`, and
 * `GET /api/v1/leads/export`, on the REST router (API key auth and error
 * answers from `handle`). Mounted before `/leads/:ref`, which would
 * otherwise take "export" for a lead's id.
 */
export function mountImportExportRoutes(
  router: Router,
  handle: Handle,
  services: { leadImports: LeadImportService; leadExports: LeadExportService },
  log: Logger,
): void {
  router.post(
    "/imports",
    handle(async (viewer, req, res) => {
      const params = importParamsOf(req);
      const upload = new Upload(req);
      if (prefersAsync(req)) {
        await importAsync(viewer, params, upload, res);
        return;
      }
      try {
        const row = await services.leadImports.importCsv(viewer, params, () => upload.receive());
        res.status(201).location(`/api/v1/imports/${row.id}`).json(toImportResource(row));
      } finally {
        await upload.dispose();
      }
    }),
  );

  /**
   * `Prefer: respond-async` (RFC 7240): 202 Accepted with the import (RUNNING)
   * once it is stored and the whole file has been received, then the rows are
   * read, so the client can follow it (GET /imports/:id, the
   * leadImportProgress subscription) from its first row. The rows wait for the
   * answer: on embedded PGlite each chunk holds the event loop, and an answer
   * queued behind the first chunks would come seconds late. A refusal before
   * that (a bad mapping, an upload too large or cut off) is answered as
   * without the preference.
   */
  async function importAsync(
    viewer: Viewer,
    params: ReturnType<typeof importParamsOf>,
    upload: Upload,
    res: Response,
  ): Promise<void> {
    let answered: (row: LeadImportRow) => void = () => {};
    const answer = new Promise<LeadImportRow>((resolve) => {
      answered = resolve;
    });
    const running = services.leadImports.importCsv(viewer, params, () => upload.receive(), {
      onStart: async (row) => {
        // A failed upload is not answered here: reading the file fails, and the refusal is answered below.
        // Nor is one still arriving when the server stops: the import ends FAILED at once, and says so below.
        const stopping = services.leadImports.whenStopping().then(() => false);
        if (!(await Promise.race([upload.received(), stopping]))) return;
        res
          .status(202)
          .location(`/api/v1/imports/${row.id}`)
          .set("Preference-Applied", "respond-async")
          .json(toImportResource(row));
        answered(row);
      },
    });
    const ended = running.finally(() => upload.dispose());
    services.leadImports.runInBackground(ended);
    const row = await Promise.race([answer, ended]);
    if (res.headersSent) {
      ended.catch((err: unknown) => {
        // The import says why it stopped (FAILED, with its failure); the log keeps the cause.
        if (!(err instanceof DomainError)) log.error({ err, importId: row.id }, "background import failed");
      });
      return;
    }
    // Ended before an answer went out (the server stopped while the file arrived): as without the preference.
    res.status(201).location(`/api/v1/imports/${row.id}`).json(toImportResource(row));
  }
  router.get(
    "/imports/:id/errors",
    handle(async (viewer, req, res) => {
      const row = await services.leadImports.findImport(viewer, String(req.params.id));
      if (!row) throw notFound("Import");
      res.attachment(errorReportName(row)).type("text/csv; charset=utf-8");
      await pipeline(
        Readable.from(row.errors.map((e) => ({ line: e.line, column: e.field ?? "", message: e.message }))),
        stringify({ header: true, columns: ["line", "column", "message"], escape_formulas: true }),
        res,
      );
    }),
  );
  router.get(
    "/imports",
    handle(async (viewer, req, res) => {
      const first = req.query.first === undefined ? 20 : Number(req.query.first);
      const rows = await services.leadImports.listImports(viewer, first);
      res.json({ data: rows.map(toImportResource) });
    }),
  );
  router.get(
    "/imports/:id",
    handle(async (viewer, req, res) => {
      const row = await services.leadImports.findImport(viewer, String(req.params.id));
      if (!row) throw notFound("Import");
      res.json(toImportResource(row));
    }),
  );
  router.get(
    "/leads/export",
    handle(async (viewer, req, res) => {
      const exported = services.leadExports.exportLeads(viewer, req.query as Record<string, unknown>);
      // attachment() sets a type from the file name; ours goes after it.
      res.attachment(exported.fileName).type(exported.contentType);
      await writeExport(exported, res).catch((err: unknown) => {
        if (!res.headersSent) throw err;
        // Mid-stream there is no error answer left to give: the cut connection tells the client.
        log.error({ err, path: req.path }, "lead export failed mid-stream");
        res.destroy();
      });
    }),
  );
}

/** Whether the client asked to be answered before the import ends (RFC 7240). */
function prefersAsync(req: Request): boolean {
  return (req.get("prefer") ?? "").split(",").some((p) => p.split(";")[0]?.trim().toLowerCase() === "respond-async");
}

/** "leads.csv" gives "leads-errors.csv"; an import without a file name, "import-<id>-errors.csv". */
function errorReportName(row: LeadImportRow): string {
  const base = (row.fileName ?? "")
    .replace(/\.csv$/i, "")
    .replace(/[^\p{L}\p{N}._ -]+/gu, "_")
    .slice(0, 100);
  return `${base || `import-${row.id}`}-errors.csv`;
}

function importParamsOf(req: Request) {
  const type = (req.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!CSV_TYPES.includes(type)) {
    throw badInput([{ field: "content-type", message: "must be text/csv" }]);
  }
  const parsed = importQuerySchema.safeParse(req.query);
  if (!parsed.success) throw badInput(fieldErrorsOfIssues(parsed.error.issues, "query"));
  const { dryRun, mapping, fileName, delimiter } = parsed.data;
  return {
    dryRun: dryRun === "true",
    mapping: mapping === undefined ? null : mappingOf(mapping),
    fileName: fileName ?? null,
    delimiter: delimiter ?? ",",
  };
}

function mappingOf(text: string): Record<string, string | null> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badInput([{ field: "mapping", message: "is not JSON" }]);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) throw badInput(fieldErrorsOfIssues(parsed.error.issues, "mapping"));
  return parsed.data;
}

/**
 * The request body, spooled to a temporary file as fast as it arrives and
 * read back as the import goes, from its first line on. Reading the request
 * at the import's pace would keep it unfinished for as long as the import
 * runs, and Node's server cuts a request not received within
 * `requestTimeout` (5 minutes): a large import would die midway. Neither the
 * upload nor the import holds the file in memory. A refusal (a bad mapping,
 * a body past MAX_IMPORT_BYTES) is answered at once; the rest of the upload
 * is then read and dropped, so the client gets the answer.
 */
class Upload {
  private readonly path = join(tmpdir(), `leadline-import-${randomUUID()}.csv`);
  private file: FileHandle | null = null;
  /** Bytes on disk, readable. */
  private written = 0;
  private ended = false;
  private failure: unknown = null;
  /** Past the limit, or disposed: the rest of the request is read and dropped. */
  private dropping = false;
  private wake: (() => void) | null = null;
  /** `received` calls waiting for the upload to end. */
  private waiters: (() => void)[] = [];
  /** The write under way, awaited before the file closes. */
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly req: Request) {}

  async receive(): Promise<Readable> {
    const file = await open(this.path, "w+", 0o600);
    this.file = file;
    const sink = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        if (this.dropping) return done();
        if (this.written + chunk.length > MAX_IMPORT_BYTES) {
          this.fail(badInput([{ field: "body", message: `is larger than ${MAX_IMPORT_BYTES} bytes` }]));
          return done();
        }
        this.writing = file.write(chunk).then(() => {
          this.written += chunk.length;
          this.signal();
          done();
        }, done);
      },
    });
    pipeline(this.req, sink).then(
      () => {
        this.ended = true;
        this.signal();
      },
      () => this.fail(badInput([{ field: "body", message: "the upload ended before the end of the file" }])),
    );
    return Readable.from(this.chunks(file), { objectMode: false });
  }

  /** Resolves when the whole request body is on disk (true), or the upload failed or was dropped (false). */
  received(): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.failure || this.dropping) return resolve(false);
        if (this.ended) return resolve(true);
        this.waiters.push(check);
      };
      check();
    });
  }

  async dispose(): Promise<void> {
    this.dropping = true;
    this.signal();
    await this.writing.catch(() => {});
    await this.file?.close();
    await rm(this.path, { force: true });
  }

  /** What is on disk, then waits for more, until the upload ends. */
  private async *chunks(file: FileHandle): AsyncGenerator<Buffer> {
    let position = 0;
    for (;;) {
      if (position < this.written) {
        const buffer = Buffer.alloc(Math.min(64 * 1024, this.written - position));
        const { bytesRead } = await file.read(buffer, 0, buffer.length, position);
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
      } else if (this.failure) {
        throw this.failure;
      } else if (this.ended || this.dropping) {
        return;
      } else {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
      }
    }
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    this.dropping = true;
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
