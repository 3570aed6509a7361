import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { reachability, type ContactCounts, type DurationHistogram } from '@touchstone/core/stats'
import type { AppDeps } from '../app.ts'
import { TouchstoneError } from '../errors.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { parseRange, RangeQuery } from './analytics-params.ts'
import {
  CONTACT_EVENTS,
  contactGroups,
  LOOKAHEAD_DAYS,
  RESOLUTION_EVENT,
  type ContactChannel,
  type ContactGroup,
} from './reachability-query.ts'

const DEFAULT_TIME_ZONE = 'Europe/Berlin'

const ReachabilityQuery = Type.Object({
  ...RangeQuery,
  channel: Type.Optional(
    Type.Union(
      Object.keys(CONTACT_EVENTS).map((c) => Type.Literal(c)),
      { description: 'Only this contact channel' },
    ),
  ),
  breakdown: Type.Union([Type.Literal('channel'), Type.Literal('hour_of_week'), Type.Literal('touchpoint')], {
    default: 'channel',
    description: 'Groups within each channel: none, weekday × hour, or touchpoint',
  }),
  tz: Type.String({
    default: DEFAULT_TIME_ZONE,
    maxLength: 64,
    description: 'IANA time zone of weekday and hour (breakdown=hour_of_week)',
  }),
})
type ReachabilityQuery = Static<typeof ReachabilityQuery>

const Nullable = <T extends ReturnType<typeof Type.Number>>(t: T) => Type.Union([t, Type.Null()])
const Durations = Type.Object({
  n: Type.Integer(),
  medianSeconds: Nullable(Type.Number()),
  p90Seconds: Nullable(Type.Number()),
})
const Stats = {
  contacts: Type.Integer(),
  answered: Type.Integer(),
  unanswered: Type.Integer(),
  answerRate: Nullable(Type.Number({ description: 'answered ÷ contacts, 0…1' })),
  interval: Type.Object({ lower: Type.Number(), upper: Type.Number(), confidence: Type.Number() }),
  tooFewContacts: Type.Boolean(),
  firstResponse: Durations,
  resolution: Durations,
}
const Group = Type.Object({
  channel: Type.String(),
  touchpoint: Type.Optional(Type.String()),
  weekday: Type.Optional(Type.Integer({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' })),
  hour: Type.Optional(Type.Integer()),
  ...Stats,
})

const round = (x: number, digits: number) =>
  Number.isFinite(x) ? Math.round(x * 10 ** digits) / 10 ** digits : null

function mergeHistograms(parts: DurationHistogram[]): DurationHistogram {
  const merged = new Map<number, number>()
  for (const h of parts) h.seconds.forEach((s, i) => merged.set(s, (merged.get(s) ?? 0) + h.counts[i]!))
  return { seconds: [...merged.keys()], counts: [...merged.values()] }
}

function merge(groups: ContactCounts[]): ContactCounts {
  return {
    contacts: groups.reduce((s, g) => s + g.contacts, 0),
    answered: groups.reduce((s, g) => s + g.answered, 0),
    firstResponse: mergeHistograms(groups.map((g) => g.firstResponse)),
    resolution: mergeHistograms(groups.map((g) => g.resolution)),
  }
}

/** The JSON form of one group's reachability (core/stats), NaN as null. */
function stats(c: ContactCounts) {
  const r = reachability(c)
  const durations = (d: typeof r.firstResponse) => ({
    n: d.n,
    medianSeconds: round(d.medianSeconds, 1),
    p90Seconds: round(d.p90Seconds, 1),
  })
  return {
    contacts: r.contacts,
    answered: r.answered,
    unanswered: r.unanswered,
    answerRate: round(r.answerRate, 4),
    interval: {
      lower: round(r.interval.lower, 4)!,
      upper: round(r.interval.upper, 4)!,
      confidence: r.interval.confidence,
    },
    tooFewContacts: r.tooFewContacts,
    firstResponse: durations(r.firstResponse),
    resolution: durations(r.resolution),
  }
}

/** A time zone both Node (ICU) and ClickHouse know; a clear 400 otherwise. */
function checkTimeZone(tz: string): string {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz))
    throw new TouchstoneError('TS_BAD_REQUEST', `tz: "${tz}" is not an IANA time zone`)
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
  } catch {
    throw new TouchstoneError('TS_BAD_REQUEST', `tz: unknown time zone "${tz}" (e.g. Europe/Berlin, UTC)`)
  }
  return tz
}

/** `GET /api/metrics/reachability`: answer rates and response times of calls, e-mails and chats. */
export function reachabilityRoutes(deps: Pick<AppDeps, 'events' | 'keys'>) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/metrics/reachability',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['survey metrics'],
          security: [{ secretKey: [] }],
          summary:
            'Reachability of customer service: contacts, answer rate (Wilson 95 %), first-response and resolution time (median, p90) per channel, touchpoint or hour of week',
          description: `Contacts are ${Object.values(CONTACT_EVENTS)
            .map((c) => c.received)
            .join(', ')} events, paired with their answer (${Object.values(CONTACT_EVENTS)
            .map((c) => c.answered)
            .join(
              ', ',
            )}) by call_id, email_id, chat_id or contact_id; resolution is a ${RESOLUTION_EVENT} event naming the contact in contact_id. Answers and resolutions up to ${LOOKAHEAD_DAYS} days after \`to\` count.`,
          querystring: ReachabilityQuery,
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              timeZone: Type.String(),
              breakdown: Type.String(),
              total: Type.Object(Stats),
              channels: Type.Array(Type.Object({ channel: Type.String(), ...Stats })),
              groups: Type.Array(Group),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as ReachabilityQuery
        const range = parseRange(q)
        const timeZone = checkTimeZone(q.tz)
        const groups = await contactGroups(deps.events, workspaceId, range, {
          breakdown: q.breakdown,
          timeZone,
          ...(q.channel ? { channel: q.channel as ContactChannel } : {}),
        })
        const byChannel = new Map<string, ContactGroup[]>()
        for (const g of groups) byChannel.set(g.channel, [...(byChannel.get(g.channel) ?? []), g])
        return {
          from: new Date(range.fromMs).toISOString(),
          to: new Date(range.toMs).toISOString(),
          timeZone,
          breakdown: q.breakdown,
          total: stats(merge(groups)),
          channels: [...byChannel].map(([channel, parts]) => ({ channel, ...stats(merge(parts)) })),
          groups: groups.map((g) => ({
            channel: g.channel,
            ...(g.touchpoint !== undefined ? { touchpoint: g.touchpoint } : {}),
            ...(g.weekday !== undefined ? { weekday: g.weekday, hour: g.hour } : {}),
            ...stats(g),
          })),
        }
      },
    )
  }
}
