import { assertConfidence, DEFAULT_CONFIDENCE, type ConfidenceInterval } from './confidence-interval.ts'
import { normalCriticalValue } from './normal-distribution.ts'

/**
 * Wilson score interval for a binomial proportion (Wilson 1927, JASA 22(158)): the set of p for
 * which the score test does not reject. Unlike the Wald interval it stays inside [0, 1] and keeps
 * near-nominal coverage for small n and proportions near 0 or 1 (Brown, Cai & DasGupta 2001).
 * @example wilsonInterval(8, 10) // { lower: 0.490, upper: 0.943, confidence: 0.95 }
 */
export function wilsonInterval(
  successes: number,
  n: number,
  confidence: number = DEFAULT_CONFIDENCE,
): ConfidenceInterval {
  assertConfidence(confidence)
  if (!(n > 0)) return { lower: 0, upper: 1, confidence }
  if (successes < 0 || successes > n) throw new RangeError(`successes must be in [0, n], got ${successes}`)
  const z = normalCriticalValue(confidence)
  const z2 = z * z
  const p = successes / n
  const denominator = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denominator
  const halfWidth = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator
  // At 0 or n successes the bound is exactly 0 or 1; rounding would otherwise leave ±1e-17.
  const lower = successes === 0 ? 0 : Math.max(0, centre - halfWidth)
  const upper = successes === n ? 1 : Math.min(1, centre + halfWidth)
  return { lower, upper, confidence }
}
