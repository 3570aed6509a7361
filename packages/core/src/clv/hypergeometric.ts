const DEFAULT_MAX_TERMS = 1_000_000
const RESCALE_AT = 1e200
const LOG_RESCALE = Math.log(RESCALE_AT)

/**
 * ln ₂F₁(a, b; c; z) by its power series Σ (a)ₙ(b)ₙ / ((c)ₙ n!) zⁿ (Abramowitz & Stegun 15.1.1),
 * for a, b, c > 0 and 0 ≤ z < 1. Every term is then positive, so the sum has no cancellation and
 * the series is exact to rounding; it converges like zⁿ, so z close to 1 only costs more terms.
 * The sum is rescaled as it grows so that a value beyond 1e308 (a customer with hundreds of
 * purchases) is still returned as a finite logarithm. These are the only arguments the BG/NBD and
 * Pareto/NBD formulas need (Fader, Hardie & Lee 2005, eq. 10; Fader & Hardie 2005 note, eq. 22).
 * Returns NaN, never a truncated sum, when `maxTerms` terms do not reach full precision.
 */
export function logHypergeometric2F1(
  a: number,
  b: number,
  c: number,
  z: number,
  maxTerms: number = DEFAULT_MAX_TERMS,
): number {
  if (!(a > 0 && b > 0 && c > 0) || !(z >= 0 && z < 1)) {
    throw new RangeError(`logHypergeometric2F1 needs a, b, c > 0 and 0 ≤ z < 1, got ${a}, ${b}, ${c}, ${z}`)
  }
  if (z === 0) return 0
  let term = 1
  let sum = 1
  let logScale = 0
  for (let n = 0; n < maxTerms; n++) {
    const ratio = (((a + n) / (c + n)) * (b + n) * z) / (n + 1)
    term *= ratio
    sum += term
    if (sum > RESCALE_AT) {
      sum /= RESCALE_AT
      term /= RESCALE_AT
      logScale += LOG_RESCALE
    }
    // The term ratio tends to z monotonically, so past the peak the tail is at most
    // term · ρ/(1 − ρ) with ρ = max(ratio, z): stop once that no longer counts.
    const bound = Math.max(ratio, z)
    if (bound < 1 && (term * bound) / (1 - bound) < sum * 1e-17) return Math.log(sum) + logScale
  }
  return NaN
}
