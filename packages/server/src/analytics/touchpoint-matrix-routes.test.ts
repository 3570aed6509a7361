import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import {
  type TestServer,
  type TestWorkspace,
  apiGet,
  sendBatch,
  startTestServer,
} from '../../test/test-server.ts'
import { ResponseStore, type ResponseRow } from '../surveys/response-store.ts'
import { clvHistogram } from './clv-service.ts'

// One server per file (chDB binds one data folder per process). Expected numbers are worked out
// by hand next to each assertion.
let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
const JUNE = 'from=2026-06-01&to=2026-06-30'

function track(userId: string, event: string, channel: string, touchpoint: string, timestamp: string) {
  return { type: 'track', userId, event, properties: { channel, touchpoint }, timestamp }
}

function response(
  workspaceId: string,
  touchpoint: string,
  stage: string,
  scoreType: string,
  score: number,
  comment = '',
  sentiment: number | null = null,
): ResponseRow {
  const at = Date.parse('2026-06-10T12:00:00.000Z')
  return {
    workspaceId,
    responseId: randomUUID(),
    surveyId: randomUUID(),
    surveyVersion: 1,
    personId: randomUUID(),
    channel: 'web',
    touchpoint,
    stage,
    language: 'en',
    scoreType,
    score,
    answers: {},
    comment,
    sentiment,
    sentimentLabel: sentiment === null ? '' : sentiment < 0 ? 'negative' : 'positive',
    topics: [],
    keyphrases: [],
    complete: true,
    createdAt: at,
    updatedAt: at,
    source: 'api',
  }
}

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
  await sendBatch(server.app, ws.writeKey, [
    // checkout: two purchase contacts (u1, u2) — the event name places them in "purchase".
    track('u1', 'Order Completed', 'web', 'checkout', '2026-06-02T10:00:00.000Z'),
    track('u2', 'Order Completed', 'web', 'checkout', '2026-06-03T10:00:00.000Z'),
    // cart: u1 twice (preference by event name), one person.
    track('u1', 'Product Added', 'web', 'cart', '2026-06-02T09:00:00.000Z'),
    track('u1', 'Product Added', 'web', 'cart', '2026-06-02T09:30:00.000Z'),
    // hotline: after-sales by touchpoint.
    track('u2', 'Call Received', 'phone', 'hotline', '2026-06-05T10:00:00.000Z'),
    // Outside the range: must not count.
    track('u3', 'Order Completed', 'web', 'checkout', '2026-07-05T10:00:00.000Z'),
  ])
  await sendBatch(server.app, other.writeKey, [
    track('x1', 'Order Completed', 'web', 'checkout', '2026-06-02T10:00:00.000Z'),
  ])
  const responses = new ResponseStore(server.rt.events)
  await responses.write([
    // checkout × purchase NPS: 10, 9, 3 → promoters 2, detractors 1 of 3 → NPS = (2 − 1) / 3 = 33.33
    response(ws.id, 'checkout', 'purchase', 'nps', 10, 'great', 0.8),
    response(ws.id, 'checkout', 'purchase', 'nps', 9),
    response(ws.id, 'checkout', 'purchase', 'nps', 3, 'slow', -0.6),
    // a CSAT answer at the hotline: not part of the NPS score, but its comment counts for sentiment.
    response(ws.id, 'hotline', 'after-sales', 'csat', 2, 'nobody answered', -0.9),
    // workspace B's response must never show up in A.
    response(other.id, 'checkout', 'purchase', 'nps', 0, 'bad', -1),
  ])
})

after(async () => {
  await server?.close()
})

