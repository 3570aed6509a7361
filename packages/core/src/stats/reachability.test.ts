import assert from 'node:assert/strict'
import { test } from 'node:test'
import { quantileFromCounts, quantileOfSorted } from './quantile.ts'
import { reachability } from './reachability.ts'

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

test('quantiles interpolate between order statistics (Hyndman–Fan 7, as R and NumPy)', () => {
  // 1, 2, 3, 4: median rank (4 − 1)·0.5 = 1.5 → 2.5; p90 rank 2.7 → 3 + 0.7·(4 − 3) = 3.7.
  assert.equal(quantileFromCounts([4, 1, 3, 2], [1, 1, 1, 1], 0.5), 2.5)
  close(quantileFromCounts([1, 2, 3, 4], [1, 1, 1, 1], 0.9), 3.7, 1e-12)
  // 10, 10, 10, 20, 60 as a histogram: median = the 3rd value = 10; p90 rank 3.6 → 20 + 0.6·40 = 44.
  assert.equal(quantileFromCounts([60, 10, 20], [1, 3, 1], 0.5), 10)
  close(quantileFromCounts([60, 10, 20], [1, 3, 1], 0.9), 44, 1e-12)
  assert.equal(quantileFromCounts([7], [1], 0.9), 7)
  assert.equal(quantileFromCounts([0, 100], [1, 1], 0), 0)
  assert.equal(quantileFromCounts([0, 100], [1, 1], 1), 100)
  assert.ok(Number.isNaN(quantileFromCounts([], [], 0.5)))
  assert.ok(Number.isNaN(quantileFromCounts([5], [0], 0.5)))
  assert.throws(() => quantileFromCounts([1], [1], 1.5), RangeError)
  assert.throws(() => quantileFromCounts([1, 2], [1], 0.5), RangeError)
  // The same definition on a sorted sample: 10, 10, 10, 20, 60 again.
  assert.equal(quantileOfSorted([1, 2, 3, 4], 0.5), 2.5)
  close(quantileOfSorted(Float64Array.from([10, 10, 10, 20, 60]), 0.9), 44, 1e-12)
  assert.equal(quantileOfSorted([7], 0.9), 7)
  assert.ok(Number.isNaN(quantileOfSorted([], 0.5)))
  assert.throws(() => quantileOfSorted([1], -0.1), RangeError)
})

test('reachability: answer rate with its Wilson interval and duration summaries', () => {
  const r = reachability({
    contacts: 10,
    answered: 8,
    firstResponse: { seconds: [30, 60, 90, 600], counts: [2, 3, 2, 1] },
    resolution: { seconds: [], counts: [] },
  })
  assert.equal(r.answerRate, 0.8)
  assert.equal(r.unanswered, 2)
  // 8 of 10: [0.490, 0.943] (Newcombe 1998, Table I, method 3).
  close(r.interval.lower, 0.4902, 5e-4)
  close(r.interval.upper, 0.9433, 5e-4)
  assert.equal(r.tooFewContacts, true)
  // Sorted: 30 30 60 60 60 90 90 600 → median rank 3.5 → 60; p90 rank 6.3 → 90 + 0.3·510 = 243.
  assert.equal(r.firstResponse.n, 8)
  assert.equal(r.firstResponse.medianSeconds, 60)
  close(r.firstResponse.p90Seconds, 243, 1e-9)
  assert.equal(r.resolution.n, 0)
  assert.ok(Number.isNaN(r.resolution.medianSeconds))
  assert.throws(
    () => reachability({ ...{ contacts: 1, answered: 2 }, firstResponse: r0, resolution: r0 }),
    RangeError,
  )
})

const r0 = { seconds: [], counts: [] }
