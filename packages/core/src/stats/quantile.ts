/**
 * The p-quantile of a sample given as a histogram (distinct values and how often each occurs),
 * by linear interpolation between order statistics: Hyndman & Fan's definition 7, the default
 * of R, NumPy and spreadsheet PERCENTILE. The median of 1, 2, 3, 4 is 2.5. A histogram lets the
 * store group durations (one row per distinct value) instead of shipping every observation.
 * Returns NaN for an empty sample.
 * @example quantileFromCounts([1, 2, 3, 4], [1, 1, 1, 1], 0.5) // 2.5
 */
export function quantileFromCounts(values: readonly number[], counts: readonly number[], p: number): number {
  if (values.length !== counts.length) throw new RangeError('values and counts must have the same length')
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`)
  const order = values.map((_, i) => i).sort((a, b) => values[a]! - values[b]!)
  let n = 0
  for (const c of counts) {
    if (!(c >= 0) || !Number.isInteger(c)) throw new RangeError(`counts must be whole numbers ≥ 0, got ${c}`)
    n += c
  }
  if (n === 0) return NaN
  // 0-based rank h = (n − 1)·p; the answer lies between the order statistics ⌊h⌋ and ⌊h⌋ + 1.
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const at = (rank: number): number => {
    let seen = 0
    for (const i of order) {
      seen += counts[i]!
      if (rank < seen) return values[i]!
    }
    return values[order[order.length - 1]!]!
  }
  const below = at(lo)
  return h === lo ? below : below + (h - lo) * (at(lo + 1) - below)
}

/**
 * The p-quantile of a sample already sorted ascending, by the same definition as
 * `quantileFromCounts` (Hyndman & Fan 7). For large samples with few repeats, where a sort of a
 * typed array is cheaper than counting distinct values. Returns NaN for an empty sample.
 * @example quantileOfSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileOfSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be in [0, 1], got ${p}`)
  const n = sorted.length
  if (n === 0) return NaN
  const h = (n - 1) * p
  const lo = Math.floor(h)
  const below = sorted[lo]!
  return h === lo ? below : below + (h - lo) * (sorted[lo + 1]! - below)
}
