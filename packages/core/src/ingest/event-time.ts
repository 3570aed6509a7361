/**
 * Times an event may carry: after the epoch and before 2300. The event store's DateTime64(3)
 * holds 1900–2299 and turns anything outside into garbage (or refuses the whole insert), so a
 * time outside this range is not a time, whatever Date.parse makes of it.
 */
export const EVENT_TIME_RANGE = { min: 1, max: Date.UTC(2299, 11, 31, 23, 59, 59, 999) } as const

function inRange(ms: number): boolean {
  return ms >= EVENT_TIME_RANGE.min && ms <= EVENT_TIME_RANGE.max
}

/**
 * Parses an ISO-8601 timestamp or epoch milliseconds (whole ms); `undefined` when it is not a
 * valid time in EVENT_TIME_RANGE.
 */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && inRange(value) ? Math.round(value) : undefined
  if (typeof value !== 'string' || value.length < 10 || value.length > 40) return undefined
  const ms = Date.parse(value)
  return Number.isNaN(ms) || !inRange(ms) ? undefined : ms
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
  const corrected = timestamp + (receivedAt - sentAt)
  // A correction that leaves the storable range means sentAt is nonsense: keep the timestamp.
  return inRange(corrected) ? corrected : timestamp
}
