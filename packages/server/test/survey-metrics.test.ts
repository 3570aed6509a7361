import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, responseRow } from './survey-fixtures.ts'
import { ResponseStore, type ResponseRow } from '../src/surveys/response-store.ts'

// Metrics are checked against closed-form values computed here by hand, not against the code.

let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
const SURVEY = randomUUID()
const PERSON = randomUUID()

function row(scoreType: string, score: number, at: string, extra: Partial<ResponseRow> = {}): ResponseRow {
  return responseRow(
    {
      workspaceId: ws.id,
      surveyId: SURVEY,
      personId: PERSON,
      scoreType,
      score,
      stage: 'after-sales',
      ...extra,
    },
    Date.parse(at),
  )
}

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Metrics')
  other = await server.workspace('Other')
  const store = new ResponseStore(server.rt.events)
  const jan = [10, 10, 9, 9, 9, 8, 7, 6, 3, 0].map((s, i) =>
    row('nps', s, `2026-01-${String(5 + i).padStart(2, '0')}T10:00:00Z`, {
      touchpoint: i < 5 ? 'delivery' : 'hotline',
    }),
  )
  const dec = [10, 5, 5, 5].map((s, i) => row('nps', s, `2025-12-${String(10 + i)}T10:00:00Z`))
  const csat = [5, 4, 4, 2, 1].map((s) => row('csat', s, '2026-01-10T08:00:00Z'))
  const ces = [2, 3, 4].map((s) => row('ces', s, '2026-01-10T08:00:00Z'))
  const comments = [
    row('nps', 2, '2026-01-20T09:00:00Z', {
      comment: 'x',
      sentiment: -0.6,
      sentimentLabel: 'negative',
      topics: ['delivery', 'price'],
    }),
    row('nps', 9, '2026-01-20T09:00:00Z', {
      comment: 'y',
      sentiment: 0.4,
      sentimentLabel: 'positive',
      topics: ['delivery'],
    }),
    row('nps', 8, '2026-01-20T09:00:00Z', {
      comment: 'z',
      sentiment: 0,
      sentimentLabel: 'neutral',
      topics: [],
    }),
  ]
  await store.write([...jan, ...dec, ...csat, ...ces])
  // A superseded version of a response (same id, older) must not count twice.
  const first = jan[0]!
  await store.write([{ ...first, score: 0, updatedAt: first.updatedAt - 1000 }])
  await store.write([{ ...first, updatedAt: first.updatedAt + 1 }])
  // Another workspace's responses must never count.
  await store.write([{ ...row('nps', 0, '2026-01-15T10:00:00Z'), workspaceId: other.id }])
  // A separate survey for the topic matrix.
  await store.write(comments.map((c) => ({ ...c, surveyId: randomUUID(), stage: 'topics' })))
})
after(() => server.close())

const Z = 1.959963984540054

test('NPS of ten known scores: score 20 with the adjusted-Wald interval of Rocks (2016)', async () => {
  const res = await api(
    server.app,
    ws.secretKey,
    'GET',
    '/api/metrics/nps?from=2026-01-01T00:00:00Z&to=2026-01-20T00:00:00Z&interval=month',
  )
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const [all] = res.body.groups
  assert.equal(all.group, 'all')
  assert.equal(all.total.n, 10)
  assert.equal(all.total.score, 20)
  assert.equal(all.total.distribution.promoters, 5)
  assert.equal(all.total.distribution.passives, 2)
  assert.equal(all.total.distribution.detractors, 3)
  assert.equal(all.total.tooFewResponses, true)
  // Adjusted Wald: add 3 pseudo-responses (¾ promoter, ¾ detractor, 1½ passive).
  const n = 13
  const p = 5.75 / n
  const d = 3.75 / n
  const se = Math.sqrt((p + d - (p - d) ** 2) / n)
  assert.ok(
    Math.abs(all.total.interval.lower - 100 * (p - d - Z * se)) < 0.01,
    JSON.stringify(all.total.interval),
  )
  assert.ok(Math.abs(all.total.interval.upper - 100 * (p - d + Z * se)) < 0.01)
  assert.equal(all.buckets.length, 1)
  assert.equal(all.buckets[0].start, '2026-01-01T00:00:00.000Z')
  // The previous 19 days (Dec 13–31) hold one of the December responses: 10 → NPS 100? No: Dec 13 is a 5.
  assert.deepEqual(all.previousTotal, { n: 1, score: -100 })
  assert.equal(all.change.difference, 120)
})

