/**
 * Counts failed logins per e-mail + client address in a sliding window. After `maxFailures`
 * within `windowMs` further attempts are refused until the oldest failure leaves the window —
 * slows password guessing without letting anyone lock a user out from another address.
 * In memory: a restart forgets failures, which is acceptable for a throttle (not an audit).
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly maxFailures = 5,
    private readonly windowMs = 15 * 60_000,
    /** Upper bound on tracked keys, so a flood of random e-mails cannot grow memory without limit. */
    private readonly maxKeys = 100_000,
  ) {}

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs)
    if (list.length === 0) this.failures.delete(key)
    else this.failures.set(key, list)
    return list
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now)
    if (list.length < this.maxFailures) return 0
    const oldest = list[list.length - this.maxFailures] as number
    return Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000))
  }

  fail(key: string, now = Date.now()): void {
    if (!this.failures.has(key) && this.failures.size >= this.maxKeys) {
      const first = this.failures.keys().next().value
      if (first !== undefined) this.failures.delete(first)
    }
    const list = this.recent(key, now)
    list.push(now)
    this.failures.set(key, list)
  }

  succeed(key: string): void {
    this.failures.delete(key)
  }
}
