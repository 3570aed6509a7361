import { rateWithInterval, type RateWithInterval } from '@touchstone/core/lifecycle'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, periodStart, type Interval, type TimeRange } from './analytics-params.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'

export interface EngagementResult {
  interval: Interval
  /** Per period: persons with a contact, and the share of them first seen before the period. */
  returning: Array<{ period: string; active: number; returning: RateWithInterval }>
  /** Persons per channel in the range, and per pair of channels persons who used both. */
  channels: Array<{ channel: string; persons: number }>
  overlap: Array<{ a: string; b: string; persons: number }>
}

/**
 * Returning-visitor share per period (a person is returning in a period when their first
 * contact ever lies before it) and cross-channel overlap in the range (e.g. newsletter readers
 * who also use the app: the `email`–`app` pair).
 */
export async function engagement(
  events: EventStore,
  ws: string,
  range: TimeRange,
  interval: Interval,
): Promise<EngagementResult> {
  const params = { ws, from: range.from, to: range.to, fromMs: range.fromMs }
  const period = periodStart(interval, 'fromUnixTimestamp64Milli(t)')
  const [periods, pairs] = await Promise.all([
    events.query<{ period: string; active: number; returning: number }>(
      `SELECT toString(p) AS period, count() AS active, countIf(first_period < p) AS returning
       FROM (
         SELECT person, ${periodStart(interval, 'fromUnixTimestamp64Milli(min(t))')} AS first_period,
                groupUniqArrayIf(${period}, t >= {fromMs:Int64}) AS active_periods
         FROM (${resolvedEvents(
           'toUnixTimestamp64Milli(e.event_time) AS t',
           `AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES}`,
         )})
         GROUP BY person
       )
       ARRAY JOIN active_periods AS p
       GROUP BY p ORDER BY p`,
      params,
    ),
    events.query<{ a: string; b: string; persons: number }>(
      `SELECT a, b, count() AS persons FROM (
         SELECT person, groupUniqArray(channel) AS cs
         FROM (${resolvedEvents(
           'e.channel AS channel',
           `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
            AND ${CONTACT_TYPES}`,
         )})
         GROUP BY person
       )
       ARRAY JOIN cs AS a
       ARRAY JOIN cs AS b
       WHERE a <= b
       GROUP BY a, b ORDER BY persons DESC, a, b`,
      params,
    ),
  ])
  return {
    interval,
    returning: periods.map((r) => ({
      period: r.period,
      active: num(r.active),
      returning: rateWithInterval(num(r.returning), num(r.active)),
    })),
    channels: pairs.filter((r) => r.a === r.b).map((r) => ({ channel: r.a, persons: num(r.persons) })),
    overlap: pairs.filter((r) => r.a !== r.b).map((r) => ({ a: r.a, b: r.b, persons: num(r.persons) })),
  }
}
