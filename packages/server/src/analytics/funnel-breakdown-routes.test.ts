import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  type TestServer,
  type TestWorkspace,
  apiGet,
  sendBatch,
  startTestServer,
} from '../../test/test-server.ts'
import { parseRange } from './analytics-params.ts'
import { BreakdownSource } from './breakdown-source.ts'
import { funnel } from './funnel-query.ts'

// The funnel split by a property of the person (trait, persona) on a small fixture; the
// expected numbers are worked out by hand next to each assertion. Funnel: Product Viewed →
// Order Completed within one day, in June.
let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
const H = 3_600
const FUNNEL =
  '/api/funnels?from=2026-06-01&to=2026-06-30&steps=Product%20Viewed&steps=Order%20Completed&window=86400'

const track = (who: { userId?: string; anonymousId?: string }, event: string, timestamp: string) => ({
  type: 'track',
  ...who,
  event,
  properties: { channel: 'web', touchpoint: event === 'Order Completed' ? 'checkout' : 'product-page' },
  timestamp,
})
const identify = (
  userId: string,
  traits: Record<string, unknown>,
  timestamp: string,
  anonymousId?: string,
) => ({
  type: 'identify',
  userId,
  ...(anonymousId ? { anonymousId } : {}),
  traits,
  timestamp,
})
const view = (userId: string, timestamp: string) => track({ userId }, 'Product Viewed', timestamp)
const order = (userId: string, timestamp: string) => track({ userId }, 'Order Completed', timestamp)

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
  const first = [
    // u1 pro: converts in 1 h.
    identify('u1', { plan: 'pro' }, '2026-05-01T10:00:00.000Z'),
    view('u1', '2026-06-01T10:00:00.000Z'),
    order('u1', '2026-06-01T11:00:00.000Z'),
    // u2 basic, then pro (the latest value counts): converts in 3 h.
    identify('u2', { plan: 'basic' }, '2026-05-01T10:00:00.000Z'),
    identify('u2', { plan: 'pro' }, '2026-05-20T10:00:00.000Z'),
    view('u2', '2026-06-02T10:00:00.000Z'),
    order('u2', '2026-06-02T13:00:00.000Z'),
    // u3 pro, no order; turns basic only after the range (ignored: traits as of `to`).
    identify('u3', { plan: 'pro' }, '2026-05-01T10:00:00.000Z'),
    view('u3', '2026-06-03T10:00:00.000Z'),
    identify('u3', { plan: 'basic' }, '2026-07-15T10:00:00.000Z'),
    // u4 basic: orders two days later, outside the window.
    identify('u4', { plan: 'basic' }, '2026-05-01T10:00:00.000Z'),
    view('u4', '2026-06-04T10:00:00.000Z'),
    order('u4', '2026-06-06T10:00:00.000Z'),
    // u5 basic: converts in 30 min.
    identify('u5', { plan: 'basic' }, '2026-05-01T10:00:00.000Z'),
    view('u5', '2026-06-05T10:00:00.000Z'),
    order('u5', '2026-06-05T10:30:00.000Z'),
    // An anonymous device views; the second batch merges it into u6 (pro), who orders 2 h after.
    track({ anonymousId: 'anon6' }, 'Product Viewed', '2026-06-07T10:00:00.000Z'),
    // u7 has traits but no plan: converts in 10 min; u8 has no traits at all: no order.
    identify('u7', { email: 'u7@example.de' }, '2026-05-01T10:00:00.000Z'),
    view('u7', '2026-06-08T10:00:00.000Z'),
    order('u7', '2026-06-08T10:10:00.000Z'),
    view('u8', '2026-06-09T10:00:00.000Z'),
    // u9 pro orders without a view: not in the funnel.
    identify('u9', { plan: 'pro' }, '2026-05-01T10:00:00.000Z'),
    order('u9', '2026-06-10T10:00:00.000Z'),
  ]
  await sendBatch(server.app, ws.writeKey, first)
  await sendBatch(server.app, ws.writeKey, [
    identify('u6', { plan: 'pro' }, '2026-06-07T10:05:00.000Z', 'anon6'),
    order('u6', '2026-06-07T12:00:00.000Z'),
  ])
  // Workspace B: look-alikes that must not show up in A's groups.
  await sendBatch(server.app, other.writeKey, first.slice(0, 7))
})
after(() => server.close())

