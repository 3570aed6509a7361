import assert from 'node:assert/strict'
import { test } from 'node:test'
import { bgNbdExpectedPurchases } from './bg-nbd-predictions.ts'
import { bgNbdGammaGammaLifetimeValue, customerLifetimeValue } from './customer-lifetime-value.ts'
import { gammaGammaExpectedSpend } from './gamma-gamma.ts'

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

test('a constant purchase rate gives the geometric-series value', () => {
  // λ = 0.5 purchases per period, spend 20, d = 1 %, 12 periods:
  // CLV = 10 · Σ 1.01^−i = 10 · (1 − 1.01^−12) / 0.01 = 112.5508
  close(
    customerLifetimeValue((t) => 0.5 * t, 20, { periods: 12, periodLength: 1, discountRate: 0.01 }),
    112.5508,
    1e-4,
  )
  // Without discounting it is purchases × spend.
  close(
    customerLifetimeValue((t) => 0.5 * t, 20, { periods: 12, periodLength: 1, discountRate: 0 }),
    120,
    1e-9,
  )
  assert.equal(
    customerLifetimeValue((t) => t, 20, { periods: 0 }),
    0,
  )
})

test('BG/NBD + Gamma-Gamma value discounts the per-period expected purchases', () => {
  const bg = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
  const gg = { p: 6.25, q: 3.74, v: 15.44 }
  const customer = { frequency: 2, recency: 30.43, age: 38.86, monetaryValue: 22.35 }
  // Undiscounted, the value telescopes to E[Y(12 · 4.345)] × expected spend.
  const undiscounted = bgNbdGammaGammaLifetimeValue(bg, gg, customer, { discountRate: 0 })
  close(
    undiscounted,
    bgNbdExpectedPurchases(bg, 12 * 4.345, customer) * gammaGammaExpectedSpend(gg, customer),
    1e-9,
  )
  const discounted = bgNbdGammaGammaLifetimeValue(bg, gg, customer, { discountRate: 0.01 })
  assert.ok(discounted < undiscounted && discounted > undiscounted / 1.01 ** 12)
})
