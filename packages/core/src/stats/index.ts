// Public entry of the statistics: NPS, CSAT, CES, their intervals and period-to-period tests, quantiles, reachability.
export {
  assertConfidence,
  DEFAULT_CONFIDENCE,
  hasTooFewResponses,
  MIN_RESPONSES,
} from './confidence-interval.ts'
export type { ConfidenceInterval } from './confidence-interval.ts'
export { regularizedIncompleteBeta } from './incomplete-beta.ts'
export { regularizedGammaP, regularizedGammaQ } from './incomplete-gamma.ts'
export { logBeta, logGamma } from './log-gamma.ts'
export { normalCdf, normalCriticalValue, normalPdf, normalQuantile } from './normal-distribution.ts'
export {
  studentTCdf,
  studentTCriticalValue,
  studentTPdf,
  studentTQuantile,
} from './student-t-distribution.ts'
export { wilsonInterval } from './wilson-interval.ts'
export {
  adjustedWaldNps,
  countNpsCategories,
  netPromoterScore,
  netPromoterScoreFromCounts,
} from './net-promoter-score.ts'
export type { AdjustedNps, NpsCounts, NpsOptions, NpsResult, ScoreOptions } from './net-promoter-score.ts'
export {
  countSatisfied,
  customerSatisfactionScore,
  customerSatisfactionScoreFromCounts,
} from './customer-satisfaction-score.ts'
export type { CsatResult } from './customer-satisfaction-score.ts'
export {
  CES_SCALE,
  customerEffortScore,
  customerEffortScoreFromSummary,
  summarizeEffortScores,
} from './customer-effort-score.ts'
export type { CesResult, CesSummary } from './customer-effort-score.ts'
export { cesChange, csatChange, npsChange } from './score-change.ts'
export type { CsatCounts, ScoreChange } from './score-change.ts'
export { quantileFromCounts, quantileOfSorted } from './quantile.ts'
export { reachability } from './reachability.ts'
export type { ContactCounts, DurationHistogram, DurationSummary, Reachability } from './reachability.ts'
