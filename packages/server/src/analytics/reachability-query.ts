import type { ContactCounts } from '@touchstone/core/stats'
import type { EventStore } from '../stores/events/event-store.ts'
import { chTime, num, type TimeRange } from './analytics-params.ts'

/** The contact channels and the events that open, answer and miss a contact on each. */
export const CONTACT_EVENTS = {
  phone: { received: 'call_received', answered: 'call_answered', missed: 'call_missed', id: 'call_id' },
  email: { received: 'email_received', answered: 'email_replied', missed: '', id: 'email_id' },
  chat: { received: 'chat_started', answered: 'chat_answered', missed: '', id: 'chat_id' },
} as const
export type ContactChannel = keyof typeof CONTACT_EVENTS

/** The event that resolves a contact; it names the contact in `contact_id` and its channel in `source_channel`. */
export const RESOLUTION_EVENT = 'ticket_closed'

/** How contacts are grouped besides their channel. */
export type ReachabilityBreakdown = 'channel' | 'hour_of_week' | 'touchpoint'

/** Answers and resolutions later than this after the contact are not looked for. */
export const LOOKAHEAD_DAYS = 30

/** One group of contacts as counted by the store. */
export interface ContactGroup extends ContactCounts {
  channel: ContactChannel
  touchpoint?: string
  /** ISO weekday, 1 = Monday … 7 = Sunday, in the query's time zone. */
  weekday?: number
  hour?: number
}

const RECEIVED = Object.values(CONTACT_EVENTS).map((c) => c.received)
const ANSWERED = Object.values(CONTACT_EVENTS).map((c) => c.answered)
const ALL_EVENTS = [...RECEIVED, ...ANSWERED, 'call_missed', RESOLUTION_EVENT]

// Fixed SQL; event names and the channel of each come from CONTACT_EVENTS, never from input.
const CHANNEL_OF_EVENT = `multiIf(${Object.entries(CONTACT_EVENTS)
  .map(
    ([ch, c]) =>
      `e.event IN (${[c.received, c.answered, c.missed]
        .filter(Boolean)
        .map((x) => `'${x}'`)
        .join(', ')}), '${ch}'`,
  )
  .join(', ')}, tupleElement(p, 'source_channel'))`
// The properties a contact event may carry, parsed once per event into a named tuple.
const PROPERTIES = `JSONExtract(e.properties, 'Tuple(${[
  ...Object.values(CONTACT_EVENTS).map((c) => c.id),
  'contact_id',
  'source_channel',
]
  .map((name) => `${name} String`)
  .join(', ')})')`
// The contact's id: a resolution names it in contact_id; a contact event by its channel's id.
const OWN_ID = `multiIf(e.event = {resolution:String}, tupleElement(p, 'contact_id'), ${Object.entries(
  CONTACT_EVENTS,
)
  .map(([ch, c]) => `ch = '${ch}' AND tupleElement(p, '${c.id}') != '', tupleElement(p, '${c.id}')`)
  .join(', ')}, tupleElement(p, 'contact_id'))`

const GROUPS: Record<ReachabilityBreakdown, string[]> = {
  channel: [],
  touchpoint: ['tp AS touchpoint'],
  hour_of_week: ['toDayOfWeek(received, 0, {tz:String}) AS weekday', 'toHour(received, {tz:String}) AS hour'],
}

/**
 * Contacts (calls, e-mails, chats) received in [from, to), grouped by channel and the breakdown,
 * with how many were answered and histograms (whole seconds) of the time to the first answer and
 * to the resolution. A contact is one id (`call_id`, `email_id`, `chat_id`, else `contact_id`)
 * per channel; its first answer and its resolution (`ticket_closed` naming it in `contact_id`)
 * are looked for up to LOOKAHEAD_DAYS after `to`. Retried events (same message) change no
 * count: every per-contact figure is a min or an existence test. A received event without an id
 * is a contact of its own that can never be answered.
 */
