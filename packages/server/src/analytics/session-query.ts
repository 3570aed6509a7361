import type { EventStore } from '../stores/events/event-store.ts'
import { num, periodStart, type Interval, type TimeRange } from './analytics-params.ts'
import { resolvedEvents } from './resolved-events.ts'

/** A gap longer than this between two page/screen views starts a new session (the web-analytics convention). */
export const SESSION_GAP_MS = 30 * 60_000

/** Sessions of one group (a period and channel, or a whole channel). */
export interface SessionStats {
  sessions: number
  persons: number
  sessionsPerPerson: number
  /** Last view − first view, in seconds; a one-view session lasts 0 s. */
  meanSeconds: number
  medianSeconds: number
  /** Sessions with a single view. */
  singleViewShare: number
}

export interface SessionReport {
  interval: Interval
  gapMinutes: number
  /** Per period (of the session start) and channel. */
  periods: Array<{ period: string; channel: string } & SessionStats>
  /** Per channel over the whole range. */
  channels: Array<{ channel: string } & SessionStats>
  total: SessionStats
}

const AGGREGATES = `count() AS sessions, uniqExact(person) AS persons, avg(duration) AS mean,
  quantileExactInclusive(0.5)(duration) AS median, countIf(views = 1) AS single`

type Row = {
  level: string
  period: string
  channel: string
  sessions: number
  persons: number
  mean: number
  median: number
  single: number
}

function stats(r: Row): SessionStats {
  const sessions = num(r.sessions)
  const persons = num(r.persons)
  return {
    sessions,
    persons,
    sessionsPerPerson: persons > 0 ? sessions / persons : 0,
    meanSeconds: sessions > 0 ? num(r.mean) / 1000 : 0,
    medianSeconds: sessions > 0 ? num(r.median) / 1000 : 0,
    singleViewShare: sessions > 0 ? num(r.single) / sessions : 0,
  }
}

/**
 * Dwell time: page and screen views of each person (resolved through merges) are cut into
 * sessions per channel wherever two consecutive views are more than 30 minutes apart (web and
 * app views at the same time are two sessions). A session lasts from its first to its last view
 * and belongs to the period it starts in; sessions are cut at the range's edges. A retried view
 * (same message id) counts once. Medians are exact (`quantileExactInclusive`).
 */
export async function sessionReport(
  events: EventStore,
  ws: string,
  range: TimeRange,
  interval: Interval,
): Promise<SessionReport> {
  const rows = await events.query<Row>(
    `WITH sessions AS (
       SELECT person, channel, min(t) AS start, max(t) - min(t) AS duration, count() AS views
       FROM (
         SELECT person, channel, ts,
                arrayCumSum(arrayMap((d, i) -> toUInt32(i = 1 OR d > {gap:Int64}), arrayDifference(ts), arrayEnumerate(ts))) AS sids
         FROM (
           SELECT person, channel, arraySort(arrayMap(x -> x.1, groupUniqArray((t, mid)))) AS ts
           FROM (${resolvedEvents(
             'e.channel AS channel, toUnixTimestamp64Milli(e.event_time) AS t, e.message_id AS mid',
             `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
              AND e.type IN ('page', 'screen')`,
           )})
           GROUP BY person, channel
         )
       )
       ARRAY JOIN ts AS t, sids AS sid
       GROUP BY person, channel, sid
     )
     -- One pass over the sessions; grouping() tells the levels apart (standard semantics: a bit
     -- is 1 for a column the row is aggregated over).
     SELECT multiIf(grouping(period, channel) = 0, 'period', grouping(period, channel) = 2, 'channel', 'total') AS level,
            toString(${periodStart(interval, 'fromUnixTimestamp64Milli(start)')}) AS period, channel, ${AGGREGATES}
     FROM sessions
     GROUP BY GROUPING SETS ((period, channel), (channel), ())`,
    { ws, from: range.from, to: range.to, gap: SESSION_GAP_MS },
  )
  const periods: SessionReport['periods'] = []
  const channels: SessionReport['channels'] = []
  let total: SessionStats = stats({
    level: 'total',
    period: '',
    channel: '',
    sessions: 0,
    persons: 0,
    mean: 0,
    median: 0,
    single: 0,
  })
  for (const r of rows) {
    if (r.level === 'period') periods.push({ period: r.period, channel: r.channel, ...stats(r) })
    else if (r.level === 'channel') channels.push({ channel: r.channel, ...stats(r) })
    else total = stats(r)
  }
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
  periods.sort((a, b) => order(a.period, b.period) || order(a.channel, b.channel))
  channels.sort((a, b) => order(a.channel, b.channel))
  return { interval, gapMinutes: SESSION_GAP_MS / 60_000, periods, channels, total }
}
