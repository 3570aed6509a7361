/**
 * RFM scoring (Hughes 1994, "Strategic Database Marketing"): each customer gets a score of 1–5
 * for Recency (days since last purchase; recent is better), Frequency (number of purchases)
 * and Monetary value (total spend), by quintile within the customer base.
 *
 * Quintiles use mid-ranks: a value's percentile is (number below + half the number equal) / n,
 * and its score is ⌊5 · percentile⌋ + 1. Tied values always share one score — a hundred
 * one-time buyers do not get spread over scores 1–3 by the order they happen to be listed in,
 * which pandas' `qcut(rank(method='first'))` recipe would do. With distinct values every
 * quintile holds n/5 customers.
 */
export interface RfmCustomer {
  personId: string
  /** Days since the last purchase. */
  recencyDays: number
  /** Number of purchases. */
  frequency: number
  /** Total spend. */
  monetary: number
}

export interface RfmScore {
  personId: string
  /** 5 = most recent quintile. */
  r: number
  /** 5 = most frequent quintile. */
  f: number
  /** 5 = highest-spending quintile. */
  m: number
}

/** Quintile scores 1–5 of `values` by mid-rank; larger values get higher scores. */
export function quintileScores(values: readonly number[]): number[] {
  const n = values.length
  if (n === 0) return []
  for (const v of values)
    if (!Number.isFinite(v)) throw new RangeError(`quintileScores: ${v} is not a finite number`)
  const sorted = [...values].sort((a, b) => a - b)
  return values.map((v) => {
    const below = lowerBound(sorted, v)
    const equal = lowerBound(sorted, v, true) - below
    const percentile = (below + equal / 2) / n
    return Math.min(5, Math.floor(5 * percentile) + 1)
  })
}

/** R, F and M quintile scores for every customer. */
export function scoreRfm(customers: readonly RfmCustomer[]): RfmScore[] {
  // Fewer days since the last purchase is better, so recency is scored on its negation.
  const r = quintileScores(customers.map((c) => -c.recencyDays))
  const f = quintileScores(customers.map((c) => c.frequency))
  const m = quintileScores(customers.map((c) => c.monetary))
  return customers.map((c, i) => ({ personId: c.personId, r: r[i]!, f: f[i]!, m: m[i]! }))
}

/** Index of the first element ≥ value (or > value when `strict`) in an ascending array. */
function lowerBound(sorted: readonly number[], value: number, strict = false): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    const x = sorted[mid]!
    if (x < value || (strict && x === value)) lo = mid + 1
    else hi = mid
  }
  return lo
}
