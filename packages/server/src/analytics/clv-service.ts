import {
  bgNbdExpectedPurchases,
  bgNbdGammaGammaLifetimeValue,
  bgNbdProbabilityAlive,
  fitBgNbd,
  fitGammaGamma,
  gammaGammaExpectedSpend,
  type BgNbdParams,
  type GammaGammaParams,
} from '@touchstone/core/clv'
import { TouchstoneError } from '../errors.ts'
import { byBreakdown, NO_GROUP } from './breakdown-source.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { TimeRange } from './analytics-params.ts'
import { customerSummaries, type PurchaseSummary } from './customer-summaries.ts'

/** The lifetime-value horizon and discounting. */
export interface ClvOptions {
  conversionEvent: string
  /** Months of future purchases that count. */
  horizonMonths: number
  /** Discount rate per month. */
  monthlyDiscountRate: number
}

/** One customer's predictions. */
export interface CustomerValue {
  personId: string
  orders: number
  revenue: number
  frequency: number
  recencyWeeks: number
  ageWeeks: number
  monetaryValue: number
  probabilityAlive: number
  expectedPurchases: number
  expectedSpend: number
  clv: number
}

/** A fitted workspace model with every customer's predictions. */
export interface ClvModel {
  customers: number
  repeatCustomers: number
  bgNbd: { params: BgNbdParams; logLikelihood: number; converged: boolean }
  gammaGamma: { params: GammaGammaParams; logLikelihood: number; converged: boolean } | null
  values: CustomerValue[]
  fittedAt: string
  fitMs: number
}

/** Weeks per month, as lifetimes' `customer_lifetime_value` (time unit of the summaries: weeks). */
const WEEKS_PER_MONTH = 4.345
/**
 * A small L2 penalty keeps the BG/NBD fit finite on small or degenerate workspaces (everyone
 * bought once); on thousands of customers its effect on the parameters is negligible.
 */
const PENALIZER = 0.01

/** Fits BG/NBD + Gamma-Gamma on the workspace's purchases and predicts every customer. */
export async function fitClv(
  events: EventStore,
  ws: string,
  range: TimeRange,
  o: ClvOptions,
): Promise<ClvModel> {
  const summaries = await customerSummaries(events, ws, range, o.conversionEvent)
  if (summaries.length === 0) {
    throw new TouchstoneError('TS_BAD_REQUEST', `no customers with "${o.conversionEvent}" in the range`)
  }
  const started = performance.now()
  const bg = fitBgNbd(summaries, { penalizer: PENALIZER })
  const repeat = summaries.filter((s) => s.frequency > 0 && s.monetaryValue > 0)
  const gg = repeat.length >= 2 ? fitGammaGamma(repeat, { penalizer: PENALIZER }) : null
  const meanSpend = repeat.length > 0 ? repeat.reduce((s, c) => s + c.monetaryValue, 0) / repeat.length : 0
  const horizon = o.horizonMonths * WEEKS_PER_MONTH
  let values: CustomerValue[]
  try {
    // Gamma-Gamma's expected spend exists only for q > 1; on small or skewed workspaces the fit
    // can land below, and the mean repeat spend is the honest stand-in rather than an error.
    const spendModel = gg && gg.params.q > 1 ? gg.params : null
    values = summaries.map((s) => predict(s, bg.params, spendModel, meanSpend, horizon, o))
  } catch (error) {
    // A degenerate fit (e.g. b → 0 on a handful of customers) leaves the predictions undefined.
    if (!(error instanceof RangeError)) throw error
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      `the purchases in the range do not support a CLV model: ${error.message}`,
    )
  }
  return {
    customers: summaries.length,
    repeatCustomers: repeat.length,
    bgNbd: { params: bg.params, logLikelihood: bg.logLikelihood, converged: bg.converged },
    gammaGamma: gg ? { params: gg.params, logLikelihood: gg.logLikelihood, converged: gg.converged } : null,
    values,
    fittedAt: new Date().toISOString(),
    fitMs: performance.now() - started,
  }
}

function predict(
  s: PurchaseSummary,
  bg: BgNbdParams,
  gg: GammaGammaParams | null,
  meanSpend: number,
  horizonWeeks: number,
  o: ClvOptions,
): CustomerValue {
  // Without a spend model (no repeat buyers yet) the mean repeat spend stands in.
  const expectedSpend = gg ? gammaGammaExpectedSpend(gg, s) : meanSpend
  const clv = gg
    ? bgNbdGammaGammaLifetimeValue(bg, gg, s, {
        periods: o.horizonMonths,
        periodLength: WEEKS_PER_MONTH,
        discountRate: o.monthlyDiscountRate,
      })
    : bgNbdExpectedPurchases(bg, horizonWeeks, s) * expectedSpend
  return {
    personId: s.customerId,
    orders: s.orders,
    revenue: s.revenue,
    frequency: s.frequency,
    recencyWeeks: s.recency,
    ageWeeks: s.age,
    monetaryValue: s.monetaryValue,
    probabilityAlive: bgNbdProbabilityAlive(bg, s),
    expectedPurchases: bgNbdExpectedPurchases(bg, horizonWeeks, s),
    expectedSpend,
    clv,
  }
}

