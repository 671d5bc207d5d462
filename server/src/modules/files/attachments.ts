import { and, eq, inArray, isNull, or } from "drizzle-orm";
import type { Executor } from "../../db/client.js";
import { isUuid } from "../../db/ids.js";
import { type AttachmentRow, attachments, files } from "../../db/schema/index.js";
import { badInput } from "../../errors.js";
import type { Viewer } from "../auth/viewer.js";
import type { AttachmentParams } from "../lead-core/lead.params.js";

export const MAX_ATTACHMENTS = 20;

/** The path an uploaded file is served from; attachments name uploads by it. */
export const fileUrl = (id: string) => `/files/${id}`;
const FILE_URL = /^\/files\/([^/?#]+)$/;

/**
 * Adds attachments to a lead inside the caller's transaction, after the
 * input's shape was checked (`normalizeAttachments`). An upload (`/files/<id>`)
 * must be one of this lead's files or one the viewer staged for it; staged
 * files are bound to the lead here. Name, type and size of an upload come
 * from what the server stored, never from the client's claim. Other URLs are
 * links to files kept elsewhere (intake from integrators) and stay as given.
 */
export async function attachFilesOrThrow(
  tx: Executor,
  viewer: Viewer,
  leadId: string,
  list: readonly AttachmentParams[],
): Promise<AttachmentRow[]> {
  if (list.length === 0) return [];
  if (list.length > MAX_ATTACHMENTS) {
    throw badInput([{ field: "attachments", message: `at most ${MAX_ATTACHMENTS} at a time` }]);
  }
  const fileIds = list.map((a) => (a.url.startsWith("/") ? (FILE_URL.exec(a.url)?.[1] ?? "") : null));
  const errors = fileIds.flatMap((id, i) =>
    id !== null && !isUuid(id)
      ? [{ field: `attachments.${i}.url`, message: "must be an upload (/files/<id>) or an http(s) URL" }]
      : [],
  );
  if (errors.length) throw badInput(errors);
  const wanted = [...new Set(fileIds.filter((id): id is string => id !== null))];
  // Locked, so two requests cannot both bind the same staged file to different leads.
  const rows = wanted.length
    ? await tx
        .select()
        .from(files)
        .where(
          and(
            eq(files.tenantId, viewer.tenantId),
            inArray(files.id, wanted),
            or(eq(files.leadId, leadId), and(isNull(files.leadId), eq(files.createdById, viewer.userId))),
          ),
        )
        .for("update")
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  const unknown = fileIds.flatMap((id, i) =>
    id !== null && !byId.has(id)
      ? [{ field: `attachments.${i}.url`, message: "is not a file uploaded for this lead" }]
      : [],
  );
  if (unknown.length) throw badInput(unknown);
  const staged = rows.filter((row) => row.leadId === null).map((row) => row.id);
  if (staged.length) await tx.update(files).set({ leadId }).where(inArray(files.id, staged));
  const values = list.map((attachment, i) => {
    const file = byId.get(fileIds[i] ?? "");
    const described = file
      ? { url: fileUrl(file.id), name: file.name, fileType: file.fileType, size: file.size }
      : attachment;
    return { ...described, tenantId: viewer.tenantId, leadId };
  });
  return tx.insert(attachments).values(values).returning();
}
