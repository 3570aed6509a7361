import { logGamma } from '../stats/log-gamma.ts'
import type { BgNbdParams } from './bg-nbd.ts'
import { validateRfm } from './bg-nbd.ts'
import type { CustomerRfm } from './customer-summary.ts'
import { logHypergeometric2F1 } from './hypergeometric.ts'

/**
 * Probability that a customer with history (x, t_x, T) is still alive at T (Fader, Hardie & Lee
 * 2005, eq. 13 in the technical note "Computing P(alive) Using the BG/NBD Model"). A customer with
 * no repeat purchase has had no chance to drop out (dropout happens right after a purchase), so
 * P(alive) = 1 when x = 0.
 */
export function bgNbdProbabilityAlive(params: BgNbdParams, customer: CustomerRfm): number {
  validateRfm(customer)
  const { r, alpha, a, b } = params
  const { frequency: x, recency, age } = customer
  if (x === 0) return 1
  const logOdds = Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + recency))
  return 1 / (1 + Math.exp(logOdds))
}

/**
 * Expected number of purchases in the next `t` time units of a customer with history (x, t_x, T)
 * (Fader, Hardie & Lee 2005, eq. 10):
 * E[Y(t)] = (a+b+x−1)/(a−1) · [1 − ((α+T)/(α+T+t))^(r+x) ₂F₁(r+x, b+x; a+b+x−1; t/(α+T+t))]
 *           / [1 + δ(x>0) a/(b+x−1) ((α+T)/(α+t_x))^(r+x)].
 */
export function bgNbdExpectedPurchases(params: BgNbdParams, t: number, customer: CustomerRfm): number {
  validateRfm(customer)
  if (!(t >= 0)) throw new RangeError(`the horizon t must be ≥ 0, got ${t}`)
  if (t === 0) return 0
  const { r, alpha, a, b } = params
  const { frequency: x, age } = customer
  const z = t / (alpha + age + t)
  const logTerm = logHypergeometric2F1(r + x, b + x, a + b + x - 1, z) + (r + x) * Math.log1p(-z)
  // −expm1 keeps precision when the bracket is small (short horizons); both factors change sign
  // together when a < 1, so the product stays positive.
  const numerator = ((a + b + x - 1) / (a - 1)) * -Math.expm1(logTerm)
  return numerator * bgNbdProbabilityAlive(params, customer)
}

/**
 * Expected number of purchases in (0, t] of a customer who has just been acquired (Fader, Hardie &
 * Lee 2005, eq. 9): E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))].
 */
export function bgNbdExpectedPurchasesNewCustomer(params: BgNbdParams, t: number): number {
  // eq. 9 is eq. 10 for a customer with no history (x = t_x = T = 0).
  return bgNbdExpectedPurchases(params, t, { frequency: 0, recency: 0, age: 0 })
}

/**
 * Probability that a new customer makes exactly `n` purchases in (0, t] (Fader, Hardie & Lee 2005,
 * eq. 8): P(X(t) = n) = B(a, b+n)/B(a, b) · NBD(n; r, α, t)
 *   + δ(n>0) B(a+1, b+n−1)/B(a, b) · [1 − (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j].
 */
export function bgNbdPurchaseProbability(params: BgNbdParams, t: number, n: number): number {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number ≥ 0, got ${n}`)
  if (!(t >= 0)) throw new RangeError(`the horizon t must be ≥ 0, got ${t}`)
  const { r, alpha, a, b } = params
  const logBetaAB = logGamma(a) + logGamma(b) - logGamma(a + b)
  const logP0 = r * Math.log(alpha / (alpha + t)) // ln of the NBD probability of 0
  const logRatio = Math.log(t / (alpha + t))
  // ln NBD(j) = ln Γ(r+j) − ln Γ(r) − ln j! + r ln(α/(α+t)) + j ln(t/(α+t))
  const logNbd = (j: number) =>
    logGamma(r + j) - logGamma(r) - logGamma(j + 1) + logP0 + (j === 0 ? 0 : j * logRatio)
  const first = Math.exp(logGamma(a) + logGamma(b + n) - logGamma(a + b + n) - logBetaAB + logNbd(n))
  if (n === 0) return first
  let cumulative = 0
  for (let j = 0; j < n; j++) cumulative += Math.exp(logNbd(j))
  const second = Math.exp(logGamma(a + 1) + logGamma(b + n - 1) - logGamma(a + b + n) - logBetaAB)
  return first + second * (1 - cumulative)
}
