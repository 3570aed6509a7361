import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { RESPONSE_COLUMNS, RESPONSES_IN_RANGE, resolvedResponses } from './resolved-responses.ts'

/** What one person said in the range: latest NPS and CSAT answers, mean comment sentiment. */
export interface PersonSatisfaction {
  nps: number | null
  csat: number | null
  sentiment: number | null
}

/**
 * Per person (resolved through merges) with at least one response in [from, to): the latest
 * NPS answer (0–10), the latest CSAT answer (1–5) and the mean sentiment of their comments.
 * "Latest" orders by (created_at, response_id), so two answers in the same millisecond still
 * give one deterministic value.
 */
export async function personSatisfaction(
  events: EventStore,
  ws: string,
  range: TimeRange,
): Promise<Map<string, PersonSatisfaction>> {
  const rows = await events.query<{
    person: string
    nps_n: number
    nps: number
    csat_n: number
    csat: number
    comments: number
    mean_sentiment: number
  }>(
    `SELECT toString(person) AS person,
            countIf(score_type = 'nps' AND score IS NOT NULL) AS nps_n,
            argMaxIf(score, (created_at, response_id), score_type = 'nps' AND score IS NOT NULL) AS nps,
            countIf(score_type = 'csat' AND score IS NOT NULL) AS csat_n,
            argMaxIf(score, (created_at, response_id), score_type = 'csat' AND score IS NOT NULL) AS csat,
            countIf(sentiment IS NOT NULL AND comment != '') AS comments,
            avgIf(sentiment, sentiment IS NOT NULL AND comment != '') AS mean_sentiment
     FROM (${resolvedResponses(RESPONSE_COLUMNS, RESPONSES_IN_RANGE)})
     GROUP BY person`,
    { ws, from: range.from, to: range.to },
  )
  return new Map(
    rows.map((r) => [
      r.person,
      {
        nps: num(r.nps_n) > 0 ? num(r.nps) : null,
        csat: num(r.csat_n) > 0 ? num(r.csat) : null,
        sentiment: num(r.comments) > 0 ? num(r.mean_sentiment) : null,
      },
    ]),
  )
}
