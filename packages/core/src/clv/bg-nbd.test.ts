import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assertClose, cdnowRows } from '../../test/cdnow.ts'
import { bgNbdLogLikelihood, fitBgNbd, type BgNbdParams } from './bg-nbd.ts'
import {
  bgNbdExpectedPurchases,
  bgNbdExpectedPurchasesNewCustomer,
  bgNbdProbabilityAlive,
  bgNbdPurchaseProbability,
} from './bg-nbd-predictions.ts'
import type { CustomerRfm } from './customer-summary.ts'

// Reference figures: /work/shared/data/cdnow/README.md (Fader, Hardie & Lee 2005; CLVTools; lifetimes).
const customers: CustomerRfm[] = cdnowRows('cdnow_customers_summary.csv').map(([, x, tx, T]) => ({
  frequency: x!,
  recency: tx!,
  age: T!,
}))
const PUBLISHED: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const CLVTOOLS: BgNbdParams = { r: 0.2425945, alpha: 4.4136019, a: 0.7929199, b: 2.4258881 }

const close = assertClose

test('BG/NBD fit on CDNOW matches the published parameters within 1 % and LL −9582.43', () => {
  assert.equal(customers.length, 2357)
  const fit = fitBgNbd(customers)
  assert.ok(fit.converged)
  for (const key of ['r', 'alpha', 'a', 'b'] as const) {
    const relative = Math.abs(fit.params[key] - PUBLISHED[key]) / PUBLISHED[key]
    assert.ok(relative < 0.01, `${key} = ${fit.params[key]} vs published ${PUBLISHED[key]}`)
    // Tighter: CLVTools' own estimates (7 digits) within 0.05 %.
    close(fit.params[key], CLVTOOLS[key], 5e-4 * CLVTOOLS[key], key)
  }
  close(fit.logLikelihood, -9582.43, 0.01, 'LL')
})

test('BG/NBD log-likelihood at the CLVTools estimates is −9582.43', () => {
  close(bgNbdLogLikelihood(CLVTOOLS, customers), -9582.429, 0.005)
})

test('BG/NBD conditional expectation: customer 1 (2, 30.43, 38.86) buys 1.226 times in 39 weeks', () => {
  close(bgNbdExpectedPurchases(PUBLISHED, 39, { frequency: 2, recency: 30.43, age: 38.86 }), 1.226, 0.001)
})

test('BG/NBD conditional expectation for one week matches the lifetimes Quickstart', () => {
  const fitted: BgNbdParams = { r: 0.242593, alpha: 4.413532, a: 0.792886, b: 2.425752 }
  const table: [x: number, tx: number, T: number, expected: number][] = [
    [26, 30.86, 31.0, 0.710623],
    [29, 37.71, 38.0, 0.662396],
    [17, 28.43, 28.86, 0.486526],
    [19, 34.0, 34.14, 0.474738],
    [18, 35.14, 35.86, 0.424877],
  ]
  for (const [x, tx, T, expected] of table) {
    close(bgNbdExpectedPurchases(fitted, 1, { frequency: x, recency: tx, age: T }), expected, 5e-6, `x=${x}`)
  }
})

test('BG/NBD unconditional E[X(t)] matches the published values', () => {
  const table: [t: number, expected: number][] = [
    [0.1429, 0.0078],
    [1, 0.0532],
    [3, 0.1506],
    [31.8571, 1.0405],
    [32, 1.0437],
    [78, 1.8576],
  ]
  for (const [t, expected] of table)
    close(bgNbdExpectedPurchasesNewCustomer(CLVTOOLS, t), expected, 5e-4, `t=${t}`)
  assert.equal(bgNbdExpectedPurchasesNewCustomer(CLVTOOLS, 0), 0)
})

test('BG/NBD P(X(t) = n) matches R BTYD', () => {
  close(bgNbdPurchaseProbability(PUBLISHED, 2, 10), 1.07869e-7, 1e-11)
  close(bgNbdPurchaseProbability(PUBLISHED, 39, 0), 0.5737864, 1e-6)
  // The probabilities over n sum to 1.
  let sum = 0
  for (let n = 0; n < 400; n++) sum += bgNbdPurchaseProbability(PUBLISHED, 39, n)
  close(sum, 1, 1e-6)
})

test('BG/NBD closed-form facts: P(alive) = 1 at x = 0, falls with time since the last purchase', () => {
  assert.equal(bgNbdProbabilityAlive(PUBLISHED, { frequency: 0, recency: 0, age: 30 }), 1)
  const recent = bgNbdProbabilityAlive(PUBLISHED, { frequency: 5, recency: 30, age: 31 })
  const lapsed = bgNbdProbabilityAlive(PUBLISHED, { frequency: 5, recency: 5, age: 31 })
  assert.ok(recent > lapsed && recent < 1 && lapsed > 0)
  // With t_x = T, P(alive) = 1 / (1 + a/(b+x−1)).
  close(
    bgNbdProbabilityAlive(PUBLISHED, { frequency: 3, recency: 20, age: 20 }),
    1 / (1 + 0.793 / 4.426),
    1e-12,
  )
  // No horizon, no purchases; expectations grow with the horizon.
  const c = { frequency: 2, recency: 30.43, age: 38.86 }
  assert.equal(bgNbdExpectedPurchases(PUBLISHED, 0, c), 0)
  assert.ok(bgNbdExpectedPurchases(PUBLISHED, 10, c) < bgNbdExpectedPurchases(PUBLISHED, 20, c))
  assert.throws(() => bgNbdExpectedPurchases(PUBLISHED, 1, { frequency: 1, recency: 5, age: 4 }), RangeError)
})

test('BG/NBD stays finite for a heavy buyer (hundreds of purchases)', () => {
  const value = bgNbdExpectedPurchases(PUBLISHED, 52, { frequency: 800, recency: 38, age: 39 })
  assert.ok(Number.isFinite(value) && value > 0, `${value}`)
})
