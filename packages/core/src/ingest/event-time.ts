/** Parses an ISO-8601 timestamp or epoch milliseconds; `undefined` when it is not a valid time. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined
  if (typeof value !== 'string' || value.length < 10 || value.length > 40) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}

/**
 * When the event happened, corrected for the client's clock the way Segment does: a client
 * whose clock is off by Δ stamps both `timestamp` and `sentAt` off by Δ, and
 * `receivedAt − sentAt` measures −Δ (plus network delay, which is small).
 * Without `sentAt` the client's `timestamp` is trusted; without either, the server's receipt.
 */
export function correctedEventTime(
  timestamp: number | undefined,
  sentAt: number | undefined,
  receivedAt: number,
): number {
  if (timestamp === undefined) return receivedAt
  if (sentAt === undefined) return timestamp
  return timestamp + (receivedAt - sentAt)
}