test('NPS change against the previous month, by week and by touchpoint', async () => {
  const res = await api(
    server.app,
    ws.secretKey,
    'GET',
    '/api/metrics/nps?from=2026-01-01T00:00:00Z&to=2026-01-20T00:00:00Z&interval=week&breakdown=touchpoint',
  )
  const groups = Object.fromEntries(res.body.groups.map((g: { group: string }) => [g.group, g]))
  // delivery: 10 10 9 9 9 → 100; hotline: 8 7 6 3 0 → −60
  assert.equal(groups.delivery.total.score, 100)
  assert.equal(groups.hotline.total.score, -60)
  // Weeks start on Monday: Jan 5–11 and Jan 12–18 of 2026.
  assert.deepEqual(
    groups.delivery.buckets.map((b: { start: string; n: number }) => [b.start, b.n]),
    [['2026-01-05T00:00:00.000Z', 5]],
  )
  assert.deepEqual(
    groups.hotline.buckets.map((b: { start: string; n: number }) => [b.start, b.n]),
    [
      ['2026-01-05T00:00:00.000Z', 2],
      ['2026-01-12T00:00:00.000Z', 3],
    ],
  )
  const month = await api(
    server.app,
    ws.secretKey,
    'GET',
    '/api/metrics/nps?from=2026-01-01T00:00:00Z&to=2026-01-20T00:00:00Z&interval=month',
  )
  assert.ok(month.body.groups[0].change.pValue > 0 && month.body.groups[0].change.pValue < 1)
  const dec = await api(
    server.app,
    ws.secretKey,
    'GET',
    '/api/metrics/nps?from=2025-12-01T00:00:00Z&to=2026-01-01T00:00:00Z',
  )
  // December: 10 5 5 5 → (1 − 3) / 4 = −50; no earlier period → no change.
  assert.equal(dec.body.groups[0].total.score, -50)
  assert.equal(dec.body.groups[0].change, null)
})

test('CSAT is the share of 4–5 with a Wilson interval; CES the mean with a t interval', async () => {
  const q = 'from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&interval=month'
  const csat = (await api(server.app, ws.secretKey, 'GET', `/api/metrics/csat?${q}`)).body.groups[0].total
  assert.equal(csat.n, 5)
  assert.equal(csat.score, 60)
  const [n, phat] = [5, 0.6]
  const centre = (phat + Z ** 2 / (2 * n)) / (1 + Z ** 2 / n)
  const half = (Z / (1 + Z ** 2 / n)) * Math.sqrt((phat * (1 - phat)) / n + Z ** 2 / (4 * n * n))
  assert.ok(Math.abs(csat.interval.lower - 100 * (centre - half)) < 0.01, JSON.stringify(csat.interval))
  assert.ok(Math.abs(csat.interval.upper - 100 * (centre + half)) < 0.01)
  assert.deepEqual(csat.distribution, { satisfied: 3, 1: 1, 2: 1, 4: 2, 5: 1 })
  const ces = (await api(server.app, ws.secretKey, 'GET', `/api/metrics/ces?${q}`)).body.groups[0].total
  assert.equal(ces.score, 3)
  // Mean 3, s = 1, n = 3: t(0.975, 2) = 4.302653 → 3 ± 2.484; the lower end is clamped to the scale's 1.
  assert.equal(ces.interval.lower, 1)
  assert.ok(Math.abs(ces.interval.upper - (3 + 4.302653 / Math.sqrt(3))) < 0.01, JSON.stringify(ces.interval))
})

test('topic × sentiment matrix counts mentions per label', async () => {
  const res = await api(
    server.app,
    ws.secretKey,
    'GET',
    '/api/metrics/topics?from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z&stage=topics',
  )
  assert.equal(res.status, 200)
  assert.equal(res.body.comments, 3)
  const byTopic = Object.fromEntries(res.body.items.map((r: { topic: string }) => [r.topic, r]))
  assert.deepEqual(byTopic.delivery.counts, { negative: 1, neutral: 0, positive: 1 })
  assert.equal(byTopic.delivery.mentions, 2)
  assert.equal(byTopic.delivery.netSentiment, 0)
  assert.equal(byTopic.price.mentions, 1)
  assert.equal(byTopic['(uncategorised)'].mentions, 1)
})

test('metrics reject bad parameters with a clear message', async () => {
  const cases: Array<[string, RegExp]> = [
    ['/api/metrics/nps?interval=year', /interval/],
    ['/api/metrics/nps?breakdown=color', /breakdown/],
    ['/api/metrics/nps?from=2026-02-01&to=2026-01-01', /from must be before to/],
    ['/api/metrics/csat?survey=not-a-uuid', /survey/],
  ]
  for (const [url, message] of cases) {
    const res = await api(server.app, ws.secretKey, 'GET', url)
    assert.equal(res.status, 400, url)
    assert.equal(res.body.code, 'TS_BAD_REQUEST')
    assert.match(res.body.message, message, url)
  }
  assert.equal((await api(server.app, ws.secretKey, 'GET', '/api/metrics/nope')).status, 404)
})
