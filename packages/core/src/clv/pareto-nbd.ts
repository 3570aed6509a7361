import { logGamma } from '../stats/log-gamma.ts'
import type { FitOptions, ModelFit } from './bg-nbd.ts'
import { validateRfm } from './bg-nbd.ts'
import type { CustomerRfm } from './customer-summary.ts'
import { logHypergeometric2F1 } from './hypergeometric.ts'
import { minimizeNelderMead } from './nelder-mead.ts'

/**
 * The ₂F₁ argument (α−β)/(α+t) nears 1 only when one of α, β is thousands of times the other; the
 * series then needs tens of thousands of terms. Past this budget the likelihood is NaN, which the
 * optimiser treats as +∞, so a fit steers away from such corners instead of stalling in them.
 */
const MAX_SERIES_TERMS = 5_000

/**
 * Parameters of the Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): purchases at Poisson
 * rate λ ~ Gamma(r, α) while alive, an exponential lifetime with rate μ ~ Gamma(s, β).
 */
export interface ParetoNbdParams {
  r: number
  alpha: number
  s: number
  beta: number
}

/**
 * ln A₀ of Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
 * Expressions", eq. 19–20: A₀ = h(t_x) − h(T), h(t) = ₂F₁(r+s+x, ·; r+s+x+1; z(t)) / (m+t)^(r+s+x),
 * written for the larger of α and β so that 0 ≤ z < 1 and every series term is positive — the
 * case split that makes the ₂F₁ evaluation robust. h falls with t, so the difference is taken in
 * log space as ln h(t_x) + ln(1 − e^(ln h(T) − ln h(t_x))) without overflow for heavy buyers.
 */
function logA0({ r, alpha, s, beta }: ParetoNbdParams, x: number, recency: number, age: number): number {
  const k = r + s + x
  const [m, other, b] = alpha >= beta ? [alpha, beta, s + 1] : [beta, alpha, r + x]
  const logH = (t: number) =>
    logHypergeometric2F1(k, b, k + 1, (m - other) / (m + t), MAX_SERIES_TERMS) - k * Math.log(m + t)
  if (recency === age) return -Infinity
  const atRecency = logH(recency)
  const atAge = logH(age)
  return atRecency + Math.log(-Math.expm1(Math.min(0, atAge - atRecency)))
}

/** ln of the second over the first term inside the likelihood: (s/(r+s+x)) A₀ (α+T)^(r+x) (β+T)^s. */
function logOddsDead(params: ParetoNbdParams, c: CustomerRfm): number {
  const { r, alpha, s, beta } = params
  const x = c.frequency
  return (
    Math.log(s / (r + s + x)) +
    logA0(params, x, c.recency, c.age) +
    (r + x) * Math.log(alpha + c.age) +
    s * Math.log(beta + c.age)
  )
}

/** Log-likelihood of one customer (Fader & Hardie 2005 note, eq. 22). */
function customerLogLikelihood(params: ParetoNbdParams, c: CustomerRfm): number {
  const { r, alpha, s, beta } = params
  const x = c.frequency
  const logAliveTerm = -(r + x) * Math.log(alpha + c.age) - s * Math.log(beta + c.age)
  const odds = logOddsDead(params, c)
  const logSum = odds > 0 ? odds + Math.log1p(Math.exp(-odds)) : Math.log1p(Math.exp(odds))
  return logGamma(r + x) - logGamma(r) + r * Math.log(alpha) + s * Math.log(beta) + logAliveTerm + logSum
}

/** Total log-likelihood of the Pareto/NBD model for the customers. */
export function paretoNbdLogLikelihood(params: ParetoNbdParams, customers: readonly CustomerRfm[]): number {
  const { r, alpha, s, beta } = params
  if (!(r > 0 && alpha > 0 && s > 0 && beta > 0)) return NaN
  let total = 0
  for (const [customer, weight] of group(customers)) total += weight * customerLogLikelihood(params, customer)
  return total
}

