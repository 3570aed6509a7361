/**
 * Z-score standardisation, so that every feature weighs the same in Euclidean distances:
 * days since last purchase (hundreds) would otherwise drown channel shares (0–1).
 */
export interface Standardized {
  /** The z-scores, row by row. */
  rows: number[][]
  means: number[]
  /** Population standard deviations; 0 for a constant column. */
  sds: number[]
}

/**
 * Z-scores of every column (population standard deviation). A constant column has no spread
 * to measure, so its z-scores are 0 rather than NaN: it then plays no part in distances.
 */
export function standardize(rows: readonly (readonly number[])[]): Standardized {
  const n = rows.length
  const d = rows[0]?.length ?? 0
  const means = new Array<number>(d).fill(0)
  const sds = new Array<number>(d).fill(0)
  if (n === 0) return { rows: [], means, sds }
  for (const row of rows) {
    if (row.length !== d) throw new RangeError('standardize: rows differ in length')
    for (let j = 0; j < d; j++) means[j]! += row[j]! / n
  }
  for (const row of rows) for (let j = 0; j < d; j++) sds[j]! += (row[j]! - means[j]!) ** 2 / n
  for (let j = 0; j < d; j++) {
    const sd = Math.sqrt(sds[j]!)
    // Relative guard: a column of identical large numbers can show rounding-level "variance".
    sds[j] = sd > 1e-12 * Math.max(1, Math.abs(means[j]!)) ? sd : 0
  }
  return {
    rows: rows.map((row) => row.map((x, j) => (sds[j] === 0 ? 0 : (x - means[j]!) / sds[j]!))),
    means,
    sds,
  }
}
