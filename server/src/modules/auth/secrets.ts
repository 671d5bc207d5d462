import { createHash, randomBytes } from "node:crypto";
import { type Algorithm, hash, verify } from "@node-rs/argon2";

/** Bearer token prefixes tell session tokens from API keys without a lookup. */
export const SESSION_PREFIX = "lls_";
export const API_KEY_PREFIX = "llk_";

export function newSecret(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

/**
 * Tokens carry 256 random bits, so a fast hash is enough to store them: a
 * leaked table cannot be reversed, and lookup stays one indexed query.
 */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

// Algorithm.Argon2id is an ambient const enum, which isolated modules cannot read.
const ARGON2ID = 2 as Algorithm;
// OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
const ARGON2 = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  return verify(passwordHash, password).catch(() => false);
}

/** Verifies against a throwaway hash so unknown emails take as long as wrong passwords. */
let decoyHash: Promise<string> | undefined;
export async function burnPasswordCheck(password: string): Promise<void> {
  decoyHash ??= hashPassword(randomBytes(16).toString("hex"));
  await verifyPassword(await decoyHash, password);
}