const get = (url: string, key = ws.secretKey) => apiGet(server.app, key, url)
async function ok(url: string, key = ws.secretKey) {
  const res = await get(url, key)
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
  return res.json()
}
interface Group {
  breakdown: string
  steps: Array<{ persons: number; overall: { rate: number; lower: number; upper: number } }>
  timeToConvert: {
    quantiles: { p25: number; median: number; p75: number; p90: number } | null
    histogram: Array<{ label: string; persons: number }>
  }
}
const persons = (g: Group) => g.steps.map((s) => s.persons)
function close(actual: number, expected: number, what: string) {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`)
}

test('funnel by trait: conversion, Wilson interval and time to convert per plan, (none) for the rest', async () => {
  const body = await ok(`${FUNNEL}&breakdown=trait:plan`)
  // Viewers u1…u8 (anon6 counts as u6); converted in a day: u1, u2, u5, u6, u7.
  assert.deepEqual(persons(body.total), [8, 5])
  const groups = Object.fromEntries((body.groups as Group[]).map((g) => [g.breakdown, g]))
  // pro: u1, u2, u3, u6 (through the merge) → 3 of 4; basic: u4, u5 → 1 of 2; (none): u7, u8 → 1 of 2.
  assert.deepEqual(
    (body.groups as Group[]).map((g) => [g.breakdown, persons(g)]),
    [
      ['pro', [4, 3]],
      ['(none)', [2, 1]],
      ['basic', [2, 1]],
    ],
  )
  const pro = groups.pro as Group
  close(pro.steps[1]!.overall.rate, 0.75, 'pro rate')
  // Wilson 95 % for 3 of 4: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n) = 0.30064…–0.95441…
  assert.ok(Math.abs(pro.steps[1]!.overall.lower - 0.300642) < 1e-5, JSON.stringify(pro.steps[1]))
  assert.ok(Math.abs(pro.steps[1]!.overall.upper - 0.954413) < 1e-5, JSON.stringify(pro.steps[1]))
  // Wilson 95 % for 1 of 2: 0.09453…–0.90547…
  const basic = groups.basic as Group
  assert.ok(Math.abs(basic.steps[1]!.overall.lower - 0.094531) < 1e-5, JSON.stringify(basic.steps[1]))
  // pro converted after 1 h, 3 h and 2 h: sorted 1, 2, 3 h → p25 1.5 h, median 2 h, p75 2.5 h, p90 2.8 h.
  const q = pro.timeToConvert.quantiles!
  close(q.p25, 1.5 * H, 'p25')
  close(q.median, 2 * H, 'median')
  close(q.p75, 2.5 * H, 'p75')
  close(q.p90, 2.8 * H, 'p90')
  const histogram = (g: Group) =>
    Object.fromEntries(
      g.timeToConvert.histogram.filter((b) => b.persons > 0).map((b) => [b.label, b.persons]),
    )
  assert.deepEqual(histogram(pro), { '1–6 h': 3 })
  assert.deepEqual(histogram(basic), { '< 1 h': 1 })
  assert.deepEqual(basic.timeToConvert.quantiles, { p25: 1_800, median: 1_800, p75: 1_800, p90: 1_800 })
  assert.deepEqual(histogram(groups['(none)'] as Group), { '< 1 h': 1 })
  // The channel breakdown still splits by the first step's channel.
  const byChannel = await ok(`${FUNNEL}&breakdown=channel`)
  assert.deepEqual(
    (byChannel.groups as Group[]).map((g) => [g.breakdown, persons(g)]),
    [['web', [8, 5]]],
  )
})

test('funnel by persona: the groups partition everyone; bound and in-memory groups agree', async () => {
  const body = await ok(`${FUNNEL}&breakdown=persona`)
  const personas = await ok('/api/personas?to=2026-06-30')
  const names = new Set(personas.personas.map((p: { name: { en: string } }) => p.name.en))
  const sums = [0, 0]
  const histogram = new Array<number>(body.total.timeToConvert.histogram.length).fill(0)
  for (const g of body.groups as Group[]) {
    assert.ok(names.has(g.breakdown) || g.breakdown === '(none)', `${g.breakdown} is a persona`)
    g.steps.forEach((s, i) => (sums[i]! += s.persons))
    g.timeToConvert.histogram.forEach((b, i) => (histogram[i]! += b.persons))
  }
  assert.deepEqual(sums, [8, 5])
  assert.deepEqual(
    histogram,
    body.total.timeToConvert.histogram.map((b: { persons: number }) => b.persons),
  )

  // Above MAX_BOUND_PERSONS the groups stay in memory and the funnel counts in TypeScript.
  const range = parseRange({ from: '2026-06-01', to: '2026-06-30' })
  const deps = { events: server.rt.events, meta: server.rt.meta }
  const options = {
    steps: ['Product Viewed', 'Order Completed'],
    windowSeconds: 86_400,
    order: 'loose' as const,
    deduplicate: false,
    breakdown: 'none' as const,
  }
  for (const breakdown of [{ kind: 'persona' as const }, { kind: 'trait' as const, trait: 'plan' }]) {
    const bound = await new BreakdownSource(deps).groups(ws.id, range, breakdown)
    const inMemory = await new BreakdownSource(deps, 0).groups(ws.id, range, breakdown)
    // Traits always bind; hide the SQL to take the in-memory path for them too.
    const memoryOnly = { map: () => inMemory.map() }
    assert.ok(bound.sql)
    const a = await funnel(server.rt.events, ws.id, range, { ...options, personGroups: bound })
    const b = await funnel(server.rt.events, ws.id, range, { ...options, personGroups: memoryOnly })
    assert.deepEqual(a, b, breakdown.kind)
    if (breakdown.kind === 'persona') assert.deepEqual(a, body)
  }
})

test('funnel person breakdowns: bad or unknown trait names answer 400; other workspaces stay apart', async () => {
  const bad = await get(`${FUNNEL}&breakdown=trait:bad%21name`)
  assert.equal(bad.statusCode, 400)
  assert.equal(bad.json().code, 'TS_BAD_REQUEST')
  assert.match(bad.json().message, /trait name/)
  const unknown = await get(`${FUNNEL}&breakdown=trait:colour`)
  assert.equal(unknown.statusCode, 400)
  assert.match(unknown.json().message, /no person .* trait "colour"/)
  assert.equal((await get(`${FUNNEL}&breakdown=planet`)).statusCode, 400)
  // B has u1 (pro, converted) and u2 (pro, converted) only.
  const b = await ok(`${FUNNEL}&breakdown=trait:plan`, other.secretKey)
  assert.deepEqual(
    (b.groups as Group[]).map((g) => [g.breakdown, persons(g)]),
    [['pro', [2, 2]]],
  )
})

test('the funnel breakdown parameter in the OpenAPI document lists persona and trait:<name>', async () => {
  const doc = (await server.app.inject({ method: 'GET', url: '/docs/json' })).json()
  const param = doc.paths['/api/funnels'].get.parameters.find((p: { name: string }) => p.name === 'breakdown')
  const text = JSON.stringify(param)
  assert.match(text, /persona/)
  assert.match(text, /\^trait:/)
})

test('what dropped-off persons did next: per step, those who stopped there and their next contact', async () => {
  // Stopped after "Product Viewed" (step 1 of 2): u3 and u8 with no later contact in June, u4 whose
  // order came two days later, outside the one-day window. The converters (u1, u2, u5, u6, u7) do
  // not count; identify calls are not contacts.
  const body = await ok(`${FUNNEL}&next=true`)
  assert.deepEqual(body.droppedNext, [
    {
      step: 1,
      persons: 3,
      next: [
        { event: '', persons: 2 },
        { event: 'Order Completed', persons: 1 },
      ],
    },
  ])
  assert.equal((await ok(FUNNEL)).droppedNext, undefined, 'only when asked for')
  // Workspace B holds look-alikes of u1 and u2 only, who both convert: nobody stopped there.
  const theirs = await ok(`${FUNNEL}&next=true`, other.secretKey)
  assert.deepEqual(theirs.droppedNext, [{ step: 1, persons: 0, next: [] }])
})
