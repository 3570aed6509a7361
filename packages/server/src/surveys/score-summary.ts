import {
  cesChange,
  csatChange,
  customerEffortScoreFromSummary,
  customerSatisfactionScoreFromCounts,
  netPromoterScoreFromCounts,
  npsChange,
  type ScoreChange,
} from '@touchstone/core/stats'
import type { ScoreType } from '@touchstone/core/surveys'

/** How many answers each score value got, e.g. `{ 9: 12, 10: 30, 3: 4 }`. */
export type ScoreCounts = Map<number, number>

/** One score (NPS, CSAT or CES) of a set of responses, ready for JSON (no NaN). */
export interface ScorePoint {
  n: number
  score: number | null
  interval: { lower: number; upper: number; confidence: number }
  distribution: Record<string, number>
  tooFewResponses: boolean
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits
const finite = (x: number) => (Number.isFinite(x) ? round(x) : null)

function range(counts: ScoreCounts, lo: number, hi: number): number {
  let n = 0
  for (const [score, c] of counts) if (score >= lo && score <= hi) n += c
  return n
}

function npsCounts(counts: ScoreCounts) {
  return { promoters: range(counts, 9, 10), passives: range(counts, 7, 8), detractors: range(counts, 0, 6) }
}

function cesSummary(counts: ScoreCounts) {
  let n = 0
  let sum = 0
  for (const [score, c] of counts) {
    n += c
    sum += score * c
  }
  const mean = n === 0 ? NaN : sum / n
  let squares = 0
  for (const [score, c] of counts) squares += c * (score - mean) ** 2
  return { n, mean, standardDeviation: n < 2 ? NaN : Math.sqrt(squares / (n - 1)) }
}

function scores(counts: ScoreCounts): Record<string, number> {
  return Object.fromEntries([...counts].sort((a, b) => a[0] - b[0]).map(([s, c]) => [String(s), c]))
}

/** The score of `metric` from answer counts, with its interval and distribution (core/stats). */
export function scorePoint(metric: ScoreType, counts: ScoreCounts): ScorePoint {
  const point = (
    r: { n: number; score: number; interval: ScorePoint['interval']; tooFewResponses: boolean },
    distribution: Record<string, number>,
  ) => ({
    n: r.n,
    score: finite(r.score),
    interval: {
      lower: round(r.interval.lower),
      upper: round(r.interval.upper),
      confidence: r.interval.confidence,
    },
    distribution,
    tooFewResponses: r.tooFewResponses,
  })
  if (metric === 'nps') {
    const c = npsCounts(counts)
    return point(netPromoterScoreFromCounts(c), { ...c, ...scores(counts) })
  }
  if (metric === 'csat') {
    const n = range(counts, 1, 5)
    const satisfied = range(counts, 4, 5)
    return point(customerSatisfactionScoreFromCounts(satisfied, n), { satisfied, ...scores(counts) })
  }
  return point(customerEffortScoreFromSummary(cesSummary(counts)), scores(counts))
}

/** The change from the previous period to this one with its significance; null when a period is too thin. */
export function scoreChange(
  metric: ScoreType,
  before: ScoreCounts,
  after: ScoreCounts,
):
  | (Omit<ScoreChange, 'interval' | 'degreesOfFreedom'> & {
      interval: ScorePoint['interval']
      /** Welch's degrees of freedom (CES); null for z tests. */
      degreesOfFreedom: number | null
    })
  | null {
  let change: ScoreChange
  if (metric === 'nps') {
    const b = npsCounts(before)
    const a = npsCounts(after)
    if (b.promoters + b.passives + b.detractors === 0 || a.promoters + a.passives + a.detractors === 0)
      return null
    change = npsChange(b, a)
  } else if (metric === 'csat') {
    const b = { satisfied: range(before, 4, 5), n: range(before, 1, 5) }
    const a = { satisfied: range(after, 4, 5), n: range(after, 1, 5) }
    if (b.n === 0 || a.n === 0) return null
    change = csatChange(b, a)
  } else {
    const b = cesSummary(before)
    const a = cesSummary(after)
    if (b.n < 2 || a.n < 2) return null
    change = cesChange(b, a)
  }
  return {
    ...change,
    difference: round(change.difference),
    standardError: round(change.standardError, 4),
    statistic: round(change.statistic, 4),
    degreesOfFreedom: Number.isFinite(change.degreesOfFreedom) ? round(change.degreesOfFreedom) : null,
    pValue: round(change.pValue, 6),
    interval: {
      lower: round(change.interval.lower),
      upper: round(change.interval.upper),
      confidence: change.interval.confidence,
    },
  }
}