/** Quantiles and an equal-count histogram of the CLV distribution. */
export function clvDistribution(values: readonly CustomerValue[]) {
  const sorted = values.map((v) => v.clv).sort((a, b) => a - b)
  const q = (p: number) =>
    sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]! : 0
  const total = sorted.reduce((s, v) => s + v, 0)
  return {
    total,
    mean: sorted.length ? total / sorted.length : 0,
    quantiles: { p10: q(0.1), p25: q(0.25), median: q(0.5), p75: q(0.75), p90: q(0.9), p99: q(0.99) },
    /** Deciles of customers by CLV: the value range and the share of total CLV each holds. */
    deciles: Array.from({ length: 10 }, (_, d) => {
      const part = sorted.slice(
        Math.floor((d * sorted.length) / 10),
        Math.floor(((d + 1) * sorted.length) / 10),
      )
      const sum = part.reduce((s, v) => s + v, 0)
      return {
        decile: d + 1,
        customers: part.length,
        min: part[0] ?? 0,
        max: part[part.length - 1] ?? 0,
        valueShare: total > 0 ? sum / total : 0,
      }
    }),
    histogram: clvHistogram(sorted),
  }
}

/**
 * Equal-width bins from 0 to the 99th percentile (a few very valuable customers would otherwise
 * squeeze everyone else into the first bin); the last bin is open-ended and holds the rest.
 */
export function clvHistogram(sorted: readonly number[], bins = 12) {
  if (sorted.length === 0) return []
  const top = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!
  const width = top > 0 ? top / bins : 1
  const counts = new Array<number>(bins).fill(0)
  for (const v of sorted) counts[Math.min(bins - 1, Math.max(0, Math.floor(v / width)))]! += 1
  return counts.map((customers, i) => ({
    from: i * width,
    to: i === bins - 1 ? null : (i + 1) * width,
    customers,
  }))
}

/** Customers who were worth a lot but are probably gone: P(alive) below the cut-off, by past revenue. */
export function atRiskCustomers(
  values: readonly CustomerValue[],
  limit: number,
  cutoff = 0.5,
): CustomerValue[] {
  return values
    .filter((v) => v.frequency > 0 && v.probabilityAlive < cutoff)
    .sort((a, b) => b.revenue - a.revenue || a.personId.localeCompare(b.personId))
    .slice(0, limit)
}

/** The CLV of the customers of one group (persona or trait value; breakdown-source.ts). */
export interface ClvGroup {
  breakdown: string
  customers: number
  totalClv: number
  meanClv: number
  /** The same median as `clvDistribution`'s: the CLV at index ⌊n/2⌋ of the group's sorted values. */
  medianClv: number
  meanProbabilityAlive: number
  /** Past revenue of the group's customers in the range. */
  revenue: number
}

/**
 * The customers split by their group (`groups`: person → group; a customer without one is in
 * NO_GROUP), largest group first. Every customer is in exactly one group, so the groups'
 * customers, CLV and revenue add up to the whole model's.
 */
export function clvGroups(values: readonly CustomerValue[], groups: ReadonlyMap<string, string>): ClvGroup[] {
  const members = new Map<string, CustomerValue[]>()
  for (const v of values) {
    const group = groups.get(v.personId) || NO_GROUP
    const list = members.get(group) ?? []
    list.push(v)
    members.set(group, list)
  }
  return [...members]
    .map(([breakdown, list]) => {
      const sorted = list.map((v) => v.clv).sort((a, b) => a - b)
      const totalClv = sorted.reduce((s, v) => s + v, 0)
      return {
        breakdown,
        customers: list.length,
        totalClv,
        meanClv: totalClv / list.length,
        medianClv: sorted[Math.floor(sorted.length / 2)]!,
        meanProbabilityAlive: list.reduce((s, v) => s + v.probabilityAlive, 0) / list.length,
        revenue: list.reduce((s, v) => s + v.revenue, 0),
      }
    })
    .sort((a, b) => b.customers - a.customers || byBreakdown(a, b))
}

/** The most valuable customers by predicted CLV. */
export function topCustomers(values: readonly CustomerValue[], limit: number): CustomerValue[] {
  return [...values].sort((a, b) => b.clv - a.clv || a.personId.localeCompare(b.personId)).slice(0, limit)
}
