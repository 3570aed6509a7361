import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  type TestServer,
  type TestWorkspace,
  apiGet,
  sendBatch,
  startTestServer,
} from '../../test/test-server.ts'
import { DEFAULT_STAGE_RULES } from '@touchstone/core/journey'
import { parseRange } from './analytics-params.ts'
import { BreakdownSource } from './breakdown-source.ts'
import { stageDistributionByGroup } from './stage-group-query.ts'

// Sessions, social followers, person breakdowns (trait, persona) and workspace stage rules on a
// small fixture; expected numbers are worked out by hand next to each assertion.
let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace

const page = (userId: string, timestamp: string) => ({ type: 'page', userId, name: 'Home', timestamp })
const screen = (userId: string, timestamp: string) => ({ type: 'screen', userId, name: 'Home', timestamp })
const track = (userId: string, event: string, properties: Record<string, unknown>, timestamp: string) => ({
  type: 'track',
  userId,
  event,
  properties,
  timestamp,
})
const follow = (userId: string, event: string, network: string, timestamp: string) =>
  track(userId, event, { channel: 'social', touchpoint: network, network }, timestamp)
const identify = (userId: string, traits: Record<string, unknown>, timestamp: string) => ({
  type: 'identify',
  userId,
  traits,
  timestamp,
})

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
  const batch = [
    // u1 on the web 10:00, 10:10 | 40 min gap | 10:50, 10:55, and in the app 10:05–10:20.
    page('u1', '2026-06-01T10:00:00.000Z'),
    page('u1', '2026-06-01T10:10:00.000Z'),
    page('u1', '2026-06-01T10:50:00.000Z'),
    page('u1', '2026-06-01T10:55:00.000Z'),
    screen('u1', '2026-06-01T10:05:00.000Z'),
    screen('u1', '2026-06-01T10:20:00.000Z'),
    page('u2', '2026-06-09T09:00:00.000Z'),
    // Followers: two on Instagram and one on Facebook before June.
    follow('u1', 'Social Followed', 'instagram', '2026-05-20T10:00:00.000Z'),
    follow('u2', 'Social Followed', 'instagram', '2026-05-21T10:00:00.000Z'),
    follow('u3', 'Social Followed', 'facebook', '2026-05-22T10:00:00.000Z'),
    follow('u4', 'Social Followed', 'instagram', '2026-06-02T10:00:00.000Z'),
    follow('u1', 'Social Unfollowed', 'instagram', '2026-06-03T10:00:00.000Z'),
    follow('u5', 'Social Followed', 'facebook', '2026-06-10T10:00:00.000Z'),
    // `platform` wins over `network`.
    track(
      'u6',
      'Social Followed',
      { channel: 'social', network: 'x', platform: 'tiktok' },
      '2026-06-11T10:00:00.000Z',
    ),
    // Traits: u1's plan changes from pro to enterprise; u3 has no plan.
    identify('u1', { plan: 'pro' }, '2026-05-01T10:00:00.000Z'),
    identify('u1', { plan: 'enterprise' }, '2026-05-10T10:00:00.000Z'),
    identify('u2', { plan: 'free' }, '2026-05-02T10:00:00.000Z'),
    identify('u3', { email: 'u3@example.de' }, '2026-05-02T10:00:00.000Z'),
    // July contacts: u1 and u3 consider, u2 buys.
    track('u1', 'Product Viewed', { channel: 'web', touchpoint: 'product-page' }, '2026-07-01T10:00:00.000Z'),
    track(
      'u2',
      'Order Completed',
      { channel: 'web', touchpoint: 'checkout', revenue: 20 },
      '2026-07-02T10:00:00.000Z',
    ),
    track('u3', 'Product Viewed', { channel: 'web', touchpoint: 'product-page' }, '2026-07-03T10:00:00.000Z'),
    // u1 (enterprise) buys for the first time in August and again in September.
    track('u1', 'Order Completed', { channel: 'web', revenue: 30 }, '2026-08-05T10:00:00.000Z'),
    track('u1', 'Order Completed', { channel: 'web', revenue: 40 }, '2026-09-10T10:00:00.000Z'),
  ]
  await sendBatch(server.app, ws.writeKey, batch)
  await sendBatch(server.app, other.writeKey, batch.slice(0, 10))
})
after(() => server.close())

