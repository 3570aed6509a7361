import { test } from 'node:test'
import assert from 'node:assert/strict'
import { seededRandom } from '../random/seeded-random.ts'
import {
  pairwiseDistances,
  silhouetteScore,
  silhouetteScoreOfDistances,
  silhouetteValues,
} from './silhouette.ts'

test('silhouette of {0, 1} vs {4, 5} on a line, by hand', () => {
  // Point 0: a = 1, b = (4 + 5)/2 = 4.5 ⇒ 1 − 1/4.5 = 7/9. Point 1: a = 1, b = (3 + 4)/2 ⇒ 1 − 1/3.5 = 5/7.
  // Symmetric for 4 and 5. Mean = (7/9 + 5/7) / 2 = 47/63.
  const points = [[0], [1], [4], [5]]
  const values = silhouetteValues(points, [0, 0, 1, 1])
  ;[7 / 9, 5 / 7, 5 / 7, 7 / 9].forEach((v, i) => assert.ok(Math.abs(values[i]! - v) < 1e-12))
  assert.ok(Math.abs(silhouetteScore(points, [0, 0, 1, 1]) - 47 / 63) < 1e-12)
})

test('a singleton cluster scores 0; a bad split scores negative', () => {
  // Adding {10} alone: its own value is 0. Point 5 now has b = min(4.5, 5) = 4.5, unchanged.
  const values = silhouetteValues([[0], [1], [4], [5], [10]], [0, 0, 1, 1, 2])
  assert.equal(values[4], 0)
  ;[7 / 9, 5 / 7, 5 / 7, 7 / 9].forEach((v, i) => assert.ok(Math.abs(values[i]! - v) < 1e-12))
  // {0, 4} vs {1, 5}: point 0 has a = 4, b = (1 + 5)/2 = 3 ⇒ (3 − 4)/4 = −1/4.
  assert.ok(Math.abs(silhouetteValues([[0], [1], [4], [5]], [0, 1, 0, 1])[0]! + 0.25) < 1e-12)
})

test('one cluster: 0', () => {
  assert.equal(silhouetteScore([[0], [1]], [0, 0]), 0)
})

test('pairwise distances of a 3-4-5 right triangle, by hand', () => {
  const d = pairwiseDistances([
    [0, 0],
    [3, 0],
    [0, 4],
  ])
  assert.deepEqual([...d], [0, 3, 4, 3, 0, 5, 4, 5, 0])
})

test('silhouette from a distance matrix equals the direct one exactly, for every labeling', () => {
  const random = seededRandom(11)
  const points = Array.from({ length: 60 }, () => [random.normal(), random.normal(), 3 * random.next()])
  const distances = pairwiseDistances(points)
  for (const k of [2, 3, 5]) {
    const labels = points.map((_, i) => (i * 7) % k)
    assert.equal(silhouetteScoreOfDistances(distances, labels), silhouetteScore(points, labels))
  }
  assert.throws(() => silhouetteScoreOfDistances(distances, [0, 1]), /one assignment per point/)
})
