import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, npsSurveyBody } from './survey-fixtures.ts'
import { ResponseStore, type ResponseRow } from '../src/surveys/response-store.ts'

// The dashboard's feedback tools: comment search (`q`), top keyphrases and the builder's preview.

let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace

function row(
  workspaceId: string,
  comment: string,
  label: string,
  sentiment: number,
  keyphrases: string[],
): ResponseRow {
  const t = Date.now() - 3_600_000
  return {
    workspaceId,
    responseId: randomUUID(),
    surveyId: randomUUID(),
    surveyVersion: 1,
    personId: randomUUID(),
    channel: 'email',
    touchpoint: 'delivery',
    stage: 'after-sales',
    language: 'de',
    scoreType: 'nps',
    score: 3,
    answers: { score: 3 },
    comment,
    sentiment,
    sentimentLabel: label,
    topics: [],
    keyphrases,
    complete: true,
    createdAt: t,
    updatedAt: t,
    source: 'api',
  }
}

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Feedback')
  other = await server.workspace('Other')
  const store = new ResponseStore(server.rt.events)
  await store.write([
    row(ws.id, 'Die LIEFERUNG kam zu spät', 'negative', -0.6, ['lieferung', 'zu spät']),
    row(ws.id, 'Lieferung schnell, Lieferung gut', 'positive', 0.8, ['lieferung', 'lieferung']),
    row(ws.id, 'Rabatt 100%_sicher', 'neutral', 0, ['rabatt']),
    row(other.id, 'Lieferung woanders', 'negative', -0.9, ['lieferung']),
  ])
})

after(async () => {
  await server?.close()
})

test('q finds comments case-insensitively, umlaut-safe, and treats % and _ literally', async () => {
  const hits = await api(server.app, ws.secretKey, 'GET', '/api/responses?q=lieferung')
  assert.equal(hits.status, 200)
  assert.equal(hits.body.total, 2, 'the other workspace’s comment is not found')
  const literal = await api(server.app, ws.secretKey, 'GET', `/api/responses?q=${encodeURIComponent('0%_s')}`)
  assert.equal(literal.body.total, 1)
  const wildcard = await api(server.app, ws.secretKey, 'GET', `/api/responses?q=${encodeURIComponent('%')}`)
  assert.equal(wildcard.body.total, 1, '% matches only a comment containing %')
  const csv = await server.app.inject({
    method: 'GET',
    url: '/api/responses.csv?q=sp%C3%A4t',
    headers: { authorization: `Bearer ${ws.secretKey}` },
  })
  assert.equal(csv.body.trim().split('\n').length, 2, 'header and the one late delivery')
  const empty = await api(server.app, ws.secretKey, 'GET', '/api/responses?q=')
  assert.equal(empty.status, 400)
})

test('keyphrases: comments per phrase (a repeat in one comment counts once) and mean sentiment', async () => {
  const res = await api(server.app, ws.secretKey, 'GET', '/api/metrics/keyphrases')
  assert.equal(res.status, 200)
  const items = res.body.items as Array<{
    phrase: string
    comments: number
    meanSentiment: number
    negative: number
  }>
  assert.deepEqual(items[0], { phrase: 'lieferung', comments: 2, meanSentiment: 0.1, negative: 1 })
  assert.deepEqual(
    items.map((i) => i.phrase),
    ['lieferung', 'rabatt', 'zu spät'],
  )
  const negative = await api(server.app, ws.secretKey, 'GET', '/api/metrics/keyphrases?sentiment=negative')
  assert.deepEqual(
    negative.body.items.map((i: { phrase: string }) => i.phrase),
    ['lieferung', 'zu spät'],
  )
})

test('preview renders the link page of a draft in each language and lists what blocks saving', async () => {
  const { status: _s, ...definition } = npsSurveyBody({ name: '<b>Nach dem Kauf</b>' })
  void _s
  const de = await api(server.app, ws.secretKey, 'POST', '/api/surveys/preview', { definition, lang: 'de' })
  assert.equal(de.status, 200)
  assert.match(de.body.html, /<html lang="de">/)
  assert.match(de.body.html, /Wie wahrscheinlich empfehlen Sie uns weiter\?/)
  assert.match(de.body.html, /&lt;b&gt;Nach dem Kauf&lt;\/b&gt;/, 'survey texts are escaped')
  assert.deepEqual(de.body.errors, [])
  const en = await api(server.app, ws.secretKey, 'POST', '/api/surveys/preview', { definition, lang: 'en' })
  assert.match(en.body.html, /How likely are you to recommend us\?/)
  const blank = { ...definition, name: '' }
  const incomplete = await api(server.app, ws.secretKey, 'POST', '/api/surveys/preview', {
    definition: blank,
    lang: 'de',
  })
  assert.equal(incomplete.status, 200)
  assert.ok(incomplete.body.errors.length > 0)
  const wrongLang = await api(server.app, ws.secretKey, 'POST', '/api/surveys/preview', {
    definition,
    lang: 'fr',
  })
  assert.equal(wrongLang.status, 400)
  assert.match(wrongLang.body.message, /not one of the survey languages/)
  const list = await api(server.app, ws.secretKey, 'GET', '/api/surveys')
  assert.deepEqual(list.body.items, [], 'a preview stores nothing')
})
