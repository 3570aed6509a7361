import {
  rateWithInterval,
  retentionMatrix,
  type CohortRetention,
  type RateWithInterval,
} from '@touchstone/core/lifecycle'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, periodStart, type TimeRange } from './analytics-params.ts'
import { CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'

export interface RetentionOptions {
  /** The purchase event whose first occurrence defines the cohort. */
  conversionEvent: string
  interval: 'week' | 'month'
  /** What counts as "retained" in a later period: another purchase, or any contact. */
  activity: 'purchase' | 'any'
}

export interface RetentionResult {
  interval: 'week' | 'month'
  activity: 'purchase' | 'any'
  cohorts: CohortRetention[]
  /** Customers of these cohorts with a second order by the end of the range. */
  repeatPurchaseRate: RateWithInterval
}

/**
 * Retention cohorts by first purchase week or month. The first purchase is the person's first
 * ever (up to `to`), so a customer who bought before `from` is not a new cohort member; cohorts
 * whose first purchase falls in [from, to) are reported. Orders count once per message id.
 */
export async function retention(
  events: EventStore,
  ws: string,
  range: TimeRange,
  o: RetentionOptions,
): Promise<RetentionResult> {
  const period = periodStart(o.interval, 'fromUnixTimestamp64Milli(t)')
  const unit = o.interval === 'week' ? 'week' : 'month'
  const activeIf = o.activity === 'purchase' ? 'is_order' : '1'
  // Persons without an order are dropped (HAVING orders > 0), so with purchase activity only the
  // orders matter: reading just them skips ≈ 94 % of the contacts of a typical shop.
  const onlyOrders = o.activity === 'purchase' ? 'AND e.event = {conv:String}' : ''
  const rows = await events.query<{
    cohort: string
    size: number
    repeaters: number
    offsets: number[]
    counts: number[]
  }>(
    `SELECT toString(cohort_start) AS cohort, count() AS size, countIf(orders >= 2) AS repeaters,
            sumMap(arrayMap(p -> toUInt32(dateDiff('${unit}', cohort_start, p)), periods), arrayMap(p -> toUInt64(1), periods)) AS m,
            m.1 AS offsets, m.2 AS counts
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
     )
     GROUP BY cohort_start ORDER BY cohort_start`,
    { ws, from: range.from, to: range.to, conv: o.conversionEvent },
  )
  const sizes = new Map<string, number>()
  const observed = new Map<string, number>()
  const activity: Array<{ cohort: string; offset: number; persons: number }> = []
  let customers = 0
  let repeaters = 0
  const end = new Date(range.toMs - 1)
  for (const r of rows) {
    sizes.set(r.cohort, num(r.size))
    customers += num(r.size)
    repeaters += num(r.repeaters)
    observed.set(r.cohort, periodsBetween(r.cohort, end, o.interval) + 1)
    r.offsets.forEach((offset, i) =>
      activity.push({ cohort: r.cohort, offset: num(offset), persons: num(r.counts[i]) }),
    )
  }
  return {
    interval: o.interval,
    activity: o.activity,
    cohorts: retentionMatrix(sizes, activity, observed),
    repeatPurchaseRate: rateWithInterval(repeaters, customers),
  }
}

/** Whole periods from a cohort start (YYYY-MM-DD, a Monday or a 1st) to the period holding `end`. */
function periodsBetween(cohort: string, end: Date, interval: 'week' | 'month'): number {
  const start = new Date(`${cohort}T00:00:00Z`)
  if (interval === 'month') {
    return (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth()
  }
  return Math.floor((end.getTime() - start.getTime()) / (7 * 86_400_000))
}
