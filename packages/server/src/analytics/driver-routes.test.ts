import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  type TestServer,
  type TestWorkspace,
  apiGet,
  sendBatch,
  startTestServer,
} from '../../test/test-server.ts'
import { responseRow } from '../../test/survey-fixtures.ts'
import { ResponseStore, type ResponseRow } from '../surveys/response-store.ts'
import { parseRange } from './analytics-params.ts'
import { personFeatures } from './person-features-query.ts'
import { DEFAULT_STAGE_RULES } from '@touchstone/core/journey'

// Six respondents p1…p6 with NPS and CSAT answers between March and June 2026; the expected
// numbers are worked out by hand next to each assertion (closed forms for two drivers).
let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
const person: Record<string, string> = {}
const RANGE = 'from=2026-03-01&to=2026-06-30'
/** The person id merged into p3 (or '' when the anonymous person survived). */
let mergedAway = ''

const track = (userId: string, event: string, channel: string, touchpoint: string, timestamp: string) => ({
  type: 'track',
  userId,
  event,
  properties: { channel, touchpoint },
  timestamp,
})

let seq = 0
function response(
  who: string,
  scoreType: 'nps' | 'csat',
  score: number,
  day: string,
  touchpoint: string,
  stage: string,
  extra: Partial<ResponseRow> = {},
): ResponseRow {
  return responseRow(
    {
      workspaceId: ws.id,
      responseId: `r${++seq}`,
      surveyId: scoreType,
      personId: person[who]!,
      channel: touchpoint === 'hotline' ? 'phone' : 'web',
      touchpoint,
      stage,
      language: 'en',
      scoreType,
      score,
      ...extra,
    },
    Date.parse(`${day}T12:00:00.000Z`),
  )
}

// CSAT at checkout and hotline (p1…p5), NPS of everyone; p6 answers NPS only, in June.
const CHECKOUT = [5, 4, 3, 1, 4]
const HOTLINE = [4, 5, 2, 3, 3]
const NPS = [10, 9, 6, 3, 8, 2]

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
  const batch = [
    track('p1', 'Product Viewed', 'web', 'product-page', '2026-03-01T09:00:00.000Z'),
    track('p1', 'Order Completed', 'web', 'checkout', '2026-03-20T10:00:00.000Z'), // 10 d after NPS
    track('p2', 'Support Call', 'phone', 'hotline', '2026-03-02T10:00:00.000Z'),
    track('p2', 'Product Viewed', 'web', 'product-page', '2026-04-01T10:00:00.000Z'), // contact, no order
    track('p3', 'Support Call', 'phone', 'hotline', '2026-03-02T10:00:00.000Z'),
    track('p4', 'Support Call', 'phone', 'hotline', '2026-03-02T10:00:00.000Z'),
    track('p4', 'Order Completed', 'web', 'checkout', '2026-05-15T10:00:00.000Z'), // 44 d after NPS
    track('p5', 'Support Call', 'phone', 'hotline', '2026-03-02T10:00:00.000Z'),
    track('p5', 'Order Completed', 'web', 'checkout', '2026-04-20T10:00:00.000Z'), // 10 d after NPS
    track('p6', 'Product Viewed', 'web', 'product-page', '2026-06-10T10:00:00.000Z'),
  ]
  await sendBatch(server.app, ws.writeKey, batch)
  await sendBatch(server.app, other.writeKey, batch.slice(0, 4))
  // An anonymous device that answers a survey and is then merged into p3.
  await sendBatch(server.app, ws.writeKey, [
    {
      type: 'track',
      anonymousId: 'anon7',
      event: 'Home Viewed',
      properties: { channel: 'web' },
      timestamp: '2026-03-01T08:00:00.000Z',
    },
  ])
  const anon = (await apiGet(server.app, ws.secretKey, '/api/persons?identifier=anon7')).json().id as string
  await sendBatch(server.app, ws.writeKey, [
    { type: 'identify', userId: 'p3', anonymousId: 'anon7', timestamp: '2026-03-01T09:00:00.000Z' },
  ])
  for (const p of ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']) {
    const res = await apiGet(server.app, ws.secretKey, `/api/persons?identifier=${p}`)
    person[p] = res.json().id
  }
  const npsDays = ['2026-03-10', '2026-03-12', '2026-03-15', '2026-04-01', '2026-04-10', '2026-06-15']
  const rows: ResponseRow[] = []
  for (let i = 0; i < 5; i++) {
    const p = `p${i + 1}`
    rows.push(
      response(
        p,
        'csat',
        CHECKOUT[i]!,
        '2026-03-05',
        'checkout',
        'purchase',
        i === 0 ? { comment: 'Fast and friendly', sentiment: 0.8, sentimentLabel: 'positive' } : {},
      ),
      // p4's hotline answer is a 3, but the comment is negative: an unhappy experience.
      response(
        p,
        'csat',
        HOTLINE[i]!,
        '2026-03-06',
        'hotline',
        'after-sales',
        i === 3 ? { comment: 'Waited forever', sentiment: -0.6, sentimentLabel: 'negative' } : {},
      ),
    )
  }
  NPS.forEach((score, i) => rows.push(response(`p${i + 1}`, 'nps', score, npsDays[i]!, '', 'loyalty')))
  // An earlier, lower NPS answer of p1: the latest one (10) counts.
  rows.push(response('p1', 'nps', 5, '2026-03-08', '', 'loyalty'))
  // The merged device's comment (no score, no touchpoint, no stage) belongs to p3.
  rows.push({
    ...response('p3', 'csat', 0, '2026-03-01', '', ''),
    personId: anon,
    scoreType: '',
    score: null,
    comment: 'ok',
    sentiment: 0.5,
    sentimentLabel: 'positive',
  })
  mergedAway = anon === person.p3 ? '' : anon
  const store = new ResponseStore(server.rt.events)
  await store.write(rows)
  // Workspace B's look-alike responses never show up in A.
  await store.write(rows.slice(0, 4).map((r) => ({ ...r, workspaceId: other.id, score: 1 })))
})
after(() => server.close())

