import { test } from 'node:test'
import assert from 'node:assert/strict'
import { proportionInterval } from './proportion-interval.ts'
import { npsCategory, outcomeRatesByNpsCategory } from './nps-outcome-rates.ts'

const close4 = (a: number, b: number) => assert.ok(Math.abs(a - b) < 5e-5, `${a} ≠ ${b}`)

test('Rates carry Wilson intervals that match Newcombe (1998), Table II, method 3', () => {
  for (const [x, n, lower, upper] of [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ] as const) {
    const interval = proportionInterval(x, n)
    close4(interval.lower, lower)
    close4(interval.upper, upper)
    assert.equal(interval.rate, x / n)
  }
})

test('no trials: rate NaN, interval [0, 1]; invalid counts throw', () => {
  const empty = proportionInterval(0, 0)
  assert.ok(Number.isNaN(empty.rate))
  assert.equal(empty.lower, 0)
  assert.equal(empty.upper, 1)
  assert.throws(() => proportionInterval(3, 2), RangeError)
})

test('npsCategory follows 9–10 / 7–8 / 0–6', () => {
  assert.deepEqual([0, 6, 7, 8, 9, 10].map(npsCategory), [
    'detractor',
    'detractor',
    'passive',
    'passive',
    'promoter',
    'promoter',
  ])
  assert.throws(() => npsCategory(11), RangeError)
})

test('outcome rates per NPS category carry counts and Wilson bounds', () => {
  // Promoters 81 of 263 churned … arranged so that each category reproduces a Newcombe case.
  const pairs = [
    ...Array.from({ length: 263 }, (_, i) => ({ category: 'promoter' as const, outcome: i < 81 })),
    ...Array.from({ length: 148 }, (_, i) => ({ category: 'detractor' as const, outcome: i < 15 })),
  ]
  const [promoters, passives, detractors] = outcomeRatesByNpsCategory(pairs)
  assert.equal(promoters!.category, 'promoter')
  assert.equal(promoters!.successes, 81)
  assert.equal(promoters!.trials, 263)
  close4(promoters!.lower, 0.2553)
  close4(promoters!.upper, 0.3662)
  assert.equal(passives!.trials, 0)
  assert.equal(detractors!.category, 'detractor')
  close4(detractors!.lower, 0.0624)
  close4(detractors!.upper, 0.1605)
})
