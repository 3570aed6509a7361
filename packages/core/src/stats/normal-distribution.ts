import { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.ts'

// Acklam's rational approximation of the standard normal quantile (relative error < 1.15e-9),
// polished below by Newton steps on the exact CDF to full double precision.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
  2.506628277459239,
]
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1,
]
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
  2.938163982698783,
]
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
const P_LOW = 0.02425
const SQRT_TWO_PI = Math.sqrt(2 * Math.PI)

/** Density of the standard normal distribution. */
export function normalPdf(z: number): number {
  return Math.exp(-0.5 * z * z) / SQRT_TWO_PI
}

/** Cumulative distribution function Φ(z) of the standard normal distribution. */
export function normalCdf(z: number): number {
  if (Number.isNaN(z)) return NaN
  // Φ(z) = ½ erfc(−z/√2) and erfc(u) = Q(½, u²): the incomplete gamma keeps the tails accurate.
  const half = 0.5 * z * z
  return z < 0 ? 0.5 * regularizedGammaQ(0.5, half) : 0.5 + 0.5 * regularizedGammaP(0.5, half)
}

/** Quantile Φ⁻¹(p) of the standard normal distribution, for 0 < p < 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  let z: number
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p))
    z = tailNumerator(q) / tailDenominator(q)
  } else if (p <= 1 - P_LOW) {
    const q = p - 0.5
    const r = q * q
    z =
      ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
      (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  } else {
    const q = Math.sqrt(-2 * Math.log1p(-p))
    z = -tailNumerator(q) / tailDenominator(q)
  }
  // Two Newton steps on Φ(z) − p; the start is already within 1e-9, so this converges at once.
  for (let i = 0; i < 2; i++) {
    const density = normalPdf(z)
    if (density === 0) break
    z -= (normalCdf(z) - p) / density
  }
  return z
}

/** Two-sided critical value z such that P(|Z| ≤ z) = confidence, e.g. 1.959964 for 0.95. */
export function normalCriticalValue(confidence: number): number {
  return normalQuantile(0.5 + confidence / 2)
}

function tailNumerator(q: number): number {
  return ((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!
}

function tailDenominator(q: number): number {
  return (((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1
}
