import { proportionInterval, type ProportionInterval } from './proportion-interval.ts'

/** NPS respondent categories (Reichheld 2003): promoters 9–10, passives 7–8, detractors 0–6. */
export const NPS_CATEGORIES = ['promoter', 'passive', 'detractor'] as const
export type NpsCategory = (typeof NPS_CATEGORIES)[number]

/** The NPS category of a 0–10 likelihood-to-recommend score. */
export function npsCategory(score: number): NpsCategory {
  if (!Number.isInteger(score) || score < 0 || score > 10)
    throw new RangeError(`NPS score must be 0–10, got ${score}`)
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'
}

/** One respondent: their NPS category and whether the outcome (repurchase, churn, …) happened. */
export interface CategoryOutcome {
  category: NpsCategory
  outcome: boolean
}

export interface NpsOutcomeRate extends ProportionInterval {
  category: NpsCategory
}

/**
 * The rate of a yes/no outcome within each NPS category, with Wilson intervals — the check
 * that NPS means something for this business: do promoters really repurchase more, and do
 * detractors churn more (Reichheld 2003 claimed it; Keiningham et al. 2007 found it varies
 * by industry, which is why it is worth measuring rather than assuming).
 * Always returns the three categories in the order promoter, passive, detractor.
 */
export function outcomeRatesByNpsCategory(
  pairs: readonly CategoryOutcome[],
  confidence = 0.95,
): NpsOutcomeRate[] {
  const tally = new Map<NpsCategory, { yes: number; n: number }>(
    NPS_CATEGORIES.map((c) => [c, { yes: 0, n: 0 }]),
  )
  for (const { category, outcome } of pairs) {
    const entry = tally.get(category)
    if (!entry) throw new RangeError(`unknown NPS category ${String(category)}`)
    entry.n++
    if (outcome) entry.yes++
  }
  return NPS_CATEGORIES.map((category) => {
    const { yes, n } = tally.get(category)!
    return { category, ...proportionInterval(yes, n, confidence) }
  })
}
