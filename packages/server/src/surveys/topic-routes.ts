import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import {
  DEFAULT_TOPIC_TAXONOMY,
  normaliseTopicTaxonomy,
  suggestTopics,
  topicTaxonomyProblems,
  type TopicSuggestion,
  type TopicTaxonomy,
} from '@touchstone/core/text'
import type { AppDeps } from '../app.ts'
import { TouchstoneError } from '../errors.ts'
import { SETTINGS_WRITERS, callerWith } from './api-access.ts'
import { chTime, timeRange } from './response-filters.ts'
import { reclassifyResponses } from './reclassify-topics.ts'
import type { ResponseStore } from './response-store.ts'
import { TOPICS_SETTING, topicTaxonomyCache } from './topic-taxonomy-source.ts'

const tags = ['topics']
const security = [{ secretKey: [] }]

const Words = Type.Array(Type.String())
const Topic = Type.Object({
  id: Type.String(),
  label: Type.Object({ de: Type.String(), en: Type.String() }),
  keywords: Type.Object({ de: Words, en: Words }),
  exclude: Type.Optional(Type.Object({ de: Type.Optional(Words), en: Type.Optional(Words) })),
})
const TaxonomyAnswer = Type.Object({
  custom: Type.Boolean({ description: 'true when the workspace uses its own taxonomy' }),
  topics: Type.Array(Topic),
  defaults: Type.Array(Topic),
})
const PutBody = Type.Object({
  // Topics are checked by topicTaxonomyProblems (every problem listed at once), not by the schema.
  topics: Type.Array(Type.Unknown(), {
    maxItems: 1000,
    description:
      'Topics { id, label: { de, en }, keywords: { de: [...], en: [...] }, exclude?: { de?, en? } }; ' +
      'keyword syntax: word (by stem), "two words", prefix*, *suffix',
  }),
})
const RangeQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'ISO date/time, inclusive; default 90 days before `to`' })),
  to: Type.Optional(Type.String({ description: 'ISO date/time, exclusive; default now' })),
})
const ReclassifyQuery = Type.Composite([
  RangeQuery,
  Type.Object({
    after: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'Continue after this response id (`next` of the last call)',
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 50_000, default: 50_000, description: 'Responses per call' }),
  }),
])
const SuggestionsQuery = Type.Composite([
  RangeQuery,
  Type.Object({
    minCount: Type.Integer({ minimum: 1, maximum: 10_000, default: 3 }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
  }),
])
/** The most recent comments a suggestion request reads; more adds time, not new phrases. */
const SUGGESTION_COMMENTS = 20_000

/** `/api/topics`: a workspace's topic taxonomy, re-classifying stored responses, and new-topic suggestions. */
export function topicRoutes(deps: AppDeps & { responses: ResponseStore }) {
  const cache = topicTaxonomyCache(deps.meta)
  const answer = async (workspaceId: string): Promise<Static<typeof TaxonomyAnswer>> => {
    cache.forget(workspaceId)
    const { taxonomy, custom } = await cache.get(workspaceId)
    return {
      custom,
      topics: normaliseTopicTaxonomy(taxonomy).topics as Static<typeof Topic>[],
      defaults: normaliseTopicTaxonomy(DEFAULT_TOPIC_TAXONOMY).topics as Static<typeof Topic>[],
    }
  }
  return async (app: FastifyInstance) => {
    app.get(
      '/api/topics',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: "The workspace's topic taxonomy (its own or the default) and the default",
          response: { 200: TaxonomyAnswer },
        },
      },
      async (request) => answer((await callerWith(request, deps.keys)).workspaceId),
    )

    app.put(
      '/api/topics',
      {
        config: { permission: 'settings.write' },
        schema: {
          tags,
          security,
          summary:
            'Replaces the topic taxonomy (owner or admin); new responses use it at once, ' +
            'stored ones after POST /api/topics/reclassify. 400 lists every problem',
          body: PutBody,
          response: { 200: TaxonomyAnswer },
        },
      },
      async (request) => {
        const caller = await callerWith(request, deps.keys, SETTINGS_WRITERS, 'changing the topics')
        const body = request.body as Static<typeof PutBody>
        const problems = topicTaxonomyProblems(body)
        if (problems.length > 0)
          throw new TouchstoneError('TS_BAD_REQUEST', `invalid topics: ${problems.join('; ')}`, { problems })
        const taxonomy = normaliseTopicTaxonomy(body as unknown as TopicTaxonomy)
        await deps.meta.updateWorkspaceSettings(caller.workspaceId, { [TOPICS_SETTING]: { taxonomy } })
        await deps.audit.record({ ...caller, ip: request.ip }, 'settings.changed', 'topics', {
          topics: taxonomy.topics.map((t) => t.id),
        })
        return answer(caller.workspaceId)
      },
    )

    app.delete(
      '/api/topics',
      {
        config: { permission: 'settings.write' },
        schema: {
          tags,
          security,
          summary: 'Returns the workspace to the default topic taxonomy (owner or admin)',
          response: { 200: TaxonomyAnswer },
        },
      },
      async (request) => {
        const caller = await callerWith(request, deps.keys, SETTINGS_WRITERS, 'changing the topics')
        await deps.meta.updateWorkspaceSettings(caller.workspaceId, { [TOPICS_SETTING]: {} })
        await deps.audit.record({ ...caller, ip: request.ip }, 'settings.changed', 'topics', { reset: true })
        return answer(caller.workspaceId)
      },
    )

    app.post(
      '/api/topics/reclassify',
      {
        config: { permission: 'settings.write' },
        schema: {
          tags,
          security,
          summary:
            'Re-assigns the topics of stored responses (created in [from, to)) under the current taxonomy. ' +
            'Idempotent; works through at most `limit` responses per call, continue with `after` = `next`',
          querystring: ReclassifyQuery,
          response: {
            200: Type.Object({
              scanned: Type.Integer({ description: 'Responses with a comment that were checked' }),
              changed: Type.Integer({ description: 'Of those, responses whose topics changed (rewritten)' }),
              next: Type.Union([Type.String(), Type.Null()], {
                description: 'Pass as `after` to continue; null when done',
              }),
            }),
          },
        },
      },
      async (request) => {
        const caller = await callerWith(request, deps.keys, SETTINGS_WRITERS, 're-classifying responses')
        const q = request.query as Static<typeof ReclassifyQuery>
        const range = timeRange(q)
        const { taxonomy } = await cache.get(caller.workspaceId)
        return reclassifyResponses(deps.responses, caller.workspaceId, taxonomy, {
          ...range,
          after: q.after ?? '',
          limit: q.limit,
        })
      },
    )

    app.get(
      '/api/topics/suggestions',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Candidate new topics: keyphrases recurring in comments that no topic of the taxonomy matches ' +
            `(the ${SUGGESTION_COMMENTS.toLocaleString('en')} most recent comments of the range)`,
          querystring: SuggestionsQuery,
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              comments: Type.Integer({ description: 'Comments read' }),
              items: Type.Array(
                Type.Object({
                  phrase: Type.String(),
                  language: Type.String(),
                  count: Type.Integer({ description: 'Uncategorised comments mentioning it' }),
                  examples: Type.Array(Type.String()),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const q = request.query as Static<typeof SuggestionsQuery>
        const range = timeRange(q)
        const { taxonomy } = await cache.get(workspaceId)
        const rows = await deps.responses.query<{ comment: string; language: string }>(
          `SELECT comment, language FROM responses FINAL
           WHERE workspace_id = {ws:String} AND created_at >= {from:DateTime64(3, 'UTC')}
             AND created_at < {to:DateTime64(3, 'UTC')} AND comment != ''
           ORDER BY created_at DESC LIMIT {n:UInt32}`,
          { ws: workspaceId, from: chTime(range.from), to: chTime(range.to), n: SUGGESTION_COMMENTS },
        )
        // Comments of a known survey language are analysed in it (as when they were stored).
        const groups: Record<'de' | 'en' | 'other', string[]> = { de: [], en: [], other: [] }
        for (const r of rows)
          groups[r.language === 'de' || r.language === 'en' ? r.language : 'other'].push(r.comment)
        const options = { taxonomy, minCount: q.minCount, limit: q.limit }
        const found: TopicSuggestion[] = [
          ...suggestTopics(groups.de, { ...options, language: 'de' }),
          ...suggestTopics(groups.en, { ...options, language: 'en' }),
          ...suggestTopics(groups.other, options),
        ]
        // The same phrase found in two groups is one suggestion.
        const merged = new Map<string, TopicSuggestion>()
        for (const s of found) {
          const key = `${s.language}:${s.key}`
          const m = merged.get(key)
          if (m) {
            m.count += s.count
            m.examples = [...m.examples, ...s.examples].slice(0, 3)
          } else merged.set(key, { ...s })
        }
        const items = [...merged.values()]
          .sort((a, b) => b.count - a.count || a.phrase.localeCompare(b.phrase))
          .slice(0, q.limit)
          .map((s) => ({ phrase: s.phrase, language: s.language, count: s.count, examples: s.examples }))
        return { from: range.from.toISOString(), to: range.to.toISOString(), comments: rows.length, items }
      },
    )
  }
}
