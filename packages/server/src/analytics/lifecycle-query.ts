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
import { NO_GROUP } from './breakdown-source.ts'
import { compileStageRules, CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'

const DAY_MS = 86_400_000

export interface LifecycleOptions extends LifecycleThresholds {
  /** Events that end a relationship explicitly (cancellation, account deletion). */
  churnEvents: string[]
  /** Return persons in this state (paged by `limit`). */
  state?: LifecycleState
  limit: number
  /**
   * Only these stored person ids (one person and the ids merged into it): `persons` then lists
   * that person whatever its state (GET /api/lifecycle/persons/:id).
   */
  personIds?: string[]
  /** Person → group (persona, trait value; breakdown-source.ts): adds per-group states and churn. */
  groups?: Map<string, string>
}

/** States and churn rate of one group of persons. */
export interface LifecycleGroup {
  group: string
  persons: number
  states: Array<{ state: LifecycleState; persons: number; share: number }>
  churnRate: RateWithInterval
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
  /** Per group when `groups` was given (persons without one under `(none)`), by group name. */
  groups?: LifecycleGroup[]
}

/** Counts of one set of persons, folded into states and a churn rate at the end. */
class StateTally {
  readonly counts = new Map<LifecycleState, number>(LIFECYCLE_STATES.map((s) => [s, 0]))
  total = 0
  base = 0
  churned = 0

  add(state: LifecycleState, inBase: boolean, churned: boolean): void {
    this.counts.set(state, (this.counts.get(state) ?? 0) + 1)
    this.total++
    if (inBase) {
      this.base++
      if (churned) this.churned++
    }
  }

  states(): Array<{ state: LifecycleState; persons: number; share: number }> {
    return LIFECYCLE_STATES.map((state) => ({
      state,
      persons: this.counts.get(state) ?? 0,
      share: this.total > 0 ? (this.counts.get(state) ?? 0) / this.total : 0,
    }))
  }
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
        AND (${compiled.expression} != '' OR e.event IN {churnEvents:Array(String)})
        ${o.personIds ? 'AND e.person_id IN {personIds:Array(UUID)}' : ''}`,
     )})
     GROUP BY person`,
    {
      ws,
      to: range.to,
      fromMs: range.fromMs,
      cutoffMs: range.toMs - t.churnDays * DAY_MS,
      churnDays: Math.ceil(t.churnDays),
      churnEvents: o.churnEvents,
      ...(o.personIds ? { personIds: o.personIds } : {}),
      ...compiled.params,
    },
  )
  const all = new StateTally()
  const byGroup = new Map<string, StateTally>()
  const persons: LifecycleResult['persons'] = []
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
    const inBase = num(r.before) > 0
    const churned = num(r.cancelled) > 0 || num(r.last) < range.toMs - t.churnDays * DAY_MS
    all.add(state, inBase, churned)
    if (o.groups) {
      const group = o.groups.get(r.person) || NO_GROUP
      const tally = byGroup.get(group) ?? new StateTally()
      tally.add(state, inBase, churned)
      byGroup.set(group, tally)
    }
    if ((o.state === state || o.personIds) && persons.length < o.limit) {
      persons.push({
        personId: r.person,
        state,
        firstSeen: new Date(num(r.first)).toISOString(),
        lastSeen: new Date(num(r.last)).toISOString(),
      })
    }
  }
  return {
    asOf: new Date(range.toMs).toISOString(),
    thresholds: t,
    states: all.states(),
    churnRate: rateWithInterval(all.churned, all.base),
    persons,
    ...(o.groups
      ? {
          groups: [...byGroup]
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
            .map(([group, tally]) => ({
              group,
              persons: tally.total,
              states: tally.states(),
              churnRate: rateWithInterval(tally.churned, tally.base),
            })),
        }
      : {}),
  }
}
