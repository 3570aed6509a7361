import { seededRandom } from '../random/seeded-random.ts'

export interface PrincipalComponents {
  /** Unit-length principal axes, largest variance first. */
  axes: number[][]
  /** Variance along each axis (eigenvalue of the covariance matrix). */
  variances: number[]
  /** Share of the total variance each axis explains. */
  explainedRatio: number[]
  /** Each point's coordinates on the axes, after centring. */
  projection: number[][]
}

export interface PrincipalComponentsOptions {
  /** @default 2 */
  components?: number
  /** Seed of the random start vector of the power iteration. @default 1 */
  seed?: number
  /** @default 1000 */
  maxIterations?: number
}

/**
 * Principal component analysis (Pearson 1901; Hotelling 1933) for a 2-D scatter plot of the
 * persons: eigenvectors of the covariance matrix by power iteration with deflation (Golub &
 * Van Loan §7.3 / §8.2). Power iteration converges at rate λ₂/λ₁, plenty for two components
 * of a few dozen standardised features, and needs nothing but matrix–vector products. Each
 * axis is signed so that its largest component is positive, which makes plots reproducible.
 */
export function principalComponents(
  points: readonly (readonly number[])[],
  options: PrincipalComponentsOptions = {},
): PrincipalComponents {
  const n = points.length
  const d = points[0]?.length ?? 0
  const wanted = Math.min(options.components ?? 2, d)
  const random = seededRandom(options.seed ?? 1)
  const maxIterations = options.maxIterations ?? 1000

  const mean = new Array<number>(d).fill(0)
  for (const p of points) for (let j = 0; j < d; j++) mean[j]! += p[j]! / n
  const centred = points.map((p) => p.map((x, j) => x - mean[j]!))
  // Population covariance (divide by n): the same convention as standardize().
  const cov = Array.from({ length: d }, () => new Array<number>(d).fill(0))
  for (const p of centred) {
    for (let i = 0; i < d; i++) for (let j = i; j < d; j++) cov[i]![j]! += (p[i]! * p[j]!) / n
  }
  for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i]![j] = cov[j]![i]!
  let totalVariance = 0
  for (let i = 0; i < d; i++) totalVariance += cov[i]![i]!

  const axes: number[][] = []
  const variances: number[] = []
  for (let c = 0; c < wanted; c++) {
    let v = normalise(Array.from({ length: d }, () => random.next() - 0.5))
    let lambda = 0
    for (let it = 0; it < maxIterations; it++) {
      const w = multiply(cov, v)
      lambda = dot(v, w)
      const norm = Math.sqrt(dot(w, w))
      if (norm < 1e-300) break // no variance left: any unit vector is an eigenvector
      const next = w.map((x) => x / norm)
      const change = Math.min(
        distance(next, v),
        distance(
          next,
          v.map((x) => -x),
        ),
      )
      v = next
      if (change < 1e-12) break
    }
    lambda = Math.max(0, dot(v, multiply(cov, v)))
    const largest = v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v[best]!) ? i : best), 0)
    if (v[largest]! < 0) v = v.map((x) => -x)
    axes.push(v)
    variances.push(lambda)
    // Deflation: remove the found component so the next power iteration finds the next one.
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) cov[i]![j]! -= lambda * v[i]! * v[j]!
  }
  return {
    axes,
    variances,
    explainedRatio: variances.map((v) => (totalVariance > 0 ? v / totalVariance : 0)),
    projection: centred.map((p) => axes.map((axis) => dot(p, axis))),
  }
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!
  return s
}
function multiply(m: readonly (readonly number[])[], v: readonly number[]): number[] {
  return m.map((row) => dot(row, v))
}
function normalise(v: number[]): number[] {
  const norm = Math.sqrt(dot(v, v)) || 1
  return v.map((x) => x / norm)
}
function distance(a: readonly number[], b: readonly number[]): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2
  return Math.sqrt(s)
}
