/**
 * The correlations key-driver analysis starts from: predictors with each other, and each
 * predictor with the outcome (e.g. attribute ratings against overall satisfaction or NPS).
 * Both relative-weight methods are defined on standardised variables, so correlations are all
 * they need; callers with a correlation matrix from elsewhere can skip this step.
 */
export interface DriverCorrelations {
  /** Driver names, in the order of the matrices. */
  names: string[]
  /** p×p Pearson correlations among the drivers. */
  predictorCorrelations: number[][]
  /** Pearson correlation of each driver with the outcome. */
  outcomeCorrelations: number[]
}

/** Pearson correlations among driver columns and with the outcome, from raw rows (one per respondent). */
export function driverCorrelations(
  names: readonly string[],
  rows: readonly (readonly number[])[],
  outcome: readonly number[],
): DriverCorrelations {
  const n = rows.length
  const p = names.length
  if (outcome.length !== n) throw new RangeError('driverCorrelations: one outcome per row')
  if (n < 3) throw new RangeError('driverCorrelations: need at least 3 rows')
  const columns = Array.from({ length: p }, (_, j) =>
    rows.map((row) => {
      if (row.length !== p) throw new RangeError('driverCorrelations: every row needs one value per driver')
      return row[j] as number
    }),
  )
  const centred = [...columns, [...outcome]].map((column) => {
    const mean = column.reduce((s, x) => s + x, 0) / n
    const deviations = column.map((x) => x - mean)
    const norm = Math.sqrt(deviations.reduce((s, d) => s + d * d, 0))
    return { deviations, norm }
  })
  const correlation = (i: number, j: number): number => {
    const a = centred[i]!
    const b = centred[j]!
    // A constant column carries no information about the outcome: correlation 0, not NaN.
    if (a.norm === 0 || b.norm === 0) return i === j ? 1 : 0
    let sum = 0
    for (let k = 0; k < n; k++) sum += a.deviations[k]! * b.deviations[k]!
    return sum / (a.norm * b.norm)
  }
  return {
    names: [...names],
    predictorCorrelations: Array.from({ length: p }, (_, i) =>
      Array.from({ length: p }, (_, j) => (i === j ? 1 : correlation(i, j))),
    ),
    outcomeCorrelations: Array.from({ length: p }, (_, j) => correlation(j, p)),
  }
}

/** One driver's importance: raw weights of a result sum to R², shares to 1. */
export interface DriverWeight {
  driver: string
  rawWeight: number
  share: number
}

export interface DriverImportance {
  /** R² of the regression of the outcome on all drivers. */
  rSquared: number
  /** Drivers, most important first. */
  weights: DriverWeight[]
}

/** Pairs raw weights with names, adds shares and sorts by importance. */
export function toDriverImportance(
  names: readonly string[],
  raw: readonly number[],
  rSquared: number,
): DriverImportance {
  const total = raw.reduce((s, w) => s + w, 0)
  return {
    rSquared,
    weights: names
      .map((driver, i) => ({
        driver,
        rawWeight: raw[i] as number,
        share: total > 0 ? (raw[i] as number) / total : 0,
      }))
      .sort((a, b) => b.rawWeight - a.rawWeight),
  }
}

/** Throws unless the correlation input is square, consistent and symmetric-sized. */
export function checkDriverCorrelations(input: DriverCorrelations): void {
  const p = input.names.length
  if (p === 0) throw new RangeError('key-driver analysis needs at least one driver')
  if (input.outcomeCorrelations.length !== p || input.predictorCorrelations.length !== p)
    throw new RangeError('key-driver analysis: names, correlations and matrix sizes differ')
  for (const row of input.predictorCorrelations)
    if (row.length !== p)
      throw new RangeError('key-driver analysis: predictor correlation matrix must be square')
}
