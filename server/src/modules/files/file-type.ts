/** The file types Leadline accepts: photos from phones and cameras, and PDF documents. */
export interface DetectedType {
  mime: string;
  extension: string;
}

/** Bytes needed to recognise every accepted type. */
export const SNIFF_BYTES = 16;

const ascii = (bytes: Buffer, offset: number, text: string) =>
  bytes.length >= offset + text.length && bytes.toString("latin1", offset, offset + text.length) === text;

// ISO base media brands of HEIF still images (iPhone photos are `heic`).
const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis"]);
const HEIF_BRANDS = new Set(["mif1", "msf1"]);

/**
 * Recognises a file by its first bytes (magic numbers), never by its name or
 * the type the client declared: a renamed executable stays unrecognised, and
 * what we later serve with `nosniff` is what the bytes really are. SVG and
 * HTML are deliberately absent: both can carry script.
 */
export function detectFileType(head: Buffer): DetectedType | null {
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) {
    return { mime: "image/jpeg", extension: "jpg" };
  }
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return { mime: "image/png", extension: "png" };
  }
  if (ascii(head, 0, "GIF87a") || ascii(head, 0, "GIF89a")) return { mime: "image/gif", extension: "gif" };
  if (ascii(head, 0, "RIFF") && ascii(head, 8, "WEBP")) return { mime: "image/webp", extension: "webp" };
  if (ascii(head, 4, "ftyp") && head.length >= 12) {
    const brand = head.toString("latin1", 8, 12);
    if (HEIC_BRANDS.has(brand)) return { mime: "image/heic", extension: "heic" };
    if (HEIF_BRANDS.has(brand)) return { mime: "image/heif", extension: "heif" };
  }
  if (ascii(head, 0, "%PDF-")) return { mime: "application/pdf", extension: "pdf" };
  return null;
}

const EXTENSIONS: Record<string, string[]> = {
  "image/jpeg": ["jpg", "jpeg", "jpe"],
  "image/png": ["png"],
  "image/gif": ["gif"],
  "image/webp": ["webp"],
  "image/heic": ["heic"],
  "image/heif": ["heif", "heic"],
  "application/pdf": ["pdf"],
};

/**
 * A display name safe to store and to send back in Content-Disposition: no
 * path, no control characters, bounded length, and an extension that matches
 * the detected type, so "invoice.exe" holding a PNG downloads as
 * "invoice.exe.png" and never runs as a program.
 */
export function safeFileName(declared: string | undefined, type: DetectedType): string {
  const base = (declared ?? "")
    .split(/[\\/]/)
    .pop()
    ?.normalize("NFC")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
    .replace(/[\u0000-\u001f\u007f-\u009f"]/g, "")
    .trim()
    .replace(/^\.+/, "")
    .slice(0, 150);
  const name = base || "file";
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  return EXTENSIONS[type.mime]?.includes(extension) ? name : `${name}.${type.extension}`;
}

/** `Content-Disposition` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: "inline" | "attachment", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/[\\"%;]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
