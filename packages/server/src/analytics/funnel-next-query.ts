import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { funnelModes, stepMask, type FunnelOptions } from './funnel-query.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'

/** How many of the most frequent next events are listed per step. */
const TOP = 5

/** Persons who stopped after one step of a funnel, and what they did next. */
export interface FunnelDropOffNext {
  /** The last step they reached, 1-based (never the last step: those converted). */
  step: number
  persons: number
  /** Their first contact after their first contact of that step, most frequent first; '' = none in the range. */
  next: Array<{ event: string; persons: number }>
}

/**
 * What dropped-off persons did next: for each step but the last, the persons whose funnel stopped
 * there (windowFunnel with the funnel's window and modes) and the event of their first contact
 * after their first contact of that step. Reads every contact of the range (not only the steps),
 * so it runs only when asked for.
 */
export async function funnelDropOffNext(
  events: EventStore,
  ws: string,
  range: TimeRange,
  options: Pick<FunnelOptions, 'steps' | 'windowSeconds' | 'order' | 'deduplicate'>,
): Promise<FunnelDropOffNext[]> {
  const { steps } = options
  const params: Record<string, unknown> = {
    ws,
    from: range.from,
    to: range.to,
    window: options.windowSeconds * 1000,
  }
  const mask = stepMask(steps, params)
  const conditions = steps.map((_, i) => `bitTest(steps, ${i})`).join(', ')
  const rows = await events.query<{ level: number; event: string; persons: number; stopped: number }>(
    `SELECT level, event, count() AS persons, sum(count()) OVER (PARTITION BY level) AS stopped FROM (
       SELECT level,
         -- Contacts in time order (ties by name): the first of the step they stopped at, then the next.
         arrayFirstIndex(x -> bitTest(x.3, level - 1), contacts) AS at,
         if(at > 0 AND at < length(contacts), contacts[at + 1].2, '') AS event
       FROM (
         SELECT person, windowFunnel({window:UInt64}${funnelModes(options)})(toUInt64(t), ${conditions}) AS level,
                arraySort(groupArray((t, name, steps))) AS contacts
         FROM (${resolvedEvents(
           `toUnixTimestamp64Milli(e.event_time) AS t, ${mask} AS steps, toString(e.event) AS name`,
           `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
            AND ${CONTACT_TYPES}`,
         )})
         GROUP BY person
       )
       WHERE level BETWEEN 1 AND ${steps.length - 1}
     )
     GROUP BY level, event
     ORDER BY level, persons DESC, event
     LIMIT ${TOP} BY level`,
    params,
  )
  return steps.slice(0, -1).map((_, i) => {
    const mine = rows.filter((r) => num(r.level) === i + 1)
    return {
      step: i + 1,
      persons: num(mine[0]?.stopped),
      next: mine.map((r) => ({ event: r.event, persons: num(r.persons) })),
    }
  })
}
