import { logGamma } from './log-gamma.ts'

const EPS = 1e-16
const TINY = 1e-300
const MAX_ITERATIONS = 10_000

/**
 * Regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a), for a > 0, x ≥ 0.
 * Series for x < a + 1, Lentz continued fraction otherwise (Numerical Recipes, 3rd ed., §6.2):
 * each is used where it converges fast, which keeps full double precision in both tails.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN
  if (x === 0) return 1
  if (x === Infinity) return 0
  const logPrefix = a * Math.log(x) - x - logGamma(a)
  if (x < a + 1) return 1 - Math.exp(logPrefix) * lowerSeries(a, x)
  return Math.exp(logPrefix) * upperContinuedFraction(a, x)
}

/** Regularized lower incomplete gamma function P(a, x) = 1 − Q(a, x). */
export function regularizedGammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return NaN
  if (x === 0) return 0
  if (x === Infinity) return 1
  const logPrefix = a * Math.log(x) - x - logGamma(a)
  if (x < a + 1) return Math.exp(logPrefix) * lowerSeries(a, x)
  return 1 - Math.exp(logPrefix) * upperContinuedFraction(a, x)
}

// Σ x^n / (a (a+1) … (a+n)), the series of γ(a, x) e^x x^−a.
function lowerSeries(a: number, x: number): number {
  let ap = a
  let term = 1 / a
  let sum = term
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    ap += 1
    term *= x / ap
    sum += term
    if (Math.abs(term) < Math.abs(sum) * EPS) break
  }
  return sum
}

// Continued fraction of Γ(a, x) e^x x^−a, modified Lentz evaluation.
function upperContinuedFraction(a: number, x: number): number {
  let b = x + 1 - a
  let c = 1 / TINY
  let d = 1 / b
  let h = d
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a)
    b += 2
    d = an * d + b
    if (Math.abs(d) < TINY) d = TINY
    c = b + an / c
    if (Math.abs(c) < TINY) c = TINY
    d = 1 / d
    const delta = d * c
    h *= delta
    if (Math.abs(delta - 1) < EPS) break
  }
  return h
}
