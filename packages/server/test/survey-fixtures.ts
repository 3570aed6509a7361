import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { ResponseRow } from '../src/surveys/response-store.ts'

/** An NPS survey definition as the API takes it. */
export function npsSurveyBody(overrides: Record<string, unknown> = {}) {
  return {
    name: 'Nach der Lieferung',
    kind: 'nps',
    languages: ['de', 'en'],
    questions: [
      {
        id: 'score',
        type: 'nps',
        text: {
          de: 'Wie wahrscheinlich empfehlen Sie uns weiter?',
          en: 'How likely are you to recommend us?',
        },
        minLabel: { de: 'gar nicht', en: 'not at all' },
        maxLabel: { de: 'sehr wahrscheinlich', en: 'extremely likely' },
      },
      {
        id: 'reason',
        type: 'single',
        text: { de: 'Was war am wichtigsten?', en: 'What mattered most?' },
        options: [
          { id: 'price', label: { de: 'Preis', en: 'Price' } },
          { id: 'delivery', label: { de: 'Lieferung', en: 'Delivery' } },
        ],
      },
    ],
    followUp: { de: 'Warum?', en: 'Why?' },
    status: 'live',
    ...overrides,
  }
}

/** Calls the API with a secret key and returns status and parsed JSON body. */
export async function api(
  app: FastifyInstance,
  key: string,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
) {
  const res = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  })
  const json = res.headers['content-type']?.toString().includes('json')
  return { status: res.statusCode, body: json ? res.json() : res.body }
}

/** The path of a survey link URL. */
export function pathOf(url: string): string {
  return new URL(url).pathname
}

/**
 * A stored survey response for writing straight into the response store: a complete answer of
 * `score` at `at` (epoch ms), by default by e-mail after a delivery, in German, without a
 * comment; `fields` names the workspace, person and score type and overrides any default.
 */
export function responseRow(
  fields: Pick<ResponseRow, 'workspaceId' | 'personId' | 'scoreType' | 'score'> & Partial<ResponseRow>,
  at: number,
): ResponseRow {
  return {
    responseId: randomUUID(),
    surveyId: randomUUID(),
    surveyVersion: 1,
    channel: 'email',
    touchpoint: 'delivery',
    stage: '',
    language: 'de',
    answers: { score: fields.score },
    comment: '',
    sentiment: null,
    sentimentLabel: '',
    topics: [],
    keyphrases: [],
    complete: true,
    createdAt: at,
    updatedAt: at,
    source: 'api',
    ...fields,
  }
}
