import { checkDriverCorrelations, toDriverImportance } from './driver-correlations.ts'
import type { DriverCorrelations, DriverImportance } from './driver-correlations.ts'
import { symmetricEigen } from './symmetric-eigen.ts'

/**
 * Johnson's relative weights (Johnson 2000, "A heuristic method for estimating the relative
 * weight of predictor variables in multiple regression", Multivariate Behavioral Research
 * 35(1)): replace the correlated drivers X by their closest orthogonal counterparts
 * Z = X R^{-1/2}, regress the outcome on Z (β = R^{-1/2} r_y), and share each orthogonal
 * component's contribution β_k² back to the drivers by how strongly each loads on it
 * (Λ = R^{1/2}, Λ_jk² summed over j is 1). Raw weights ε_j = Σ_k Λ_jk² β_k² sum to R².
 *
 * R^{1/2} comes from the eigendecomposition R = V diag(λ) Vᵀ: R^{±1/2} = V diag(λ^{±1/2}) Vᵀ.
 * Eigenvalues at (numerical) zero — exactly collinear drivers — are dropped, which turns the
 * inverse into the pseudo-inverse rather than blowing up.
 */
export function relativeWeights(input: DriverCorrelations): DriverImportance {
  checkDriverCorrelations(input)
  const p = input.names.length
  const { values, vectors } = symmetricEigen(input.predictorCorrelations)
  const floor = 1e-12 * Math.max(1, values[0] ?? 1)
  const root = values.map((l) => (l > floor ? Math.sqrt(l) : 0))
  const inverseRoot = values.map((l) => (l > floor ? 1 / Math.sqrt(l) : 0))

  const matrixFunction = (diagonal: number[]): number[][] =>
    Array.from({ length: p }, (_, i) =>
      Array.from({ length: p }, (_, j) => {
        let sum = 0
        for (let k = 0; k < p; k++) sum += vectors[i]![k]! * diagonal[k]! * vectors[j]![k]!
        return sum
      }),
    )
  const lambda = matrixFunction(root)
  const lambdaInverse = matrixFunction(inverseRoot)
  const beta = lambdaInverse.map((row) => row.reduce((s, x, j) => s + x * input.outcomeCorrelations[j]!, 0))
  const raw = lambda.map((row) => row.reduce((s, l, k) => s + l * l * beta[k]! * beta[k]!, 0))
  const rSquared = beta.reduce((s, b) => s + b * b, 0)
  return toDriverImportance(input.names, raw, rSquared)
}
