import { seededRandom } from '../random/seeded-random.ts'
import type { SeededRandom } from '../random/seeded-random.ts'
import { squaredDistance } from './squared-distance.ts'

export interface KMeansOptions {
  /** Seed of the k-means++ seeding; the same seed gives the same clustering. @default 1 */
  seed?: number
  /** Independent k-means++ starts; the one with the lowest inertia wins. @default 10 */
  restarts?: number
  /** Lloyd iterations per start. @default 100 */
  maxIterations?: number
}

export interface KMeansResult {
  k: number
  centroids: number[][]
  /** Cluster index of every point. */
  assignments: number[]
  /** Sum of squared distances of the points to their centroids. */
  inertia: number
}

/**
 * k-means clustering: Lloyd's algorithm (Lloyd 1982) started from k-means++ seeds (Arthur &
 * Vassilvitskii 2007, "k-means++: the advantages of careful seeding", SODA), which pick each
 * new centre with probability proportional to its squared distance from the centres chosen so
 * far and are O(log k)-competitive with the optimum in expectation. Several restarts guard
 * against a poor local minimum; the lowest inertia wins.
 */
export function kMeans(
  points: readonly (readonly number[])[],
  k: number,
  options: KMeansOptions = {},
): KMeansResult {
  const n = points.length
  if (!Number.isInteger(k) || k < 1) throw new RangeError('kMeans: k must be a positive integer')
  if (k > n) throw new RangeError(`kMeans: k = ${k} exceeds the ${n} points`)
  const random = seededRandom(options.seed ?? 1)
  const restarts = Math.max(1, options.restarts ?? 10)
  let best: KMeansResult | undefined
  for (let r = 0; r < restarts; r++) {
    const result = lloyd(points, seedCentroids(points, k, random), options.maxIterations ?? 100)
    // Strictly lower only: on ties the earlier restart wins, which keeps results reproducible.
    if (!best || result.inertia < best.inertia - 1e-12 * Math.max(1, best.inertia)) best = result
  }
  return best!
}

/** k-means++ seeding. */
function seedCentroids(points: readonly (readonly number[])[], k: number, random: SeededRandom): number[][] {
  const centroids = [points[random.int(points.length)]!.slice()]
  const nearest = points.map((p) => squaredDistance(p, centroids[0]!))
  while (centroids.length < k) {
    const total = nearest.reduce((s, d) => s + d, 0)
    // Fewer distinct points than k: every point already coincides with a centre.
    const index = total > 0 ? random.weighted(nearest) : random.int(points.length)
    const centre = points[index]!.slice()
    centroids.push(centre)
    points.forEach((p, i) => (nearest[i] = Math.min(nearest[i]!, squaredDistance(p, centre))))
  }
  return centroids
}

function lloyd(
  points: readonly (readonly number[])[],
  centroids: number[][],
  maxIterations: number,
): KMeansResult {
  const k = centroids.length
  const d = points[0]?.length ?? 0
  const assignments = new Array<number>(points.length).fill(-1)
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false
    points.forEach((p, i) => {
      const c = nearestCentroid(p, centroids)
      if (c !== assignments[i]) {
        assignments[i] = c
        changed = true
      }
    })
    if (!changed) break
    const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0))
    const counts = new Array<number>(k).fill(0)
    points.forEach((p, i) => {
      const c = assignments[i]!
      counts[c]!++
      for (let j = 0; j < d; j++) sums[c]![j]! += p[j]!
    })
    for (let c = 0; c < k; c++) {
      if (counts[c]! > 0) centroids[c] = sums[c]!.map((s) => s / counts[c]!)
      else {
        // An empty cluster takes over the point farthest from its centre (a common repair,
        // e.g. scikit-learn), so the result always has k non-empty clusters when it can.
        let far = 0
        let farDistance = -1
        points.forEach((p, i) => {
          const dist = squaredDistance(p, centroids[assignments[i]!]!)
          if (dist > farDistance) [far, farDistance] = [i, dist]
        })
        centroids[c] = points[far]!.slice()
        assignments[far] = c
      }
    }
  }
  let inertia = 0
  points.forEach((p, i) => (inertia += squaredDistance(p, centroids[assignments[i]!]!)))
  return { k, centroids, assignments, inertia }
}

/** Index of the centroid nearest to `point` (lowest index on ties). */
export function nearestCentroid(point: readonly number[], centroids: readonly (readonly number[])[]): number {
  let best = 0
  let bestDistance = Infinity
  centroids.forEach((c, i) => {
    const dist = squaredDistance(point, c)
    if (dist < bestDistance) [best, bestDistance] = [i, dist]
  })
  return best
}
