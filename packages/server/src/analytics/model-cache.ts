/**
 * A small time-bounded cache of fitted models (CLV, personas, item similarity) per workspace
 * and parameters: per-person endpoints reuse the last fit instead of refitting on every call.
 * In memory, per process; a fit is cheap enough to redo after a restart.
 */
export class ModelCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>()

  constructor(
    private readonly ttlMs = 300_000,
    private readonly maxEntries = 32,
  ) {}

  /** The cached value for `key`, or the result of `compute` (failures are not cached). */
  get(key: string, compute: () => Promise<T>, now = Date.now()): Promise<T> {
    const hit = this.entries.get(key)
    if (hit && now - hit.at < this.ttlMs) return hit.value
    const value = compute()
    this.entries.set(key, { at: now, value })
    value.catch(() => this.entries.delete(key))
    while (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string)
    return value
  }
}
