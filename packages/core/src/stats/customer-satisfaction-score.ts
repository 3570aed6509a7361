import {
  assertConfidence,
  DEFAULT_CONFIDENCE,
  hasTooFewResponses,
  MIN_RESPONSES,
  type ConfidenceInterval,
} from './confidence-interval.ts'
import type { ScoreOptions } from './net-promoter-score.ts'
import { wilsonInterval } from './wilson-interval.ts'

/** A CSAT score with its Wilson interval. Score and interval are percentages, 0 … 100. */
export interface CsatResult {
  n: number
  /** Answers of 4 or 5. */
  satisfied: number
  /** Share of 4–5 answers in percent; NaN when there are no responses. */
  score: number
  interval: ConfidenceInterval
  tooFewResponses: boolean
}

/** Counts the satisfied (4–5) answers among 1–5 CSAT answers; rejects other values. */
export function countSatisfied(scores: readonly number[]): number {
  let satisfied = 0
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 1 || score > 5) {
      throw new RangeError(`a CSAT answer must be an integer from 1 to 5, got ${score}`)
    }
    if (score >= 4) satisfied++
  }
  return satisfied
}

/**
 * Customer satisfaction score: the share of 4–5 answers on a 1–5 scale (the standard "top-2-box"
 * definition), with a Wilson score interval, which behaves well when CSAT is close to 100 %.
 */
export function customerSatisfactionScore(scores: readonly number[], options: ScoreOptions = {}): CsatResult {
  return customerSatisfactionScoreFromCounts(countSatisfied(scores), scores.length, options)
}

/** CSAT from counts (satisfied answers out of n), e.g. counted in SQL. */
export function customerSatisfactionScoreFromCounts(
  satisfied: number,
  n: number,
  options: ScoreOptions = {},
): CsatResult {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  assertConfidence(confidence)
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(satisfied) || satisfied < 0 || satisfied > n) {
    throw new RangeError(`CSAT counts must be integers with 0 ≤ satisfied ≤ n, got ${satisfied} of ${n}`)
  }
  const tooFewResponses = hasTooFewResponses(n, options.minResponses ?? MIN_RESPONSES)
  const wilson = wilsonInterval(satisfied, n, confidence)
  return {
    n,
    satisfied,
    score: n === 0 ? NaN : (100 * satisfied) / n,
    interval: { lower: 100 * wilson.lower, upper: 100 * wilson.upper, confidence },
    tooFewResponses,
  }
}
