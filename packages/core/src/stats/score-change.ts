import {
  assertConfidence,
  DEFAULT_CONFIDENCE,
  hasTooFewResponses,
  MIN_RESPONSES,
  type ConfidenceInterval,
} from './confidence-interval.ts'
import type { CesSummary } from './customer-effort-score.ts'
import { adjustedWaldNps, type NpsCounts, type NpsOptions, type ScoreOptions } from './net-promoter-score.ts'
import { normalCdf, normalCriticalValue } from './normal-distribution.ts'
import { studentTCdf, studentTCriticalValue } from './student-t-distribution.ts'
import { wilsonInterval } from './wilson-interval.ts'

/**
 * The change of a score from one period (`before`) to the next (`after`), for two independent
 * samples of respondents: after − before, in the unit of the score (NPS points, CSAT percentage
 * points, CES scale points), with a confidence interval and a two-sided p-value.
 */
export interface ScoreChange {
  difference: number
  interval: ConfidenceInterval
  standardError: number
  /** The z or t statistic of the test. */
  statistic: number
  /** Degrees of freedom of a t test (Welch); Infinity for z tests. */
  degreesOfFreedom: number
  pValue: number
  /** pValue < 1 − confidence. */
  significant: boolean
  /** Either period has fewer responses than the minimum. */
  tooFewResponses: boolean
}

/** Counts of satisfied (4–5) answers out of n, as returned by customerSatisfactionScore. */
export interface CsatCounts {
  satisfied: number
  n: number
}

/**
 * Change of NPS between two periods: a z test on the difference of two independent adjusted-Wald
 * NPS estimates (Rocks 2016), whose variances add: SE² = Var₁/ñ₁ + Var₂/ñ₂.
 */
export function npsChange(before: NpsCounts, after: NpsCounts, options: NpsOptions = {}): ScoreChange {
  const confidence = confidenceOf(options)
  const pseudo = options.pseudoObservations ?? 3
  const a = adjustedWaldNps(before, pseudo)
  const b = adjustedWaldNps(after, pseudo)
  const standardError = Math.sqrt(a.variance / a.n + b.variance / b.n)
  const nBefore = before.promoters + before.passives + before.detractors
  const nAfter = after.promoters + after.passives + after.detractors
  requireResponses(nBefore, nAfter, 1)
  const raw = (c: NpsCounts, n: number) => (n === 0 ? NaN : (c.promoters - c.detractors) / n)
  return zChange(
    100 * (raw(after, nAfter) - raw(before, nBefore)),
    100 * (b.estimate - a.estimate),
    100 * standardError,
    {
      confidence,
      bounds: 200,
      tooFewResponses: tooFew(nBefore, nAfter, options),
    },
  )
}

/**
 * Change of CSAT between two periods. p-value: the two-proportion z test with the pooled
 * proportion under H0. Interval: Newcombe's hybrid score interval (Newcombe 1998, Statistics in
 * Medicine 17, method 10), built from the two Wilson intervals; it keeps its coverage near 0 % and
 * 100 %, where CSAT often lives and the Wald interval fails.
 */
export function csatChange(before: CsatCounts, after: CsatCounts, options: ScoreOptions = {}): ScoreChange {
  const confidence = confidenceOf(options)
  requireResponses(before.n, after.n, 1)
  const p1 = before.satisfied / before.n
  const p2 = after.satisfied / after.n
  const difference = p2 - p1
  const pooled = (before.satisfied + after.satisfied) / (before.n + after.n)
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / before.n + 1 / after.n))
  // Everyone or no one satisfied in both periods: no variance and no difference to test.
  const statistic = pooledSe > 0 ? difference / pooledSe : 0
  const pValue = 2 * normalCdf(-Math.abs(statistic))
  const w1 = wilsonInterval(before.satisfied, before.n, confidence)
  const w2 = wilsonInterval(after.satisfied, after.n, confidence)
  const lower = difference - Math.sqrt((p2 - w2.lower) ** 2 + (w1.upper - p1) ** 2)
  const upper = difference + Math.sqrt((w2.upper - p2) ** 2 + (p1 - w1.lower) ** 2)
  return {
    difference: 100 * difference,
    interval: { lower: 100 * lower, upper: 100 * upper, confidence },
    standardError: 100 * Math.sqrt((p1 * (1 - p1)) / before.n + (p2 * (1 - p2)) / after.n),
    statistic,
    degreesOfFreedom: Infinity,
    pValue,
    significant: pValue < 1 - confidence,
    tooFewResponses: tooFew(before.n, after.n, options),
  }
}

/**
 * Change of CES between two periods: Welch's t test (Welch 1947), which does not assume equal
 * variances, with the Welch–Satterthwaite degrees of freedom.
 */
export function cesChange(before: CesSummary, after: CesSummary, options: ScoreOptions = {}): ScoreChange {
  const confidence = confidenceOf(options)
  // Welch needs a sample variance in each period.
  requireResponses(before.n, after.n, 2)
  const v1 = before.standardDeviation ** 2 / before.n
  const v2 = after.standardDeviation ** 2 / after.n
  const standardError = Math.sqrt(v1 + v2)
  const degreesOfFreedom = (v1 + v2) ** 2 / (v1 ** 2 / (before.n - 1) + v2 ** 2 / (after.n - 1))
  const difference = after.mean - before.mean
  const statistic = difference / standardError
  const pValue = 2 * studentTCdf(-Math.abs(statistic), degreesOfFreedom)
  const t = studentTCriticalValue(confidence, degreesOfFreedom)
  return {
    difference,
    interval: { lower: difference - t * standardError, upper: difference + t * standardError, confidence },
    standardError,
    statistic,
    degreesOfFreedom,
    pValue,
    significant: pValue < 1 - confidence,
    tooFewResponses: tooFew(before.n, after.n, options),
  }
}

function zChange(
  difference: number,
  centre: number,
  standardError: number,
  context: { confidence: number; bounds: number; tooFewResponses: boolean },
): ScoreChange {
  const { confidence, bounds } = context
  const z = normalCriticalValue(confidence)
  const statistic = centre / standardError
  const pValue = 2 * normalCdf(-Math.abs(statistic))
  return {
    difference,
    interval: {
      lower: Math.max(-bounds, centre - z * standardError),
      upper: Math.min(bounds, centre + z * standardError),
      confidence,
    },
    standardError,
    statistic,
    degreesOfFreedom: Infinity,
    pValue,
    significant: pValue < 1 - confidence,
    tooFewResponses: context.tooFewResponses,
  }
}

function requireResponses(nBefore: number, nAfter: number, minimum: number): void {
  if (!(nBefore >= minimum && nAfter >= minimum)) {
    throw new RangeError(
      `a change needs at least ${minimum} responses in each period, got ${nBefore} and ${nAfter}`,
    )
  }
}

function confidenceOf(options: ScoreOptions): number {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  assertConfidence(confidence)
  return confidence
}

function tooFew(n1: number, n2: number, options: ScoreOptions): boolean {
  const minimum = options.minResponses ?? MIN_RESPONSES
  return hasTooFewResponses(n1, minimum) || hasTooFewResponses(n2, minimum)
}
