import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { DEFAULT_TOPIC_TAXONOMY } from '@touchstone/core/text'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'

let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
let analystKey: string
let surveyId: string

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
  analystKey = (await server.rt.keys.create(ws.id, 'secret', 'analyst', 'analyst')).key
  const s = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody({ name: 'Topics' }))
  assert.equal(s.status, 201, JSON.stringify(s.body))
  surveyId = s.body.id
})
after(() => server.close())

/** Answers one new link invitation of the survey (German link page) with a score and a comment. */
async function respond(comment: string): Promise<string> {
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${surveyId}/invitations`, {
    channel: 'link',
    recipients: [{ userId: `u-${Math.random()}` }],
  })
  assert.equal(inv.status, 201, JSON.stringify(inv.body))
  const { id, url } = inv.body.invitations[0]
  const res = await server.app.inject({
    method: 'POST',
    url: pathOf(url),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ score: '6', comment }).toString(),
  })
  assert.equal(res.statusCode, 200, res.body)
  return id
}

async function topicsById(): Promise<Map<string, string[]>> {
  const list = await api(server.app, ws.secretKey, 'GET', `/api/responses?survey=${surveyId}&limit=100`)
  assert.equal(list.status, 200, JSON.stringify(list.body))
  return new Map(
    (list.body.items as Array<{ responseId: string; topics: string[] }>).map((r) => [r.responseId, r.topics]),
  )
}

const assembly = {
  id: 'assembly',
  label: { de: 'Montage', en: 'Assembly' },
  keywords: { de: ['montage*', 'aufbauanleitung'], en: ['assembly'] },
}

const MONTAGE = [
  'Die Montageanleitung ist völlig unverständlich.',
  'Ohne Montageanleitung kein Aufbau möglich, schade.',
  'Wo ist die Montageanleitung? Ich habe gesucht.',
]

test('a custom topic, re-classification, suggestions and reset', async () => {
  const initial = await api(server.app, ws.secretKey, 'GET', '/api/topics')
  assert.equal(initial.status, 200)
  assert.equal(initial.body.custom, false)
  assert.equal(initial.body.topics.length, DEFAULT_TOPIC_TAXONOMY.topics.length)
  assert.deepEqual(initial.body.topics, initial.body.defaults)

  const montage = []
  for (const c of MONTAGE) montage.push(await respond(c))
  const delivery = await respond('Die Lieferung kam zu spät.')
  let topics = await topicsById()
  for (const id of montage) assert.deepEqual(topics.get(id), [], 'the default taxonomy knows no assembly')
  assert.deepEqual(topics.get(delivery), ['waiting-time', 'delivery'])

  // The phrase three uncategorised comments share is suggested (hand-checked: each says "Montageanleitung").
  const sug = await api(server.app, analystKey, 'GET', '/api/topics/suggestions?minCount=3')
  assert.equal(sug.status, 200, JSON.stringify(sug.body))
  assert.equal(sug.body.comments, 4)
  assert.deepEqual(
    sug.body.items.map((s: { phrase: string; count: number; language: string }) => [
      s.phrase,
      s.count,
      s.language,
    ]),
    [['Montageanleitung', 3, 'de']],
  )
  assert.equal(sug.body.items[0].examples.length, 3)

  const put = await api(server.app, ws.secretKey, 'PUT', '/api/topics', {
    topics: [...DEFAULT_TOPIC_TAXONOMY.topics, assembly],
  })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  assert.equal(put.body.custom, true)
  assert.deepEqual(put.body.topics.at(-1), assembly)

  // New responses use the new taxonomy at once; stored ones only after re-classification.
  const fresh = await respond('Die Montageanleitung fehlt.')
  topics = await topicsById()
  assert.deepEqual(topics.get(fresh), ['assembly'])
  assert.deepEqual(topics.get(montage[0]!), [])

  const re = await api(server.app, ws.secretKey, 'POST', '/api/topics/reclassify')
  assert.equal(re.status, 200, JSON.stringify(re.body))
  assert.deepEqual(re.body, { scanned: 5, changed: 3, next: null })
  topics = await topicsById()
  assert.equal(topics.size, 5, 'rewritten rows replace the old ones')
  for (const id of montage) assert.deepEqual(topics.get(id), ['assembly'])
  assert.deepEqual(topics.get(delivery), ['waiting-time', 'delivery'])
  const byTopic = await api(server.app, ws.secretKey, 'GET', '/api/responses?topic=assembly')
  assert.equal(byTopic.body.total, 4)
  const again = await api(server.app, ws.secretKey, 'POST', '/api/topics/reclassify')
  assert.deepEqual(again.body, { scanned: 5, changed: 0, next: null }, 'idempotent')

  // Now categorised, the phrase is no longer a suggestion.
  const after = await api(server.app, ws.secretKey, 'GET', '/api/topics/suggestions?minCount=1')
  assert.ok(!after.body.items.some((s: { phrase: string }) => /montage/i.test(s.phrase)))

  const reset = await api(server.app, ws.secretKey, 'DELETE', '/api/topics')
  assert.equal(reset.status, 200)
  assert.equal(reset.body.custom, false)
  // Paged: two responses per call, continued with `after`.
  const page1 = await api(server.app, ws.secretKey, 'POST', '/api/topics/reclassify?limit=2')
  assert.equal(page1.body.scanned, 2)
  assert.equal(typeof page1.body.next, 'string')
  let changed = page1.body.changed
  let next = page1.body.next as string | null
  while (next) {
    const page = await api(server.app, ws.secretKey, 'POST', `/api/topics/reclassify?limit=2&after=${next}`)
    changed += page.body.changed
    next = page.body.next
  }
  assert.equal(changed, 4, 'assembly removed from the four responses that had it')
  assert.equal((await api(server.app, ws.secretKey, 'GET', '/api/responses?topic=assembly')).body.total, 0)

  const audit = await api(server.app, ws.secretKey, 'GET', '/api/audit-log?action=settings.changed')
  const entries = (audit.body.items as Array<{ target: string; details: Record<string, unknown> }>).filter(
    (e) => e.target === 'topics',
  )
  assert.equal(entries.length, 2)
  assert.deepEqual(entries[0]!.details, { reset: true })
})

test('a bad taxonomy is refused with every problem listed', async () => {
  const res = await api(server.app, ws.secretKey, 'PUT', '/api/topics', {
    topics: [
      assembly,
      { ...assembly, label: { de: 'Montage' } },
      { id: 'x', label: assembly.label, keywords: {} },
    ],
  })
  assert.equal(res.status, 400)
  assert.equal(res.body.code, 'TS_BAD_REQUEST')
  assert.deepEqual(res.body.details.problems, [
    'topic assembly: id is used twice',
    'topic assembly: label.en must be 1–80 characters',
    'topic x: keywords.de must be a list of strings',
    'topic x: keywords.en must be a list of strings',
    'topic x: needs at least one keyword',
  ])
  const missing = await api(server.app, ws.secretKey, 'PUT', '/api/topics', { taxonomy: [] })
  assert.equal(missing.status, 400)
  const bad = await api(server.app, ws.secretKey, 'GET', '/api/topics/suggestions?minCount=0')
  assert.equal(bad.status, 400)
})

test('tenancy and roles: only the workspace owner/admin changes its taxonomy', async () => {
  const put = await api(server.app, ws.secretKey, 'PUT', '/api/topics', { topics: [assembly] })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  const theirs = await api(server.app, other.secretKey, 'GET', '/api/topics')
  assert.equal(theirs.body.custom, false, "another workspace does not see A's taxonomy")
  await api(server.app, other.secretKey, 'DELETE', '/api/topics')
  const reclassified = await api(server.app, other.secretKey, 'POST', '/api/topics/reclassify')
  assert.deepEqual(
    reclassified.body,
    { scanned: 0, changed: 0, next: null },
    "B's call sees none of A's responses",
  )
  const mine = await api(server.app, ws.secretKey, 'GET', '/api/topics')
  assert.equal(mine.body.custom, true)
  assert.deepEqual(mine.body.topics, [assembly])
  assert.equal((await api(server.app, analystKey, 'PUT', '/api/topics', { topics: [] })).status, 403)
  assert.equal((await api(server.app, analystKey, 'POST', '/api/topics/reclassify')).status, 403)
  assert.equal((await api(server.app, analystKey, 'GET', '/api/topics')).status, 200)
  await api(server.app, ws.secretKey, 'DELETE', '/api/topics')
})
