import {
  assertConfidence,
  clampInterval,
  DEFAULT_CONFIDENCE,
  hasTooFewResponses,
  MIN_RESPONSES,
  type ConfidenceInterval,
} from './confidence-interval.ts'
import { normalCriticalValue } from './normal-distribution.ts'

/** Respondents per NPS category: promoters 9–10, passives 7–8, detractors 0–6. */
export interface NpsCounts {
  promoters: number
  passives: number
  detractors: number
}

/** Options shared by the survey scores. */
export interface ScoreOptions {
  /** Confidence level of the interval. @default 0.95 */
  confidence?: number
  /** Fewer responses than this set `tooFewResponses`. @default 30 (MIN_RESPONSES) */
  minResponses?: number
}

/** Options of the NPS interval. */
export interface NpsOptions extends ScoreOptions {
  /**
   * Pseudo-observations added before the Wald interval is taken, split ¼ detractors, ½ passives,
   * ¼ promoters. @default 3 (Rocks 2016; Lewis & Sauro 2021: add 3 to n, ¾ to promoters and detractors)
   */
  pseudoObservations?: number
}

/** An NPS with its adjusted-Wald interval. Scores and intervals are in NPS points, −100 … 100. */
export interface NpsResult extends NpsCounts {
  n: number
  /** %promoters − %detractors, −100 … 100; NaN when there are no responses. */
  score: number
  interval: ConfidenceInterval
  /** Standard error of the adjusted estimate, in points. */
  standardError: number
  tooFewResponses: boolean
}

/** The adjusted-Wald estimate of an NPS on the −1 … 1 scale, with its multinomial variance. */
export interface AdjustedNps {
  /** Adjusted NPS, p̃ − d̃, on −1 … 1. */
  estimate: number
  /** Variance of one response's score (+1/0/−1): p̃ + d̃ − (p̃ − d̃)². */
  variance: number
  /** Adjusted sample size ñ = n + pseudo-observations. */
  n: number
}

/** Counts promoters (9–10), passives (7–8) and detractors (0–6) in 0–10 answers; rejects other values. */
export function countNpsCategories(scores: readonly number[]): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 }
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 0 || score > 10) {
      throw new RangeError(`an NPS answer must be an integer from 0 to 10, got ${score}`)
    }
    if (score >= 9) counts.promoters++
    else if (score >= 7) counts.passives++
    else counts.detractors++
  }
  return counts
}

/**
 * Adjusted-Wald estimate of the NPS (Rocks 2016, "Interval Estimation for the 'Net Promoter
 * Score'", The American Statistician 70(4), §3): in the spirit of Agresti & Coull, T pseudo-
 * observations are added before the Wald formula, T/4 to promoters and to detractors and T/2 to
 * passives, so the estimate shrinks toward 0 and the variance is never 0. The NPS of one response is
 * +1, 0 or −1, so its variance is p + d − (p − d)² (multinomial). Rocks found this the best of the
 * simple intervals; T = 3 is the published constant (≈ ¾ z² at 95 %).
 */
export function adjustedWaldNps(counts: NpsCounts, pseudoObservations: number = 3): AdjustedNps {
  const n = counts.promoters + counts.passives + counts.detractors + pseudoObservations
  const p = (counts.promoters + pseudoObservations / 4) / n
  const d = (counts.detractors + pseudoObservations / 4) / n
  return { estimate: p - d, variance: p + d - (p - d) ** 2, n }
}

/**
 * Net Promoter Score of 0–10 answers with a 95 % adjusted-Wald confidence interval.
 * @example netPromoterScore([10, 9, 8, 3]) // score 25, interval in points
 */
export function netPromoterScore(scores: readonly number[], options: NpsOptions = {}): NpsResult {
  return netPromoterScoreFromCounts(countNpsCategories(scores), options)
}

/** Net Promoter Score from category counts (e.g. counted in SQL), with its adjusted-Wald interval. */
export function netPromoterScoreFromCounts(counts: NpsCounts, options: NpsOptions = {}): NpsResult {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE
  assertConfidence(confidence)
  for (const value of [counts.promoters, counts.passives, counts.detractors]) {
    if (!Number.isInteger(value) || value < 0)
      throw new RangeError(`NPS counts must be integers ≥ 0, got ${value}`)
  }
  const n = counts.promoters + counts.passives + counts.detractors
  const tooFewResponses = hasTooFewResponses(n, options.minResponses ?? MIN_RESPONSES)
  if (n === 0) {
    return {
      ...pick(counts),
      n,
      score: NaN,
      interval: { lower: -100, upper: 100, confidence },
      standardError: NaN,
      tooFewResponses,
    }
  }
  const adjusted = adjustedWaldNps(counts, options.pseudoObservations ?? 3)
  const z = normalCriticalValue(confidence)
  const standardError = Math.sqrt(adjusted.variance / adjusted.n)
  const interval = clampInterval(
    100 * (adjusted.estimate - z * standardError),
    100 * (adjusted.estimate + z * standardError),
    -100,
    100,
    confidence,
  )
  const score = (100 * (counts.promoters - counts.detractors)) / n
  return { ...pick(counts), n, score, interval, standardError: 100 * standardError, tooFewResponses }
}

function pick(counts: NpsCounts): NpsCounts {
  return { promoters: counts.promoters, passives: counts.passives, detractors: counts.detractors }
}
