import type { EventStore } from '../stores/events/event-store.ts'
import { chTime, num, type TimeRange } from './analytics-params.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'
import { RESPONSE_COLUMNS, resolvedResponses } from './resolved-responses.ts'

const DAY_MS = 86_400_000

/** One respondent and what they did in the window after their latest response. */
export interface RespondentOutcome {
  person: string
  /** Epoch ms of the latest response that anchors the window. */
  t: number
  /** Their latest NPS answer before the window, or null. */
  nps: number | null
  /** Bought (the conversion event) within the window. */
  purchased: boolean
  /** Had any contact within the window (not churned). */
  contacted: boolean
}

export interface OutcomeWindow {
  /** Score types whose responses make a person a respondent: ['nps'] or all three. */
  scoreTypes: readonly string[]
  windowDays: number
  /** The purchase event. */
  event: string
}

/** The responses that can anchor an outcome window ending by `to`: [from, to − windowDays). */
export function anchorRange(range: TimeRange, windowDays: number): TimeRange | undefined {
  const toMs = range.toMs - windowDays * DAY_MS
  if (toMs <= range.fromMs) return undefined
  return { fromMs: range.fromMs, toMs, from: range.from, to: chTime(toMs) }
}

/**
 * Per respondent (resolved through merges) with a scored response in [from, to − windowDays):
 * the latest such response anchors a window of `windowDays`; whether they bought and whether
 * they had any contact in (anchor, anchor + window]. Every window ends by `to`, so each is fully
 * observed — a response from last week cannot count as "did not repurchase" yet.
 */
export async function respondentOutcomes(
  events: EventStore,
  ws: string,
  anchors: TimeRange,
  o: OutcomeWindow,
): Promise<RespondentOutcome[]> {
  const windowMs = o.windowDays * DAY_MS
  const respondents = `SELECT person, max(toUnixTimestamp64Milli(created_at)) AS t,
         countIf(score_type = 'nps') AS nps_n,
         argMaxIf(score, (created_at, response_id), score_type = 'nps') AS nps
       FROM (${resolvedResponses(
         RESPONSE_COLUMNS,
         `AND created_at >= {from:DateTime64(3, 'UTC')} AND created_at < {anchorTo:DateTime64(3, 'UTC')}
          AND score IS NOT NULL AND score_type IN {types:Array(String)}`,
       )})
       GROUP BY person`
  // The contacts side is the hashed (right) side of the join: only respondents' contacts go in.
  const rows = await events.query<{
    person: string
    t: number
    nps_n: number
    nps: number
    purchased: number
    contacted: number
  }>(
    `SELECT toString(p.person) AS person, p.t AS t, p.nps_n AS nps_n, p.nps AS nps,
            max(e.t > p.t AND e.t <= p.t + {window:Int64} AND e.event = {event:String}) AS purchased,
            max(e.t > p.t AND e.t <= p.t + {window:Int64}) AS contacted
     FROM (${respondents}) AS p
     LEFT JOIN (
       SELECT person, event, t FROM (${resolvedEvents(
         'e.event AS event, toUnixTimestamp64Milli(e.event_time) AS t',
         `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES}`,
       )})
       WHERE person IN (SELECT person FROM (${respondents}))
     ) AS e ON e.person = p.person
     GROUP BY p.person, p.t, p.nps_n, p.nps
     ORDER BY person`,
    {
      ws,
      from: anchors.from,
      anchorTo: anchors.to,
      to: chTime(anchors.toMs + windowMs),
      types: [...o.scoreTypes],
      window: windowMs,
      event: o.event,
    },
  )
  return rows.map((r) => ({
    person: r.person,
    t: num(r.t),
    nps: num(r.nps_n) > 0 ? num(r.nps) : null,
    purchased: num(r.purchased) > 0,
    contacted: num(r.contacted) > 0,
  }))
}
