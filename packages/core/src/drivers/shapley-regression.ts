import { solveLinearSystem } from '../linear-algebra/solve-linear-system.ts'
import { checkDriverCorrelations, toDriverImportance } from './driver-correlations.ts'
import type { DriverCorrelations, DriverImportance } from './driver-correlations.ts'

/** Beyond this many drivers the 2^p subset regressions stop being interactive. */
export const SHAPLEY_MAX_DRIVERS = 15

/**
 * Shapley value regression, also known as LMG after Lindeman, Merenda & Gold (1980) (Grömping
 * 2006, "Relative importance for linear regression in R: the package relaimpo", JSS 17(1)):
 * a driver's weight is its R² increase when added to a subset of the other drivers, averaged
 * over all orders in which drivers can enter — the Shapley value of the "R² game" (Lipovetsky
 * & Conklin 2001). The weights sum to the full-model R² exactly. R² of a subset S comes from
 * correlations alone: R²(S) = r_Sᵀ R_SS⁻¹ r_S. Cost is 2^p small solves, so p ≤ 15.
 */
export function shapleyRegression(input: DriverCorrelations): DriverImportance {
  checkDriverCorrelations(input)
  const p = input.names.length
  if (p > SHAPLEY_MAX_DRIVERS)
    throw new RangeError(`shapleyRegression: at most ${SHAPLEY_MAX_DRIVERS} drivers`)
  const subsets = 1 << p
  const r2 = new Float64Array(subsets)
  for (let mask = 1; mask < subsets; mask++) r2[mask] = subsetRSquared(input, mask)

  // Weight of a subset of size s not containing j: s! (p − s − 1)! / p!.
  const factorial = [1]
  for (let i = 1; i <= p; i++) factorial.push(factorial[i - 1]! * i)
  const orderWeight = Array.from(
    { length: p },
    (_, s) => (factorial[s]! * factorial[p - s - 1]!) / factorial[p]!,
  )

  const raw = new Array<number>(p).fill(0)
  for (let mask = 0; mask < subsets; mask++) {
    const size = popcount(mask)
    for (let j = 0; j < p; j++) {
      const bit = 1 << j
      if (mask & bit) continue
      raw[j]! += orderWeight[size]! * (r2[mask | bit]! - r2[mask]!)
    }
  }
  return toDriverImportance(input.names, raw, r2[subsets - 1]!)
}

function subsetRSquared(input: DriverCorrelations, mask: number): number {
  const members: number[] = []
  for (let j = 0; j < input.names.length; j++) if (mask & (1 << j)) members.push(j)
  const r = members.map((j) => input.outcomeCorrelations[j]!)
  const matrix = members.map((i) => members.map((j) => input.predictorCorrelations[i]![j]!))
  let coefficients: number[]
  try {
    coefficients = solveLinearSystem(matrix, r)
  } catch {
    throw new RangeError('shapleyRegression: drivers are perfectly collinear; drop one of them')
  }
  return coefficients.reduce((s, b, k) => s + b * r[k]!, 0)
}

function popcount(x: number): number {
  let count = 0
  for (let v = x; v; v &= v - 1) count++
  return count
}
