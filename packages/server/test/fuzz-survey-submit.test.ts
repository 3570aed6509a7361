// Property-based fuzzing of survey submissions (`POST /s/:token`): answers of every wrong shape,
// as the widget's JSON and as the link page's form. Properties: no 5xx, JSON errors carry a
// message, the HTML page never echoes markup unescaped, and every stored response is valid.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  assertProperty,
  hostileDict,
  hostileJson,
  hostileKey,
  hostileString,
  MARKUP_PAYLOADS,
} from './hostile-input.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

const RUNS = Number(process.env.FUZZ_RUNS ?? 60)

let server: TestServer
let ws: TestWorkspace
let surveyId: string
let links: string[] = []
/** Invitations that a submit answered for the first time (not a duplicate). */
const answered = new Set<string>()

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Fuzz surveys')
  const body = npsSurveyBody({
    questions: [
      ...(npsSurveyBody().questions as object[]),
      {
        id: 'extras',
        type: 'multiple',
        text: { de: 'Was noch?', en: 'What else?' },
        options: [
          { id: 'app', label: { de: 'App', en: 'App' } },
          { id: 'hotline', label: { de: 'Hotline', en: 'Hotline' } },
        ],
      },
      { id: 'free', type: 'text', text: { de: 'Sonst?', en: 'Anything else?' } },
    ],
  })
  const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', body)
  assert.equal(survey.status, 201, JSON.stringify(survey.body))
  surveyId = survey.body.id as string
  const recipients = Array.from({ length: RUNS * 2 }, (_, i) => ({ userId: `fuzz-${i}` }))
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${surveyId}/invitations`, {
    channel: 'link',
    recipients,
    respectFatigue: false,
  })
  assert.equal(inv.status, 201, JSON.stringify(inv.body))
  links = (inv.body.invitations as Array<{ url: string }>).map((i) => pathOf(i.url))
})
after(() => server.close())

const answerValue = fc.oneof(
  fc.integer({ min: -3, max: 14 }),
  fc.integer({ min: -3, max: 14 }).map(String),
  fc.constantFrom('price', 'delivery', 'app', 'hotline', ['app', 'hotline'], ['app', 'app'], [], [[]], {}),
  fc.double(),
  hostileString(),
  hostileJson,
)
const answers = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record(
      { score: answerValue, reason: answerValue, extras: answerValue, free: answerValue },
      { requiredKeys: [] },
    ),
  },
  { weight: 1, arbitrary: hostileDict },
  { weight: 1, arbitrary: fc.dictionary(hostileKey, answerValue, { maxKeys: 4 }) },
)

type Submit = { link: number; kind: 'json' | 'text' | 'form' | 'raw'; payload: string }

const submit: fc.Arbitrary<Submit> = fc.oneof(
  fc
    .record({
      link: fc.nat({ max: RUNS * 2 - 1 }),
      kind: fc.constantFrom('json' as const, 'text' as const),
      answers: fc.oneof({ weight: 5, arbitrary: answers }, { weight: 1, arbitrary: hostileJson }),
      comment: fc.oneof(hostileString(200), hostileJson, fc.constant('x'.repeat(5001))),
      lang: fc.oneof(fc.constantFrom('de', 'en', 'fr'), hostileString(12)),
      partial: fc.oneof(fc.boolean(), hostileJson),
      flat: fc.boolean(),
    })
    .map(({ link, kind, answers: a, comment, lang, partial, flat }) => ({
      link,
      kind,
      payload:
        JSON.stringify(
          flat && a && typeof a === 'object'
            ? { ...a, comment, lang }
            : { answers: a, comment, lang, partial },
        ) ?? 'null',
    })),
  fc
    .record({
      link: fc.nat({ max: RUNS * 2 - 1 }),
      fields: fc.array(
        fc.tuple(
          fc.oneof(fc.constantFrom('score', 'reason', 'extras', 'free', 'comment', 'lang'), hostileKey),
          hostileString(),
        ),
        {
          maxLength: 8,
        },
      ),
    })
    .map(({ link, fields }) => {
      const p = new URLSearchParams()
      for (const [k, v] of fields) p.append(k, v)
      return { link, kind: 'form' as const, payload: p.toString() }
    }),
  fc
    .record({ link: fc.nat({ max: RUNS * 2 - 1 }), payload: hostileString(300) })
    .map(({ link, payload }) => ({
      link,
      kind: 'raw' as const,
      payload,
    })),
)

const CONTENT_TYPE = {
  json: 'application/json',
  text: 'text/plain',
  form: 'application/x-www-form-urlencoded',
  raw: 'application/json',
} as const

test('survey submissions: no 5xx, JSON errors with a message, HTML pages escape what was sent', async () => {
  await assertProperty(
    'survey submit',
    fc.asyncProperty(submit, async (s) => {
      const url = links[s.link] as string
      const res = await server.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': CONTENT_TYPE[s.kind] },
        payload: s.payload,
      })
      const what = `${s.kind} ${s.payload.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`
      assert.ok(res.statusCode < 500, what)
      const html = String(res.headers['content-type']).startsWith('text/html')
      if (html) {
        assert.equal(s.kind, 'form', what)
        for (const x of MARKUP_PAYLOADS) {
          if (
            s.payload.includes(encodeURIComponent(x).replace(/%20/g, '+')) ||
            decodeURIComponent(s.payload.replace(/\+/g, ' ')).includes(x)
          )
            assert.ok(!res.body.includes(x), `the page echoes ${x} unescaped`)
        }
        // The thank-you page (a partial answer re-shows the form with a role="status" notice instead).
        if (res.statusCode === 200 && /<p role="status">/.test(res.body)) answered.add(url)
      } else {
        const json = res.json() as {
          success?: unknown
          message?: unknown
          state?: string
          duplicate?: boolean
        }
        if (res.statusCode >= 400) {
          assert.equal(json.success, false, what)
          assert.ok(typeof json.message === 'string' && json.message.length > 0, what)
        } else if (json.state === 'answered' && json.duplicate === false) answered.add(url)
      }
    }),
    RUNS,
  )
})

test('every stored response is valid: NPS 0–10 or none, known options, text comments', async () => {
  const res = await api(server.app, ws.secretKey, 'GET', `/api/responses?surveyId=${surveyId}&limit=1000`)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const items = res.body.items as Array<{
    score: number | null
    answers: Record<string, unknown>
    comment: string
    complete: boolean
  }>
  for (const r of items) {
    if (r.score !== null)
      assert.ok(Number.isInteger(r.score) && r.score >= 0 && r.score <= 10, String(r.score))
    if (r.complete) assert.notEqual(r.score, null)
    assert.equal(typeof r.comment, 'string')
    assert.ok(r.comment.length <= 5000)
    for (const key of Object.keys(r.answers))
      assert.ok(['score', 'reason', 'extras', 'free'].includes(key), key)
    if (r.answers.reason !== undefined) assert.ok(['price', 'delivery'].includes(r.answers.reason as string))
    if (r.answers.extras !== undefined) {
      for (const e of r.answers.extras as string[]) assert.ok(['app', 'hotline'].includes(e), e)
    }
  }
  assert.equal(items.filter((r) => r.complete).length, answered.size, 'complete responses = first answers')
})
