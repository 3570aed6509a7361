import { test } from 'node:test'
import assert from 'node:assert/strict'
import { seededRandom } from '../random/seeded-random.ts'
import { kMeans, nearestCentroid } from './k-means.ts'
import { chooseK } from './choose-k.ts'

/** Three well-separated blobs of 40 points each (σ = 0.5, centres ≥ 10 apart). */
function blobs(seed: number): { points: number[][]; truth: number[] } {
  const random = seededRandom(seed)
  const centres = [
    [0, 0, 0],
    [10, 10, 0],
    [-10, 10, 5],
  ]
  const points: number[][] = []
  const truth: number[] = []
  centres.forEach((c, label) => {
    for (let i = 0; i < 40; i++) {
      points.push(c.map((x) => x + 0.5 * random.normal()))
      truth.push(label)
    }
  })
  return { points, truth }
}

/** True when two labelings put exactly the same points together (labels may be permuted). */
function samePartition(a: readonly number[], b: readonly number[]): boolean {
  const map = new Map<number, number>()
  const used = new Map<number, number>()
  return a.every((x, i) => {
    const y = b[i]!
    if ((map.has(x) && map.get(x) !== y) || (used.has(y) && used.get(y) !== x)) return false
    map.set(x, y)
    used.set(y, x)
    return true
  })
}

test('k-means recovers three well-separated blobs', () => {
  const { points, truth } = blobs(2024)
  const result = kMeans(points, 3, { seed: 7 })
  assert.ok(samePartition(result.assignments, truth))
  // Each centroid within 0.3 of a true centre (standard error of a 40-point mean is 0.08).
  for (const centre of [
    [0, 0, 0],
    [10, 10, 0],
    [-10, 10, 5],
  ]) {
    assert.ok(result.centroids.some((c) => c.every((x, j) => Math.abs(x - centre[j]!) < 0.3)))
  }
  // Inertia ≈ n · d · σ² = 120 · 3 · 0.25 = 90 for the true partition.
  assert.ok(result.inertia > 60 && result.inertia < 120, `inertia ${result.inertia}`)
})

test('k-means is deterministic for a seed', () => {
  const { points } = blobs(1)
  assert.deepEqual(kMeans(points, 4, { seed: 3 }), kMeans(points, 4, { seed: 3 }))
})

test('k-means on a tiny example: {0,1,2} and {10,11} on a line', () => {
  const result = kMeans([[0], [1], [2], [10], [11]], 2, { seed: 1 })
  assert.ok(samePartition(result.assignments, [0, 0, 0, 1, 1]))
  // Inertia: 1 + 0 + 1 + 0.25 + 0.25.
  assert.ok(Math.abs(result.inertia - 2.5) < 1e-12)
})

test('k-means copes with fewer distinct points than k', () => {
  const result = kMeans([[1], [1], [1], [2]], 3, { seed: 1 })
  assert.equal(result.centroids.length, 3)
  assert.equal(result.inertia, 0)
})

test('silhouette picks k = 3 for three blobs', () => {
  const { points, truth } = blobs(99)
  const chosen = chooseK(points, { seed: 5 })
  assert.equal(chosen.k, 3)
  assert.deepEqual(
    chosen.scores.map((s) => s.k),
    [2, 3, 4, 5, 6, 7, 8],
  )
  assert.ok(samePartition(chosen.clustering.assignments, truth))
})

test('choosing k is deterministic for a seed, also when silhouette runs on a sample', () => {
  const { points } = blobs(5)
  const options = { seed: 9, restarts: 3, sampleSize: 50 }
  const first = chooseK(points, options)
  assert.deepEqual(chooseK(points, options), first)
  assert.equal(first.k, 3)
})

test('k-means ends at a Lloyd fixed point even when clusters overlap (the skipped distances change nothing)', () => {
  // Overlapping clouds put many points near a boundary, where wrong bounds would show.
  const random = seededRandom(21)
  const points = Array.from({ length: 900 }, (_, i) =>
    [i % 3, (i % 5) / 2, 0].map((c) => c + random.normal()),
  )
  for (const [k, seed] of [
    [3, 1],
    [5, 2],
    [8, 3],
  ] as const) {
    const { centroids, assignments } = kMeans(points, k, { seed, restarts: 2, maxIterations: 1000 })
    points.forEach((p, i) =>
      assert.equal(assignments[i], nearestCentroid(p, centroids), `k ${k}, point ${i}`),
    )
    centroids.forEach((centre, c) => {
      const members = points.filter((_, i) => assignments[i] === c)
      centre.forEach((x, j) => {
        const mean = members.reduce((s, p) => s + p[j]!, 0) / members.length
        assert.ok(Math.abs(x - mean) < 1e-12, `k ${k}, centroid ${c} is the mean of its points`)
      })
    })
  }
})