/**
 * Fits the Pareto/NBD model by maximum likelihood (Nelder–Mead on log-parameters, with restarts).
 * Each evaluation sums two ₂F₁ series per distinct (x, t_x, T), so it is slower than the BG/NBD fit.
 */
export function fitParetoNbd(
  customers: readonly CustomerRfm[],
  options: FitOptions = {},
): ModelFit<ParetoNbdParams> {
  const groups = [...group(customers)]
  if (groups.length === 0) throw new RangeError('fitParetoNbd needs at least one customer')
  const penalizer = options.penalizer ?? 0
  const toParams = (theta: number[]): ParetoNbdParams => ({
    r: Math.exp(theta[0]!),
    alpha: Math.exp(theta[1]!),
    s: Math.exp(theta[2]!),
    beta: Math.exp(theta[3]!),
  })
  const total = (p: ParetoNbdParams) => {
    let ll = 0
    for (const [customer, weight] of groups) ll += weight * customerLogLikelihood(p, customer)
    return ll
  }
  const objective = (theta: number[]) => {
    const p = toParams(theta)
    return -total(p) + penalizer * (p.r ** 2 + p.alpha ** 2 + p.s ** 2 + p.beta ** 2)
  }
  let ageSum = 0
  let n = 0
  for (const [customer, weight] of groups) {
    ageSum += weight * customer.age
    n += weight
  }
  // r = s = 1 with α = β = mean age: about one purchase and one expected lifetime per period.
  const logAge = Math.log(Math.max(ageSum / n, 1e-3))
  const result = minimizeNelderMead(objective, [0, logAge, 0, logAge], options)
  const params = toParams(result.x)
  return {
    params,
    logLikelihood: total(params),
    converged: result.converged,
    evaluations: result.evaluations,
  }
}

/** Probability that a customer with history (x, t_x, T) is still alive (Fader & Hardie 2005 note, eq. 24). */
export function paretoNbdProbabilityAlive(params: ParetoNbdParams, customer: CustomerRfm): number {
  validateRfm(customer)
  return 1 / (1 + Math.exp(logOddsDead(params, customer)))
}

/**
 * Expected purchases in the next `t` time units (Fader & Hardie 2005 note, eq. 27; Schmittlein et
 * al. 1987): (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)] · P(alive); the s = 1 limit
 * is (r+x)(β+T)/(α+T) · ln((β+T+t)/(β+T)) · P(alive).
 */
export function paretoNbdExpectedPurchases(
  params: ParetoNbdParams,
  t: number,
  customer: CustomerRfm,
): number {
  validateRfm(customer)
  if (!(t >= 0)) throw new RangeError(`the horizon t must be ≥ 0, got ${t}`)
  const { r, alpha, s, beta } = params
  const x = customer.frequency
  const age = customer.age
  const logRatio = Math.log((beta + age + t) / (beta + age)) // ln((β+T+t)/(β+T)) ≥ 0
  // [1 − ((β+T)/(β+T+t))^(s−1)] / (s−1) = −expm1(−(s−1) L)/(s−1) → L as s → 1.
  const lifetimeFactor = Math.abs(s - 1) < 1e-12 ? logRatio : -Math.expm1(-(s - 1) * logRatio) / (s - 1)
  return (
    (((r + x) * (beta + age)) / (alpha + age)) * lifetimeFactor * paretoNbdProbabilityAlive(params, customer)
  )
}

function group(customers: readonly CustomerRfm[]): Map<CustomerRfm, number> {
  const byKey = new Map<string, CustomerRfm>()
  const weights = new Map<CustomerRfm, number>()
  for (const c of customers) {
    validateRfm(c)
    const key = `${c.frequency}|${c.recency}|${c.age}`
    const first = byKey.get(key)
    if (first) weights.set(first, weights.get(first)! + 1)
    else {
      const copy = { frequency: c.frequency, recency: c.recency, age: c.age }
      byKey.set(key, copy)
      weights.set(copy, 1)
    }
  }
  return weights
}
