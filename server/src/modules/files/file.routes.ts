import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import busboy from "busboy";
import type { Express, Request, Response } from "express";
import type { FileRow } from "../../db/schema/index.js";
import { DomainError, unauthenticated } from "../../errors.js";
import { extensionsOf, HTTP_STATUS_OF } from "../../graphql/errors.js";
import type { Logger } from "../../logger.js";
import type { AuthService } from "../auth/auth.service.js";
import { fileUrl } from "./attachments.js";
import { type FileService, MAX_UPLOAD_BYTES, UploadRejected } from "./file.service.js";
import { contentDisposition } from "./file-type.js";

/** Room for the multipart boundaries and part headers around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * `POST /uploads[?leadId=…]` (multipart, field `file`) and `GET /files/:id`,
 * both with `Authorization: Bearer`. Errors use the GraphQL error shape:
 * `{ errors: [{ message, extensions: { code, fields? } }] }`.
 */
export function mountFileRoutes(app: Express, services: { auth: AuthService; files: FileService }, log: Logger): void {
  app.post("/uploads", async (req, res) => {
    try {
      const viewer = await services.auth.authenticate(req.headers.authorization);
      if (!viewer) throw unauthenticated();
      const leadId = typeof req.query.leadId === "string" ? req.query.leadId : null;
      // Permission first: nobody streams bytes at a lead they may not touch.
      const target = await services.files.uploadTargetOrThrow(viewer, leadId);
      const declared = Number(req.headers["content-length"] ?? 0);
      if (declared > MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD) {
        throw new UploadRejected(413, `File is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);
      }
      const file = await receiveFile(req, (name, body) => services.files.storeUpload(viewer, target, { name, body }));
      res.status(201).json(describe(file));
    } catch (error) {
      sendError(req, res, log, error);
    }
  });

  app.get("/files/:id", async (req, res) => {
    try {
      const viewer = await services.auth.authenticate(req.headers.authorization);
      if (!viewer) throw unauthenticated();
      // Someone else's file and no file at all answer the same 404: existence is not revealed.
      const download = await services.files.openDownload(viewer, req.params.id);
      if (!download) throw new DomainError("NOT_FOUND", "File not found");
      const { file, body } = download;
      res.status(200).set({
        "Content-Type": file.fileType,
        "Content-Length": String(file.size),
        // Images show in place; documents download rather than open in the app's origin.
        "Content-Disposition": contentDisposition(
          file.fileType.startsWith("image/") ? "inline" : "attachment",
          file.name,
        ),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'; sandbox",
        "Cache-Control": "private, no-store",
      });
      await pipeline(body, res);
    } catch (error) {
      if (res.headersSent) {
        log.warn({ err: error }, "file download interrupted");
        res.destroy();
        return;
      }
      sendError(req, res, log, error);
    }
  });
}

function describe(file: FileRow) {
  return { id: file.id, url: fileUrl(file.id), name: file.name, fileType: file.fileType, size: file.size };
}

/**
 * Parses the multipart body and hands the part named `file` to `store` as a
 * stream. Settles as soon as the store does: a refusal (too large, wrong
 * type) answers while the client may still be sending.
 */
function receiveFile(
  req: IncomingMessage,
  store: (name: string | undefined, body: Readable) => Promise<FileRow>,
): Promise<FileRow> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        defParamCharset: "utf8",
        // One byte past the cap, so the store sees the excess and refuses it.
        limits: { files: 1, fileSize: MAX_UPLOAD_BYTES + 1, fields: 10, fieldSize: 1024, parts: 12 },
      });
    } catch {
      reject(new UploadRejected(400, "Send multipart/form-data with the file in the field 'file'"));
      return;
    }
    let storing = false;
    parser.on("file", (field, body, info) => {
      if (field !== "file" || storing) {
        body.resume();
        return;
      }
      storing = true;
      store(info.filename, body).then(resolve, (error) => {
        body.resume();
        reject(error);
      });
    });
    parser.on("error", () => reject(new UploadRejected(400, "Malformed multipart body")));
    parser.on("close", () => {
      if (!storing) reject(new UploadRejected(400, "No file: send it in the multipart field 'file'"));
    });
    // A client that gives up mid-upload: fail the file stream, so the partial bytes are removed.
    req.once("close", () => {
      if (!req.complete) parser.destroy(new Error("upload aborted by the client"));
    });
    req.pipe(parser);
  });
}

function sendError(req: Request, res: Response, log: Logger, error: unknown): void {
  let status = 500;
  let message = "Internal server error";
  let extensions: Record<string, unknown> = { code: "INTERNAL_SERVER_ERROR" };
  if (error instanceof UploadRejected) {
    status = error.status;
    message = error.message;
    extensions = { code: "BAD_USER_INPUT", reason: "INVALID_INPUT", fields: [{ field: "file", message }] };
  } else if (error instanceof DomainError) {
    extensions = extensionsOf(error);
    status = HTTP_STATUS_OF[extensions.code as keyof typeof HTTP_STATUS_OF];
    message = error.message;
  } else {
    log.error({ err: error, path: req.path }, "file route failed");
  }
  if (!req.complete) {
    // The client may still be sending a body we will not read: close the connection after answering.
    res.set("Connection", "close");
    req.unpipe();
    req.resume();
  }
  res.status(status).json({ errors: [{ message, extensions }] });
}
