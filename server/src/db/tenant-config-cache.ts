/**
 * Configuration a hot path reads for every request (where a new lead goes, the
 * routing rules), kept in the process and reused only at the version it was
 * read at. `tenants.config_version` moves in the same transaction as every
 * change to the tenant, its pipelines, stages and routing rules (triggers,
 * migration 0025), and a request learns the current version from the
 * credential read it makes anyway (session, API key, webhook secret). So an
 * entry is never used after a change has committed on any instance, and no
 * instance needs telling: a request that knows no version reads afresh.
 */
export class TenantConfigCache<V> {
  private readonly entries = new Map<string, { version: number; value: V }>();
  /** Per key, the newest version this process has seen changed by its own requests. */
  private readonly retired = new Map<string, number>();

  constructor(private readonly maxEntries = 2_000) {}

  /**
   * The value for `key` read at `version`; otherwise `load`, which answers
   * the value and the version it was read at (in the same statement, so the
   * two agree). A failed load is not kept.
   */
  async get(
    key: string,
    version: number | null | undefined,
    load: () => Promise<{ version: number; value: V }>,
  ): Promise<V> {
    const hit = this.entries.get(key);
    const floor = this.retired.get(key);
    const current = version != null && (floor === undefined || version > floor);
    if (hit && current && hit.version === version) return hit.value;
    const loaded = await load();
    // Read before a change of this process committed: correct for its caller, not worth keeping.
    if (floor !== undefined && loaded.version <= floor) return loaded.value;
    this.retired.delete(key);
    // Re-inserting moves the key to the end: the oldest entries are the first dropped.
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, loaded);
    return loaded.value;
  }

  /**
   * A request of this process changed what `key` caches, and committed; its
   * credential read saw `version`. The rest of that request still carries
   * that version, so nothing read at it or before is used again (a read
   * racing the change could otherwise store the old value under it).
   * Requests elsewhere learn the new version from their own credential read.
   */
  retire(key: string, version: number | null | undefined): void {
    this.entries.delete(key);
    if (version == null) return;
    this.retired.set(key, Math.max(version, this.retired.get(key) ?? version));
    if (this.retired.size > this.maxEntries) this.retired.delete(this.retired.keys().next().value as string);
  }
}
