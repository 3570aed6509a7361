/** Options of the de-duplication window. */
export interface DedupWindowOptions {
  /** How long a messageId is remembered. @default 24 h (as Segment documents for its own API) */
  windowMs?: number
  /** At most this many ids are remembered (≈ 100 bytes each). @default 1_000_000 */
  maxIds?: number
}

/**
 * Remembers the messageIds written recently, per workspace, so a retried message is stored once.
 * Ids in flight are remembered with their write's promise: a retry that races the original
 * waits for it instead of being written twice. Warmed from the store at start-up, so a retry
 * after a crash is still recognised.
 */
export class DedupWindow {
  private readonly written = new Map<string, number>()
  private readonly inFlight = new Map<string, Promise<void>>()
  private readonly windowMs: number
  private readonly maxIds: number

  constructor(options: DedupWindowOptions = {}) {
    this.windowMs = options.windowMs ?? 24 * 3600_000
    this.maxIds = options.maxIds ?? 1_000_000
  }

  private static key(workspaceId: string, messageId: string): string {
    return `${workspaceId}\u0000${messageId}`
  }

  /** `written`, the in-flight write to wait for, or `new`. */
  check(workspaceId: string, messageId: string): 'written' | Promise<void> | 'new' {
    const key = DedupWindow.key(workspaceId, messageId)
    if (this.written.has(key)) return 'written'
    return this.inFlight.get(key) ?? 'new'
  }

  /** Marks ids as being written by `write`; they move to written when it succeeds. */
  track(workspaceId: string, messageIds: string[], write: Promise<void>, now: number): void {
    const keys = messageIds.map((id) => DedupWindow.key(workspaceId, id))
    for (const key of keys) this.inFlight.set(key, write)
    write.then(
      () => {
        for (const key of keys) {
          this.inFlight.delete(key)
          this.written.set(key, now)
        }
        this.evict(now)
      },
      () => {
        for (const key of keys) this.inFlight.delete(key)
      },
    )
  }

  /** Remembers ids already in the store (start-up warm-up). */
  remember(workspaceId: string, messageId: string, at: number): void {
    this.written.set(DedupWindow.key(workspaceId, messageId), at)
  }

  /** Forgets ids (an erased person's events), so the same ids sent again are stored again. */
  forget(workspaceId: string, messageIds: Iterable<string>): void {
    for (const id of messageIds) this.written.delete(DedupWindow.key(workspaceId, id))
  }

  /** Number of ids remembered. */
  get size(): number {
    return this.written.size
  }

  private evict(now: number): void {
    // Map iteration is insertion order, so the oldest ids come first.
    for (const [key, at] of this.written) {
      if (this.written.size <= this.maxIds && now - at <= this.windowMs) break
      this.written.delete(key)
    }
  }
}
