import { logGamma } from '../stats/log-gamma.ts'
import type { FitOptions, ModelFit } from './bg-nbd.ts'
import { minimizeNelderMead } from './nelder-mead.ts'

/**
 * Parameters of the Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV", Journal of
 * Marketing Research 42(4); Fader & Hardie 2013, "The Gamma-Gamma Model of Monetary Value"):
 * each transaction's value is Gamma(p, ν) and ν ~ Gamma(q, v) across customers, so the mean spend
 * of a customer is pν⁻¹ and the population mean is pv/(q−1). Hardie's notes call v "γ".
 */
export interface GammaGammaParams {
  p: number
  q: number
  v: number
}

/** Repeat-purchase count and mean repeat spend of a customer; only customers with x > 0 inform the model. */
export interface CustomerSpend {
  /** Repeat purchases x. */
  frequency: number
  /** Mean value of the repeat purchases (z̄). */
  monetaryValue: number
}

interface SpendData {
  count: number
  xIndex: Int32Array
  /** p-independent parts per group: x, ln z̄, ln x, x·z̄, and the number of customers. */
  x: Float64Array
  logMean: Float64Array
  logX: Float64Array
  total: Float64Array
  weight: Float64Array
  xs: Float64Array
}

/**
 * Total log-likelihood of the Gamma-Gamma model for customers with x > 0 (Fader & Hardie 2013,
 * eq. 3, the density of z̄ given x): ln f = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln v
 * + (px−1) ln z̄ + px ln x − (px+q) ln(v + x z̄). Customers with x = 0 carry no spend information
 * and are skipped.
 */
export function gammaGammaLogLikelihood(
  params: GammaGammaParams,
  customers: readonly CustomerSpend[],
): number {
  return logLikelihood(params, compile(customers))
}

/**
 * Fits the Gamma-Gamma model by maximum likelihood (Nelder–Mead on log-parameters, with restarts).
 * The model assumes spend is independent of purchase frequency; check their correlation first.
 * @example fitGammaGamma(summaries).params // CDNOW: { p: 6.25, q: 3.74, v: 15.44 }
 */
export function fitGammaGamma(
  customers: readonly CustomerSpend[],
  options: FitOptions = {},
): ModelFit<GammaGammaParams> {
  const data = compile(customers)
  if (data.count === 0)
    throw new RangeError('fitGammaGamma needs at least one customer with repeat purchases')
  const penalizer = options.penalizer ?? 0
  const toParams = (theta: number[]): GammaGammaParams => ({
    p: Math.exp(theta[0]!),
    q: Math.exp(theta[1]!),
    v: Math.exp(theta[2]!),
  })
  const objective = (theta: number[]) => {
    const params = toParams(theta)
    return -logLikelihood(params, data) + penalizer * (params.p ** 2 + params.q ** 2 + params.v ** 2)
  }
  // Start at p = 1, q = 2 and v at the mean spend, so that the implied population mean pv/(q−1)
  // equals the observed mean: the scale of money is then right from the first step.
  let spend = 0
  let n = 0
  for (let g = 0; g < data.count; g++) {
    spend += (data.weight[g]! * data.total[g]!) / data.x[g]!
    n += data.weight[g]!
  }
  const result = minimizeNelderMead(objective, [0, Math.log(2), Math.log(Math.max(spend / n, 1e-9))], options)
  const params = toParams(result.x)
  return {
    params,
    logLikelihood: logLikelihood(params, data),
    converged: result.converged,
    evaluations: result.evaluations,
  }
}

/**
 * Expected mean transaction value of a customer given x repeat purchases with mean z̄ (Fader,
 * Hardie & Lee 2005, eq. 5): E[Z | x, z̄] = p(v + x z̄)/(px + q − 1), a weighted average of the
 * population mean pv/(q−1) and the customer's own mean. With x = 0 it is the population mean.
 */
export function gammaGammaExpectedSpend(params: GammaGammaParams, customer: CustomerSpend): number {
  const { p, q, v } = params
  const x = customer.frequency
  if (!Number.isInteger(x) || x < 0) throw new RangeError(`frequency must be a whole number ≥ 0, got ${x}`)
  if (q <= 1) throw new RangeError(`the population mean spend is finite only for q > 1, got q = ${q}`)
  const mean = x > 0 ? customer.monetaryValue : 0
  return (p * (v + x * mean)) / (p * x + q - 1)
}

function logLikelihood({ p, q, v }: GammaGammaParams, data: SpendData): number {
  if (!(p > 0 && q > 0 && v > 0)) return NaN
  const lgQ = logGamma(q)
  const base = q * Math.log(v) - lgQ
  const lgRatio = new Float64Array(data.xs.length)
  for (let i = 0; i < data.xs.length; i++) {
    const px = p * data.xs[i]!
    lgRatio[i] = logGamma(px + q) - logGamma(px)
  }
  let total = 0
  for (let g = 0; g < data.count; g++) {
    const px = p * data.x[g]!
    const ll =
      lgRatio[data.xIndex[g]!]! +
      base +
      (px - 1) * data.logMean[g]! +
      px * data.logX[g]! -
      (px + q) * Math.log(v + data.total[g]!)
    total += data.weight[g]! * ll
  }
  return total
}

function compile(customers: readonly CustomerSpend[]): SpendData {
  const groups = new Map<string, number>()
  const xs = new Map<number, number>()
  const x: number[] = []
  const xIndex: number[] = []
  const weight: number[] = []
  const mean: number[] = []
  for (const c of customers) {
    if (!Number.isInteger(c.frequency) || c.frequency < 0) {
      throw new RangeError(`frequency must be a whole number ≥ 0, got ${c.frequency}`)
    }
    if (c.frequency === 0) continue
    if (!(c.monetaryValue > 0) || !Number.isFinite(c.monetaryValue)) {
      throw new RangeError(`a repeat customer's monetary value must be > 0, got ${c.monetaryValue}`)
    }
    const key = `${c.frequency}|${c.monetaryValue}`
    const group = groups.get(key)
    if (group !== undefined) {
      weight[group]!++
      continue
    }
    groups.set(key, x.length)
    let index = xs.get(c.frequency)
    if (index === undefined) xs.set(c.frequency, (index = xs.size))
    x.push(c.frequency)
    xIndex.push(index)
    mean.push(c.monetaryValue)
    weight.push(1)
  }
  return {
    count: x.length,
    xIndex: Int32Array.from(xIndex),
    x: Float64Array.from(x),
    logMean: Float64Array.from(mean, Math.log),
    logX: Float64Array.from(x, Math.log),
    total: Float64Array.from(x, (xi, i) => xi * mean[i]!),
    weight: Float64Array.from(weight),
    xs: Float64Array.from(xs.keys()),
  }
}
