import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { KeyService } from '../auth/api-keys.ts'
import { callerWith } from './api-access.ts'
import { ResponseFilterQuery, responseWhere, timeRange } from './response-filters.ts'
import type { ResponseStore } from './response-store.ts'

const KeyphraseQuery = Type.Composite([
  ResponseFilterQuery,
  Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 30 }) }),
])

/** `GET /api/metrics/keyphrases`: the phrases comments mention most, with their mean sentiment. */
export function keyphraseRoutes(deps: { keys: KeyService; responses: ResponseStore }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/metrics/keyphrases',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['survey metrics'],
          security: [{ secretKey: [] }],
          summary:
            'Top keyphrases of comments (same filters as /api/responses): comments mentioning each, mean sentiment',
          querystring: KeyphraseQuery,
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              items: Type.Array(
                Type.Object({
                  phrase: Type.String(),
                  comments: Type.Integer({ description: 'Comments mentioning the phrase' }),
                  meanSentiment: Type.Union([Type.Number(), Type.Null()]),
                  negative: Type.Integer({ description: 'Of those, comments with negative sentiment' }),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const q = request.query as Static<typeof KeyphraseQuery>
        const range = timeRange(q)
        const { where, params } = responseWhere(workspaceId, q, range)
        // arrayDistinct: a phrase repeated in one comment counts that comment once.
        const rows = await deps.responses.query<{
          phrase: string
          comments: string | number
          mean: number | null
          negative: string | number
        }>(
          `SELECT phrase, count() AS comments, avgOrNull(sentiment) AS mean,
                  countIf(sentiment_label = 'negative') AS negative
           FROM (SELECT arrayJoin(arrayDistinct(keyphrases)) AS phrase, sentiment, sentiment_label
                 FROM responses FINAL WHERE ${where} AND comment != '')
           GROUP BY phrase ORDER BY comments DESC, phrase LIMIT {limit:UInt32}`,
          { ...params, limit: q.limit },
        )
        return {
          from: range.from.toISOString(),
          to: range.to.toISOString(),
          items: rows.map((r) => ({
            phrase: r.phrase,
            comments: Number(r.comments),
            meanSentiment: r.mean === null ? null : Math.round(Number(r.mean) * 1000) / 1000,
            negative: Number(r.negative),
          })),
        }
      },
    )
  }
}
