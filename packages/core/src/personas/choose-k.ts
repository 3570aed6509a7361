import { seededRandom } from '../random/seeded-random.ts'
import { kMeans } from './k-means.ts'
import type { KMeansOptions, KMeansResult } from './k-means.ts'
import { pairwiseDistances, silhouetteScoreOfDistances } from './silhouette.ts'

export interface ChooseKOptions extends KMeansOptions {
  /** @default 2 */
  minK?: number
  /** @default 8 */
  maxK?: number
  /**
   * Silhouette needs all pairwise distances; above this many points it is computed on a
   * seeded random sample of this size (as scikit-learn's `sample_size`).
   * @default 2000
   */
  sampleSize?: number
}

export interface KScore {
  k: number
  silhouette: number
  inertia: number
}

export interface ChosenClustering {
  k: number
  /** The clustering with the chosen k. */
  clustering: KMeansResult
  /** Every k tried, in order. */
  scores: KScore[]
}

/**
 * Picks the number of clusters with the highest mean silhouette over k = minK..maxK
 * (Rousseeuw 1987; Kaufman & Rousseeuw 1990 recommend it over the elbow of inertia, which
 * has no objective cut-off). Ties go to the smaller k: fewer personas are easier to act on.
 */
export function chooseK(
  points: readonly (readonly number[])[],
  options: ChooseKOptions = {},
): ChosenClustering {
  const n = points.length
  const minK = Math.max(2, options.minK ?? 2)
  const maxK = Math.min(options.maxK ?? 8, n - 1)
  if (maxK < minK) throw new RangeError(`chooseK: need at least ${minK + 1} points for k = ${minK}`)
  const sampleSize = options.sampleSize ?? 2000
  const sample =
    n > sampleSize
      ? seededRandom((options.seed ?? 1) ^ 0x5a5a5a5a)
          .shuffle(points.map((_, i) => i))
          .slice(0, sampleSize)
      : points.map((_, i) => i)
  // Every k is scored on the same sample: its distances are computed once, not once per k.
  const distances = pairwiseDistances(sample.map((i) => points[i]!))

  const scores: KScore[] = []
  let best: { k: number; clustering: KMeansResult; silhouette: number } | undefined
  for (let k = minK; k <= maxK; k++) {
    const clustering = kMeans(points, k, options)
    const silhouette = silhouetteScoreOfDistances(
      distances,
      sample.map((i) => clustering.assignments[i]!),
    )
    scores.push({ k, silhouette, inertia: clustering.inertia })
    if (!best || silhouette > best.silhouette + 1e-12) best = { k, clustering, silhouette }
  }
  return { k: best!.k, clustering: best!.clustering, scores }
}
