import { logGamma } from '../stats/log-gamma.ts'
import type { CustomerRfm } from './customer-summary.ts'
import { minimizeNelderMead, type NelderMeadOptions } from './nelder-mead.ts'

/**
 * Parameters of the BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy
 * Way", Marketing Science 24(2)): while alive a customer buys at Poisson rate λ ~ Gamma(r, α);
 * after each purchase they drop out with probability p ~ Beta(a, b). α is in the time unit of the data.
 */
export interface BgNbdParams {
  r: number
  alpha: number
  a: number
  b: number
}

/** Options of the maximum-likelihood fits. */
export interface FitOptions extends NelderMeadOptions {
  /**
   * L2 penalty on the parameters, added to −LL as penalizer · Σ θ² (as in lifetimes): keeps the
   * fit finite on small or degenerate data sets. @default 0
   */
  penalizer?: number
}

/** A fitted model: its parameters, the maximised log-likelihood and how the optimiser fared. */
export interface ModelFit<P> {
  params: P
  /** Total log-likelihood of the data at `params` (without the penalty). */
  logLikelihood: number
  converged: boolean
  evaluations: number
}

/**
 * Customers with identical (x, t_x, T) contribute identical likelihood terms, and the logarithms of
 * α + T and α + t_x only depend on the distinct values of T and t_x (a few hundred when times come
 * from calendar days). Grouping once makes each likelihood evaluation a tight typed-array loop.
 */
interface BgNbdData {
  count: number
  /** Per group: x, its index in `xs`, index in `ages` and in `recencies`, and how many customers. */
  x: Float64Array
  xIndex: Int32Array
  ageIndex: Int32Array
  recencyIndex: Int32Array
  weight: Float64Array
  xs: Float64Array
  ages: Float64Array
  recencies: Float64Array
}

/** Total log-likelihood of the BG/NBD model for the customers (Fader, Hardie & Lee 2005, eq. 6). */
export function bgNbdLogLikelihood(params: BgNbdParams, customers: readonly CustomerRfm[]): number {
  return logLikelihood(params, compile(customers))
}

/**
 * Fits the BG/NBD model by maximum likelihood. The optimiser works on log-parameters, so all four
 * stay positive without constraints, and restarts Nelder–Mead until it stops improving.
 * @example fitBgNbd(summaries).params // CDNOW: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
 */
export function fitBgNbd(customers: readonly CustomerRfm[], options: FitOptions = {}): ModelFit<BgNbdParams> {
  const data = compile(customers)
  if (data.count === 0) throw new RangeError('fitBgNbd needs at least one customer')
  const penalizer = options.penalizer ?? 0
  const toParams = (theta: number[]): BgNbdParams => ({
    r: Math.exp(theta[0]!),
    alpha: Math.exp(theta[1]!),
    a: Math.exp(theta[2]!),
    b: Math.exp(theta[3]!),
  })
  const objective = (theta: number[]) => {
    const p = toParams(theta)
    const penalty = penalizer * (p.r ** 2 + p.alpha ** 2 + p.a ** 2 + p.b ** 2)
    return -logLikelihood(p, data) + penalty
  }
  // Start from r = a = b = 1 and α at the mean age: the purchase rate λ ~ r/α is then about one
  // purchase per observation period, the right order of magnitude whatever the time unit.
  let totalAge = 0
  let totalWeight = 0
  for (let g = 0; g < data.count; g++) {
    totalAge += data.weight[g]! * data.ages[data.ageIndex[g]!]!
    totalWeight += data.weight[g]!
  }
  const start = [0, Math.log(Math.max(totalAge / totalWeight, 1e-3)), 0, 0]
  const result = minimizeNelderMead(objective, start, options)
  const params = toParams(result.x)
  return {
    params,
    logLikelihood: logLikelihood(params, data),
    converged: result.converged,
    evaluations: result.evaluations,
  }
}

