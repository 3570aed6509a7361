import { wellFormedJson } from '../stores/events/well-formed-json.ts'
import type { EventStore } from '../stores/events/event-store.ts'

/** One survey response as stored in the event store's `responses` table (times as epoch ms). */
export interface ResponseRow {
  workspaceId: string
  responseId: string
  surveyId: string
  surveyVersion: number
  personId: string
  channel: string
  touchpoint: string
  stage: string
  language: string
  /** nps, csat, ces, or '' for a survey without a score question. */
  scoreType: string
  score: number | null
  answers: Record<string, unknown>
  comment: string
  sentiment: number | null
  sentimentLabel: string
  topics: string[]
  keyphrases: string[]
  complete: boolean
  createdAt: number
  updatedAt: number
  source: string
}

/** The column list of `responses`, in the order `format()` reads them. */
const STRUCTURE = [
  'workspace_id String',
  'response_id String',
  'survey_id String',
  'survey_version UInt32',
  'person_id UUID',
  'channel String',
  'touchpoint String',
  'stage String',
  'language String',
  'score_type String',
  'score Nullable(UInt8)',
  'answers String',
  'comment String',
  'sentiment Nullable(Float32)',
  'sentiment_label String',
  'topics Array(String)',
  'keyphrases Array(String)',
  'complete UInt8',
  "created_at DateTime64(3, 'UTC')",
  "updated_at DateTime64(3, 'UTC')",
  'source String',
].join(', ')

function toRecord(r: ResponseRow): Record<string, unknown> {
  return {
    workspace_id: r.workspaceId,
    response_id: r.responseId,
    survey_id: r.surveyId,
    survey_version: r.surveyVersion,
    person_id: r.personId,
    channel: r.channel,
    touchpoint: r.touchpoint,
    stage: r.stage,
    language: r.language,
    score_type: r.scoreType,
    score: r.score,
    answers: r.answers,
    comment: r.comment,
    sentiment: r.sentiment,
    sentiment_label: r.sentimentLabel,
    topics: r.topics,
    keyphrases: r.keyphrases,
    complete: r.complete ? 1 : 0,
    created_at: Math.round(r.createdAt),
    updated_at: Math.round(r.updatedAt),
    source: r.source,
  }
}

/**
 * Writes survey responses to the event store. The EventStore interface offers bound read
 * queries only, so rows go in as one bound String parameter through `format(JSONEachRow, …)` —
 * an INSERT … SELECT that runs unchanged on chDB and a ClickHouse server, with no SQL built from
 * data. Batches of up to a few thousand rows (the demo seeder) stay far below ClickHouse's
 * default 256 KiB…1 MiB query-size limits because parameters are not part of the query text.
 */
export class ResponseStore {
  constructor(private readonly events: EventStore) {}

  /** Stores responses durably; a later row with the same response id supersedes earlier ones. */
  async write(rows: ResponseRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 5000) {
      let text = ''
      for (const row of rows.slice(i, i + 5000)) text += `${JSON.stringify(toRecord(row))}\n`
      await this.events.query(
        `INSERT INTO responses
         SELECT * FROM format(JSONEachRow, {structure:String}, {rows:String})
         SETTINGS input_format_json_read_objects_as_strings = 1`,
        { structure: STRUCTURE, rows: wellFormedJson(text) },
      )
    }
  }

  /** The stored version of one response (the newest submit), or undefined. */
  async read(workspaceId: string, responseId: string): Promise<ResponseRow | undefined> {
    const [r] = await this.events.query<{
      workspace_id: string
      response_id: string
      survey_id: string
      survey_version: number
      person_id: string
      channel: string
      touchpoint: string
      stage: string
      language: string
      score_type: string
      score: number | null
      answers: string
      comment: string
      sentiment: number | null
      sentiment_label: string
      topics: string[]
      keyphrases: string[]
      complete: number
      created_ms: number | string
      updated_ms: number | string
      source: string
    }>(
      `SELECT *, toUnixTimestamp64Milli(created_at) AS created_ms, toUnixTimestamp64Milli(updated_at) AS updated_ms
       FROM responses FINAL WHERE workspace_id = {ws:String} AND response_id = {id:String}`,
      { ws: workspaceId, id: responseId },
    )
    if (!r) return undefined
    return {
      workspaceId: r.workspace_id,
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
      answers: JSON.parse(r.answers || '{}') as Record<string, unknown>,
      comment: r.comment,
      sentiment: r.sentiment === null ? null : Number(r.sentiment),
      sentimentLabel: r.sentiment_label,
      topics: r.topics,
      keyphrases: r.keyphrases,
      complete: Number(r.complete) === 1,
      createdAt: Number(r.created_ms),
      updatedAt: Number(r.updated_ms),
      source: r.source,
    }
  }

  /** Runs a read query over responses (bound parameters only). */
  query<T>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    return this.events.query<T>(sql, params)
  }
}
