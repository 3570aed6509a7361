import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  type TestServer,
  type TestWorkspace,
  apiGet,
  sendBatch,
  startTestServer,
} from '../../test/test-server.ts'
import { FIXTURE_AFTER_MERGE, FIXTURE_BEFORE_MERGE } from './analytics-fixture.ts'

// One server per file (chDB binds one data folder per process). The fixture's expected numbers
// are worked out by hand in the comments; P1…P6 are the persons of analytics-fixture.ts.
let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
const ids: Record<string, string> = {}
const JUNE = 'from=2026-06-01&to=2026-06-30'
const H = 3_600

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
  await send(FIXTURE_BEFORE_MERGE)
  await send(FIXTURE_AFTER_MERGE)
  // Workspace B has look-alike data that must never show up in A's numbers.
  await send(FIXTURE_BEFORE_MERGE.slice(0, 8), other.writeKey)
  for (const u of ['u1', 'u2', 'u3']) ids[u] = (await get(`/api/persons?identifier=${u}`)).json().id
  // A retry that arrives after the de-duplication window is stored twice; every count must see it once.
  const [row] = await server.rt.events.query<{ message_id: string }>(
    `SELECT message_id FROM events WHERE workspace_id = {ws:String} AND message_id = 'order-p1-1'`,
    { ws: ws.id },
  )
  assert.ok(row)
  await server.rt.events.write({
    identities: [],
    merges: [],
    events: [
      {
        workspaceId: ws.id,
        messageId: 'order-p1-1',
        type: 'track',
        event: 'Order Completed',
        personId: ids.u1!,
        anonymousId: '',
        userId: 'u1',
        channel: 'web',
        touchpoint: 'checkout',
        eventTime: Date.parse('2026-06-02T11:00:00.000Z'),
        clientTime: null,
        sentAt: null,
        receivedAt: Date.now(),
        properties: { revenue: 100, products: [{ product_id: 'A' }, { product_id: 'B' }] },
        traits: null,
        context: {},
        source: 'api',
      },
    ],
  })
})
after(() => server.close())

const send = (batch: unknown[], key = ws.writeKey) => sendBatch(server.app, key, batch)
const get = (url: string, key = ws.secretKey) => apiGet(server.app, key, url)

async function ok(url: string, key = ws.secretKey) {
  const res = await get(url, key)
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
  return res.json()
}

