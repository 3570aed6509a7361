import { classifyTopics, type TopicTaxonomy } from '@touchstone/core/text'
import { chTime } from './response-filters.ts'
import type { ResponseRow, ResponseStore } from './response-store.ts'

/** Rows read per query: a page of comments stays a few MB. */
const PAGE = 5000

interface StoredRow {
  response_id: string
  survey_id: string
  survey_version: number | string
  person_id: string
  channel: string
  touchpoint: string
  stage: string
  language: string
  score_type: string
  score: number | string | null
  answers: string
  comment: string
  sentiment: number | string | null
  sentiment_label: string
  topics: string[]
  keyphrases: string[]
  complete: number | string
  created_ms: number | string
  updated_ms: number | string
  source: string
}

/** The topics a stored comment gets under `taxonomy`, analysed as at submit (survey language when known). */
export function topicsOf(comment: string, language: string, taxonomy: TopicTaxonomy): string[] {
  const lang = language === 'de' || language === 'en' ? language : undefined
  return classifyTopics(comment, { taxonomy, ...(lang ? { language: lang } : {}) }).map((t) => t.id)
}

function rewritten(workspaceId: string, r: StoredRow, topics: string[]): ResponseRow {
  let answers: Record<string, unknown> = {}
  try {
    answers = JSON.parse(r.answers) as Record<string, unknown>
  } catch {
    // Rows are written with valid JSON; an unreadable one keeps its other fields.
  }
  return {
    workspaceId,
    responseId: r.response_id,
    surveyId: r.survey_id,
    surveyVersion: Number(r.survey_version),
    personId: r.person_id,
    channel: r.channel,
    touchpoint: r.touchpoint,
    stage: r.stage,
    language: r.language,
    scoreType: r.score_type,
    score: r.score === null ? null : Number(r.score),
    answers,
    comment: r.comment,
    sentiment: r.sentiment === null ? null : Number(r.sentiment),
    sentimentLabel: r.sentiment_label,
    topics,
    keyphrases: r.keyphrases,
    complete: Number(r.complete) === 1,
    createdAt: Number(r.created_ms),
    // One millisecond newer than the version read: ReplacingMergeTree keeps this row, while a
    // real update racing the re-classification (a partial response completed meanwhile) is
    // newer still and wins.
    updatedAt: Number(r.updated_ms) + 1,
    source: r.source,
  }
}

/**
 * Re-assigns topics of a workspace's stored responses with a comment, created in [from, to),
 * in response-id order after `after`, at most `limit` of them. Only responses whose topics change
 * are rewritten, so a second run over the same range changes nothing.
 */
export async function reclassifyResponses(
  responses: ResponseStore,
  workspaceId: string,
  taxonomy: TopicTaxonomy,
  options: { from: Date; to: Date; after: string; limit: number },
): Promise<{ scanned: number; changed: number; next: string | null }> {
  let after = options.after
  let scanned = 0
  let changed = 0
  while (scanned < options.limit) {
    const page = Math.min(PAGE, options.limit - scanned)
    const rows = await responses.query<StoredRow>(
      `SELECT response_id, survey_id, survey_version, person_id, channel, touchpoint, stage, language,
              score_type, score, answers, comment, sentiment, sentiment_label, topics, keyphrases, complete,
              toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(updated_at) AS updated_ms,
              source
       FROM responses FINAL
       WHERE workspace_id = {ws:String} AND created_at >= {from:DateTime64(3, 'UTC')}
         AND created_at < {to:DateTime64(3, 'UTC')} AND comment != '' AND response_id > {after:String}
       ORDER BY response_id LIMIT {page:UInt32}`,
      { ws: workspaceId, from: chTime(options.from), to: chTime(options.to), after, page },
    )
    const updates: ResponseRow[] = []
    for (const r of rows) {
      const topics = topicsOf(r.comment, r.language, taxonomy)
      if (topics.join('\n') !== r.topics.join('\n')) updates.push(rewritten(workspaceId, r, topics))
    }
    if (updates.length > 0) await responses.write(updates)
    scanned += rows.length
    changed += updates.length
    if (rows.length < page) return { scanned, changed, next: null }
    after = rows[rows.length - 1]!.response_id
  }
  return { scanned, changed, next: after }
}
