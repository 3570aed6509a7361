import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import { CASE_WORKERS, callerWith } from './api-access.ts'
import { csvLine } from './csv.ts'
import { ResponseFilterQuery, responseWhere, timeRange } from './response-filters.ts'
import { submitResponse, type ResponseServiceDeps } from './response-service.ts'
import { AnswerBody } from './survey-schemas.ts'

const COLUMNS = [
  'response_id',
  'survey_id',
  'survey_version',
  'person_id',
  'channel',
  'touchpoint',
  'stage',
  'language',
  'score_type',
  'score',
  'comment',
  'sentiment',
  'sentiment_label',
  'topics',
  'answers',
  'complete',
  'created_at',
] as const

type Row = Record<(typeof COLUMNS)[number], unknown>

const ResponseView = Type.Object({
  responseId: Type.String(),
  surveyId: Type.String(),
  surveyVersion: Type.Integer(),
  personId: Type.String(),
  channel: Type.String(),
  touchpoint: Type.String(),
  stage: Type.String(),
  language: Type.String(),
  scoreType: Type.String(),
  score: Type.Union([Type.Integer(), Type.Null()]),
  comment: Type.String(),
  sentiment: Type.Union([Type.Number(), Type.Null()]),
  sentimentLabel: Type.String(),
  topics: Type.Array(Type.String()),
  answers: Type.Record(Type.String(), Type.Unknown()),
  complete: Type.Boolean(),
  createdAt: Type.String(),
})

function toView(r: Row): Static<typeof ResponseView> {
  let answers: Record<string, unknown> = {}
  try {
    answers = JSON.parse(String(r.answers)) as Record<string, unknown>
  } catch {
    // A row is never written with broken JSON; an empty object keeps one bad row from failing a page.
  }
  return {
    responseId: String(r.response_id),
    surveyId: String(r.survey_id),
    surveyVersion: Number(r.survey_version),
    personId: String(r.person_id),
    channel: String(r.channel),
    touchpoint: String(r.touchpoint),
    stage: String(r.stage),
    language: String(r.language),
    scoreType: String(r.score_type),
    score: r.score === null ? null : Number(r.score),
    comment: String(r.comment),
    sentiment: r.sentiment === null ? null : Number(r.sentiment),
    sentimentLabel: String(r.sentiment_label),
    topics: r.topics as string[],
    answers,
    complete: Number(r.complete) === 1,
    createdAt: `${String(r.created_at).replace(' ', 'T')}Z`,
  }
}

/** Responses: list, CSV export with every filter, and answers recorded by an agent or an SMS gateway. */
export function responseRoutes(deps: ResponseServiceDeps & { keys: KeyService }) {
  const tags = ['survey responses']
  const security = [{ secretKey: [] }]

  return async (app: FastifyInstance) => {
    const ListQuery = Type.Composite([
      ResponseFilterQuery,
      Type.Object({
        limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
        offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
      }),
    ])
    app.get(
      '/api/responses',
      {
        config: { permission: 'responses.read' },
        schema: {
          tags,
          security,
          summary: 'Survey responses, newest first, with filters',
          querystring: ListQuery,
          response: { 200: Type.Object({ items: Type.Array(ResponseView), total: Type.Integer() }) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const q = request.query as Static<typeof ListQuery>
        const { where, params } = responseWhere(workspaceId, q, timeRange(q))
        const [rows, count] = await Promise.all([
          deps.responses.query<Row>(
            `SELECT ${COLUMNS.join(', ')} FROM responses FINAL WHERE ${where}
             ORDER BY created_at DESC, response_id LIMIT {limit:UInt32} OFFSET {offset:UInt32}`,
            { ...params, limit: q.limit, offset: q.offset },
          ),
          deps.responses.query<{ n: string | number }>(
            `SELECT count() AS n FROM responses FINAL WHERE ${where}`,
            params,
          ),
        ])
        return { items: rows.map(toView), total: Number(count[0]?.n ?? 0) }
      },
    )

    app.get(
      '/api/responses.csv',
      {
        config: { permission: 'responses.export' },
        schema: {
          tags,
          security,
          summary: 'CSV export of responses (UTF-8, RFC 4180), with the same filters as /api/responses',
          querystring: ResponseFilterQuery,
        },
      },
      async (request, reply) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const q = request.query as ResponseFilterQuery
        const { where, params } = responseWhere(workspaceId, q, timeRange(q))
        const rows = await deps.responses.query<Row>(
          `SELECT ${COLUMNS.join(', ')} FROM responses FINAL WHERE ${where} ORDER BY created_at, response_id LIMIT 1000000`,
          params,
        )
        // A BOM lets spreadsheet programs read the umlauts of German comments as UTF-8.
        let out = `\ufeff${csvLine([...COLUMNS])}`
        for (const r of rows)
          out += csvLine(
            COLUMNS.map((c) => (c === 'created_at' ? `${String(r[c]).replace(' ', 'T')}Z` : r[c])),
          )
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="responses.csv"')
          .send(out)
      },
    )

    app.post(
      '/api/invitations/:id/response',
      {
        config: { permission: 'responses.record' },
        schema: {
          tags,
          security,
          summary: 'Record answers for an invitation (a phone agent typing them, an SMS gateway); idempotent',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: AnswerBody,
          response: {
            200: Type.Object({
              state: Type.String(),
              responseId: Type.String(),
              duplicate: Type.Optional(Type.Boolean()),
              caseId: Type.Optional(Type.String()),
              missing: Type.Optional(Type.Array(Type.String())),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys, CASE_WORKERS, 'recording answers')
        const { id } = request.params as { id: string }
        const body = request.body as AnswerBody
        const inv = await deps.meta.surveys.getInvitation(id)
        if (!inv || inv.workspaceId !== workspaceId)
          throw new TouchstoneError('TS_NOT_FOUND', `no invitation ${id} in this workspace`)
        const result = await submitResponse(
          deps,
          inv,
          { ...body.answers, ...(body.comment !== undefined ? { comment: body.comment } : {}) },
          { language: body.language ?? inv.language ?? 'de' },
        )
        if (result.state === 'invalid')
          throw new TouchstoneError('TS_BAD_REQUEST', result.errors.join('; '), { errors: result.errors })
        return result
      },
    )
  }
}
