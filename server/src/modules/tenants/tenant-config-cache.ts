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
    if (hit && version != null && hit.version === version) return hit.value;
    const loaded = await load();
    // Re-inserting moves the key to the end: the oldest entries are the first dropped.
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, loaded);
    return loaded.value;
  }
}
