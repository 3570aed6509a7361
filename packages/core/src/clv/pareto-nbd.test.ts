import assert from 'node:assert/strict'
import { test } from 'node:test'
import { assertClose, cdnowRows } from '../../test/cdnow.ts'
import type { CustomerRfm } from './customer-summary.ts'
import {
  fitParetoNbd,
  paretoNbdExpectedPurchases,
  paretoNbdLogLikelihood,
  paretoNbdProbabilityAlive,
  type ParetoNbdParams,
} from './pareto-nbd.ts'

// Reference figures: /work/shared/data/cdnow/README.md (Fader, Hardie & Lee 2005; CLVTools; BTYD).
const customers: CustomerRfm[] = cdnowRows('cdnow_customers_summary.csv').map(([, x, tx, T]) => ({
  frequency: x!,
  recency: tx!,
  age: T!,
}))
const PUBLISHED: ParetoNbdParams = { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 }
const CLVTOOLS: ParetoNbdParams = { r: 0.55315, alpha: 10.57633, s: 0.60625, beta: 11.6715 }
const BTYD: ParetoNbdParams = { r: 0.5534, alpha: 10.5802, s: 0.6061, beta: 11.6562 }

const close = assertClose

test('Pareto/NBD fit on CDNOW matches the published parameters within 1 % and LL −9594.98', () => {
  const fit = fitParetoNbd(customers)
  assert.ok(fit.converged)
  for (const key of ['r', 'alpha', 's', 'beta'] as const) {
    const relative = Math.abs(fit.params[key] - PUBLISHED[key]) / PUBLISHED[key]
    assert.ok(relative < 0.01, `${key} = ${fit.params[key]} vs published ${PUBLISHED[key]}`)
  }
  close(fit.logLikelihood, -9594.976, 0.005, 'LL')
})

test('Pareto/NBD log-likelihood at the CLVTools estimates is −9594.97', () => {
  close(paretoNbdLogLikelihood(CLVTOOLS, customers), -9594.974, 0.002)
})

test('Pareto/NBD customer 1516 (26, 30.86, 31): P(alive) 0.9979, 25.46 purchases in 52 weeks (BTYD)', () => {
  const customer = { frequency: 26, recency: 30.86, age: 31 }
  close(paretoNbdProbabilityAlive(BTYD, customer), 0.9979, 5e-5)
  // lifetimes asserts 25.46 to 2 decimals; the README's independent scipy check gives 25.455.
  close(paretoNbdExpectedPurchases(BTYD, 52, customer), 25.46, 0.01)
  close(paretoNbdExpectedPurchases(BTYD, 52, customer), 25.455, 5e-4)
})

test('Pareto/NBD closed-form facts and extreme parameters', () => {
  // A purchase at the very end of the period (t_x = T) means alive for sure.
  assert.equal(paretoNbdProbabilityAlive(BTYD, { frequency: 4, recency: 20, age: 20 }), 1)
  assert.equal(paretoNbdExpectedPurchases(BTYD, 0, { frequency: 4, recency: 10, age: 20 }), 0)
  // Both branches of the α ≥ β case split agree where they meet (α = β ± ε).
  const c = { frequency: 3, recency: 12, age: 30 }
  const below = paretoNbdProbabilityAlive({ r: 0.5, alpha: 10 - 1e-9, s: 0.6, beta: 10 }, c)
  const above = paretoNbdProbabilityAlive({ r: 0.5, alpha: 10 + 1e-9, s: 0.6, beta: 10 }, c)
  close(below, above, 1e-8)
  // s = 1 uses the logarithmic limit of the lifetime factor.
  const nearOne = paretoNbdExpectedPurchases({ ...BTYD, s: 1 + 1e-9 }, 52, c)
  close(paretoNbdExpectedPurchases({ ...BTYD, s: 1 }, 52, c), nearOne, 1e-6)
  // An extreme ratio α/β answers at once (NaN when the series budget is exceeded), never hangs.
  const start = performance.now()
  paretoNbdLogLikelihood({ r: 0.5, alpha: 1e7, s: 0.6, beta: 1e-3 }, customers)
  assert.ok(performance.now() - start < 5000)
})
