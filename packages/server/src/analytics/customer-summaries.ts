import type { CustomerSummary } from '@touchstone/core/clv'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { resolvedEvents } from './resolved-events.ts'

const DAY_MS = 86_400_000

/** A customer's purchase history as the CLV and RFM models need it. */
export interface PurchaseSummary extends CustomerSummary {
  /** Orders (each message id once) and their total revenue. */
  orders: number
  revenue: number
  firstPurchase: number
  lastPurchase: number
}

/**
 * Per-customer recency/frequency/monetary summaries of the purchases in [from, to), built in
 * SQL with the conventions of `summarizeTransactions` (packages/core/clv): purchases on one UTC
 * day are one purchase with their revenue summed, frequency = purchase days − 1, recency and age
 * in weeks from the first purchase day to the last and to the last day of the range, monetary =
 * mean revenue of the repeat days. Orders count once per message id (retries never double revenue).
 */
export async function customerSummaries(
  events: EventStore,
  ws: string,
  range: TimeRange,
  conversionEvent: string,
): Promise<PurchaseSummary[]> {
  const endDay = Math.floor((range.toMs - 1) / DAY_MS)
  const rows = await events.query<{
    person: string
    days: number
    first: number
    last: number
    total: number
    firstAmount: number
    orders: number
  }>(
    `SELECT toString(person) AS person, count() AS days, min(day) AS first, max(day) AS last,
            sum(amount) AS total, argMin(amount, day) AS firstAmount, sum(n) AS orders
     FROM (
       SELECT person, toUInt32(toDate(t)) AS day, sum(revenue) AS amount, count() AS n
       FROM (${resolvedEvents(
         `e.event_time AS t, e.message_id AS message_id, JSONExtractFloat(e.properties, 'revenue') AS revenue`,
         `AND e.event = {conv:String} AND e.event_time >= {from:DateTime64(3, 'UTC')}
          AND e.event_time < {to:DateTime64(3, 'UTC')} LIMIT 1 BY e.message_id`,
       )})
       GROUP BY person, day
     )
     GROUP BY person`,
    { ws, from: range.from, to: range.to, conv: conversionEvent },
  )
  return rows.map((r) => {
    const frequency = num(r.days) - 1
    const first = num(r.first)
    const last = num(r.last)
    return {
      customerId: r.person,
      frequency,
      recency: (last - first) / 7,
      age: (endDay - first) / 7,
      monetaryValue: frequency > 0 ? (num(r.total) - num(r.firstAmount)) / frequency : 0,
      orders: num(r.orders),
      revenue: num(r.total),
      firstPurchase: first * DAY_MS,
      lastPurchase: last * DAY_MS,
    }
  })
}
