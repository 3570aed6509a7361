import assert from 'node:assert/strict'
import { test } from 'node:test'
import { customerEffortScore } from './customer-effort-score.ts'
import {
  customerSatisfactionScore,
  customerSatisfactionScoreFromCounts,
} from './customer-satisfaction-score.ts'
import { netPromoterScore, netPromoterScoreFromCounts } from './net-promoter-score.ts'
import { wilsonInterval } from './wilson-interval.ts'

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

test('Wilson interval matches published values', () => {
  // 8 of 10: [0.490, 0.943] (Newcombe 1998, Statistics in Medicine 17, Table I, method 3).
  const w = wilsonInterval(8, 10)
  close(w.lower, 0.4902, 5e-4)
  close(w.upper, 0.9433, 5e-4)
  // 0 of 10: the lower bound is 0 and the upper bound is z²/(n + z²) = 3.8415/13.8415.
  const zero = wilsonInterval(0, 10)
  assert.equal(zero.lower, 0)
  close(zero.upper, 0.2775, 5e-4)
})

test('NPS counts the categories on the standard 9–10 / 7–8 / 0–6 split', () => {
  const result = netPromoterScore([10, 9, 8, 7, 6, 0, 10, 5])
  assert.deepEqual([result.promoters, result.passives, result.detractors, result.n], [3, 2, 3, 8])
  assert.equal(result.score, 0)
  assert.equal(result.tooFewResponses, true)
  assert.throws(() => netPromoterScore([11]), RangeError)
  assert.throws(() => netPromoterScore([7.5]), RangeError)
})

test('NPS adjusted-Wald interval matches the hand computation', () => {
  // 40 promoters, 40 passives, 20 detractors. Adding 3 pseudo-observations: p = 40.75/103,
  // d = 20.75/103, NPS~ = 20/103, Var = p + d − (p − d)² = 0.559384, SE = √(Var/103) = 0.0736947,
  // interval = 100 (20/103 ± 1.959964 · 0.0736947) = [4.9736, 33.8614].
  const result = netPromoterScoreFromCounts({ promoters: 40, passives: 40, detractors: 20 })
  assert.equal(result.score, 20)
  close(result.standardError, 7.36947, 1e-4)
  close(result.interval.lower, 4.9736, 1e-3)
  close(result.interval.upper, 33.8614, 1e-3)
  assert.equal(result.tooFewResponses, false)
})

test('NPS interval stays inside [−100, 100] and is not degenerate when everyone agrees', () => {
  const result = netPromoterScoreFromCounts({ promoters: 50, passives: 0, detractors: 0 })
  assert.equal(result.score, 100)
  assert.equal(result.interval.upper, 100)
  assert.ok(result.interval.lower < 100 && result.interval.lower > 80)
  const empty = netPromoterScoreFromCounts({ promoters: 0, passives: 0, detractors: 0 })
  assert.ok(Number.isNaN(empty.score))
  assert.equal(empty.tooFewResponses, true)
})

test('CSAT is the share of 4–5 answers with a Wilson interval', () => {
  const result = customerSatisfactionScore([5, 4, 4, 5, 5, 4, 5, 4, 1, 3])
  assert.equal(result.satisfied, 8)
  assert.equal(result.score, 80)
  close(result.interval.lower, 49.02, 0.05)
  close(result.interval.upper, 94.33, 0.05)
  assert.throws(() => customerSatisfactionScore([0]), RangeError)
  assert.equal(customerSatisfactionScoreFromCounts(30, 30).tooFewResponses, false)
  assert.equal(customerSatisfactionScoreFromCounts(29, 29).tooFewResponses, true)
})

test('CES is the mean with a Student-t interval', () => {
  // Mean 6, squared deviations sum to 6, s = √(6/9) = 0.816497, SE = s/√10 = 0.258199,
  // t(0.975, 9) = 2.262157 (table: 2.262), half-width 0.584094.
  const result = customerEffortScore([5, 6, 7, 5, 6, 7, 5, 6, 7, 6])
  assert.equal(result.score, 6)
  close(result.standardDeviation, 0.816497, 1e-6)
  close(result.interval.lower, 6 - 0.584094, 1e-5)
  close(result.interval.upper, 6 + 0.584094, 1e-5)
  const single = customerEffortScore([3])
  assert.deepEqual([single.interval.lower, single.interval.upper], [1, 7])
  assert.throws(() => customerEffortScore([8]), RangeError)
})
