import type { ScoreType } from './validate-survey.ts'

/** When a response is unhappy enough to open a closed-loop case. */
export interface CaseRules {
  /** NPS answers at or below this open a case (detractors). @default 6 */
  npsAtMost: number
  /** CSAT answers at or below this open a case. @default 2 */
  csatAtMost: number
  /** CES answers at or above this open a case (high effort). @default 5 */
  cesAtLeast: number
  /** A negative comment opens a case whatever the score. @default true */
  negativeComment: boolean
  /** Hours until a case is due. @default 48 */
  slaHours: number
}

export const DEFAULT_CASE_RULES: CaseRules = {
  npsAtMost: 6,
  csatAtMost: 2,
  cesAtLeast: 5,
  negativeComment: true,
  slaHours: 48,
}

/** What a case rule needs to know about a response. */
export interface ResponseForCase {
  scoreType: ScoreType | undefined
  score: number | undefined
  sentimentLabel: 'negative' | 'neutral' | 'positive' | undefined
}

/**
 * Why a response should open a case, or undefined when it should not.
 * @example caseReason({ scoreType: 'nps', score: 3, sentimentLabel: 'neutral' }) → 'nps ≤ 6'
 */
export function caseReason(
  response: ResponseForCase,
  rules: CaseRules = DEFAULT_CASE_RULES,
): string | undefined {
  const { scoreType, score } = response
  if (score !== undefined) {
    if (scoreType === 'nps' && score <= rules.npsAtMost) return `nps ≤ ${rules.npsAtMost}`
    if (scoreType === 'csat' && score <= rules.csatAtMost) return `csat ≤ ${rules.csatAtMost}`
    if (scoreType === 'ces' && score >= rules.cesAtLeast) return `ces ≥ ${rules.cesAtLeast}`
  }
  if (rules.negativeComment && response.sentimentLabel === 'negative') return 'negative comment'
  return undefined
}

/** When a case opened at `openedAt` is due under the rules' SLA. */
export function slaDueAt(openedAt: Date, rules: CaseRules = DEFAULT_CASE_RULES): Date {
  return new Date(openedAt.getTime() + rules.slaHours * 3600_000)
}
