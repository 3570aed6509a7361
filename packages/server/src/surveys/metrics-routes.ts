import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { topicSentimentMatrix } from '@touchstone/core/text'
import { chTime } from '../analytics/analytics-params.ts'
import type { BreakdownSource } from '../analytics/breakdown-source.ts'
import type { KeyService } from '../auth/api-keys.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { callerWith } from './api-access.ts'
import {
  COLUMN_BREAKDOWNS,
  groupedResponses,
  NOT_SET,
  parseBreakdown,
  resolvedResponses,
} from './metric-breakdowns.ts'
import { ResponseFilterQuery, responseWhere, timeRange } from './response-filters.ts'
import type { ResponseStore } from './response-store.ts'
import { scoreChange, scorePoint, type ScoreCounts } from './score-summary.ts'
import type { ScoreType } from '@touchstone/core/surveys'

const DAY_MS = 86_400_000

/** Time buckets (UTC) and the SQL that starts each; fixed strings, never built from input. */
const BUCKETS = {
  day: 'toDate(created_at)',
  week: 'toMonday(created_at)',
  month: 'toStartOfMonth(created_at)',
} as const

const MetricQuery = Type.Composite([
  ResponseFilterQuery,
  Type.Object({
    interval: Type.Union([Type.Literal('day'), Type.Literal('week'), Type.Literal('month')], {
      default: 'week',
    }),
    breakdown: Type.String({
      default: 'none',
      maxLength: 80,
      description: `${Object.keys(COLUMN_BREAKDOWNS).join(', ')}; persona (the personas of GET /api/personas); trait:<name> (the person's latest trait value, e.g. trait:plan or trait:address.city)`,
    }),
  }),
])
type MetricQuery = Static<typeof MetricQuery> & { interval: keyof typeof BUCKETS }

const Interval = Type.Object({ lower: Type.Number(), upper: Type.Number(), confidence: Type.Number() })
const Point = Type.Object({
  n: Type.Integer(),
  score: Type.Union([Type.Number(), Type.Null()]),
  interval: Interval,
  distribution: Type.Record(Type.String(), Type.Integer()),
  tooFewResponses: Type.Boolean(),
})
const MetricAnswer = Type.Object({
  metric: Type.String(),
  from: Type.String(),
  to: Type.String(),
  interval: Type.String(),
  breakdown: Type.String(),
  previous: Type.Object({ from: Type.String(), to: Type.String() }),
  groups: Type.Array(
    Type.Object({
      group: Type.String(),
      total: Point,
      previousTotal: Type.Object({ n: Type.Integer(), score: Type.Union([Type.Number(), Type.Null()]) }),
      change: Type.Union([
        Type.Null(),
        Type.Object({
          difference: Type.Number(),
          interval: Interval,
          standardError: Type.Number(),
          statistic: Type.Number(),
          degreesOfFreedom: Type.Union([Type.Number(), Type.Null()]),
          pValue: Type.Number(),
          significant: Type.Boolean(),
          tooFewResponses: Type.Boolean(),
        }),
      ]),
      buckets: Type.Array(Type.Composite([Type.Object({ start: Type.String() }), Point])),
    }),
  ),
})

function add(map: Map<string, ScoreCounts>, key: string, score: number, n: number): void {
  let counts = map.get(key)
  if (!counts) map.set(key, (counts = new Map()))
  counts.set(score, (counts.get(score) ?? 0) + n)
}

