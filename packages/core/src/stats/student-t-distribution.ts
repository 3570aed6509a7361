import { regularizedIncompleteBeta } from './incomplete-beta.ts'
import { logGamma } from './log-gamma.ts'
import { normalQuantile } from './normal-distribution.ts'

/** Density of Student's t distribution with `df` degrees of freedom (df > 0, need not be an integer). */
export function studentTPdf(t: number, df: number): number {
  const logDensity =
    logGamma((df + 1) / 2) -
    logGamma(df / 2) -
    0.5 * Math.log(df * Math.PI) -
    ((df + 1) / 2) * Math.log1p((t * t) / df)
  return Math.exp(logDensity)
}

/** Cumulative distribution function of Student's t distribution with `df` degrees of freedom. */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN
  if (t === Infinity) return 1
  if (t === -Infinity) return 0
  // P(T > |t|) = ½ I_{df/(df+t²)}(df/2, ½) (Abramowitz & Stegun 26.7.1 via 26.5.27).
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5)
  return t < 0 ? tail : 1 - tail
}

/**
 * Quantile of Student's t distribution: the t with P(T ≤ t) = p. Inverts the exact CDF (incomplete
 * beta) by safeguarded Newton steps inside a bracket, so it is accurate for any df > 0, including
 * the heavy-tailed df = 1 (Cauchy) and non-integer Welch–Satterthwaite degrees of freedom.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  if (p === 0.5) return 0
  if (p < 0.5) return -studentTQuantile(1 - p, df)
  // Upper half: bracket [lo, hi] with CDF(lo) < p ≤ CDF(hi).
  let lo = 0
  let hi = Math.max(1, normalQuantile(p))
  while (studentTCdf(hi, df) < p) {
    lo = hi
    hi *= 2
    if (hi > 1e300) return Infinity
  }
  let t = (lo + hi) / 2
  for (let i = 0; i < 200; i++) {
    const f = studentTCdf(t, df) - p
    if (f === 0) return t
    if (f < 0) lo = t
    else hi = t
    const density = studentTPdf(t, df)
    let next = density > 0 ? t - f / density : NaN
    // Fall back to bisection when Newton leaves the bracket.
    if (!(next > lo && next < hi)) next = (lo + hi) / 2
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next
    t = next
  }
  return t
}

/** Two-sided critical value t such that P(|T| ≤ t) = confidence, e.g. 2.228 for df = 10 at 0.95. */
export function studentTCriticalValue(confidence: number, df: number): number {
  return studentTQuantile(0.5 + confidence / 2, df)
}
