import { describe, expect, it } from "vitest";
import { contentDisposition, detectFileType, safeFileName } from "./file-type.js";

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("detectFileType", () => {
  it.each([
    ["jpeg", bytes([0xff, 0xd8, 0xff, 0xe0], "\0\x10JFIF\0\x01\x01\0\0"), "image/jpeg"],
    ["png", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], "\0\0\0\rIHDR"), "image/png"],
    ["gif", bytes("GIF89a\x01\0\x01\0\0\0\0\0\0\0"), "image/gif"],
    ["webp", bytes("RIFF\x24\0\0\0WEBPVP8 "), "image/webp"],
    ["heic", bytes([0, 0, 0, 0x18], "ftypheic\0\0\0\0"), "image/heic"],
    ["heif", bytes([0, 0, 0, 0x18], "ftypmif1\0\0\0\0"), "image/heif"],
    ["pdf", bytes("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), "application/pdf"],
  ])("recognises %s by its first bytes", (_name, head, mime) => {
    expect(detectFileType(head)?.mime).toBe(mime);
  });

  it.each([
    ["an executable", bytes("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0")],
    ["HTML", bytes("<!doctype html><script>")],
    ["SVG", bytes('<svg xmlns="http://www.w3.org/2000/svg">')],
    ["an MP4 video", bytes([0, 0, 0, 0x18], "ftypisom\0\0\0\0")],
    ["nothing", Buffer.alloc(0)],
  ])("refuses %s", (_name, head) => {
    expect(detectFileType(head)).toBeNull();
  });
});

describe("safeFileName", () => {
  const png = { mime: "image/png", extension: "png" };
  it("drops paths and control characters and fixes a misleading extension", () => {
    expect(safeFileName("C:\\Users\\me\\..\\evil\r\n.exe", png)).toBe("evil.exe.png");
    expect(safeFileName("../../etc/passwd", png)).toBe("passwd.png");
    expect(safeFileName("", png)).toBe("file.png");
    expect(safeFileName(".hidden", png)).toBe("hidden.png");
    expect(safeFileName("Photo.PNG", png)).toBe("Photo.PNG");
  });

  it("quotes nothing an attacker could use to break the header", () => {
    expect(contentDisposition("inline", 'a";b.png')).toBe(`inline; filename="a__b.png"; filename*=UTF-8''a%22%3Bb.png`);
  });
});