/** Survey metrics: NPS, CSAT, CES with intervals and change, response rates, topic × sentiment. */
export function metricsRoutes(deps: {
  keys: KeyService
  meta: MetaStore
  events: EventStore
  responses: ResponseStore
  /** The persona fits shared with the analytics breakdowns. */
  breakdowns: BreakdownSource
}) {
  const tags = ['survey metrics']
  const security = [{ secretKey: [] }]
  /**
   * Persona name of every person: the personas GET /api/personas shows with its defaults (the
   * year up to this minute), from the BreakdownSource the analytics breakdowns use.
   */
  const personas = async (ws: string) => {
    const toMs = Math.floor(Date.now() / 60_000) * 60_000
    const fromMs = toMs - 365 * DAY_MS
    const range = { fromMs, toMs, from: chTime(fromMs), to: chTime(toMs) }
    return (await deps.breakdowns.groups(ws, range, { kind: 'persona' })).map()
  }

  /** Answer counts per bucket, group and score of the responses matching `where`. */
  async function countsBy(
    q: MetricQuery,
    where: { where: string; params: Record<string, unknown> },
    withBuckets: boolean,
  ): Promise<Array<{ bucket: string; grp: string; score: number; n: string | number }>> {
    const b = parseBreakdown(q.breakdown)
    // Grouping by the Date (and UUID) and formatting only the groups saves a string per row.
    const bucket = withBuckets ? BUCKETS[q.interval] : "''"
    if (b.kind === 'persona') {
      const [rows, names] = await Promise.all([
        deps.responses.query<{ bucket: string; grp: string; score: number; n: string | number }>(
          `SELECT toString(b) AS bucket, toString(p) AS grp, score, count() AS n
           FROM (${resolvedResponses(where.where)}) GROUP BY ${bucket} AS b, person AS p, score`,
          where.params,
        ),
        personas(where.params.ws as string),
      ])
      return rows
        .map((r) => ({ ...r, grp: names.get(r.grp) ?? NOT_SET }))
        .sort((a, b) => (a.bucket < b.bucket ? -1 : a.bucket > b.bucket ? 1 : 0))
    }
    const source = groupedResponses(b, where.where)
    return deps.responses.query(
      `SELECT toString(b) AS bucket, grp, score, count() AS n FROM (${source.sql})
       GROUP BY ${bucket} AS b, grp, score ORDER BY b, grp, score`,
      { ...where.params, ...source.params },
    )
  }

  async function metric(workspaceId: string, kind: ScoreType, q: MetricQuery) {
    const range = timeRange(q)
    const span = range.to.getTime() - range.from.getTime()
    const previous = { from: new Date(range.from.getTime() - span), to: range.from }
    const filter = { ...q, scoreType: kind }
    const current = responseWhere(workspaceId, filter, range)
    const before = responseWhere(workspaceId, filter, previous)
    const [rows, prevRows] = await Promise.all([countsBy(q, current, true), countsBy(q, before, false)])
    const totals = new Map<string, ScoreCounts>()
    const buckets = new Map<string, Map<string, ScoreCounts>>()
    for (const r of rows) {
      add(totals, r.grp, Number(r.score), Number(r.n))
      let byBucket = buckets.get(r.grp)
      if (!byBucket) buckets.set(r.grp, (byBucket = new Map()))
      add(byBucket, r.bucket, Number(r.score), Number(r.n))
    }
    const prevTotals = new Map<string, ScoreCounts>()
    for (const r of prevRows) add(prevTotals, r.grp, Number(r.score), Number(r.n))
    const groups = [...totals.keys()].sort().map((grp) => {
      const total = scorePoint(kind, totals.get(grp)!)
      const prev = prevTotals.get(grp) ?? new Map<number, number>()
      const prevPoint = scorePoint(kind, prev)
      return {
        group: q.breakdown === 'none' ? 'all' : grp,
        total,
        previousTotal: { n: prevPoint.n, score: prevPoint.score },
        change: scoreChange(kind, prev, totals.get(grp)!),
        buckets: [...buckets.get(grp)!].map(([start, counts]) => ({
          start: `${start}T00:00:00.000Z`,
          ...scorePoint(kind, counts),
        })),
      }
    })
    return {
      metric: kind,
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      interval: q.interval,
      breakdown: q.breakdown,
      previous: { from: previous.from.toISOString(), to: previous.to.toISOString() },
      groups,
    }
  }

  return async (app: FastifyInstance) => {
    const summaries: Record<ScoreType, string> = {
      nps: 'Net Promoter Score (%promoters 9–10 − %detractors 0–6) with its adjusted-Wald interval',
      csat: 'CSAT (share of 4–5 on 1–5) with its Wilson interval',
      ces: 'CES (mean on 1–7) with its t interval',
    }
    for (const kind of ['nps', 'csat', 'ces'] as const) {
      app.get(
        `/api/metrics/${kind}`,
        {
          config: { permission: 'analytics.read' },
          schema: {
            tags,
            security,
            summary: `${summaries[kind]}, per bucket and group, with the change against the previous period`,
            querystring: MetricQuery,
            response: { 200: MetricAnswer },
          },
        },
        async (request) => {
          const { workspaceId } = await callerWith(request, deps.keys)
          return metric(workspaceId, kind, request.query as MetricQuery)
        },
      )
    }

    app.get(
      '/api/metrics/response-rates',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: 'Response rates per survey and channel (÷ sent for e-mail/SMS, ÷ shown for link/web/app)',
          querystring: Type.Object({ from: Type.Optional(Type.String()), to: Type.Optional(Type.String()) }),
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              items: Type.Array(
                Type.Object({
                  surveyId: Type.String(),
                  channel: Type.String(),
                  invited: Type.Integer(),
                  sent: Type.Integer(),
                  shown: Type.Integer(),
                  answered: Type.Integer(),
                  failed: Type.Integer(),
                  base: Type.String({ description: 'What the rate divides by: sent, shown or invited' }),
                  responseRate: Type.Union([Type.Number(), Type.Null()]),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const range = timeRange(request.query as { from?: string; to?: string })
        const counts = await deps.meta.surveys.invitationCounts(workspaceId, range.from, range.to)
        return {
          from: range.from.toISOString(),
          to: range.to.toISOString(),
          items: counts.map((c) => {
            // Answered invitations were necessarily delivered and shown, even without a report.
            const sent = Math.max(c.sent, c.answered)
            const shown = Math.max(c.opened, c.answered)
            const base =
              c.channel === 'email' || c.channel === 'sms'
                ? 'sent'
                : c.channel === 'phone-agent'
                  ? 'invited'
                  : 'shown'
            const denominator = base === 'sent' ? sent : base === 'shown' ? shown : c.created
            return {
              surveyId: c.surveyId,
              channel: c.channel,
              invited: c.created,
              sent,
              shown,
              answered: c.answered,
              failed: c.failed,
              base,
              responseRate: denominator > 0 ? Math.round((1000 * c.answered) / denominator) / 1000 : null,
            }
          }),
        }
      },
    )

    app.get(
      '/api/metrics/topics',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: 'Topic × sentiment of comments: mentions, counts per label, mean and net sentiment',
          querystring: ResponseFilterQuery,
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              comments: Type.Integer(),
              items: Type.Array(
                Type.Object({
                  topic: Type.String(),
                  mentions: Type.Integer(),
                  counts: Type.Object({
                    negative: Type.Integer(),
                    neutral: Type.Integer(),
                    positive: Type.Integer(),
                  }),
                  meanScore: Type.Number(),
                  netSentiment: Type.Number(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const q = request.query as ResponseFilterQuery
        const range = timeRange(q)
        const { where, params } = responseWhere(workspaceId, q, range)
        const rows = await deps.responses.query<{ topics: string[]; label: string; sentiment: number }>(
          `SELECT topics, sentiment_label AS label, sentiment FROM responses FINAL
           WHERE ${where} AND comment != '' AND sentiment IS NOT NULL`,
          params,
        )
        const items = topicSentimentMatrix(
          rows.map((r) => ({
            topics: r.topics,
            sentiment: { label: r.label as 'negative' | 'neutral' | 'positive', score: Number(r.sentiment) },
          })),
          { includeUncategorised: true },
        )
        return { from: range.from.toISOString(), to: range.to.toISOString(), comments: rows.length, items }
      },
    )
  }
}
