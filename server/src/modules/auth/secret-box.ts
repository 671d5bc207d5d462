import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Config } from "../../config.js";

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Seals the third-party secrets Leadline must be able to use again (a
 * tenant's reCAPTCHA secret, outbound webhook signing secrets) with
 * AES-256-GCM under the server key: a copy of the database alone reveals
 * none of them, and a tampered value fails to open rather than decrypting to
 * garbage. The tenant id is bound in as associated data, so a sealed value
 * copied into another tenant's row does not open there.
 */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error("the secrets key must be 32 bytes");
  }

  seal(plain: string, tenantId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", this.key, iv);
    cipher.setAAD(Buffer.from(tenantId));
    const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
    return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64")}`;
  }

  /** A tag proving the server issued `data` for `purpose` (a form's render time, say); base64url. */
  mac(purpose: string, data: string): string {
    return createHmac("sha256", this.key).update(`${purpose}\0${data}`).digest("base64url");
  }

  /** Whether `tag` is this server's `mac(purpose, data)`, compared in constant time. */
  verifyMac(purpose: string, data: string, tag: string): boolean {
    const expected = Buffer.from(this.mac(purpose, data));
    const given = Buffer.from(tag);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  open(sealed: string, tenantId: string): string {
    const [version, payload] = sealed.split(":", 2);
    if (version !== VERSION || !payload) throw new Error("not a sealed secret");
    const raw = Buffer.from(payload, "base64");
    const decipher = createDecipheriv("aes-256-gcm", this.key, raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(tenantId));
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString("utf8");
  }
}

/**
 * The configured key; else the one kept in the data folder (made on first
 * start, readable by the server's user only); else a key for this process,
 * which suits a throwaway in-memory database and nothing else.
 */
export function secretBoxFor(config: Pick<Config, "secretsKey" | "secretsKeyFile">): SecretBox {
  if (config.secretsKey) return new SecretBox(config.secretsKey);
  const file = config.secretsKeyFile;
  if (!file) return new SecretBox(randomBytes(32));
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another instance sharing the data folder made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return new SecretBox(Buffer.from(readFileSync(file, "utf8").trim(), "base64"));
}
