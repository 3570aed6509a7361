import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assertClose, cdnowRows } from '../../test/cdnow.ts'
import {
  fitGammaGamma,
  gammaGammaExpectedSpend,
  gammaGammaLogLikelihood,
  type CustomerSpend,
} from './gamma-gamma.ts'

// Reference figures: /work/shared/data/cdnow/README.md (Fader & Hardie 2013 note; CLVTools; lifetimes).
const customers: CustomerSpend[] = cdnowRows('cdnow_customers_summary_with_transactions.csv').map(
  ([, x, , , zbar]) => ({ frequency: x!, monetaryValue: zbar! }),
)
const PUBLISHED = { p: 6.25, q: 3.74, v: 15.44 }

const close = assertClose

test('Gamma-Gamma fit on the 946 CDNOW repeat customers matches p = 6.25, q = 3.74, v = 15.44 and LL −4055.92', () => {
  assert.equal(customers.filter((c) => c.frequency > 0).length, 946)
  const fit = fitGammaGamma(customers)
  assert.ok(fit.converged)
  for (const key of ['p', 'q', 'v'] as const) {
    const relative = Math.abs(fit.params[key] - PUBLISHED[key]) / PUBLISHED[key]
    assert.ok(relative < 0.01, `${key} = ${fit.params[key]} vs published ${PUBLISHED[key]}`)
  }
  close(fit.logLikelihood, -4055.9177, 0.01, 'LL')
})

test('Gamma-Gamma log-likelihood at the published (rounded) parameters', () => {
  // README: −4055.9247 at the 2-dp parameters (checked independently with scipy).
  close(gammaGammaLogLikelihood(PUBLISHED, customers), -4055.9247, 0.001)
})

test('Gamma-Gamma conditional expected spend for CDNOW IDs 1..10 (Hardie note 025)', () => {
  const expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17]
  expected.forEach((value, i) =>
    close(gammaGammaExpectedSpend(PUBLISHED, customers[i]!), value, 0.1, `ID ${i + 1}`),
  )
})

test('Gamma-Gamma expected spend with the fitted parameters matches the lifetimes Quickstart', () => {
  const { params } = fitGammaGamma(customers)
  const expected: [index: number, value: number][] = [
    [0, 24.658619],
    [1, 18.911489],
    [2, 35.170981],
    [5, 71.462843],
    [8, 27.282408],
  ]
  for (const [i, value] of expected)
    close(gammaGammaExpectedSpend(params, customers[i]!), value, 1e-3, `ID ${i + 1}`)
})

test('Gamma-Gamma closed-form facts', () => {
  // x = 0: the population mean p·v/(q − 1).
  close(gammaGammaExpectedSpend(PUBLISHED, { frequency: 0, monetaryValue: 0 }), (6.25 * 15.44) / 2.74, 1e-12)
  // Many purchases: the estimate tends to the customer's own mean.
  close(gammaGammaExpectedSpend(PUBLISHED, { frequency: 100_000, monetaryValue: 42 }), 42, 0.01)
  assert.throws(
    () => gammaGammaExpectedSpend({ p: 1, q: 0.5, v: 1 }, { frequency: 1, monetaryValue: 1 }),
    RangeError,
  )
})
