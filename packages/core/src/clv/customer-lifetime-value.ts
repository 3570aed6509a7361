import type { BgNbdParams } from './bg-nbd.ts'
import { bgNbdExpectedPurchases } from './bg-nbd-predictions.ts'
import type { CustomerSummary } from './customer-summary.ts'
import { gammaGammaExpectedSpend, type GammaGammaParams } from './gamma-gamma.ts'

/** Options of the discounted lifetime value. */
export interface LifetimeValueOptions {
  /** Number of periods to sum over. @default 12 */
  periods?: number
  /**
   * Length of one period in the model's time unit: 4.345 weeks (lifetimes' month), 30 days, 1 for
   * data already in months. @default 4.345
   */
  periodLength?: number
  /** Discount rate per period, e.g. 0.01 a month (≈ 12.7 % a year). @default 0.01 */
  discountRate?: number
}

/**
 * Discounted customer lifetime value over a finite horizon, as lifetimes'
 * `customer_lifetime_value`: CLV = Σ_{i=1..N} (E[purchases up to i·L] − E[purchases up to (i−1)·L])
 * · spend / (1 + d)^i, a discounted cash flow of the expected purchases in each period. The
 * cumulative-expectation function comes from any transaction model (BG/NBD, Pareto/NBD).
 * @example customerLifetimeValue((t) => 0.5 * t, 20, { periods: 12, periodLength: 1, discountRate: 0.01 })
 */
export function customerLifetimeValue(
  expectedPurchasesUpTo: (t: number) => number,
  expectedSpend: number,
  options: LifetimeValueOptions = {},
): number {
  const periods = options.periods ?? 12
  const length = options.periodLength ?? 4.345
  const rate = options.discountRate ?? 0.01
  if (!Number.isInteger(periods) || periods < 0)
    throw new RangeError(`periods must be a whole number ≥ 0, got ${periods}`)
  if (!(length > 0)) throw new RangeError(`periodLength must be > 0, got ${length}`)
  if (!(rate > -1)) throw new RangeError(`discountRate must be > −1, got ${rate}`)
  let value = 0
  let previous = 0
  for (let i = 1; i <= periods; i++) {
    const cumulative = expectedPurchasesUpTo(i * length)
    value += ((cumulative - previous) * expectedSpend) / (1 + rate) ** i
    previous = cumulative
  }
  return value
}

/**
 * Lifetime value of a customer from a fitted BG/NBD model (how often they will buy) and Gamma-Gamma
 * model (how much they spend per purchase), the pairing of Fader, Hardie & Lee (2005, "RFM and CLV").
 */
export function bgNbdGammaGammaLifetimeValue(
  transactions: BgNbdParams,
  spend: GammaGammaParams,
  customer: Pick<CustomerSummary, 'frequency' | 'recency' | 'age' | 'monetaryValue'>,
  options: LifetimeValueOptions = {},
): number {
  return customerLifetimeValue(
    (t) => bgNbdExpectedPurchases(transactions, t, customer),
    gammaGammaExpectedSpend(spend, customer),
    options,
  )
}
