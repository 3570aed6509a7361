import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { startTestServer, type TestServer } from '../../../test/test-server.ts'
import { api } from '../../../test/survey-fixtures.ts'
import { seedDemo, type SeedProgress } from '../seed-demo.ts'
import { allCommentFragments } from './demo-comments.ts'

let server: TestServer
let key: string
const progress: SeedProgress = { state: 'seeding', events: 0 }

before(async () => {
  server = await startTestServer()
  const ws = await server.workspace('Demo')
  key = ws.secretKey
  await seedDemo(server.rt, ws.id, { persons: 800, end: new Date('2026-06-30T12:00:00Z') }, progress)
})
after(() => server.close())

test('no demo comment is taken from the labelled text corpus', () => {
  const corpus = ['de.jsonl', 'de-holdout.jsonl', 'en.jsonl', 'en-holdout.jsonl']
    .map((f) =>
      readFileSync(fileURLToPath(new URL(`../../../../core/src/text/corpus/${f}`, import.meta.url)), 'utf8'),
    )
    .join('\n')
    .toLowerCase()
  for (const fragment of allCommentFragments()) {
    assert.ok(!corpus.includes(fragment.replace('{n}', '').toLowerCase().slice(0, 40)), fragment)
  }
})

test('the demo has responses of every survey kind, on real demo persons, with comments in both languages', async () => {
  assert.equal(progress.state, 'done')
  assert.ok((progress.responses ?? 0) > 300, `only ${progress.responses} responses`)
  const q = 'from=2025-06-01T00:00:00Z&to=2026-07-01T00:00:00Z'
  const surveys = (await api(server.app, key, 'GET', '/api/surveys')).body.items
  assert.deepEqual(surveys.map((s: { kind: string }) => s.kind).sort(), [
    'ces',
    'csat',
    'csat',
    'custom',
    'nps',
    'nps',
    'nps',
  ])
  for (const metric of ['nps', 'csat', 'ces']) {
    const res = await api(
      server.app,
      key,
      'GET',
      `/api/metrics/${metric}?${q}&interval=month&breakdown=channel`,
    )
    assert.equal(res.status, 200)
    assert.ok(res.body.groups.length > 0, metric)
  }
  const list = await api(server.app, key, 'GET', `/api/responses?${q}&limit=1000`)
  const languages = new Set(
    list.body.items
      .filter((r: { comment: string }) => r.comment)
      .map((r: { language: string }) => r.language),
  )
  assert.deepEqual([...languages].sort(), ['de', 'en'])
  const sample = list.body.items.find((r: { complete: boolean; comment: string }) => r.complete && r.comment)
  const timeline = await api(server.app, key, 'GET', `/api/persons/${sample.personId}/timeline?limit=500`)
  assert.equal(timeline.status, 200)
  assert.ok(
    timeline.body.items.some(
      (e: { event: string; properties: { response_id: string } }) =>
        e.event === 'Survey Responded' && e.properties.response_id === sample.responseId,
    ),
  )
  const topics = await api(server.app, key, 'GET', `/api/metrics/topics?${q}`)
  assert.ok(topics.body.items.some((t: { topic: string }) => t.topic === 'delivery'))
})

test('demo cases exist in every state, with audit trails, and some are overdue', async () => {
  for (const status of ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed']) {
    const res = await api(server.app, key, 'GET', `/api/cases?status=${status}&limit=1`)
    assert.ok(res.body.total > 0, status)
    const detail = await api(server.app, key, 'GET', `/api/cases/${res.body.items[0].id}`)
    assert.equal(detail.body.history[0].kind, 'created')
    if (status === 'closed') assert.ok(detail.body.outcome)
  }
  assert.ok((await api(server.app, key, 'GET', '/api/cases?overdue=true')).body.total > 0)
})

test('resolved demo cases have follow-ups, and the recovered-detractor rate has answers', async () => {
  const q = 'from=2025-06-01T00:00:00Z&to=2026-07-01T00:00:00Z'
  const res = await api(server.app, key, 'GET', `/api/metrics/recovered-detractors?${q}`)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const m = res.body
  assert.ok(m.detractorCasesResolved > 0)
  assert.ok(m.followUpsSent > 0 && m.followUpsSent <= m.detractorCasesResolved)
  assert.ok(m.n > 0 && m.n <= m.followUpsSent)
  assert.ok(m.share > 0 && m.share < 1, String(m.share))
  const resolved = await api(server.app, key, 'GET', '/api/cases?status=closed&limit=50')
  const withFollowUp = await Promise.all(
    resolved.body.items.map(
      async (c: { id: string }) => (await api(server.app, key, 'GET', `/api/cases/${c.id}`)).body.followUp,
    ),
  )
  assert.ok(withFollowUp.some((f) => f?.status === 'answered'))
})