export async function contactGroups(
  events: EventStore,
  ws: string,
  range: TimeRange,
  o: { breakdown: ReachabilityBreakdown; timeZone: string; channel?: ContactChannel },
): Promise<ContactGroup[]> {
  const groups = GROUPS[o.breakdown]
  const names = groups.map((g) => g.split(' AS ')[1] ?? g)
  const seconds = (until: string) =>
    `toUInt32(greatest(0, round((toUnixTimestamp64Milli(${until}) - toUnixTimestamp64Milli(received)) / 1000)))`
  const rows = await events.query<{
    channel: ContactChannel
    touchpoint?: string
    weekday?: number
    hour?: number
    contacts: number | string
    answered: number | string
    fr_s: number[]
    fr_n: Array<number | string>
    rs_s: number[]
    rs_n: Array<number | string>
  }>(
    `SELECT ch AS channel, ${groups.map((g) => `${g}, `).join('')}
            count() AS contacts, countIf(is_answered) AS answered,
            sumMapIf([${seconds('answered_at')}], [toUInt64(1)], is_answered) AS fr, fr.1 AS fr_s, fr.2 AS fr_n,
            sumMapIf([${seconds('resolved_at')}], [toUInt64(1)], is_resolved) AS rs, rs.1 AS rs_s, rs.2 AS rs_n
     FROM (
       SELECT ch, id,
              minIf(e.event_time, e.event IN {received:Array(String)}) AS received,
              argMinIf(e.touchpoint, e.event_time, e.event IN {received:Array(String)}) AS tp,
              countIf(e.event IN {received:Array(String)}) > 0 AS has_received,
              minIf(e.event_time, e.event IN {answered:Array(String)}) AS answered_at,
              countIf(e.event IN {answered:Array(String)}) > 0 AS has_answer,
              minIf(e.event_time, e.event = {resolution:String}) AS resolved_at,
              countIf(e.event = {resolution:String}) > 0 AS has_resolution,
              has_answer AND answered_at >= received AS is_answered,
              has_resolution AND resolved_at >= received AS is_resolved
       FROM (
         SELECT e.event AS event, e.event_time AS event_time, e.touchpoint AS touchpoint,
                ${PROPERTIES} AS p, ${CHANNEL_OF_EVENT} AS ch, ${OWN_ID} AS own_id,
                if(own_id != '', own_id,
                   if(e.event IN {received:Array(String)}, concat('message:', e.message_id), '')) AS id
         FROM events AS e
         WHERE e.workspace_id = {ws:String} AND e.event IN {events:Array(String)}
           AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {horizon:DateTime64(3, 'UTC')}
       ) AS e
       WHERE id != '' AND ch IN {channels:Array(String)}
       GROUP BY ch, id
       HAVING has_received AND received >= {from:DateTime64(3, 'UTC')} AND received < {to:DateTime64(3, 'UTC')}
     )
     GROUP BY ${['channel', ...names].join(', ')}
     ORDER BY ${['channel', ...names].join(', ')}`,
    {
      ws,
      from: range.from,
      to: range.to,
      horizon: chTime(range.toMs + LOOKAHEAD_DAYS * 86_400_000),
      tz: o.timeZone,
      received: RECEIVED,
      answered: ANSWERED,
      resolution: RESOLUTION_EVENT,
      events: ALL_EVENTS,
      channels: o.channel ? [o.channel] : Object.keys(CONTACT_EVENTS),
    },
  )
  return rows.map((r) => ({
    channel: r.channel,
    ...(r.touchpoint !== undefined ? { touchpoint: r.touchpoint } : {}),
    ...(r.weekday !== undefined ? { weekday: num(r.weekday), hour: num(r.hour) } : {}),
    contacts: num(r.contacts),
    answered: num(r.answered),
    firstResponse: { seconds: r.fr_s.map(num), counts: r.fr_n.map(num) },
    resolution: { seconds: r.rs_s.map(num), counts: r.rs_n.map(num) },
  }))
}