async function ok(url: string) {
  const res = await apiGet(server.app, ws.secretKey, url)
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
  return res.json()
}
const close = (actual: number, expected: number, message = '') =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${message} ${actual} ≠ ${expected}`)

function pearson(x: number[], y: number[]): number {
  const mx = x.reduce((s, v) => s + v, 0) / x.length
  const my = y.reduce((s, v) => s + v, 0) / y.length
  let sxy = 0
  let sxx = 0
  let syy = 0
  x.forEach((v, i) => {
    sxy += (v - mx) * (y[i]! - my)
    sxx += (v - mx) ** 2
    syy += (y[i]! - my) ** 2
  })
  return sxy / Math.sqrt(sxx * syy)
}

/** Wilson 95 % lower bound, written out: (p + z²/2n − z√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
function wilsonLower(k: number, n: number): number {
  const z = 1.959963984540054
  const p = k / n
  return (
    (p + (z * z) / (2 * n) - z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n)
  )
}

test('key drivers of NPS: Shapley weights match the two-driver closed form, with mean imputation', async () => {
  const body = await ok(`/api/drivers/key-drivers?${RANGE}&outcome=nps&method=shapley&minRespondents=4`)
  // p6 rated no touchpoint: both drivers take the mean of the others (3.4 on the 1–5 scale).
  const checkout = [...CHECKOUT, 3.4]
  const hotline = [...HOTLINE, 3.4]
  const r1 = pearson(checkout, NPS)
  const r2 = pearson(hotline, NPS)
  const r12 = pearson(checkout, hotline)
  const r2full = (r1 * r1 + r2 * r2 - 2 * r1 * r2 * r12) / (1 - r12 * r12)
  assert.equal(body.respondents, 6)
  close(body.outcomeMean, 38 / 6)
  close(body.rSquared, r2full, 'R²')
  const weight = (d: string) => body.drivers.find((x: { driver: string }) => x.driver === d)
  close(weight('checkout').rawWeight, (r1 * r1 + r2full - r2 * r2) / 2, 'checkout')
  close(weight('hotline').rawWeight, (r2 * r2 + r2full - r1 * r1) / 2, 'hotline')
  close(weight('checkout').correlation, r1)
  close(weight('checkout').mean, (3.4 - 1) / 4) // mean satisfaction on 0–1
  assert.equal(weight('checkout').respondents, 5)
  // Only p1, p4 and p3 (on the merged device) wrote comments: below minRespondents, skipped.
  assert.deepEqual(body.skipped, [{ driver: 'sentiment', respondents: 3 }])
  // Relative weights share the same R² and also sum to it.
  const rw = await ok(`/api/drivers/key-drivers?${RANGE}&outcome=nps&minRespondents=4`)
  close(rw.rSquared, r2full)
  close(
    rw.drivers.reduce((s: number, d: { rawWeight: number }) => s + d.rawWeight, 0),
    r2full,
  )
})

test('key drivers of repurchase: respondents anchored at their latest response, outcome in the window', async () => {
  const body = await ok(
    `/api/drivers/key-drivers?${RANGE}&outcome=repurchase&windowDays=30&method=shapley&minRespondents=4`,
  )
  // Anchors before 2026-06-01 (the day `to` ends, minus 30 days): p1…p5 (p6 answered in June). Bought within 30 days: p1, p5.
  assert.equal(body.respondents, 5)
  close(body.outcomeMean, 2 / 5)
  assert.deepEqual(
    body.drivers.map((d: { driver: string; kind: string }) => `${d.kind}:${d.driver}`).sort(),
    ['attribute:nps', 'touchpoint:checkout', 'touchpoint:hotline'],
  )
  const y = [1, 0, 0, 0, 1]
  close(
    body.drivers.find((d: { driver: string }) => d.driver === 'nps').correlation,
    pearson([10, 9, 6, 3, 8], y),
  )
  close(
    body.drivers.reduce((s: number, d: { rawWeight: number }) => s + d.rawWeight, 0),
    body.rSquared,
  )
})

test('repurchase and churn by NPS category, with Wilson intervals', async () => {
  const body = await ok(`/api/drivers/nps-outcomes?${RANGE}&windowDays=30`)
  // Promoters p1 (bought after 10 d) and p2 (a visit, no order); passive p5 (bought);
  // detractors p3 (silent) and p4 (ordered only after 44 d: silent in the window).
  assert.equal(body.respondents, 5)
  const rate = (list: Array<{ category: string; successes: number; trials: number }>) =>
    Object.fromEntries(list.map((r) => [r.category, [r.successes, r.trials]]))
  assert.deepEqual(rate(body.repurchase), { promoter: [1, 2], passive: [1, 1], detractor: [0, 2] })
  assert.deepEqual(rate(body.churn), { promoter: [0, 2], passive: [0, 1], detractor: [2, 2] })
  const promoters = body.repurchase[0]
  close(promoters.lower, wilsonLower(1, 2))
  assert.equal(body.anchoredTo, '2026-06-01T00:00:00.000Z')
  const tooShort = await apiGet(server.app, ws.secretKey, `/api/drivers/nps-outcomes?${RANGE}&windowDays=200`)
  assert.equal(tooShort.statusCode, 400)
  assert.match(tooShort.json().message, /windowDays/)
})

test('experience breakpoints: persons reached × Wilson lower bound of unhappy responses', async () => {
  const body = await ok(`/api/drivers/breakpoints?${RANGE}&minResponses=3`)
  // hotline: 4 persons called, 2 of 5 answers unhappy (a 2, and a 3 with a negative comment);
  // checkout: 3 buyers, 1 of 5 unhappy (the 1).
  assert.deepEqual(
    body.breakpoints.map((b: { touchpoint: string }) => b.touchpoint),
    ['hotline', 'checkout'],
  )
  const [hotline, checkout] = body.breakpoints
  assert.equal(hotline.persons, 4)
  assert.equal(hotline.unhappy, 2)
  close(hotline.score, 4 * wilsonLower(2, 5))
  close(checkout.score, 3 * wilsonLower(1, 5))
  close(checkout.satisfaction, (4 + 3 + 2 + 0 + 3) / 4 / 5)
  close(hotline.sentiment, -0.6)
  assert.equal(checkout.sentiment !== null && Math.abs(checkout.sentiment - 0.8) < 1e-6, true)
})

test('journey stages and drop-off carry NPS, CSAT and comment sentiment per stage', async () => {
  const body = await ok(`/api/journey/drop-off?${RANGE}`)
  const of = (stage: string) => body.satisfaction.find((s: { stage: string }) => s.stage === stage)
  // purchase: checkout CSAT 5,4,3,1,4 → 3 of 5 satisfied; after-sales: hotline 4,5,2,3,3 → 2 of 5.
  close(of('purchase').csat.score, 60)
  close(of('after-sales').csat.score, 40)
  assert.deepEqual(of('purchase').sentiment, { comments: 1, mean: 0.8 })
  // loyalty: NPS 5,10,9,6,3,8,2 → 2 promoters, 4 detractors of 7.
  assert.equal(of('loyalty').nps.n, 7)
  close(of('loyalty').nps.score, Math.round(((100 * (2 - 4)) / 7) * 1e4) / 1e4)
  assert.equal(of('awareness').responses, 0)
  assert.equal(of('awareness').nps, null)
  const stages = await ok(`/api/journey/stages?${RANGE}&interval=month`)
  assert.equal(stages.satisfaction.length, 7)
})

test('persona features carry the latest NPS and CSAT answers and the mean sentiment', async () => {
  const range = parseRange({ from: '2026-03-01', to: '2026-06-30' })
  const features = await personFeatures(
    server.rt.events,
    ws.id,
    range,
    DEFAULT_STAGE_RULES,
    'Order Completed',
  )
  const p1 = features.find((f) => f.personId === person.p1)!
  // p1: NPS 5 (03-08) then 10 (03-10); CSAT 5 (03-05) then 4 (03-06); one comment at 0.8.
  assert.equal(p1.nps, 10)
  assert.equal(p1.csat, 4)
  close(p1.sentiment!, 0.8)
  // p3's only comment came from the device merged into them.
  const p3 = features.find((f) => f.personId === person.p3)!
  close(p3.sentiment!, 0.5)
  if (mergedAway)
    assert.equal(
      features.find((f) => f.personId === mergedAway),
      undefined,
    )
  const p6 = features.find((f) => f.personId === person.p6)!
  assert.equal(p6.csat, null)
  assert.equal(p6.nps, 2)
})