const get = (url: string, key = ws.secretKey) => apiGet(server.app, key, url)
async function ok(url: string, key = ws.secretKey) {
  const res = await get(url, key)
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
  return res.json()
}
const send = (method: 'PUT' | 'DELETE', url: string, key: string, payload?: unknown) =>
  server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${key}` },
    ...(payload === undefined ? {} : { payload: payload as object }),
  })

test('sessions: a 30-minute gap starts a new session; durations, medians and sessions per person by channel', async () => {
  const body = await ok('/api/engagement/sessions?from=2026-06-01&to=2026-06-14&interval=week')
  // web: u1 10:00–10:10 (600 s), u1 10:50–10:55 (300 s), u2 one view (0 s); app: u1 10:05–10:20 (900 s).
  const web = body.channels.find((c: { channel: string }) => c.channel === 'web')
  assert.deepEqual(web, {
    channel: 'web',
    sessions: 3,
    persons: 2,
    sessionsPerPerson: 1.5,
    meanSeconds: 300,
    medianSeconds: 300,
    singleViewShare: 1 / 3,
  })
  const app = body.channels.find((c: { channel: string }) => c.channel === 'app')
  assert.equal(app.sessions, 1)
  assert.equal(app.medianSeconds, 900)
  // All four: mean 1800 / 4 = 450; median of 0, 300, 600, 900 interpolates to 450.
  assert.equal(body.total.sessions, 4)
  assert.equal(body.total.meanSeconds, 450)
  assert.equal(body.total.medianSeconds, 450)
  assert.deepEqual(
    body.periods.map((p: { period: string; channel: string; sessions: number }) => [
      p.period,
      p.channel,
      p.sessions,
    ]),
    [
      ['2026-06-01', 'app', 1],
      ['2026-06-01', 'web', 2],
      ['2026-06-08', 'web', 1],
    ],
  )
  assert.equal(body.gapMinutes, 30)
})

test('social followers: net per platform and period, running total from everything before', async () => {
  const body = await ok('/api/social/followers?from=2026-06-01&to=2026-06-14&interval=week')
  assert.deepEqual(body.before, { facebook: 1, instagram: 2 })
  assert.deepEqual(body.periods, [
    { period: '2026-06-01', platform: 'instagram', follows: 1, unfollows: 1, net: 0, followers: 2 },
    { period: '2026-06-08', platform: 'facebook', follows: 1, unfollows: 0, net: 1, followers: 2 },
    { period: '2026-06-08', platform: 'tiktok', follows: 1, unfollows: 0, net: 1, followers: 1 },
  ])
})

test('journey stages by trait: each person under the latest value of the trait', async () => {
  const body = await ok(
    '/api/journey/stages?from=2026-07-01&to=2026-07-31&interval=month&breakdown=trait:plan',
  )
  const current = Object.fromEntries(
    body.current.map((c: { breakdown: string; stages: Record<string, number> }) => [
      c.breakdown,
      Object.entries(c.stages)
        .filter(([, n]) => n > 0)
        .map(([s, n]) => `${s}:${n}`),
    ]),
  )
  assert.deepEqual(current, {
    '(none)': ['consideration:1'],
    enterprise: ['consideration:1'],
    free: ['purchase:1'],
  })
  const bad = await get('/api/journey/stages?breakdown=trait:bad%21name')
  assert.equal(bad.statusCode, 400)
  assert.match(bad.json().message, /trait name/)
  const unknown = await get('/api/journey/stages?breakdown=trait:colour')
  assert.equal(unknown.statusCode, 400)
  assert.match(unknown.json().message, /no person .* trait "colour"/)
  assert.equal((await get('/api/journey/stages?breakdown=planet')).statusCode, 400)
})

test('lifecycle states by trait and by persona: groups add up to the whole', async () => {
  const byTrait = await ok('/api/lifecycle/states?from=2026-07-01&to=2026-07-31&breakdown=trait:plan')
  // u1 enterprise, u2 free; u3…u6 have no plan.
  assert.deepEqual(
    byTrait.groups.map((g: { group: string; persons: number }) => [g.group, g.persons]),
    [
      ['(none)', 4],
      ['enterprise', 1],
      ['free', 1],
    ],
  )
  const total = byTrait.states.reduce((s: number, x: { persons: number }) => s + x.persons, 0)
  assert.equal(total, 6)
  const byPersona = await ok('/api/lifecycle/states?from=2026-07-01&to=2026-07-31&breakdown=persona')
  const personas = await ok('/api/personas?to=2026-07-31')
  const names = new Set(personas.personas.map((p: { name: { en: string } }) => p.name.en))
  let persons = 0
  for (const g of byPersona.groups as Array<{ group: string; persons: number }>) {
    assert.ok(names.has(g.group), `${g.group} is a persona of /api/personas`)
    persons += g.persons
  }
  assert.equal(persons, 6)
  const plain = await ok('/api/lifecycle/states?from=2026-07-01&to=2026-07-31')
  assert.equal(plain.groups, undefined)
})

test('retention by trait: cohorts and repeat purchases per plan', async () => {
  const body = await ok(
    '/api/lifecycle/retention?from=2026-07-01&to=2026-09-30&interval=month&breakdown=trait:plan',
  )
  // free: u2's only order in July (observed July–September); enterprise: u1 first buys in August,
  // again in September.
  const groups = body.groups.map(
    (g: {
      group: string
      cohorts: unknown
      repeatPurchaseRate: { numerator: number; denominator: number }
    }) => [g.group, g.cohorts, g.repeatPurchaseRate.numerator, g.repeatPurchaseRate.denominator],
  )
  assert.deepEqual(groups, [
    ['enterprise', [{ cohort: '2026-08-01', size: 1, persons: [1, 1], retained: [1, 1] }], 1, 1],
    ['free', [{ cohort: '2026-07-01', size: 1, persons: [1, 0, 0], retained: [1, 0, 0] }], 0, 1],
  ])
  // The groups add up to the whole.
  assert.deepEqual(
    body.cohorts.map((c: { cohort: string; size: number }) => [c.cohort, c.size]),
    [
      ['2026-07-01', 1],
      ['2026-08-01', 1],
    ],
  )
  assert.equal(body.repeatPurchaseRate.numerator, 1)
  assert.equal(body.repeatPurchaseRate.denominator, 2)
})

test('stages by persona: groups bound in SQL and groups counted in memory agree', async () => {
  const range = parseRange({ from: '2026-05-01', to: '2026-07-31' })
  const deps = { events: server.rt.events, meta: server.rt.meta }
  const bound = await new BreakdownSource(deps).groups(ws.id, range, { kind: 'persona' })
  const inMemory = await new BreakdownSource(deps, 0).groups(ws.id, range, { kind: 'persona' })
  assert.ok(bound.sql)
  assert.equal(inMemory.sql, undefined)
  const run = (groups: typeof bound) =>
    stageDistributionByGroup(server.rt.events, ws.id, range, DEFAULT_STAGE_RULES, 'month', groups)
  const [a, b] = [await run(bound), await run(inMemory)]
  assert.deepEqual(a, b)
  // Everyone with a placed contact in the range is counted once in `current`: u1…u6.
  assert.equal(
    a.current.reduce((s, c) => s + c.persons, 0),
    6,
  )
})

test('stage rules: defaults, validated PUT (owner/admin), effect on stages, DELETE back to defaults', async () => {
  const initial = await ok('/api/journey/stage-rules')
  assert.equal(initial.custom, false)
  assert.deepEqual(initial.rules, initial.defaults)

  const invalid = await send('PUT', '/api/journey/stage-rules', ws.secretKey, {
    rules: [{ stage: 'nirvana', events: ['x'] }, { stage: 'loyalty' }, { stage: 'purchase', events: [] }],
  })
  assert.equal(invalid.statusCode, 400)
  assert.deepEqual(invalid.json().details.problems, [
    'rule 0: unknown stage',
    'rule 1: needs events, touchpoints or channels',
    'rule 2: events must be a non-empty list of strings',
  ])

  const analyst = await server.rt.keys.create(ws.id, 'secret', 'analyst', 'analyst')
  const rules = [{ stage: 'loyalty', events: ['Product Viewed'] }, ...initial.defaults]
  const forbidden = await send('PUT', '/api/journey/stage-rules', analyst.key, { rules })
  assert.equal(forbidden.statusCode, 403)

  const saved = await send('PUT', '/api/journey/stage-rules', ws.secretKey, { rules })
  assert.equal(saved.statusCode, 200, saved.body)
  assert.equal(saved.json().custom, true)
  assert.deepEqual(saved.json().rules[0], { stage: 'loyalty', events: ['Product Viewed'] })
  // u1 and u3 viewed products in July: now loyalty instead of consideration.
  const stages = await ok('/api/journey/stages?from=2026-07-01&to=2026-07-31&interval=month')
  assert.equal(stages.current[0].stages.loyalty, 2)
  assert.equal(stages.current[0].stages.consideration, 0)
  // Workspace B keeps the defaults.
  assert.equal((await ok('/api/journey/stage-rules', other.secretKey)).custom, false)

  const reset = await send('DELETE', '/api/journey/stage-rules', ws.secretKey)
  assert.equal(reset.statusCode, 200)
  assert.equal(reset.json().custom, false)
  const again = await ok('/api/journey/stages?from=2026-07-01&to=2026-07-31&interval=month')
  assert.equal(again.current[0].stages.consideration, 2)
})
