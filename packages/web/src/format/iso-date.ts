/** The UTC calendar date `days` before now as `YYYY-MM-DD` (the analytics APIs' `from`). */
export function isoDaysAgo(days: number, now = Date.now()): string {
  return new Date(now - days * 86_400_000).toISOString().slice(0, 10)
}
