import { pipeline, type Readable, Transform, type TransformCallback } from "node:stream";
import { and, eq, isNull, or } from "drizzle-orm";
import type { Database } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type FileRow, files, leads } from "../../db/schema/index.js";
import { conflict, forbidden, notFound } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { JobQueue } from "../jobs/job-queue.js";
import { canWorkLead, visibleLeads } from "../lead-core/lead-access.js";
import { type DetectedType, detectFileType, SNIFF_BYTES, safeFileName } from "./file-type.js";
import { type FileStorage, newStorageKey } from "./storage.js";

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** A staged upload not attached to a new lead within this time is deleted. */
export const STAGED_FILE_TTL_MS = 24 * 3_600_000;

/** Why an upload's bytes were refused, with the HTTP status that says so. */
export class UploadRejected extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

/** Where an upload goes: a lead's files, or staged (null) for a lead the uploader is creating. */
export interface UploadTarget {
  leadId: string | null;
}

export interface Download {
  file: FileRow;
  body: Readable;
}

/**
 * Uploaded files: bytes behind a FileStorage, metadata in `files`. Access
 * follows the lead: whoever may see the lead may read its files, whoever may
 * work it may add to them.
 */
export class FileService {
  constructor(
    private readonly db: Database,
    readonly storage: FileStorage,
    private readonly jobs: JobQueue,
  ) {}

  /** Checked before any byte is read: NOT_FOUND for a lead the viewer cannot see, FORBIDDEN if they may not work it. */
  async uploadTargetOrThrow(viewer: Viewer, leadId: string | null | undefined): Promise<UploadTarget> {
    if (!leadId) {
      if (!viewer.permissions.create) throw forbidden("Your roles do not allow creating leads; upload to a lead");
      return { leadId: null };
    }
    const [lead] = isUuid(leadId)
      ? await this.db
          .select()
          .from(leads)
          .where(and(visibleLeads(viewer), eq(leads.id, leadId)))
      : [];
    if (!lead) throw notFound("Lead");
    if (lead.convertedAt) throw conflict("READ_ONLY", "Lead was converted and is read-only");
    if (!canWorkLead(viewer, lead)) throw forbidden("You may view this lead but not change it; claim it first");
    return { leadId: lead.id };
  }

  /**
   * Streams the upload to storage while checking its type by content and its
   * size; on any failure the stored bytes are removed, so a refused upload
   * leaves nothing behind. A staged file gets a timer that deletes it unless
   * a new lead claims it first; the timer commits with the row.
   */
  async storeUpload(
    viewer: Viewer,
    target: UploadTarget,
    upload: { name: string | undefined; body: Readable },
  ): Promise<FileRow> {
    const key = newStorageKey(viewer.tenantId);
    const inspector = new UploadInspector(MAX_UPLOAD_BYTES);
    // Joined at once, so a refusal raised before the storage starts reading still reaches it as an error.
    pipeline(upload.body, inspector, () => undefined);
    try {
      await this.storage.write(key, inspector);
      const type = inspector.type;
      if (!type) throw new UploadRejected(400, "The file is empty");
      return await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(files)
          .values({
            tenantId: viewer.tenantId,
            leadId: target.leadId,
            name: safeFileName(upload.name, type),
            fileType: type.mime,
            size: inspector.bytes,
            storageKey: key,
            createdById: viewer.userId,
          })
          .returning();
        if (!row) throw new Error("file insert returned nothing");
        if (!target.leadId) {
          await this.jobs.schedule(
            tx,
            "staged-file-expiry",
            { fileId: row.id },
            { startAfter: new Date(Date.now() + STAGED_FILE_TTL_MS) },
          );
        }
        return row;
      });
    } catch (error) {
      // The refusal is what the caller needs; bytes left under an unreferenced random key are unreachable.
      await this.storage.remove(key).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The file if the viewer may see it, else null: a file of a lead they can
   * see, or one they staged themselves. Callers answer 404 either way, so a
   * file's existence is never revealed.
   */
  async openDownload(viewer: Viewer, id: string): Promise<Download | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db
      .select({ file: files })
      .from(files)
      .leftJoin(leads, eq(leads.id, files.leadId))
      .where(
        and(
          eq(files.tenantId, viewer.tenantId),
          eq(files.id, id),
          or(and(isNull(files.leadId), eq(files.createdById, viewer.userId)), visibleLeads(viewer)),
        ),
      );
    if (!row) return null;
    return { file: row.file, body: await this.storage.read(row.file.storageKey) };
  }

  /** Job handler: deletes a staged upload that no new lead took. */
  async expireStagedFile(data: { fileId: string }): Promise<void> {
    if (!isUuid(data.fileId)) return;
    const [removed] = await this.db
      .delete(files)
      .where(and(eq(files.id, data.fileId), isNull(files.leadId)))
      .returning({ storageKey: files.storageKey });
    if (removed) await this.storage.remove(removed.storageKey);
  }
}

/**
 * Passes bytes through while learning the type from the first bytes and
 * counting the rest. It fails the stream, and so the write, the moment the
 * bytes are of a refused type or one byte too many.
 */
class UploadInspector extends Transform {
  bytes = 0;
  type: DetectedType | null = null;
  private head: Buffer[] = [];
  private headLength = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      callback(new UploadRejected(413, `File is larger than ${this.limit / 1024 / 1024} MB`));
      return;
    }
    if (this.type) {
      callback(null, chunk);
      return;
    }
    this.head.push(chunk);
    this.headLength += chunk.length;
    if (this.headLength < SNIFF_BYTES) {
      callback();
      return;
    }
    this.flushHead(callback);
  }

  override _flush(callback: TransformCallback): void {
    if (this.type || this.headLength === 0) callback();
    else this.flushHead(callback);
  }

  private flushHead(callback: TransformCallback): void {
    const head = Buffer.concat(this.head);
    this.head = [];
    this.type = detectFileType(head);
    if (!this.type) {
      callback(new UploadRejected(415, "Unsupported file type: upload a JPEG, PNG, GIF, WebP or HEIC image, or a PDF"));
      return;
    }
    callback(null, head);
  }
}
