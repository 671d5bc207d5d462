import type { AttachmentInput } from "../../gql/graphql";
import { saveFile } from "../../save-file";
import { readToken } from "../auth/session-token";

/** What the file pickers offer: the types the server keeps (it checks the bytes, photos and PDFs). */
export const ACCEPTED_FILES = "image/*,application/pdf";

/** Why the server refused a file: its words (for the file field when it names one). */
export class UploadRefused extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = "UploadRefused";
  }
}

/**
 * Stores a file (POST /uploads): for a lead when `leadId` is given, else
 * staged for the lead the viewer is creating, which binds it when created.
 * Answers the attachment to send with the mutation; the server checks the
 * bytes (photos and PDFs) and the size, and its refusal is thrown with its
 * own message.
 */
export async function uploadFile(file: File, leadId?: string): Promise<AttachmentInput> {
  const body = new FormData();
  body.append("file", file);
  const token = readToken();
  let response: Response;
  try {
    response = await fetch(leadId ? `/uploads?leadId=${encodeURIComponent(leadId)}` : "/uploads", {
      method: "POST",
      body,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new UploadRefused("Cannot reach the server. Check your connection and try again.", 0);
  }
  const answer = (await response.json().catch(() => null)) as
    | (AttachmentInput & { errors?: undefined })
    | { errors?: { message?: string; extensions?: { fields?: { field: string; message: string }[] } }[] }
    | null;
  if (response.ok && answer && "url" in answer) {
    const { url, name, fileType, size } = answer;
    return { url, name, fileType, size };
  }
  const error = answer?.errors?.[0];
  const message =
    error?.extensions?.fields?.find((f) => f.field === "file")?.message ??
    error?.message ??
    `The server answered with status ${response.status}.`;
  throw new UploadRefused(message, response.status);
}

/** A file's size as people read it: 840 B, 12 KB, 3.4 MB. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Downloads a lead's file (GET /files/:id needs the session, so a plain link would not do). */
export async function downloadFile(file: { url: string; name: string }): Promise<void> {
  const token = readToken();
  const response = await fetch(file.url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!response.ok) throw new Error(`${file.name} could not be downloaded (status ${response.status}).`);
  saveFile(await response.blob(), file.name);
}