function logLikelihood({ r, alpha, a, b }: BgNbdParams, data: BgNbdData): number {
  if (!(r > 0 && alpha > 0 && a > 0 && b > 0)) return NaN
  const { xs, ages, recencies } = data
  // Per distinct x: ln[Γ(r+x)/Γ(r)] + ln[B(a, b+x)/B(a, b)] and ln[a/(b+x−1)].
  const lnA = new Float64Array(xs.length)
  const lnDrop = new Float64Array(xs.length)
  const lgR = logGamma(r)
  const lgB = logGamma(b)
  const lgAB = logGamma(a + b)
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i]!
    lnA[i] = logGamma(r + x) - lgR + r * Math.log(alpha) + lgAB + logGamma(b + x) - lgB - logGamma(a + b + x)
    lnDrop[i] = x > 0 ? Math.log(a) - Math.log(b + x - 1) : -Infinity
  }
  const lnAlphaAge = new Float64Array(ages.length)
  for (let i = 0; i < ages.length; i++) lnAlphaAge[i] = Math.log(alpha + ages[i]!)
  const lnAlphaRecency = new Float64Array(recencies.length)
  for (let i = 0; i < recencies.length; i++) lnAlphaRecency[i] = Math.log(alpha + recencies[i]!)

  let total = 0
  for (let g = 0; g < data.count; g++) {
    const x = data.x[g]!
    const xi = data.xIndex[g]!
    // eq. 6: L = A · [(α+T)^−(r+x) + δ(x>0) a/(b+x−1) (α+t_x)^−(r+x)], summed in log space.
    const u = -(r + x) * lnAlphaAge[data.ageIndex[g]!]!
    let ll: number
    if (x > 0) {
      const v = lnDrop[xi]! - (r + x) * lnAlphaRecency[data.recencyIndex[g]!]!
      ll = u > v ? u + Math.log1p(Math.exp(v - u)) : v + Math.log1p(Math.exp(u - v))
    } else {
      ll = u
    }
    total += data.weight[g]! * (lnA[xi]! + ll)
  }
  return total
}

function compile(customers: readonly CustomerRfm[]): BgNbdData {
  const groups = new Map<string, number>()
  const xs = new Map<number, number>()
  const ages = new Map<number, number>()
  const recencies = new Map<number, number>()
  const indexOf = (map: Map<number, number>, value: number) => {
    let index = map.get(value)
    if (index === undefined) map.set(value, (index = map.size))
    return index
  }
  const x: number[] = []
  const xIndex: number[] = []
  const ageIndex: number[] = []
  const recencyIndex: number[] = []
  const weight: number[] = []
  for (const c of customers) {
    validateRfm(c)
    const key = `${c.frequency}|${c.recency}|${c.age}`
    const group = groups.get(key)
    if (group !== undefined) {
      weight[group]!++
      continue
    }
    groups.set(key, x.length)
    x.push(c.frequency)
    xIndex.push(indexOf(xs, c.frequency))
    ageIndex.push(indexOf(ages, c.age))
    recencyIndex.push(indexOf(recencies, c.recency))
    weight.push(1)
  }
  return {
    count: x.length,
    x: Float64Array.from(x),
    xIndex: Int32Array.from(xIndex),
    ageIndex: Int32Array.from(ageIndex),
    recencyIndex: Int32Array.from(recencyIndex),
    weight: Float64Array.from(weight),
    xs: Float64Array.from(xs.keys()),
    ages: Float64Array.from(ages.keys()),
    recencies: Float64Array.from(recencies.keys()),
  }
}

/** Throws a RangeError unless x is a whole number ≥ 0 and 0 ≤ t_x ≤ T. */
export function validateRfm(c: CustomerRfm): void {
  const { frequency, recency, age } = c
  if (
    !Number.isInteger(frequency) ||
    frequency < 0 ||
    !(recency >= 0) ||
    !(age >= recency) ||
    !Number.isFinite(age)
  ) {
    throw new RangeError(
      `a customer needs a whole frequency ≥ 0 and 0 ≤ recency ≤ age, got (${frequency}, ${recency}, ${age})`,
    )
  }
}
