import assert from 'node:assert/strict'
import { test } from 'node:test'
import { logHypergeometric2F1 } from './hypergeometric.ts'

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

test('₂F₁ matches closed forms (Abramowitz & Stegun 15.1.3, 15.1.8)', () => {
  // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z
  for (const z of [0.1, 0.5, 0.9, 0.999])
    close(logHypergeometric2F1(1, 1, 2, z), Math.log(-Math.log1p(-z) / z), 1e-12)
  // ₂F₁(a, b; b; z) = (1 − z)^−a
  for (const z of [0.2, 0.7, 0.99]) close(logHypergeometric2F1(2.5, 3, 3, z), -2.5 * Math.log1p(-z), 1e-11)
  assert.equal(logHypergeometric2F1(3, 4, 5, 0), 0)
})

test('₂F₁ stays finite where the value itself would overflow', () => {
  // (1 − z)^−a with a = 2000, z = 0.5 is 2^2000 ≈ 1e602.
  close(logHypergeometric2F1(2000, 7, 7, 0.5), 2000 * Math.LN2, 1e-8)
})
