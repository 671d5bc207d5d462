import type { TestServer } from "../../test/harness.js";

/** Test bytes whose first bytes say what they are, padded to a size. */
export const PNG = (size = 64) =>
  Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(Math.max(0, size - 8), 7),
  ]);
export const PDF = () => Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
/** A Windows executable's header. */
export const EXE = () => Buffer.concat([Buffer.from("MZ"), Buffer.alloc(126, 0x90)]);

export interface UploadResponse {
  status: number;
  body: { id: string; url: string; name: string; fileType: string; size: number } & {
    errors?: { message: string; extensions: { code: string; fields?: { field: string }[] } }[];
  };
}

/** POSTs one file as multipart field `file`, declaring whatever name and type the test likes. */
export async function upload(
  server: TestServer,
  token: string | undefined,
  bytes: Buffer,
  options: { leadId?: string; name?: string; type?: string } = {},
): Promise<UploadResponse> {
  const form = new FormData();
  form.append(
    "file",
    new Blob([new Uint8Array(bytes)], { type: options.type ?? "application/octet-stream" }),
    options.name ?? "upload.bin",
  );
  const query = options.leadId ? `?leadId=${encodeURIComponent(options.leadId)}` : "";
  const res = await fetch(`${server.url}/uploads${query}`, {
    method: "POST",
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as UploadResponse["body"] };
}

export function download(server: TestServer, token: string | undefined, url: string): Promise<Response> {
  return fetch(`${server.url}${url}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}
