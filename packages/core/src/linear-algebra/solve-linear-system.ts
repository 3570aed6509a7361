/**
 * Solves the square linear system A x = b by Gaussian elimination with partial pivoting.
 * Used where a model needs an exact answer rather than a simulated one: absorption
 * probabilities of the attribution Markov chain, R² of predictor subsets in driver analysis.
 * Dense O(n³) is fine for the few dozen unknowns these models have.
 */

/** Returns x with A x = b; throws when A is (numerically) singular. Does not modify its inputs. */
export function solveLinearSystem(a: readonly (readonly number[])[], b: readonly number[]): number[] {
  const n = b.length
  if (a.length !== n) throw new RangeError('solveLinearSystem: A must be n×n with n = b.length')
  // Augmented working copy [A | b].
  const m = a.map((row, i) => {
    if (row.length !== n) throw new RangeError('solveLinearSystem: A must be square')
    return [...row, b[i] as number]
  })
  let scale = 0
  for (const row of m) for (let j = 0; j < n; j++) scale = Math.max(scale, Math.abs(row[j] as number))
  const tolerance = Math.max(scale, 1) * n * 1e-13

  for (let col = 0; col < n; col++) {
    let pivot = col
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r
    }
    if (Math.abs(m[pivot]![col]!) <= tolerance) throw new RangeError('solveLinearSystem: matrix is singular')
    if (pivot !== col) [m[pivot], m[col]] = [m[col]!, m[pivot]!]
    const pivotRow = m[col]!
    const p = pivotRow[col]!
    for (let r = col + 1; r < n; r++) {
      const row = m[r]!
      const factor = row[col]! / p
      if (factor === 0) continue
      for (let c = col; c <= n; c++) row[c] = row[c]! - factor * pivotRow[c]!
    }
  }

  const x = new Array<number>(n).fill(0)
  for (let r = n - 1; r >= 0; r--) {
    const row = m[r]!
    let sum = row[n]!
    for (let c = r + 1; c < n; c++) sum -= row[c]! * x[c]!
    x[r] = sum / row[r]!
  }
  return x
}
