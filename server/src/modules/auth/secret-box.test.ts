import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SecretBox, secretBoxFor } from "./secret-box.js";

describe("SecretBox", () => {
  const box = new SecretBox(randomBytes(32));
  const tenant = "0b0e4d62-9d3c-4f49-9a8f-5d0c2b1a0c11";

  it("opens what it sealed, and the sealed text does not contain the secret", () => {
    const sealed = box.seal("6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe", tenant);
    expect(sealed).not.toContain("6LeIxAcT");
    expect(box.open(sealed, tenant)).toBe("6LeIxAcTAAAAAGG-vFI1TnRWxMZNFuojJ4WifJWe");
  });

  it("seals the same secret differently each time", () => {
    expect(box.seal("s", tenant)).not.toBe(box.seal("s", tenant));
  });

  it("refuses a value sealed for another tenant, under another key, or tampered with", () => {
    const sealed = box.seal("secret", tenant);
    expect(() => box.open(sealed, "another-tenant")).toThrow();
    expect(() => new SecretBox(randomBytes(32)).open(sealed, tenant)).toThrow();
    const raw = Buffer.from(sealed.slice(3), "base64");
    raw[raw.length - 1] = (raw.at(-1) ?? 0) ^ 1;
    expect(() => box.open(`v1:${raw.toString("base64")}`, tenant)).toThrow();
  });

  it("keeps a generated key in the data folder, readable by the owner only, and reuses it", () => {
    const file = join(mkdtempSync(join(tmpdir(), "leadline-key-")), "secrets.key");
    const sealed = secretBoxFor({ secretsKeyFile: file }).seal("x", tenant);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(Buffer.from(readFileSync(file, "utf8"), "base64")).toHaveLength(32);
    expect(secretBoxFor({ secretsKeyFile: file }).open(sealed, tenant)).toBe("x");
  });
});
