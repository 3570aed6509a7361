import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { JOURNEY_STAGES } from '@touchstone/core'
import type { ScoreType } from '@touchstone/core/surveys'
import type { AppDeps } from '../app.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { ResponseStore } from '../surveys/response-store.ts'
import { scorePoint, type ScoreCounts } from '../surveys/score-summary.ts'
import { num, parseRange, RangeQuery } from './analytics-params.ts'
import { compileStageRules, CONTACT_TYPES, resolvedEvents } from './resolved-events.ts'
import { stageRulesOf } from './stage-rules-source.ts'

const MatrixQuery = Type.Object({
  ...RangeQuery,
  metric: Type.Union([Type.Literal('nps'), Type.Literal('csat'), Type.Literal('ces')], {
    default: 'nps',
    description: 'The survey score of each cell',
  }),
})

const Cell = Type.Object({
  touchpoint: Type.String(),
  stage: Type.String(),
  contacts: Type.Integer({ description: 'track/page/screen events the stage rules place in this stage' }),
  persons: Type.Integer({ description: 'Distinct persons with such a contact' }),
  responses: Type.Integer({ description: 'Responses of the metric given at this touchpoint in this stage' }),
  score: Type.Union([Type.Number(), Type.Null()]),
  interval: Type.Union([Type.Object({ lower: Type.Number(), upper: Type.Number() }), Type.Null()]),
  tooFewResponses: Type.Boolean(),
  comments: Type.Integer({ description: 'Responses (any score type) with a comment and a sentiment' }),
  sentiment: Type.Union([Type.Number(), Type.Null()], { description: 'Mean comment sentiment, −1…1' }),
})

/** One (touchpoint, stage) cell while it is being filled from the two stores. */
interface Acc {
  contacts: number
  persons: number
  counts: ScoreCounts
  comments: number
  sentimentSum: number
}

/**
 * `GET /api/touchpoints/matrix`: touchpoint × journey stage with contact volume (events placed by
 * the workspace's stage rules), the survey score of the responses given there (stage as stored at
 * response time) and the mean comment sentiment — the data of the Touchpoints heatmap.
 */
export function touchpointMatrixRoutes(deps: AppDeps) {
  const responses = new ResponseStore(deps.events)
  return async (app: FastifyInstance) => {
    app.get(
      '/api/touchpoints/matrix',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['journey'],
          security: [{ secretKey: [] }],
          summary:
            'Touchpoint × journey stage: contacts, persons, survey score with interval, comment sentiment',
          querystring: MatrixQuery,
          response: {
            200: Type.Object({
              metric: Type.String(),
              from: Type.String(),
              to: Type.String(),
              stages: Type.Array(Type.String()),
              cells: Type.Array(Cell),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof MatrixQuery>
        const range = parseRange(q)
        const metric = q.metric as ScoreType
        const compiled = compileStageRules(await stageRulesOf(deps.meta, workspaceId))
        const params = { ws: workspaceId, from: range.from, to: range.to, metric, ...compiled.params }
        const [contactRows, scoreRows, sentimentRows] = await Promise.all([
          deps.events.query<{ touchpoint: string; stage: string; contacts: unknown; persons: unknown }>(
            `SELECT touchpoint, stage, count() AS contacts, uniqExact(person) AS persons
             FROM (${resolvedEvents(
               `e.touchpoint AS touchpoint, ${compiled.expression} AS stage`,
               `AND e.event_time >= {from:DateTime64(3, 'UTC')} AND e.event_time < {to:DateTime64(3, 'UTC')}
                AND ${CONTACT_TYPES}`,
             )})
             WHERE stage != '' GROUP BY touchpoint, stage`,
            params,
          ),
          responses.query<{ touchpoint: string; stage: string; score: unknown; n: unknown }>(
            `SELECT touchpoint, stage, score, count() AS n FROM responses FINAL
             WHERE workspace_id = {ws:String} AND created_at >= {from:DateTime64(3, 'UTC')}
               AND created_at < {to:DateTime64(3, 'UTC')} AND score_type = {metric:String}
               AND score IS NOT NULL
             GROUP BY touchpoint, stage, score`,
            params,
          ),
          responses.query<{ touchpoint: string; stage: string; comments: unknown; total: unknown }>(
            `SELECT touchpoint, stage, count() AS comments, sum(sentiment) AS total FROM responses FINAL
             WHERE workspace_id = {ws:String} AND created_at >= {from:DateTime64(3, 'UTC')}
               AND created_at < {to:DateTime64(3, 'UTC')} AND comment != '' AND sentiment IS NOT NULL
             GROUP BY touchpoint, stage`,
            params,
          ),
        ])
        const cells = new Map<string, Acc & { touchpoint: string; stage: string }>()
        const cell = (touchpoint: string, stage: string) => {
          const key = `${touchpoint}\u0000${stage}`
          let acc = cells.get(key)
          if (!acc) {
            acc = {
              touchpoint,
              stage,
              contacts: 0,
              persons: 0,
              counts: new Map(),
              comments: 0,
              sentimentSum: 0,
            }
            cells.set(key, acc)
          }
          return acc
        }
        for (const r of contactRows) {
          const acc = cell(r.touchpoint, r.stage)
          acc.contacts = num(r.contacts)
          acc.persons = num(r.persons)
        }
        for (const r of scoreRows) {
          const acc = cell(r.touchpoint, r.stage)
          acc.counts.set(num(r.score), (acc.counts.get(num(r.score)) ?? 0) + num(r.n))
        }
        for (const r of sentimentRows) {
          const acc = cell(r.touchpoint, r.stage)
          acc.comments = num(r.comments)
          acc.sentimentSum = num(r.total)
        }
        const order = (s: string) => {
          const i = (JOURNEY_STAGES as readonly string[]).indexOf(s)
          return i < 0 ? JOURNEY_STAGES.length : i
        }
        return {
          metric,
          from: new Date(range.fromMs).toISOString(),
          to: new Date(range.toMs).toISOString(),
          stages: [...JOURNEY_STAGES],
          cells: [...cells.values()]
            .sort((a, b) => a.touchpoint.localeCompare(b.touchpoint) || order(a.stage) - order(b.stage))
            .map((c) => {
              const point = scorePoint(metric, c.counts)
              const scored = point.n > 0 && point.score !== null
              return {
                touchpoint: c.touchpoint,
                stage: c.stage,
                contacts: c.contacts,
                persons: c.persons,
                responses: point.n,
                score: scored ? point.score : null,
                interval: scored ? { lower: point.interval.lower, upper: point.interval.upper } : null,
                tooFewResponses: point.tooFewResponses,
                comments: c.comments,
                sentiment: c.comments > 0 ? Math.round((1000 * c.sentimentSum) / c.comments) / 1000 : null,
              }
            }),
        }
      },
    )
  }
}
