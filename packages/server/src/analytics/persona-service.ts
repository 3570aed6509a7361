import {
  chooseK,
  describePersonas,
  featureMatrix,
  kMeans,
  nearestCentroid,
  principalComponents,
  standardize,
  type KScore,
  type PersonaDescription,
  type PersonFeatures,
} from '@touchstone/core/personas'
import { seededSample } from './seeded-sample.ts'

/** Points the silhouette of each candidate k is computed on. */
const SILHOUETTE_SAMPLE = 1_000

export interface PersonaOptions {
  seed: number
  /** A fixed number of personas, or undefined to choose k by silhouette over 2..8. */
  k?: number
  /** Persons the clustering is fitted on; everyone is then assigned to the nearest centroid. */
  sampleSize: number
}

export interface PersonaModel {
  k: number
  silhouette: number
  scores: KScore[]
  personas: PersonaDescription[]
  /** Cluster of every person, by person id. */
  assignments: Map<string, number>
  /** Up to sampleSize persons in 2-D (PCA of the standardised features), for a scatter plot. */
  points: Array<{ personId: string; cluster: number; x: number; y: number }>
  persons: number
  fittedOn: number
}

/**
 * Persona discovery at workspace scale: k-means++ (k by silhouette) is fitted on a seeded
 * sample, because choosing k costs 7 × restarts full k-means runs and silhouette is quadratic;
 * every person is then assigned to the nearest centroid in the same z-space, and the personas
 * are described from all persons. Same seed and data, same personas.
 */
export function fitPersonas(unordered: readonly PersonFeatures[], o: PersonaOptions): PersonaModel {
  // SQL returns groups in no fixed order; the seeded sample must see the same order every time.
  const persons = [...unordered].sort((a, b) =>
    a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0,
  )
  const matrix = featureMatrix(persons)
  const z = standardize(matrix.rows).rows
  const sample = seededSample(persons.length, o.sampleSize, o.seed)
  const zSample = sample.map((i) => z[i]!)
  const kOptions = { seed: o.seed, restarts: 5 }
  let centroids: number[][]
  let k: number
  let scores: KScore[] = []
  let silhouette = 0
  if (o.k !== undefined) {
    const clustering = kMeans(zSample, o.k, kOptions)
    centroids = clustering.centroids
    k = o.k
  } else {
    // Silhouette is quadratic: a 1,000-point estimate (one 1,000² distance matrix for all seven
    // k) is precise enough to rank k; a larger one would change the scores the API reports.
    const chosen = chooseK(zSample, {
      ...kOptions,
      minK: 2,
      maxK: Math.min(8, zSample.length - 1),
      sampleSize: SILHOUETTE_SAMPLE,
    })
    centroids = chosen.clustering.centroids
    k = chosen.k
    scores = chosen.scores
    silhouette = chosen.scores.find((s) => s.k === k)?.silhouette ?? 0
  }
  const assigned = z.map((row) => nearestCentroid(row, centroids))
  const pca = principalComponents(zSample, { components: 2, seed: o.seed })
  return {
    k,
    silhouette,
    scores,
    personas: describePersonas(persons, assigned, { columns: matrix.columns, z }),
    assignments: new Map(persons.map((p, i) => [p.personId, assigned[i]!])),
    points: sample.map((i, j) => ({
      personId: persons[i]!.personId,
      cluster: assigned[i]!,
      x: pca.projection[j]![0] ?? 0,
      y: pca.projection[j]![1] ?? 0,
    })),
    persons: persons.length,
    fittedOn: sample.length,
  }
}
