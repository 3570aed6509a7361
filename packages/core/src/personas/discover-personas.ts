import { featureMatrix } from './person-features.ts'
import type { FeatureName, PersonFeatures } from './person-features.ts'
import { standardize } from './standardize.ts'
import { chooseK } from './choose-k.ts'
import type { KScore } from './choose-k.ts'
import { kMeans } from './k-means.ts'
import { silhouetteScore } from './silhouette.ts'
import { principalComponents } from './principal-components.ts'
import { describePersonas } from './describe-personas.ts'
import type { PersonaDescription } from './describe-personas.ts'

export interface DiscoverPersonasOptions {
  /** @default 1 */
  seed?: number
  /** A fixed number of personas; by default chosen by silhouette over minK..maxK. */
  k?: number
  /** @default 2 */
  minK?: number
  /** @default 8 */
  maxK?: number
  /** @default 10 */
  restarts?: number
}

export interface PersonaPoint {
  personId: string
  cluster: number
  x: number
  y: number
}

export interface PersonaDiscovery {
  k: number
  /** Mean silhouette of the chosen clustering. */
  silhouette: number
  /** Silhouette and inertia of every k tried (empty when k was given). */
  scores: KScore[]
  personas: PersonaDescription[]
  /** Each person's cluster and 2-D PCA coordinates, for a scatter plot. */
  points: PersonaPoint[]
  /** The two PCA axes as feature loadings, and the share of variance each explains. */
  axes: { loadings: { feature: FeatureName; weight: number }[]; explainedRatio: number }[]
}

/**
 * Persona discovery end to end: features → z-scores → k-means++ (k by silhouette unless
 * given) → a readable name and description per cluster → PCA coordinates for the scatter plot.
 */
export function discoverPersonas(
  persons: readonly PersonFeatures[],
  options: DiscoverPersonasOptions = {},
): PersonaDiscovery {
  if (persons.length < 3) throw new RangeError('discoverPersonas: need at least 3 persons')
  const matrix = featureMatrix(persons)
  const z = standardize(matrix.rows).rows
  const kOptions = { seed: options.seed ?? 1, restarts: options.restarts ?? 10 }
  let assignments: number[]
  let k: number
  let silhouette: number
  let scores: KScore[] = []
  if (options.k !== undefined) {
    const clustering = kMeans(z, options.k, kOptions)
    assignments = clustering.assignments
    k = options.k
    silhouette = silhouetteScore(z, assignments)
  } else {
    const chosen = chooseK(z, { ...kOptions, minK: options.minK ?? 2, maxK: options.maxK ?? 8 })
    assignments = chosen.clustering.assignments
    k = chosen.k
    scores = chosen.scores
    silhouette = chosen.scores.find((s) => s.k === k)!.silhouette
  }
  const pca = principalComponents(z, { components: 2, seed: kOptions.seed })
  return {
    k,
    silhouette,
    scores,
    personas: describePersonas(persons, assignments),
    points: persons.map((p, i) => ({
      personId: p.personId,
      cluster: assignments[i]!,
      x: pca.projection[i]![0] ?? 0,
      y: pca.projection[i]![1] ?? 0,
    })),
    axes: pca.axes.map((axis, c) => ({
      loadings: matrix.columns.map((feature, j) => ({ feature, weight: axis[j]! })),
      explainedRatio: pca.explainedRatio[c]!,
    })),
  }
}
