import { npsCategory, outcomeRatesByNpsCategory, type NpsOutcomeRate } from '@touchstone/core/drivers'
import { TouchstoneError } from '../errors.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { TimeRange } from './analytics-params.ts'
import { anchorRange, respondentOutcomes } from './respondent-outcomes-query.ts'

/** Repurchase and churn rates per NPS category (promoters, passives, detractors). */
export interface NpsOutcomes {
  windowDays: number
  /** Responses that anchor a window: [from, to − windowDays). */
  anchoredFrom: string
  anchoredTo: string
  respondents: number
  repurchase: NpsOutcomeRate[]
  churn: NpsOutcomeRate[]
}

/**
 * Do promoters buy again more, and do detractors leave more? Each person's latest NPS answer in
 * [from, to − windowDays) puts them in a category; repurchase = the purchase event within
 * `windowDays` after that answer, churn = no contact at all in that window. Rates come with
 * Wilson 95 % intervals (core/drivers/nps-outcome-rates.ts).
 */
export async function npsOutcomes(
  events: EventStore,
  ws: string,
  range: TimeRange,
  windowDays: number,
  event: string,
): Promise<NpsOutcomes> {
  const anchors = anchorRange(range, windowDays)
  if (!anchors) {
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      `the range must be longer than windowDays (${windowDays}) so that every outcome window ends by \`to\``,
    )
  }
  const respondents = (
    await respondentOutcomes(events, ws, anchors, { scoreTypes: ['nps'], windowDays, event })
  )
    .filter((r) => r.nps !== null)
    .map((r) => ({ ...r, category: npsCategory(r.nps!) }))
  return {
    windowDays,
    anchoredFrom: new Date(anchors.fromMs).toISOString(),
    anchoredTo: new Date(anchors.toMs).toISOString(),
    respondents: respondents.length,
    repurchase: outcomeRatesByNpsCategory(
      respondents.map((r) => ({ category: r.category, outcome: r.purchased })),
    ),
    churn: outcomeRatesByNpsCategory(
      respondents.map((r) => ({ category: r.category, outcome: !r.contacted })),
    ),
  }
}
