import { CHANNELS, type Channel } from '@touchstone/core'
import { type StageRule } from '@touchstone/core/journey'
import type { PersonFeatures } from '@touchstone/core/personas'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'
import { customerSummaries } from './customer-summaries.ts'
import { compileStageRules, CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'
import { personSatisfaction } from './person-satisfaction-query.ts'

const DAY_MS = 86_400_000

/**
 * Persona features of every person with a contact in [from, to): recency (of the last
 * purchase, else the last contact), purchases and revenue (each order once), channel mix,
 * contacts, current journey stage and tenure; from the survey responses of the range, the latest
 * NPS and CSAT answer and the mean comment sentiment (absent for persons who never answered; the
 * persona model leaves a column out when nobody has a value).
 */
export async function personFeatures(
  events: EventStore,
  ws: string,
  range: TimeRange,
  rules: readonly StageRule[],
  conversionEvent: string,
): Promise<PersonFeatures[]> {
  const compiled = compileStageRules(rules)
  // One countIf per channel of the vocabulary: ≈ 3× cheaper than sumMap([channel], [1]) per person.
  const channelParams = Object.fromEntries(CHANNELS.map((c, i) => [`ch${i}`, c]))
  const [rows, purchases, satisfaction] = await Promise.all([
    events.query<{
      person: string
      first: number
      last: number
      contacts: number
      counts: number[]
      stage: number
    }>(
      `SELECT toString(person) AS person, min(t) AS first, max(t) AS last, count() AS contacts,
              [${CHANNELS.map((_, i) => `countIf(channel = {ch${i}:String})`).join(', ')}] AS counts,
              argMaxIf(stage, t, stage >= 0) AS stage
       FROM (${resolvedEvents(
         `toUnixTimestamp64Milli(e.event_time) AS t, e.channel AS channel,
          ${compiled.index} AS stage`,
         `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')} AND ${CONTACT_TYPES}`,
       )})
       GROUP BY person`,
      { ws, from: range.from, to: range.to, ...compiled.params, ...channelParams },
    ),
    customerSummaries(events, ws, range, conversionEvent),
    personSatisfaction(events, ws, range),
  ])
  const bought = new Map(purchases.map((p) => [p.customerId, p]))
  return rows.map((r) => {
    const p = bought.get(r.person)
    // Shares of all contacts, so contacts on a channel outside the vocabulary lower the others.
    // Every channel, 0 when unused: one object shape for all persons keeps the model's per-person
    // lookups fast (objects with differing key sets measured ≈ 0.5 s slower per fit at 200k persons).
    const total = num(r.contacts)
    const channelMix: Partial<Record<Channel, number>> = {}
    CHANNELS.forEach((c, i) => (channelMix[c] = num(r.counts[i]) / total))
    const lastActivity = p ? p.lastPurchase + DAY_MS - 1 : num(r.last)
    const said = satisfaction.get(r.person)
    return {
      personId: r.person,
      recencyDays: Math.max(0, (range.toMs - lastActivity) / DAY_MS),
      frequency: p?.orders ?? 0,
      monetary: p?.revenue ?? 0,
      channelMix,
      touchpointCount: num(r.contacts),
      stageIndex: Math.max(0, num(r.stage)),
      tenureDays: Math.max(0, (range.toMs - num(r.first)) / DAY_MS),
      ...(said ?? {}),
    }
  })
}
