import type { EventStore } from '../stores/events/event-store.ts'
import { num, periodStart, type Interval, type TimeRange } from './analytics-params.ts'

/** The events that start and end following a social account (the demo and the Segment spec use these). */
export const FOLLOW_EVENTS = { follow: 'Social Followed', unfollow: 'Social Unfollowed' }

/**
 * The platform of a follow event: `properties.platform`, else `properties.network` (the demo),
 * else the touchpoint (`instagram`).
 */
const PLATFORM = `coalesce(nullIf(JSONExtractString(properties, 'platform'), ''),
  nullIf(JSONExtractString(properties, 'network'), ''), touchpoint)`

export interface FollowerPeriod {
  period: string
  platform: string
  follows: number
  unfollows: number
  net: number
  /** Followers at the end of the period: all follows minus unfollows up to then, since the first event ever. */
  followers: number
}

/**
 * Social followers over time, per platform: follows, unfollows and their net per period, and
 * the running follower count (which starts from everything before `from`, so the first period
 * is not zero-based). Counts are events, so a retried event (same message id) counts once.
 */
export async function followerReport(
  events: EventStore,
  ws: string,
  range: TimeRange,
  interval: Interval,
): Promise<{ interval: Interval; periods: FollowerPeriod[]; before: Record<string, number> }> {
  const rows = await events.query<{ period: string; platform: string; follows: number; unfollows: number }>(
    `SELECT if(event_time < {from:DateTime64(3, 'UTC')}, '', toString(${periodStart(interval, 'event_time')})) AS period,
            platform, countIf(event = {follow:String}) AS follows, countIf(event = {unfollow:String}) AS unfollows
     FROM (
       SELECT event, event_time, ${PLATFORM} AS platform FROM events
       WHERE workspace_id = {ws:String} AND type = 'track' AND event IN ({follow:String}, {unfollow:String})
         AND event_time < {to:DateTime64(3, 'UTC')}
       LIMIT 1 BY message_id
     )
     GROUP BY period, platform ORDER BY period, platform`,
    { ws, from: range.from, to: range.to, ...FOLLOW_EVENTS },
  )
  const running = new Map<string, number>()
  const before: Record<string, number> = {}
  const periods: FollowerPeriod[] = []
  for (const r of rows) {
    const net = num(r.follows) - num(r.unfollows)
    const followers = (running.get(r.platform) ?? 0) + net
    running.set(r.platform, followers)
    if (r.period === '') before[r.platform] = followers
    else
      periods.push({
        period: r.period,
        platform: r.platform,
        follows: num(r.follows),
        unfollows: num(r.unfollows),
        net,
        followers,
      })
  }
  return { interval, periods, before }
}
