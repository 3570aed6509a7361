/**
 * The Wilson score interval for a binomial proportion (Wilson 1927, JASA 22(158)), the
 * interval Newcombe (1998, Statistics in Medicine 17(8)) and Brown, Cai & DasGupta (2001)
 * recommend over the Wald interval: it stays inside [0, 1] and keeps close to its nominal
 * coverage for small samples and rates near 0 or 1 — common for churn among a few detractors.
 */
export interface ProportionInterval {
  successes: number
  trials: number
  /** successes / trials; NaN when there are no trials. */
  rate: number
  lower: number
  upper: number
}

/** Standard normal quantile for a two-sided 95 % interval. */
export const Z_95 = 1.959963984540054

/** Wilson score interval for `successes` out of `trials` (95 % by default). */
export function wilsonInterval(successes: number, trials: number, z: number = Z_95): ProportionInterval {
  if (!Number.isFinite(trials) || trials < 0 || successes < 0 || successes > trials)
    throw new RangeError(`wilsonInterval: need 0 ≤ successes ≤ trials, got ${successes}/${trials}`)
  if (trials === 0) return { successes, trials, rate: Number.NaN, lower: 0, upper: 1 }
  const p = successes / trials
  const z2 = z * z
  const denominator = 1 + z2 / trials
  const centre = (p + z2 / (2 * trials)) / denominator
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator
  // Clamp rounding noise at the boundaries: 0/n has lower bound exactly 0, n/n upper exactly 1.
  return {
    successes,
    trials,
    rate: p,
    lower: successes === 0 ? 0 : Math.max(0, centre - half),
    upper: successes === trials ? 1 : Math.min(1, centre + half),
  }
}
