import {
  rateWithInterval,
  retentionMatrix,
  type CohortRetention,
  type RateWithInterval,
} from '@touchstone/core/lifecycle'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, periodStart, type TimeRange } from './analytics-params.ts'
import { NO_GROUP } from './breakdown-source.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'
import type { RetentionOptions } from './retention-query.ts'

/** Retention cohorts and the repeat-purchase rate of one group of persons. */
export interface RetentionGroup {
  group: string
  cohorts: CohortRetention[]
  repeatPurchaseRate: RateWithInterval
}

/**
 * retention-query.ts' cohorts, per group of persons (persona or trait value; breakdown-source.ts).
 * Same definitions — cohort by the first purchase ever (up to `to`), cohorts starting in the
 * range, orders counted once per message id — but the customers come back one row each (their
 * cohort, order count and the period offsets they were active in) and are counted here, so the
 * groups can be any person → group map without binding it into the SQL.
 */
export async function retentionByGroup(
  events: EventStore,
  ws: string,
  range: TimeRange,
  o: RetentionOptions,
  groups: ReadonlyMap<string, string>,
): Promise<RetentionGroup[]> {
  const period = periodStart(o.interval, 'fromUnixTimestamp64Milli(t)')
  const unit = o.interval === 'week' ? 'week' : 'month'
  const activeIf = o.activity === 'purchase' ? 'is_order' : '1'
  const onlyOrders = o.activity === 'purchase' ? 'AND e.event = {conv:String}' : ''
  const rows = await events.query<{ person: string; cohort: string; orders: number; offsets: number[] }>(
    `SELECT toString(person) AS person, toString(cohort_start) AS cohort, orders,
            arrayMap(p -> toUInt32(dateDiff('${unit}', cohort_start, p)), periods) AS offsets
     FROM (
       SELECT person,
         ${periodStart(o.interval, 'fromUnixTimestamp64Milli(minIf(t, is_order))')} AS cohort_start,
         uniqExactIf(message_id, is_order) AS orders,
         arrayFilter(p -> p > cohort_start, groupUniqArrayIf(${period}, ${activeIf})) AS periods
       FROM (${resolvedEvents(
         `toUnixTimestamp64Milli(e.event_time) AS t, e.message_id AS message_id, e.event = {conv:String} AS is_order`,
         `AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES} ${onlyOrders}`,
       )})
       GROUP BY person
       HAVING orders > 0 AND minIf(t, is_order) >= toUnixTimestamp64Milli({from:DateTime64(3, 'UTC')})
     )`,
    { ws, from: range.from, to: range.to, conv: o.conversionEvent },
  )
  const end = new Date(range.toMs - 1)
  const byGroup = new Map<
    string,
    { sizes: Map<string, number>; activity: Map<string, number>; customers: number; repeaters: number }
  >()
  for (const r of rows) {
    const group = groups.get(r.person) || NO_GROUP
    const g = byGroup.get(group) ?? { sizes: new Map(), activity: new Map(), customers: 0, repeaters: 0 }
    byGroup.set(group, g)
    g.sizes.set(r.cohort, (g.sizes.get(r.cohort) ?? 0) + 1)
    g.customers++
    if (num(r.orders) >= 2) g.repeaters++
    for (const offset of r.offsets) {
      const key = `${r.cohort}\u0000${num(offset)}`
      g.activity.set(key, (g.activity.get(key) ?? 0) + 1)
    }
  }
  return [...byGroup]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([group, g]) => {
      const observed = new Map([...g.sizes.keys()].map((c) => [c, periodsBetween(c, end, o.interval) + 1]))
      const activity = [...g.activity].map(([key, persons]) => {
        const [cohort, offset] = key.split('\u0000')
        return { cohort: cohort!, offset: Number(offset), persons }
      })
      return {
        group,
        cohorts: retentionMatrix(g.sizes, activity, observed),
        repeatPurchaseRate: rateWithInterval(g.repeaters, g.customers),
      }
    })
}

/** Whole periods from a cohort start (a Monday or a 1st) to the period holding `end`. */
function periodsBetween(cohort: string, end: Date, interval: 'week' | 'month'): number {
  const start = new Date(`${cohort}T00:00:00Z`)
  if (interval === 'month') {
    return (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth()
  }
  return Math.floor((end.getTime() - start.getTime()) / (7 * 86_400_000))
}
