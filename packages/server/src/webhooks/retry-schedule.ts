/** Attempts before a delivery is given up as `failed` (the first try and 7 retries, ≈ 9 h). */
export const MAX_DELIVERY_ATTEMPTS = 8
const FIRST_RETRY_MS = 30_000
const LONGEST_RETRY_MS = 6 * 3600_000

/**
 * The wait after failed attempt number `attempt` (1-based): 30 s × 3^(attempt−1), at most 6 h —
 * 30 s, 1.5 min, 4.5 min, 13.5 min, 40.5 min, 2 h, 6 h — scaled by a jitter factor in
 * [0.8, 1.2) so receivers that come back after an outage are not hit by every sender at once.
 * Null when no attempt is left.
 * @example retryDelayMs(1, () => 0.5) // 30_000
 */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number | null {
  if (attempt >= MAX_DELIVERY_ATTEMPTS) return null
  const base = Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 3 ** (attempt - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}
