/**
 * Silhouette values (Rousseeuw 1987, "Silhouettes: a graphical aid to the interpretation and
 * validation of cluster analysis", J. Comput. Appl. Math. 20): for point i with mean distance
 * a(i) to the rest of its own cluster and mean distance b(i) to the nearest other cluster,
 * s(i) = (b − a) / max(a, b). A point alone in its cluster gets 0, as Rousseeuw defines.
 * O(n²) distances: pass a sample for large populations.
 */
export function silhouetteValues(
  points: readonly (readonly number[])[],
  assignments: readonly number[],
): number[] {
  if (assignments.length !== points.length) throw new RangeError('silhouette: one assignment per point')
  const n = points.length
  const row = new Float64Array(n)
  return silhouetteOf(n, assignments, (i) => {
    const p = points[i]!
    for (let j = 0; j < n; j++) row[j] = euclidean(p, points[j]!)
    return row
  })
}

/** Mean silhouette over all points, in [−1, 1]; 0 with fewer than two clusters. */
export function silhouetteScore(
  points: readonly (readonly number[])[],
  assignments: readonly number[],
): number {
  return mean(silhouetteValues(points, assignments))
}

/**
 * All pairwise Euclidean distances of `points` (n × n, row-major), for scoring several
 * clusterings of the same points: computed once, each silhouette then only adds them up.
 */
export function pairwiseDistances(points: readonly (readonly number[])[]): Float64Array {
  const n = points.length
  const out = new Float64Array(n * n)
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      // (a − b)² = (b − a)² exactly, so the matrix equals the distances computed either way round.
      const dist = euclidean(points[i]!, points[j]!)
      out[i * n + j] = dist
      out[j * n + i] = dist
    }
  }
  return out
}

/** Mean silhouette from a pairwise distance matrix of pairwiseDistances(). */
export function silhouetteScoreOfDistances(distances: Float64Array, assignments: readonly number[]): number {
  const n = assignments.length
  if (distances.length !== n * n) throw new RangeError('silhouette: one assignment per point')
  return mean(silhouetteOf(n, assignments, (i) => distances.subarray(i * n, i * n + n)))
}

/** The silhouette of each point, given the distances from point i to every point. */
function silhouetteOf(
  n: number,
  assignments: readonly number[],
  distancesFrom: (i: number) => Float64Array,
): number[] {
  const labels = [...new Set(assignments)]
  if (labels.length < 2) return new Array<number>(n).fill(0)
  const index = new Map(labels.map((l, i) => [l, i]))
  const cluster = Int32Array.from(assignments, (a) => index.get(a)!)
  const sizes = new Float64Array(labels.length)
  for (let i = 0; i < n; i++) sizes[cluster[i]!]!++
  const sums = new Float64Array(labels.length)
  const values = new Array<number>(n)
  for (let i = 0; i < n; i++) {
    const own = cluster[i]!
    if (sizes[own] === 1) {
      values[i] = 0
      continue
    }
    const row = distancesFrom(i)
    sums.fill(0)
    for (let j = 0; j < n; j++) if (j !== i) sums[cluster[j]!]! += row[j]!
    const a = sums[own]! / (sizes[own]! - 1)
    let b = Infinity
    for (let c = 0; c < labels.length; c++) if (c !== own) b = Math.min(b, sums[c]! / sizes[c]!)
    const m = Math.max(a, b)
    values[i] = m > 0 ? (b - a) / m : 0
  }
  return values
}

function euclidean(a: readonly number[], b: readonly number[]): number {
  let sum = 0
  for (let j = 0; j < a.length; j++) {
    const diff = a[j]! - b[j]!
    sum += diff * diff
  }
  return Math.sqrt(sum)
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0
}
