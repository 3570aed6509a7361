import { squaredDistance } from './squared-distance.ts'

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
  const n = points.length
  if (assignments.length !== n) throw new RangeError('silhouette: one assignment per point')
  const labels = [...new Set(assignments)]
  const index = new Map(labels.map((l, i) => [l, i]))
  const sizes = new Array<number>(labels.length).fill(0)
  for (const a of assignments) sizes[index.get(a)!]!++
  if (labels.length < 2) return new Array<number>(n).fill(0)

  return points.map((p, i) => {
    const own = index.get(assignments[i]!)!
    if (sizes[own] === 1) return 0
    const sums = new Array<number>(labels.length).fill(0)
    points.forEach((q, j) => {
      if (j !== i) sums[index.get(assignments[j]!)!]! += Math.sqrt(squaredDistance(p, q))
    })
    const a = sums[own]! / (sizes[own]! - 1)
    let b = Infinity
    sums.forEach((s, c) => {
      if (c !== own) b = Math.min(b, s / sizes[c]!)
    })
    const m = Math.max(a, b)
    return m > 0 ? (b - a) / m : 0
  })
}

/** Mean silhouette over all points, in [−1, 1]; 0 with fewer than two clusters. */
export function silhouetteScore(
  points: readonly (readonly number[])[],
  assignments: readonly number[],
): number {
  const values = silhouetteValues(points, assignments)
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0
}
