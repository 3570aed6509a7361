import {
  assertConfidence,
  DEFAULT_CONFIDENCE,
  hasTooFewResponses,
  MIN_RESPONSES,
  type ConfidenceInterval,
} from './confidence-interval.ts'
import type { ScoreOptions } from './net-promoter-score.ts'
import { studentTCriticalValue } from './student-t-distribution.ts'

/** Lowest and highest answer of the CES scale. */
export const CES_SCALE = { min: 1, max: 7 } as const

/** Sufficient statistics of CES answers: what a period comparison needs. */
export interface CesSummary {
  n: number
  mean: number
  /** Sample standard deviation (n − 1 in the denominator); NaN when n < 2. */
  standardDeviation: number
}

/** A CES score (mean on 1–7) with its Student-t interval. */
export interface CesResult extends CesSummary {
  /** Same as `mean`: the CES is the mean answer. NaN when there are no responses. */
  score: number
  interval: ConfidenceInterval
  tooFewResponses: boolean
}

/** Mean and sample standard deviation of 1–7 CES answers (Welford's update, stable for long lists). */
export function summarizeEffortScores(scores: readonly number[]): CesSummary {
  let n = 0
  let mean = 0
  let m2 = 0
  for (const score of scores) {
    if (!Number.isInteger(score) || score < CES_SCALE.min || score > CES_SCALE.max) {
      throw new RangeError(`a CES answer must be an integer from 1 to 7, got ${score}`)
    }
    n++
    const delta = score - mean
    mean += delta / n
    m2 += delta * (score - mean)
  }
  return { n, mean: n === 0 ? NaN : mean, standardDeviation: n < 2 ? NaN : Math.sqrt(m2 / (n - 1)) }
}

/** Customer effort score: the mean of 1–7 answers, with a Student-t confidence interval for the mean. */
export function customerEffortScore(scores: readonly number[], options: ScoreOptions = {}): CesResult {
  return customerEffortScoreFromSummary(summarizeEffortScores(scores), options)
}

/**
 * CES from a summary (n, mean, standard deviation), e.g. aggregated in SQL. The interval is
 * mean ± t(1 − α/2, n − 1) · s/√n, clamped to the 1–7 scale; with fewer than two answers there
 * is no spread to estimate, so the interval is the whole scale.
 */
export function customerEffortScoreFromSummary(summary: CesSummary, options: ScoreOptions = {}): CesResult {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  assertConfidence(confidence)
  const { n, mean, standardDeviation } = summary
  const tooFewResponses = hasTooFewResponses(n, options.minResponses ?? MIN_RESPONSES)
  let interval: ConfidenceInterval = { lower: CES_SCALE.min, upper: CES_SCALE.max, confidence }
  if (n >= 2 && Number.isFinite(standardDeviation)) {
    const halfWidth = (studentTCriticalValue(confidence, n - 1) * standardDeviation) / Math.sqrt(n)
    interval = {
      lower: Math.max(CES_SCALE.min, mean - halfWidth),
      upper: Math.min(CES_SCALE.max, mean + halfWidth),
      confidence,
    }
  }
  return { n, mean, standardDeviation, score: mean, interval, tooFewResponses }
}
