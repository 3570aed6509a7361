import { Type, type Static } from '@sinclair/typebox'
import { TouchstoneError } from '../errors.ts'
import { parseDateParam } from './api-access.ts'

/** Filters every response query takes (metrics, topics, lists, CSV). */
export const ResponseFilterQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'ISO date/time, inclusive; default 90 days before `to`' })),
  to: Type.Optional(Type.String({ description: 'ISO date/time, exclusive; default now' })),
  survey: Type.Optional(Type.String({ format: 'uuid' })),
  channel: Type.Optional(Type.String({ maxLength: 40 })),
  touchpoint: Type.Optional(Type.String({ maxLength: 80 })),
  person: Type.Optional(
    Type.String({
      format: 'uuid',
      description: 'Responses of this person, including those of person ids merged into it',
    }),
  ),
  language: Type.Optional(Type.String({ maxLength: 10 })),
  stage: Type.Optional(Type.String({ maxLength: 40 })),
  scoreType: Type.Optional(Type.Union([Type.Literal('nps'), Type.Literal('csat'), Type.Literal('ces')])),
  minScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  maxScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 10 })),
  sentiment: Type.Optional(
    Type.Union([Type.Literal('negative'), Type.Literal('neutral'), Type.Literal('positive')]),
  ),
  topic: Type.Optional(Type.String({ maxLength: 80 })),
  q: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Full-text search: comments containing this text (case-insensitive)',
    }),
  ),
  complete: Type.Optional(
    Type.Boolean({ description: 'true: complete responses only; false: partial only' }),
  ),
})
export type ResponseFilterQuery = Static<typeof ResponseFilterQuery>

const DAY_MS = 86_400_000

/** ClickHouse's DateTime64 text form in UTC. */
export function chTime(d: Date): string {
  return d.toISOString().slice(0, 23).replace('T', ' ')
}

/** The time range of a query: [from, to), at most about ten years. */
export function timeRange(q: { from?: string; to?: string }): { from: Date; to: Date } {
  const to = parseDateParam(q.to, 'to', new Date())
  const from = parseDateParam(q.from, 'from', new Date(to.getTime() - 90 * DAY_MS))
  if (from >= to) throw new TouchstoneError('TS_BAD_REQUEST', 'from must be before to')
  if (to.getTime() - from.getTime() > 3700 * DAY_MS)
    throw new TouchstoneError('TS_BAD_REQUEST', 'the range may span at most ten years')
  return { from, to }
}

/**
 * The WHERE clause and bound parameters of a response query. Only fixed column names appear in
 * the SQL; every value is a `{name:Type}` parameter.
 */
export function responseWhere(
  workspaceId: string,
  q: ResponseFilterQuery,
  range: { from: Date; to: Date },
): { where: string; params: Record<string, unknown> } {
  const parts = [
    'workspace_id = {ws:String}',
    "created_at >= {from:DateTime64(3, 'UTC')}",
    "created_at < {to:DateTime64(3, 'UTC')}",
  ]
  const params: Record<string, unknown> = { ws: workspaceId, from: chTime(range.from), to: chTime(range.to) }
  const eq = (column: string, name: string, value: string | undefined) => {
    if (value === undefined) return
    parts.push(`${column} = {${name}:String}`)
    params[name] = value
  }
  eq('survey_id', 'survey', q.survey)
  eq('channel', 'channel', q.channel)
  eq('touchpoint', 'touchpoint', q.touchpoint)
  eq('language', 'language', q.language)
  eq('stage', 'stage', q.stage)
  eq('score_type', 'scoreType', q.scoreType)
  eq('sentiment_label', 'sentiment', q.sentiment)
  if (q.person !== undefined) {
    // A merge keeps the old person id on the response; person_overrides maps it to the survivor.
    parts.push(`(person_id = {person:UUID} OR person_id IN (SELECT old_person_id FROM person_overrides
      WHERE workspace_id = {ws:String} GROUP BY old_person_id HAVING argMax(new_person_id, version) = {person:UUID}))`)
    params.person = q.person
  }
  if (q.topic !== undefined) {
    parts.push('has(topics, {topic:String})')
    params.topic = q.topic
  }
  if (q.q !== undefined) {
    // Substring match without LIKE wildcards, so % and _ in the search text mean themselves.
    parts.push('positionCaseInsensitiveUTF8(comment, {q:String}) > 0')
    params.q = q.q
  }
  if (q.minScore !== undefined) {
    parts.push('score >= {minScore:UInt8}')
    params.minScore = q.minScore
  }
  if (q.maxScore !== undefined) {
    parts.push('score <= {maxScore:UInt8}')
    params.maxScore = q.maxScore
  }
  if (q.complete !== undefined) parts.push(q.complete ? 'complete = 1' : 'complete = 0')
  return { where: parts.join(' AND '), params }
}