test('touchpoint × stage: contacts, persons, NPS and mean sentiment per cell', async () => {
  const res = await apiGet(server.app, ws.secretKey, `/api/touchpoints/matrix?${JUNE}`)
  assert.equal(res.statusCode, 200, res.body)
  const body = res.json()
  assert.equal(body.metric, 'nps')
  assert.deepEqual(body.stages.slice(0, 2), ['pre-awareness', 'awareness'])
  const cell = (tp: string, stage: string) =>
    body.cells.find((c: { touchpoint: string; stage: string }) => c.touchpoint === tp && c.stage === stage)
  const checkout = cell('checkout', 'purchase')
  assert.equal(checkout.contacts, 2)
  assert.equal(checkout.persons, 2)
  assert.equal(checkout.responses, 3)
  assert.equal(checkout.score, 33.33)
  assert.ok(checkout.interval.lower < 33.33 && checkout.interval.upper > 33.33)
  // (0.8 − 0.6) / 2 = 0.1
  assert.equal(checkout.comments, 2)
  assert.ok(Math.abs(checkout.sentiment - 0.1) < 1e-6, String(checkout.sentiment))
  const cart = cell('cart', 'preference')
  assert.deepEqual(
    { contacts: cart.contacts, persons: cart.persons, responses: cart.responses, score: cart.score },
    { contacts: 2, persons: 1, responses: 0, score: null },
  )
  assert.equal(cart.sentiment, null)
  const hotline = cell('hotline', 'after-sales')
  assert.equal(hotline.contacts, 1)
  assert.equal(hotline.responses, 0)
  assert.ok(Math.abs(hotline.sentiment - -0.9) < 1e-6)
  assert.equal(body.cells.length, 3)
})

test('touchpoint × stage with metric=csat scores only CSAT answers; bad input is a 400', async () => {
  const res = await apiGet(server.app, ws.secretKey, `/api/touchpoints/matrix?${JUNE}&metric=csat`)
  assert.equal(res.statusCode, 200, res.body)
  const hotline = res.json().cells.find((c: { touchpoint: string }) => c.touchpoint === 'hotline')
  // One answer of 2 on 1–5: not satisfied → CSAT 0 %.
  assert.equal(hotline.responses, 1)
  assert.equal(hotline.score, 0)
  const bad = await apiGet(server.app, ws.secretKey, '/api/touchpoints/matrix?metric=mood')
  assert.equal(bad.statusCode, 400)
  const reversed = await apiGet(
    server.app,
    ws.secretKey,
    '/api/touchpoints/matrix?from=2026-07-01&to=2026-06-01',
  )
  assert.equal(reversed.statusCode, 400)
  assert.equal(reversed.json().code, 'TS_BAD_REQUEST')
})

test('the workspace catalog lists event names and touchpoints for the funnel builder', async () => {
  const res = await apiGet(server.app, ws.secretKey, '/api/workspace/catalog')
  assert.equal(res.statusCode, 200, res.body)
  const body = res.json()
  // Order Completed ×3, Product Added ×2, Call Received ×1 (workspace B's event is not here).
  assert.deepEqual(body.eventNames, [
    { event: 'Order Completed', events: 3 },
    { event: 'Product Added', events: 2 },
    { event: 'Call Received', events: 1 },
  ])
  assert.deepEqual(body.touchpoints[0], { touchpoint: 'checkout', channel: 'web', events: 3 })
  assert.deepEqual(
    body.touchpoints.map((t: { touchpoint: string }) => t.touchpoint),
    ['checkout', 'cart', 'hotline'],
  )
})

test('CLV histogram: equal-width bins up to the 99th percentile, the last one open-ended', () => {
  // 100 values 1…100: p99 = sorted[99] = 100, width 100 / 4 = 25 → [0,25) holds 1…24.
  const sorted = Array.from({ length: 100 }, (_, i) => i + 1)
  const bins = clvHistogram(sorted, 4)
  assert.deepEqual(
    bins.map((b) => b.customers),
    [24, 25, 25, 26],
  )
  assert.deepEqual(bins[0], { from: 0, to: 25, customers: 24 })
  assert.equal(bins[3]!.to, null)
  assert.deepEqual(clvHistogram([]), [])
})