const close = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} ≠ ${expected}`)

test('the anonymous device was merged into u3 (person_overrides), so queries must resolve it', async () => {
  const p3 = await ok(`/api/persons?identifier=anon3`)
  assert.equal(p3.id, ids.u3)
  const [overrides] = await server.rt.events.query<{ n: number }>(
    'SELECT count() AS n FROM person_overrides WHERE workspace_id = {ws:String}',
    { ws: ws.id },
  )
  assert.equal(Number(overrides?.n), 1)
})

test('stage distribution: each person in the stage of their latest contact', async () => {
  const body = await ok(`/api/journey/stages?${JUNE}&interval=month`)
  // P1 ends June in purchase (order 06-10), P2 in preference (cart), P3 in after-sales (return call).
  assert.deepEqual(body.current, [
    {
      breakdown: '',
      persons: 3,
      stages: {
        'pre-awareness': 0,
        awareness: 0,
        consideration: 0,
        preference: 1,
        purchase: 1,
        'after-sales': 1,
        loyalty: 0,
      },
    },
  ])
  assert.equal(body.periods.length, 1)
  assert.equal(body.periods[0].period, '2026-06-01')
  assert.equal(body.periods[0].persons, 3)
  const byChannel = await ok(`/api/journey/stages?${JUNE}&interval=week&breakdown=channel`)
  const phone = byChannel.current.find((c: { breakdown: string }) => c.breakdown === 'phone')
  assert.equal(phone.stages['after-sales'], 1)
})

test('stage transitions: counts, persons and median hours; Sankey of forward moves', async () => {
  const body = await ok(`/api/journey/transitions?${JUNE}`)
  const key = (t: { from: string; to: string }) => `${t.from}>${t.to}`
  const moves = Object.fromEntries(
    body.transitions.map(
      (t: { from: string; to: string; count: number; persons: number; medianHours: number }) => [
        key(t),
        [t.count, t.persons, t.medianHours],
      ],
    ),
  )
  // P1: pre-awareness→consideration (24 h), →preference (0.5 h), →purchase (0.5 h).
  // P2: awareness→consideration (2 h), →preference (48 h). P3 (merged device): awareness→consideration
  // (1 h), →purchase (2 h), →after-sales (46 h).
  assert.deepEqual(moves, {
    'pre-awareness>consideration': [1, 1, 24],
    'awareness>consideration': [2, 2, 1.5],
    'consideration>preference': [2, 2, 24.25],
    'consideration>purchase': [1, 1, 2],
    'preference>purchase': [1, 1, 0.5],
    'purchase>after-sales': [1, 1, 46],
  })
  assert.deepEqual(
    body.sankey.nodes.map((n: { name: string }) => n.name),
    ['pre-awareness', 'awareness', 'consideration', 'preference', 'purchase', 'after-sales'],
  )
  assert.equal(body.sankey.links.length, 6)
})

test("a person's stage history covers their merged device", async () => {
  const body = await ok(`/api/journey/persons/${ids.u3}?${JUNE}`)
  assert.equal(body.current, 'after-sales')
  assert.deepEqual(
    body.visits.map((v: { stage: string; from: string; contacts: number }) => [v.stage, v.from, v.contacts]),
    [
      ['awareness', '2026-06-04T09:00:00.000Z', 1],
      ['consideration', '2026-06-04T10:00:00.000Z', 1],
      ['purchase', '2026-06-04T12:00:00.000Z', 1],
      ['after-sales', '2026-06-06T10:00:00.000Z', 1],
    ],
  )
  // Another workspace cannot read it: the person does not exist there.
  const foreign = await ok(`/api/journey/persons/${ids.u3}?${JUNE}`, other.secretKey)
  assert.deepEqual([foreign.current, foreign.visits], [null, []])
})

test('drop-off per stage', async () => {
  const body = await ok(`/api/journey/drop-off?${JUNE}`)
  const rows = Object.fromEntries(
    body.stages.map((s: { stage: string; reached: number; progressed: number; droppedOff: number }) => [
      s.stage,
      [s.reached, s.progressed, s.droppedOff],
    ]),
  )
  assert.deepEqual(rows, {
    'pre-awareness': [1, 1, 0],
    awareness: [2, 2, 0],
    consideration: [3, 3, 0],
    preference: [2, 1, 1], // P2 never bought
    purchase: [2, 1, 1], // P1 never reached after-sales
    'after-sales': [1, 0, 1],
    loyalty: [0, 0, 0],
  })
})

test('funnel: loose vs strict order, window, Wilson interval, time to convert, breakdown', async () => {
  const url = `/api/funnels?${JUNE}&steps=Product%20Viewed&steps=Order%20Completed&window=86400`
  const loose = await ok(`${url}&breakdown=channel`)
  // P1 (1 h) and P3 (2 h, the view was on the merged device) convert within a day; P2 does not.
  assert.deepEqual(
    loose.total.steps.map((s: { persons: number }) => s.persons),
    [3, 2],
  )
  const rate = loose.total.steps[1].overall
  close(rate.rate, 2 / 3)
  // Wilson 95 % for 2 of 3: 0.2077…–0.9385…
  assert.ok(
    Math.abs(rate.lower - 0.2077) < 1e-3 && Math.abs(rate.upper - 0.9385) < 1e-3,
    JSON.stringify(rate),
  )
  assert.deepEqual(loose.total.timeToConvert.quantiles, {
    p25: 1.25 * H,
    median: 1.5 * H,
    p75: 1.75 * H,
    p90: 1.9 * H,
  })
  assert.equal(loose.total.timeToConvert.histogram[1].persons, 2, '1–6 h')
  const groups = Object.fromEntries(
    loose.groups.map((g: { breakdown: string; steps: { persons: number }[] }) => [
      g.breakdown,
      g.steps.map((s) => s.persons),
    ]),
  )
  assert.deepEqual(groups, { web: [2, 2], app: [1, 0] })

  // Strict order: P1 added to cart between view and order, so only P3 converts.
  const strict = await ok(`${url}&order=strict`)
  assert.deepEqual(
    strict.total.steps.map((s: { persons: number }) => s.persons),
    [3, 1],
  )
  // Three steps: P2's cart came 48 h after the view, outside a one-day window but inside seven days.
  const three = `/api/funnels?${JUNE}&steps=Product%20Viewed&steps=Product%20Added&steps=Order%20Completed`
  assert.deepEqual(
    (await ok(`${three}&window=86400`)).total.steps.map((s: { persons: number }) => s.persons),
    [3, 1, 1],
  )
  assert.deepEqual(
    (await ok(three)).total.steps.map((s: { persons: number }) => s.persons),
    [3, 2, 1],
  )
  const touchpointStep = await ok(
    `/api/funnels?${JUNE}&steps=touchpoint:product-page&steps=touchpoint:checkout`,
  )
  assert.deepEqual(
    touchpointStep.total.steps.map((s: { persons: number }) => s.persons),
    [2, 2],
  )
})

test('paths after an event, repeats collapsed, with (end) where a path stops', async () => {
  const body = await ok(`/api/paths?${JUNE}&event=Product%20Viewed&depth=2`)
  assert.equal(body.persons, 3)
  const links = body.sankey.links.map(
    (l: { source: string; target: string; value: number }) => `${l.source} > ${l.target} = ${l.value}`,
  )
  assert.deepEqual(links.sort(), [
    '0 · Product Viewed > 1 · Order Completed = 1',
    '0 · Product Viewed > 1 · Product Added = 2',
    '1 · Order Completed > 2 · Return Requested = 1',
    '1 · Product Added > 2 · (end) = 1',
    '1 · Product Added > 2 · Order Completed = 1',
  ])
  const before = await ok(`/api/paths?${JUNE}&event=Order%20Completed&direction=before&depth=1`)
  assert.deepEqual(
    before.sankey.links
      .map((l: { source: string; target: string; value: number }) => `${l.source} > ${l.target} = ${l.value}`)
      .sort(),
    ['0 · Order Completed > 1 · Product Added = 1', '0 · Order Completed > 1 · Product Viewed = 1'],
  )
})

test('retention cohorts by first purchase month and repeat-purchase rate', async () => {
  const body = await ok('/api/lifecycle/retention?from=2026-06-01&to=2026-07-31&interval=month')
  // June cohort: P1 and P3; P1 bought again in July. P1 has 3 orders (the late retry counts once), P3 one.
  assert.deepEqual(body.cohorts, [{ cohort: '2026-06-01', size: 2, persons: [2, 1], retained: [1, 0.5] }])
  assert.equal(body.repeatPurchaseRate.numerator, 1)
  assert.equal(body.repeatPurchaseRate.denominator, 2)
})

test('lifecycle states and churn rate', async () => {
  const body = await ok(
    '/api/lifecycle/states?from=2026-06-01&to=2026-07-31&churnDays=30&newDays=10&state=churned',
  )
  const states = Object.fromEntries(
    body.states.map((s: { state: string; persons: number }) => [s.state, s.persons]),
  )
  // As of 08-01: P4 first seen 07-25 (new), P5 back on 07-25 after 85 days (reactivated), P6 active,
  // P1 idle since 07-03 (≥ 15 days: at risk), P2 and P3 idle since early June (churned).
  assert.deepEqual(states, { new: 1, active: 1, reactivated: 1, 'at-risk': 1, churned: 2 })
  assert.deepEqual(body.persons.map((p: { personId: string }) => p.personId).sort(), [ids.u2, ids.u3].sort())
  // Active in [06-01, 07-02): P1, P2, P3; silent since the cut-off: P2, P3.
  assert.equal(body.churnRate.numerator, 2)
  assert.equal(body.churnRate.denominator, 3)
})

test('returning-visitor share and cross-channel overlap', async () => {
  const body = await ok('/api/lifecycle/engagement?from=2026-06-01&to=2026-07-31&interval=month')
  // June: P1, P2, P3 all new. July: P1 (since June) and P5 (since May) return; P4 and P6 are new.
  assert.deepEqual(
    body.returning.map((r: { period: string; active: number; returning: { numerator: number } }) => [
      r.period,
      r.active,
      r.returning.numerator,
    ]),
    [
      ['2026-06-01', 3, 0],
      ['2026-07-01', 4, 2],
    ],
  )
  const june = await ok(`/api/lifecycle/engagement?${JUNE}`)
  const pairs = june.overlap.map(
    (o: { a: string; b: string; persons: number }) => `${o.a}+${o.b}=${o.persons}`,
  )
  // P1 other+web, P2 app+social, P3 email+phone+web.
  assert.deepEqual(pairs.sort(), [
    'app+social=1',
    'email+phone=1',
    'email+web=1',
    'other+web=1',
    'phone+web=1',
  ])
  const web = june.channels.find((c: { channel: string }) => c.channel === 'web')
  assert.equal(web.persons, 2)
})

test('attribution: heuristic models, Markov removal effects and origins', async () => {
  const body = await ok(`/api/attribution?${JUNE}`)
  // Journeys: P1 other→web → order (100); P1 second order without new touches (50);
  // P3 email→web → order (80); P2 social→app and P3 phone end without a conversion.
  assert.equal(body.conversions, 3)
  assert.equal(body.revenue, 230)
  assert.equal(body.nonConvertingPaths, 2)
  const credit = (model: string) =>
    Object.fromEntries(
      body.models[model]
        .filter((c: { conversions: number }) => c.conversions > 0)
        .map((c: { channel: string; conversions: number }) => [c.channel, c.conversions]),
    )
  assert.deepEqual(credit('first-touch'), { email: 1, other: 1 })
  assert.deepEqual(credit('last-touch'), { web: 2 })
  assert.deepEqual(credit('linear'), { web: 1, email: 0.5, other: 0.5 })
  const value = Object.fromEntries(
    body.models.linear.map((c: { channel: string; value: number }) => [c.channel, c.value]),
  )
  assert.deepEqual(value, { web: 90, email: 40, other: 50 })
  // P(conversion) = 2/4; without web 0 (effect 1), without email or other 1/4 (effect 0.5 each).
  close(body.markov.conversionProbability, 0.5)
  const effects = Object.fromEntries(
    body.markov.removalEffects.map((r: { channel: string; removalEffect: number }) => [
      r.channel,
      r.removalEffect,
    ]),
  )
  close(effects.web, 1)
  close(effects.email, 0.5)
  close(effects.other, 0.5)
  close(effects.social, 0)
  const markov = credit('markov')
  close(markov.web, 1)
  close(markov.email, 0.5)
  assert.deepEqual(
    body.origins.map((o: { name: string; persons: number }) => [o.name, o.persons]),
    [
      ['email', 1],
      ['other', 1],
    ],
  )
  const byTouchpoint = await ok(`/api/attribution?${JUNE}&level=touchpoint`)
  // Touchpoint level: P1 display-ads → product-page → cart, P3 newsletter → product-page.
  assert.deepEqual(
    byTouchpoint.models['last-touch']
      .filter((c: { conversions: number }) => c.conversions > 0)
      .map((c: { channel: string; conversions: number }) => [c.channel, c.conversions]),
    [
      ['cart', 1],
      ['product-page', 1],
    ],
  )
})

test('CLV: summaries from deduplicated orders, a fit, and per-person predictions', async () => {
  const range = 'from=2026-01-01&to=2026-07-31'
  const body = await ok(`/api/clv?${range}`)
  assert.equal(body.customers, 2)
  assert.equal(body.repeatCustomers, 1)
  assert.ok(body.bgNbd.params.r > 0 && Number.isFinite(body.bgNbd.logLikelihood))
  const p1 = await ok(`/api/clv/persons/${ids.u1}?${range}`)
  // P1: purchase days 06-02 (100), 06-10 (50), 07-03 (70); the late retry of the first is ignored.
  assert.equal(p1.customer, true)
  assert.equal(p1.value.orders, 3)
  assert.equal(p1.value.revenue, 220)
  assert.equal(p1.value.frequency, 2)
  close(p1.value.recencyWeeks, 31 / 7)
  close(p1.value.ageWeeks, 59 / 7)
  assert.equal(p1.value.monetaryValue, 60)
  assert.ok(p1.value.probabilityAlive > 0 && p1.value.probabilityAlive <= 1)
  assert.ok(p1.value.clv > 0)
  const p2 = await ok(`/api/clv/persons/${ids.u2}?${range}`)
  assert.deepEqual([p2.customer, p2.value], [false, null])
})

test('personas, RFM and recommendations', async () => {
  const personas = await ok(`/api/personas?${JUNE}`)
  assert.equal(personas.persons, 3)
  assert.equal(
    personas.personas.reduce((s: number, p: { size: number }) => s + p.size, 0),
    3,
  )
  // Three persons cannot form four personas: a clear 400, not a 500 from k-means.
  const tooMany = await get(`/api/personas?${JUNE}&k=4`)
  assert.equal(tooMany.statusCode, 400)
  assert.match(tooMany.json().message, /k = 4 personas need at least 4 persons; the range has 3/)
  const mine = await ok(`/api/personas/persons/${ids.u1}?${JUNE}`)
  assert.ok(mine.persona.name.en.length > 0)
  const rfm = await ok(`/api/rfm?${JUNE}`)
  assert.equal(rfm.customers.length, 2)
  const rec = await ok(`/api/recommendations/persons/${ids.u3}?${JUNE}`)
  // P3 owns A; P1 bought A with B and C, so B and C are recommended; A never is.
  assert.deepEqual(rec.owned, ['A'])
  assert.deepEqual(rec.items.map((i: { itemId: string }) => i.itemId).sort(), ['B', 'C'])
  assert.deepEqual(rec.names, {}, 'the fixture products carry no names')
  const also = await ok(`/api/recommendations/items/A?${JUNE}`)
  assert.equal(also.buyers, 2)
})

test("another workspace's key sees only its own data", async () => {
  const stages = await ok(`/api/journey/stages?${JUNE}`, other.secretKey)
  // B has only P1's and P2's first events (no merge, no P3).
  assert.equal(stages.current[0].persons, 2)
  const funnel = await ok(
    `/api/funnels?${JUNE}&steps=Product%20Viewed&steps=Order%20Completed&window=86400`,
    other.secretKey,
  )
  assert.deepEqual(
    funnel.total.steps.map((s: { persons: number }) => s.persons),
    [2, 1],
  )
  assert.equal(
    (await get(`/api/clv/persons/${ids.u3}?from=2026-01-01&to=2026-07-31`, other.secretKey)).json().customer,
    false,
  )
})

test('bad parameters answer 400 with TS_BAD_REQUEST, a missing key 401', async () => {
  const bad = [
    '/api/journey/stages?from=2026-07-01&to=2026-06-01',
    '/api/journey/stages?from=yesterday',
    '/api/journey/stages?breakdown=planet',
    '/api/journey/stages?breakdown=trait:no%20such%3F',
    '/api/journey/stages?interval=year',
    '/api/funnels?steps=Product%20Viewed',
    '/api/funnels?steps=a&steps=b&window=5',
    '/api/paths?event=x&depth=99',
    '/api/paths',
    '/api/lifecycle/states?churnDays=30&atRiskDays=40',
    '/api/attribution?level=campaign',
    '/api/clv/persons/not-a-uuid',
    '/api/journey/transitions?from=1900-01-01&to=2026-01-01',
  ]
  for (const url of bad) {
    const res = await get(url)
    assert.equal(res.statusCode, 400, `${url}: ${res.body}`)
    assert.equal(res.json().code, 'TS_BAD_REQUEST', url)
  }
  const anonymous = await server.app.inject({ method: 'GET', url: '/api/journey/stages' })
  assert.equal(anonymous.statusCode, 401)
})

test('every analytics route is in the OpenAPI document', async () => {
  const doc = (await server.app.inject({ method: 'GET', url: '/docs/json' })).json()
  for (const path of [
    '/api/journey/stages',
    '/api/journey/transitions',
    '/api/journey/drop-off',
    '/api/journey/persons/{id}',
    '/api/funnels',
    '/api/paths',
    '/api/lifecycle/retention',
    '/api/lifecycle/states',
    '/api/lifecycle/engagement',
    '/api/attribution',
    '/api/clv',
    '/api/clv/persons/{id}',
    '/api/personas',
    '/api/personas/persons/{id}',
    '/api/rfm',
    '/api/recommendations/persons/{id}',
    '/api/lifecycle/persons/{id}',
    '/api/recommendations/items/{itemId}',
    '/api/journey/stage-rules',
    '/api/drivers/key-drivers',
    '/api/drivers/nps-outcomes',
    '/api/drivers/breakpoints',
    '/api/engagement/sessions',
    '/api/social/followers',
  ]) {
    assert.ok(doc.paths[path]?.get, path)
  }
})

test('one person’s lifecycle state matches the aggregate, follows merges and stays in its workspace', async () => {
  const settings = 'from=2026-06-01&to=2026-07-31&churnDays=30&newDays=10'
  const state = (id: string, key = ws.secretKey) => ok(`/api/lifecycle/persons/${id}?${settings}`, key)
  // Same as the aggregate above, as of 08-01: P1 idle since 07-03 (at risk), P3 idle since 06-06
  // (churned), P5 seen 05-01 and back on 07-25 after 85 days (reactivated).
  const p1 = await state(ids.u1!)
  assert.deepEqual(
    [p1.state, p1.firstSeen, p1.lastSeen],
    // First contact: the ad impression of 06-01 (the awareness stage counts as a contact).
    ['at-risk', '2026-06-01T10:00:00.000Z', '2026-07-03T10:00:00.000Z'],
  )
  assert.deepEqual(p1.thresholds, { churnDays: 30, atRiskDays: 15, newDays: 10 })
  const u5 = (await ok('/api/persons?identifier=u5')).id
  const p5 = await state(u5)
  assert.deepEqual(
    [p5.state, p5.firstSeen, p5.lastSeen],
    ['reactivated', '2026-05-01T10:00:00.000Z', '2026-07-25T10:00:00.000Z'],
  )
  // The anonymous device's old id answers for the survivor u3.
  const [merged] = await server.rt.events.query<{ id: string }>(
    'SELECT toString(old_person_id) AS id FROM person_overrides WHERE workspace_id = {ws:String}',
    { ws: ws.id },
  )
  assert.ok(merged)
  const p3 = await state(merged.id)
  assert.equal(p3.personId, ids.u3)
  assert.equal(p3.state, 'churned')
  // Another workspace's key sees no contacts of this person; bad settings are refused.
  assert.equal((await state(ids.u1!, other.secretKey)).state, null)
  assert.equal((await get(`/api/lifecycle/persons/not-a-uuid?${settings}`)).statusCode, 400)
  const refused = await get(`/api/lifecycle/persons/${ids.u1}?churnDays=30&atRiskDays=40`)
  assert.equal(refused.statusCode, 400)
})
