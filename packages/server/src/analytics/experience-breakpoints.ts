import { wilsonInterval } from '@touchstone/core/stats'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'
import {
  RESPONSE_COLUMNS,
  RESPONSES_IN_RANGE,
  resolvedResponses,
  SATISFACTION_01,
  UNHAPPY,
} from './resolved-responses.ts'

/** One touchpoint where the experience breaks: many persons, many unhappy responses. */
export interface ExperienceBreakpoint {
  touchpoint: string
  channel: string
  /** Distinct persons with a contact at the touchpoint in the range. */
  persons: number
  responses: number
  /** Responses that were unhappy (detractor, CSAT 1–2, CES 5–7 or a negative comment). */
  unhappy: number
  unhappyRate: number
  /** Wilson 95 % lower bound of the unhappy rate: what the data supports at least. */
  unhappyLower: number
  /** Mean 0–1 satisfaction of the scored responses (NPS/10, (CSAT−1)/4, (7−CES)/6); null without scores. */
  satisfaction: number | null
  /** Mean comment sentiment, −1…1; null without comments. */
  sentiment: number | null
  /** persons × unhappyLower: the persons expected to have a bad experience there, at least. */
  score: number
}

/**
 * Experience breakpoints: touchpoints ranked by `persons × unhappyLower` — the reach of the
 * touchpoint (distinct persons with a contact there) times the Wilson lower bound of the share
 * of its responses that were unhappy. High volume and low satisfaction both raise the score; the
 * lower bound keeps a touchpoint with three responses from outranking one with three hundred on
 * noise. Touchpoints need `minResponses` responses in the range to be ranked.
 */
export async function experienceBreakpoints(
  events: EventStore,
  ws: string,
  range: TimeRange,
  minResponses: number,
): Promise<ExperienceBreakpoint[]> {
  const params = { ws, from: range.from, to: range.to }
  const said = await events.query<{
    touchpoint: string
    channel: string
    responses: number
    unhappy: number
    scored: number
    satisfaction: number
    comments: number
    sentiment: number
  }>(
    `SELECT r.touchpoint AS touchpoint, any(r.channel) AS channel, count() AS responses,
              countIf(${UNHAPPY}) AS unhappy,
              countIf(r.score IS NOT NULL) AS scored, avgIf(${SATISFACTION_01}, r.score IS NOT NULL) AS satisfaction,
              countIf(r.sentiment IS NOT NULL AND r.comment != '') AS comments,
              avgIf(r.sentiment, r.sentiment IS NOT NULL AND r.comment != '') AS sentiment
       FROM (${resolvedResponses(RESPONSE_COLUMNS, `${RESPONSES_IN_RANGE} AND touchpoint != ''`)}) AS r
       GROUP BY touchpoint HAVING responses >= {min:UInt32}`,
    { ...params, min: minResponses },
  )
  const touchpoints = said.map((r) => r.touchpoint)
  const reached = touchpoints.length
    ? await events.query<{ touchpoint: string; persons: number }>(
        `SELECT touchpoint, uniqExact(person) AS persons
         FROM (${resolvedEvents(
           'e.touchpoint AS touchpoint',
           `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
            AND ${CONTACT_TYPES} AND e.touchpoint IN {touchpoints:Array(String)}`,
         )})
         GROUP BY touchpoint`,
        { ...params, touchpoints },
      )
    : []
  const persons = new Map(reached.map((r) => [r.touchpoint, num(r.persons)]))
  return said
    .map((r) => {
      const responses = num(r.responses)
      const unhappy = num(r.unhappy)
      const lower = wilsonInterval(unhappy, responses).lower
      const reachOf = persons.get(r.touchpoint) ?? 0
      return {
        touchpoint: r.touchpoint,
        channel: r.channel,
        persons: reachOf,
        responses,
        unhappy,
        unhappyRate: unhappy / responses,
        unhappyLower: lower,
        satisfaction: num(r.scored) > 0 ? num(r.satisfaction) : null,
        sentiment: num(r.comments) > 0 ? num(r.sentiment) : null,
        score: reachOf * lower,
      }
    })
    .sort((a, b) => b.score - a.score || a.touchpoint.localeCompare(b.touchpoint))
}
