import { test } from 'node:test'
import assert from 'node:assert/strict'
import { lifecycleState, lifecycleThresholds } from './lifecycle-state.ts'
import { rateWithInterval, retentionMatrix } from './retention-matrix.ts'

const DAY = 86_400_000
const asOf = Date.UTC(2026, 7, 1)
const ago = (days: number) => asOf - days * DAY

test('lifecycle states by recency, newness and returns', () => {
  const state = (firstSeen: number, lastSeen: number, returnedAt: number | null = null) =>
    lifecycleState({ firstSeen, lastSeen, returnedAt }, asOf, { churnDays: 90 })
  assert.equal(state(ago(10), ago(1)), 'new')
  assert.equal(state(ago(200), ago(1)), 'active')
  assert.equal(state(ago(200), ago(1), ago(5)), 'reactivated')
  assert.equal(state(ago(200), ago(1), ago(40)), 'active', 'came back long ago')
  assert.equal(state(ago(200), ago(45)), 'at-risk')
  assert.equal(state(ago(20), ago(20)), 'new', 'idle 20 days < at-risk 45')
  assert.equal(state(ago(200), ago(90)), 'churned')
})

test('thresholds must be ordered', () => {
  assert.deepEqual(lifecycleThresholds({ churnDays: 60 }), { churnDays: 60, atRiskDays: 30, newDays: 30 })
  assert.throws(() => lifecycleThresholds({ churnDays: 30, atRiskDays: 30 }), RangeError)
  assert.throws(() => lifecycleThresholds({ churnDays: 0 }), RangeError)
})

test('retention matrix: rows as long as each cohort was observed', () => {
  const rows = retentionMatrix(
    new Map([
      ['2026-01-01', 10],
      ['2026-02-01', 4],
    ]),
    [
      { cohort: '2026-01-01', offset: 1, persons: 5 },
      { cohort: '2026-01-01', offset: 2, persons: 2 },
      { cohort: '2026-02-01', offset: 1, persons: 1 },
    ],
    new Map([
      ['2026-01-01', 3],
      ['2026-02-01', 2],
    ]),
  )
  assert.deepEqual(rows, [
    { cohort: '2026-01-01', size: 10, persons: [10, 5, 2], retained: [1, 0.5, 0.2] },
    { cohort: '2026-02-01', size: 4, persons: [4, 1], retained: [1, 0.25] },
  ])
  const r = rateWithInterval(0, 0)
  assert.deepEqual([r.rate, r.lower, r.upper], [0, 0, 1])
})
