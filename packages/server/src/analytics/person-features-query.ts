import { isChannel, type Channel } from '@touchstone/core'
import { type StageRule } from '@touchstone/core/journey'
import type { PersonFeatures } from '@touchstone/core/personas'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { customerSummaries } from './customer-summaries.ts'
import { compileStageRules, CONTACT_TYPES, resolvedEvents, stageIndexExpression } from './resolved-events.ts'

const DAY_MS = 86_400_000

/**
 * Persona features of every person with a contact in [from, to): recency (of the last
 * purchase, else the last contact), purchases and revenue (each order once), channel mix,
 * contacts, current journey stage and tenure. NPS, CSAT and sentiment stay empty until survey
 * responses are in the event store; the persona model then simply leaves those columns out.
 */
export async function personFeatures(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
  conversionEvent: string,
): Promise<PersonFeatures[]> {
  const compiled = compileStageRules(rules)
  const [rows, purchases] = await Promise.all([
    events.query<{
      person: string
      first: number
      last: number
      contacts: number
      channels: string[]
      counts: number[]
      stage: number
    }>(
      `SELECT toString(person) AS person, min(t) AS first, max(t) AS last, count() AS contacts,
              sumMap([channel], [toUInt64(1)]) AS m, m.1 AS channels, m.2 AS counts,
              argMaxIf(stage, t, stage >= 0) AS stage
       FROM (${resolvedEvents(
         `toUnixTimestamp64Milli(e.event_time) AS t, e.channel AS channel,
          ${stageIndexExpression(compiled.expression)} AS stage`,
         `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES}`,
       )})
       GROUP BY person`,
      { ws, from: range.from, to: range.to, ...compiled.params },
    ),
    customerSummaries(events, ws, range, conversionEvent),
  ])
  const bought = new Map(purchases.map((p) => [p.customerId, p]))
  return rows.map((r) => {
    const p = bought.get(r.person)
    const total = r.counts.reduce((s, c) => s + num(c), 0)
    const channelMix: Partial<Record<Channel, number>> = {}
    r.channels.forEach((c, i) => {
      if (isChannel(c) && total > 0) channelMix[c] = num(r.counts[i]) / total
    })
    const lastActivity = p ? p.lastPurchase + DAY_MS - 1 : num(r.last)
    return {
      personId: r.person,
      recencyDays: Math.max(0, (range.toMs - lastActivity) / DAY_MS),
      frequency: p?.orders ?? 0,
      monetary: p?.revenue ?? 0,
      channelMix,
      touchpointCount: num(r.contacts),
      stageIndex: Math.max(0, num(r.stage)),
      tenureDays: Math.max(0, (range.toMs - num(r.first)) / DAY_MS),
    }
  })
}
