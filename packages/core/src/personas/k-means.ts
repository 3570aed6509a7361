import { seededRandom } from '../random/seeded-random.ts'
import type { SeededRandom } from '../random/seeded-random.ts'

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
 * Points as one row-major Float64Array (n × d). The loops below run over it instead of arrays of
 * arrays: no per-point closures or allocations, and the same additions in the same order as
 * squaredDistance(), so the results are bit-identical to the array-of-arrays form.
 */
interface Flat {
  n: number
  d: number
  x: Float64Array
}

function flatten(points: readonly (readonly number[])[]): Flat {
  const n = points.length
  const d = points[0]?.length ?? 0
  const x = new Float64Array(n * d)
  for (let i = 0; i < n; i++) {
    const p = points[i]!
    for (let j = 0; j < d; j++) x[i * d + j] = p[j]!
  }
  return { n, d, x }
}

/** Squared distance between row i of `a` and row c of `b` (both with d columns). */
function rowDistance(a: Float64Array, i: number, b: Float64Array, c: number, d: number): number {
  let sum = 0
  const ai = i * d
  const bc = c * d
  for (let j = 0; j < d; j++) {
    const diff = a[ai + j]! - b[bc + j]!
    sum += diff * diff
  }
  return sum
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
  const flat = flatten(points)
  const random = seededRandom(options.seed ?? 1)
  const restarts = Math.max(1, options.restarts ?? 10)
  let best: FlatResult | undefined
  for (let r = 0; r < restarts; r++) {
    const result = lloyd(flat, seedCentroids(flat, k, random), k, options.maxIterations ?? 100)
    // Strictly lower only: on ties the earlier restart wins, which keeps results reproducible.
    if (!best || result.inertia < best.inertia - 1e-12 * Math.max(1, best.inertia)) best = result
  }
  const { d } = flat
  return {
    k,
    centroids: Array.from({ length: k }, (_, c) => Array.from(best!.centroids.subarray(c * d, c * d + d))),
    assignments: Array.from(best!.assignments),
    inertia: best!.inertia,
  }
}

interface FlatResult {
  centroids: Float64Array
  assignments: Int32Array
  inertia: number
}

/** k-means++ seeding. */
function seedCentroids({ n, d, x }: Flat, k: number, random: SeededRandom): Float64Array {
  const centroids = new Float64Array(k * d)
  const first = random.int(n)
  centroids.set(x.subarray(first * d, first * d + d), 0)
  const nearest = new Array<number>(n)
  for (let i = 0; i < n; i++) nearest[i] = rowDistance(x, i, centroids, 0, d)
  for (let c = 1; c < k; c++) {
    let total = 0
    for (let i = 0; i < n; i++) total += nearest[i]!
    // Fewer distinct points than k: every point already coincides with a centre.
    const index = total > 0 ? random.weighted(nearest) : random.int(n)
    centroids.set(x.subarray(index * d, index * d + d), c * d)
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i]!, rowDistance(x, i, centroids, c, d))
  }
  return centroids
}

/**
 * Whether a point whose distance to its own centroid is at most `upper`, and to every other
 * centroid at least `lower`, certainly keeps its centroid. The margin (far above the rounding of
 * the bounds) leaves near-ties to the full comparison, so the choice is always the one
 * comparing all distances would make.
 */
function keeps(upper: number, lower: number): boolean {
  return upper + 1e-9 * (upper + lower) < lower
}

/**
 * Lloyd's iterations with Hamerly's bounds (Hamerly 2010, "Making k-means even faster", SDM):
 * per point an upper bound on the distance to its centroid and a lower bound on the distance to
 * any other; when centroids move, the bounds move by as much, and a point whose bounds still
 * separate needs no distances at all. Most points stop moving after a few iterations, so most
 * of the n·k distances per iteration are skipped; the assignments are those of plain Lloyd.
 */
function lloyd(flat: Flat, centroids: Float64Array, k: number, maxIterations: number): FlatResult {
  const { n, d, x } = flat
  const assignments = new Int32Array(n).fill(-1)
  const upper = new Float64Array(n).fill(Infinity)
  const lower = new Float64Array(n)
  const sums = new Float64Array(k * d)
  const counts = new Float64Array(k)
  const previous = new Float64Array(k * d)
  const moves = new Float64Array(k)
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let changed = false
    for (let i = 0; i < n; i++) {
      const own = assignments[i]!
      if (own >= 0) {
        if (keeps(upper[i]!, lower[i]!)) continue
        upper[i] = Math.sqrt(rowDistance(x, i, centroids, own, d))
        if (keeps(upper[i]!, lower[i]!)) continue
      }
      // Every distance: the nearest centroid (lowest index on ties) and the runner-up's distance.
      let best = 0
      let bestDistance = Infinity
      let secondDistance = Infinity
      for (let c = 0; c < k; c++) {
        const dist = rowDistance(x, i, centroids, c, d)
        if (dist < bestDistance) {
          secondDistance = bestDistance
          bestDistance = dist
          best = c
        } else if (dist < secondDistance) secondDistance = dist
      }
      upper[i] = Math.sqrt(bestDistance)
      lower[i] = Math.sqrt(secondDistance)
      if (best !== own) {
        assignments[i] = best
        changed = true
      }
    }
    if (!changed) break
    previous.set(centroids)
    sums.fill(0)
    counts.fill(0)
    for (let i = 0; i < n; i++) {
      const c = assignments[i]!
      counts[c]!++
      for (let j = 0; j < d; j++) sums[c * d + j]! += x[i * d + j]!
    }
    for (let c = 0; c < k; c++) {
      if (counts[c]! > 0) {
        for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! / counts[c]!
      } else {
        // An empty cluster takes over the point farthest from its centre (a common repair,
        // e.g. scikit-learn), so the result always has k non-empty clusters when it can.
        let far = 0
        let farDistance = -1
        for (let i = 0; i < n; i++) {
          const dist = rowDistance(x, i, centroids, assignments[i]!, d)
          if (dist > farDistance) {
            far = i
            farDistance = dist
          }
        }
        centroids.set(x.subarray(far * d, far * d + d), c * d)
        assignments[far] = c
        // Its bounds no longer hold: compare all distances for it next time.
        upper[far] = Infinity
        lower[far] = 0
      }
    }
    // How far each centroid moved; a lower bound drops by the largest move of another centroid.
    let most = -1
    let mostMove = 0
    let secondMove = 0
    for (let c = 0; c < k; c++) {
      moves[c] = Math.sqrt(rowDistance(centroids, c, previous, c, d))
      if (moves[c]! > mostMove) {
        secondMove = mostMove
        mostMove = moves[c]!
        most = c
      } else if (moves[c]! > secondMove) secondMove = moves[c]!
    }
    for (let i = 0; i < n; i++) {
      const own = assignments[i]!
      upper[i]! += moves[own]!
      lower[i]! -= own === most ? secondMove : mostMove
    }
  }
  let inertia = 0
  for (let i = 0; i < n; i++) inertia += rowDistance(x, i, centroids, assignments[i]!, d)
  return { centroids, assignments, inertia }
}

/** Index of the centroid nearest to `point` (lowest index on ties). */
export function nearestCentroid(point: readonly number[], centroids: readonly (readonly number[])[]): number {
  let best = 0
  let bestDistance = Infinity
  for (let c = 0; c < centroids.length; c++) {
    const centre = centroids[c]!
    let dist = 0
    for (let j = 0; j < point.length; j++) {
      const diff = point[j]! - centre[j]!
      dist += diff * diff
    }
    if (dist < bestDistance) {
      best = c
      bestDistance = dist
    }
  }
  return best
}
