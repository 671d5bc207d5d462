import { saveFile } from "../../save-file";
import { readToken } from "../auth/session-token";

/** The REST API's path for CSV imports (a file is streamed, which GraphQL does not do). */
const IMPORTS_PATH = "/api/v1/imports";

export interface StartImport {
  file: File;
  /** CSV column -> lead field; null leaves the column out. Every column is named, so nothing is guessed. */
  mapping: Record<string, string | null>;
  delimiter: string;
  dryRun: boolean;
}

/** Why the server refused an import before it began: its message, and the mapping's columns at fault. */
export class ImportRefused extends Error {
  constructor(
    message: string,
    /** Field errors by field: `mapping.<column>`, `mapping`, `body`, … */
    readonly fields: Record<string, string>,
  ) {
    super(message);
    this.name = "ImportRefused";
  }
}

function authorization(): Record<string, string> {
  const token = readToken();
  return token ? { authorization: `Bearer ${token}` } : {};
}

/**
 * Starts an import (or its dry run) with the file as it is on disk: the
 * server answers once it has the whole file (Prefer: respond-async), with the
 * import's id to follow; the rows are read after the answer.
 */
export async function startImport(params: StartImport): Promise<{ id: string }> {
  const query = new URLSearchParams({
    dryRun: String(params.dryRun),
    mapping: JSON.stringify(params.mapping),
    fileName: params.file.name.slice(0, 255),
    delimiter: params.delimiter,
  });
  let response: Response;
  try {
    response = await fetch(`${IMPORTS_PATH}?${query}`, {
      method: "POST",
      // The browser may call a .csv "application/vnd.ms-excel"; the server takes CSV by its own name.
      headers: { ...authorization(), "content-type": "text/csv", prefer: "respond-async" },
      body: params.file,
    });
  } catch {
    throw new ImportRefused("Cannot reach the server. Check your connection and try again.", {});
  }
  const body = (await response.json().catch(() => null)) as {
    id?: string;
    errors?: { message?: string; extensions?: { fields?: { field: string; message: string }[] } }[];
  } | null;
  if (response.ok && body?.id) return { id: body.id };
  const error = body?.errors?.[0];
  const fields: Record<string, string> = {};
  for (const f of error?.extensions?.fields ?? []) fields[f.field] ??= f.message;
  throw new ImportRefused(error?.message ?? `The server answered with status ${response.status}.`, fields);
}

/** Saves an import's error report (line, column, message) as a CSV file, through the browser's download. */
export async function downloadErrorReport(id: string): Promise<void> {
  const response = await fetch(`${IMPORTS_PATH}/${encodeURIComponent(id)}/errors`, { headers: authorization() });
  if (!response.ok) throw new Error(`The error report could not be downloaded (status ${response.status}).`);
  const name = fileNameOf(response.headers.get("content-disposition") ?? "") ?? "errors.csv";
  saveFile(await response.blob(), name);
}

/** The file name a Content-Disposition gives: filename* (RFC 5987) first, else filename, quoted or not. */
export function fileNameOf(disposition: string): string | null {
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // Fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(disposition);
  const value = plain?.[1]?.replace(/\\(.)/g, "$1") ?? plain?.[2];
  return value || null;
}
