import assert from 'node:assert/strict'
import { test } from 'node:test'
import { regularizedIncompleteBeta } from './incomplete-beta.ts'
import { regularizedGammaP } from './incomplete-gamma.ts'
import { logBeta, logGamma } from './log-gamma.ts'
import { normalCdf, normalCriticalValue, normalQuantile } from './normal-distribution.ts'
import { studentTCdf, studentTCriticalValue, studentTQuantile } from './student-t-distribution.ts'

const close = (actual: number, expected: number, tolerance: number) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`)

test('logGamma matches closed forms: Γ(n) = (n−1)!, Γ(½) = √π, Γ(x+1) = xΓ(x)', () => {
  close(logGamma(1), 0, 1e-15)
  close(logGamma(2), 0, 1e-15)
  close(logGamma(10), Math.log(362_880), 1e-13)
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-14)
  close(logGamma(0.25 + 1) - logGamma(0.25), Math.log(0.25), 1e-14)
  close(logGamma(171), 706.5730622457874, 1e-10) // ln(170!)
  close(logBeta(2, 3), Math.log(1 / 12), 1e-14) // B(2,3) = 1!2!/4! = 1/12
})

test('incomplete gamma and beta match closed forms', () => {
  close(regularizedGammaP(1, 2), 1 - Math.exp(-2), 1e-15) // exponential CDF
  close(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-15) // uniform
  close(regularizedIncompleteBeta(0.3, 2, 1), 0.09, 1e-15) // x²
  close(regularizedIncompleteBeta(0.3, 1, 3), 1 - 0.7 ** 3, 1e-15)
  close(regularizedIncompleteBeta(0.9, 0.5, 0.5), (2 / Math.PI) * Math.asin(Math.sqrt(0.9)), 1e-14) // arcsine
})

test('normal quantiles and CDF match table values', () => {
  close(normalQuantile(0.975), 1.959964, 5e-7)
  close(normalQuantile(0.995), 2.575829, 5e-7)
  close(normalQuantile(0.95), 1.644854, 5e-7)
  close(normalQuantile(0.5), 0, 1e-15)
  close(normalQuantile(0.001), -3.090232, 5e-7)
  close(normalQuantile(1e-10), -6.361341, 5e-7)
  close(normalCriticalValue(0.9), 1.644854, 5e-7)
  close(normalCdf(1.96), 0.9750021, 5e-8)
  close(normalCdf(-1), 0.1586553, 5e-8)
  close(normalCdf(0), 0.5, 1e-16)
  close(normalCdf(-8), 6.220961e-16, 1e-21) // far tail keeps relative accuracy
})

test('Student t quantiles match the printed t table (two-sided 95 % and 99 %)', () => {
  const table: [df: number, t95: number, t99: number][] = [
    [1, 12.706, 63.657],
    [2, 4.303, 9.925],
    [5, 2.571, 4.032],
    [10, 2.228, 3.169],
    [20, 2.086, 2.845],
    [30, 2.042, 2.75],
    [120, 1.98, 2.617],
  ]
  for (const [df, t95, t99] of table) {
    close(studentTCriticalValue(0.95, df), t95, 5e-4)
    close(studentTCriticalValue(0.99, df), t99, 5e-4)
  }
  close(studentTQuantile(0.025, 10), -2.228, 5e-4)
  close(studentTQuantile(0.5, 7), 0, 1e-15)
  // df = 1 is the Cauchy distribution: F(t) = ½ + atan(t)/π.
  close(studentTCdf(3, 1), 0.5 + Math.atan(3) / Math.PI, 1e-14)
  // df = 2 has F(t) = ½ + t / (2√(2 + t²)).
  close(studentTCdf(1.5, 2), 0.5 + 1.5 / (2 * Math.sqrt(2 + 2.25)), 1e-14)
  // Large df tends to the normal distribution.
  close(studentTCriticalValue(0.95, 1e7), 1.959964, 1e-6)
})
