import {
  LIFECYCLE_STATES,
  lifecycleState,
  lifecycleThresholds,
  rateWithInterval,
  type LifecycleState,
  type LifecycleThresholds,
  type RateWithInterval,
} from '@touchstone/core/lifecycle'
import { type StageRule } from '@touchstone/core/journey'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { compileStageRules, CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'

const DAY_MS = 86_400_000

export interface LifecycleOptions extends LifecycleThresholds {
  /** Events that end a relationship explicitly (cancellation, account deletion). */
  churnEvents: string[]
  /** Return persons in this state (paged by `limit`). */
  state?: LifecycleState
  limit: number
}

export interface LifecycleResult {
  asOf: string
  thresholds: Required<LifecycleThresholds>
  states: Array<{ state: LifecycleState; persons: number; share: number }>
  /**
   * Of the persons active in [from, to − churnDays), the share with no contact in the last
   * churnDays before `to` or with an explicit churn event: the churn rate of the period.
   */
  churnRate: RateWithInterval
  persons: Array<{ personId: string; state: LifecycleState; firstSeen: string; lastSeen: string }>
}

/**
 * Lifecycle state of every person as of `to` (activity = contacts that the journey rules place
 * in a stage, over all history up to `to`), counts per state, and the churn rate of the range.
 * An explicit churn event (e.g. `Account Deleted`) makes a person churned at once.
 */
export async function lifecycle(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
  o: LifecycleOptions,
): Promise<LifecycleResult> {
  const t = lifecycleThresholds(o)
  const compiled = compileStageRules(rules)
  const rows = await events.query<{
    person: string
    first: number
    last: number
    returned: number
    cancelled: number
    before: number
  }>(
    `SELECT toString(person) AS person, min(t) AS first, max(t) AS last,
            max(cancel) AS cancelled,
            countIf(t >= {fromMs:Int64} AND t < {cutoffMs:Int64}) > 0 AS before,
            arraySort(groupUniqArray(intDiv(t, ${DAY_MS}))) AS days,
            arrayMax(arrayMap((d, gap) -> if(gap >= {churnDays:UInt32}, d, 0), days, arrayDifference(days))) AS returned
     FROM (${resolvedEvents(
       `toUnixTimestamp64Milli(e.event_time) AS t, e.event IN {churnEvents:Array(String)} AS cancel`,
       `AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES}
        AND (${compiled.expression} != '' OR e.event IN {churnEvents:Array(String)})`,
     )})
     GROUP BY person`,
    {
      ws,
      to: range.to,
      fromMs: range.fromMs,
      cutoffMs: range.toMs - t.churnDays * DAY_MS,
      churnDays: Math.ceil(t.churnDays),
      churnEvents: o.churnEvents,
      ...compiled.params,
    },
  )
  const counts = new Map<LifecycleState, number>(LIFECYCLE_STATES.map((s) => [s, 0]))
  const persons: LifecycleResult['persons'] = []
  let base = 0
  let churned = 0
  for (const r of rows) {
    const returned = num(r.returned)
    const state: LifecycleState =
      num(r.cancelled) > 0
        ? 'churned'
        : lifecycleState(
            {
              firstSeen: num(r.first),
              lastSeen: num(r.last),
              returnedAt: returned > 0 ? returned * DAY_MS : null,
            },
            range.toMs,
            t,
          )
    counts.set(state, (counts.get(state) ?? 0) + 1)
    if (num(r.before) > 0) {
      base++
      if (num(r.cancelled) > 0 || num(r.last) < range.toMs - t.churnDays * DAY_MS) churned++
    }
    if (o.state === state && persons.length < o.limit) {
      persons.push({
        personId: r.person,
        state,
        firstSeen: new Date(num(r.first)).toISOString(),
        lastSeen: new Date(num(r.last)).toISOString(),
      })
    }
  }
  const total = rows.length
  return {
    asOf: new Date(range.toMs).toISOString(),
    thresholds: t,
    states: LIFECYCLE_STATES.map((state) => ({
      state,
      persons: counts.get(state) ?? 0,
      share: total > 0 ? (counts.get(state) ?? 0) / total : 0,
    })),
    churnRate: rateWithInterval(churned, base),
    persons,
  }
}
