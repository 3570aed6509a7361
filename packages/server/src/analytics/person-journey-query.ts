import { stageHistory, type StageHistory, type StageRule } from '@touchstone/core/journey'
import type { EventStore } from '../stores/events/event-store.ts'
import { num, type TimeRange } from './analytics-params.ts'

/**
 * One person's stage history in the range: their contacts (under every person id merged into
 * them, each message once), placed in stages by the pure rules of packages/core.
 */
export async function personJourney(
  events: EventStore,
  ws: string,
  personId: string,
  range: TimeRange,
  rules: readonly StageRule[],
): Promise<StageHistory> {
  const ids = await events.mergedPersonIds(ws, personId)
  const rows = await events.query<{ event: string; touchpoint: string; channel: string; t: number }>(
    `SELECT event, touchpoint, channel, toUnixTimestamp64Milli(event_time) AS t FROM events
     WHERE workspace_id = {ws:String} AND person_id IN {ids:Array(UUID)}
       AND event_time >= {from:DateTime64(3, 'UTC')} AND event_time < {to:DateTime64(3, 'UTC')}
       AND type IN ('track', 'page', 'screen')
     ORDER BY t LIMIT 1 BY message_id`,
    { ws, ids, from: range.from, to: range.to },
  )
  return stageHistory(
    rows.map((r) => ({ event: r.event, touchpoint: r.touchpoint, channel: r.channel, time: num(r.t) })),
    rules,
  )
}
