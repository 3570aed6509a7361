import assert from 'node:assert/strict'
import { test } from 'node:test'
import { summarizeEffortScores } from './customer-effort-score.ts'
import { cesChange, csatChange, npsChange } from './score-change.ts'

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

test('CSAT change: pooled z test and Newcombe hybrid score interval match the published example', () => {
  // Newcombe (1998), Statistics in Medicine 17, example (a): 56/70 − 48/80 = 0.2,
  // method 10 interval [0.0524, 0.3339]. Pooled z = 0.2 / √(0.69333 · 0.30667 · (1/80 + 1/70)) = 2.6502.
  const change = csatChange({ satisfied: 48, n: 80 }, { satisfied: 56, n: 70 })
  close(change.difference, 20, 1e-9)
  close(change.interval.lower, 5.24, 0.01)
  close(change.interval.upper, 33.39, 0.01)
  close(change.statistic, 2.6502, 1e-4)
  close(change.pValue, 0.008045, 1e-5) // 2 (1 − Φ(2.6502))
  assert.equal(change.significant, true)
})

test('NPS change: z test on two adjusted-Wald estimates (hand computation)', () => {
  // Before 40/40/20, after 50/35/15 (promoters/passives/detractors). Adjusted: NPS~₁ = 20/103,
  // NPS~₂ = 35/103, Var₁ = 0.559384, Var₂ = 0.627368; SE = √((Var₁ + Var₂)/103) = 0.107319;
  // difference 15/103 = 0.145631, z = 1.41596, p = 0.15679; raw difference 35 − 20 = 15 points.
  const change = npsChange(
    { promoters: 40, passives: 40, detractors: 20 },
    { promoters: 50, passives: 35, detractors: 15 },
  )
  close(change.difference, 15, 1e-9)
  close(change.statistic, 1.41596, 1e-4)
  close(change.pValue, 0.15679, 1e-4)
  close(change.interval.lower, -5.5951, 1e-3)
  close(change.interval.upper, 34.7213, 1e-3)
  assert.equal(change.significant, false)
})

test('CES change: Welch t test matches the reference (scipy.stats.ttest_ind, equal_var=False)', () => {
  const before = summarizeEffortScores([3, 4, 4, 5, 2, 3, 4, 3, 5, 4, 3, 2, 4, 5, 3])
  const after = summarizeEffortScores([5, 6, 4, 5, 6, 7, 5, 6, 5, 4, 6, 5])
  const change = cesChange(before, after)
  close(change.difference, 5.333333 - 3.6, 1e-6)
  close(change.statistic, 4.799683, 1e-5)
  close(change.degreesOfFreedom, 24.598344, 1e-5)
  close(change.pValue, 6.510688e-5, 1e-9)
  close(change.interval.lower, 0.988946, 1e-5)
  close(change.interval.upper, 2.477721, 1e-5)
  assert.equal(change.tooFewResponses, true)
})

test('a change needs responses in both periods', () => {
  assert.throws(() => csatChange({ satisfied: 0, n: 0 }, { satisfied: 3, n: 5 }), RangeError)
  assert.throws(
    () =>
      npsChange({ promoters: 0, passives: 0, detractors: 0 }, { promoters: 1, passives: 0, detractors: 0 }),
    RangeError,
  )
  assert.throws(() => cesChange(summarizeEffortScores([4]), summarizeEffortScores([4, 5])), RangeError)
})
