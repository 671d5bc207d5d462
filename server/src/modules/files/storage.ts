import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

/**
 * Where uploaded bytes live. The database keeps the metadata and the key; a
 * storage keeps only bytes under keys it is given, so a shared disk, an
 * object store or memory can stand behind it without the rest knowing.
 */
export interface FileStorage {
  /** Stores everything `body` yields under `key`. If the stream fails, nothing stays under the key. */
  write(key: string, body: Readable): Promise<void>;
  /** The stored bytes; rejects when the key holds nothing. */
  read(key: string): Promise<Readable>;
  /** Forgets the key; a missing key is not an error. */
  remove(key: string): Promise<void>;
}

/** A fresh key under the tenant's prefix: 192 random bits, so keys are never guessed or reused. */
export function newStorageKey(tenantId: string): string {
  return `${tenantId}/${randomBytes(24).toString("base64url")}`;
}

// Keys come only from newStorageKey, but a key is still checked before it becomes a path.
const KEY = /^[0-9a-f-]{36}\/[A-Za-z0-9_-]{32}$/;

function checkedKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
  return key;
}

/**
 * Files on local disk, one folder per tenant. Bytes go to a temporary name
 * first and are renamed into place once complete, so a reader never sees a
 * half-written file and a failed upload leaves nothing behind. Several server
 * instances need this folder on a shared volume.
 */
export class LocalDiskStorage implements FileStorage {
  constructor(private readonly root: string) {}

  async write(key: string, body: Readable): Promise<void> {
    const path = join(this.root, checkedKey(key));
    await mkdir(dirname(path), { recursive: true });
    const partial = `${path}.${randomBytes(6).toString("hex")}.part`;
    try {
      await pipeline(body, createWriteStream(partial, { flags: "wx" }));
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  read(key: string): Promise<Readable> {
    const stream = createReadStream(join(this.root, checkedKey(key)));
    // Resolve only once the file is open, so a missing file rejects instead of failing mid-response.
    return new Promise((resolve, reject) => {
      stream.once("open", () => resolve(stream));
      stream.once("error", reject);
    });
  }

  async remove(key: string): Promise<void> {
    await rm(join(this.root, checkedKey(key)), { force: true });
  }
}

/** Bytes in memory, for tests and throwaway (`DATA_DIR=:memory:`) servers. */
export class MemoryStorage implements FileStorage {
  private readonly files = new Map<string, Buffer>();

  async write(key: string, body: Readable): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(Buffer.from(chunk as Buffer));
    this.files.set(checkedKey(key), Buffer.concat(chunks));
  }

  async read(key: string): Promise<Readable> {
    const bytes = this.files.get(key);
    if (!bytes) throw new Error(`no file under ${key}`);
    return Readable.from([bytes]);
  }

  async remove(key: string): Promise<void> {
    this.files.delete(key);
  }

  get size(): number {
    return this.files.size;
  }
}

export function createStorage(uploadDir: string | null | undefined): FileStorage {
  return uploadDir ? new LocalDiskStorage(uploadDir) : new MemoryStorage();
}
