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
import { FIXTURE_AFTER_MERGE, FIXTURE_BEFORE_MERGE } from './analytics-fixture.ts'
import { BreakdownSource, type PersonGroups } from './breakdown-source.ts'
import { stageDropOffsByGroup, stageTransitionsByGroup } from './stage-flow-group-query.ts'

// CLV, stage drop-off and stage transitions split by a property of the person (trait, persona).
// The data is analytics-fixture.ts (P1…P6, expected numbers in analytics-routes.test.ts) plus:
// plans u1 pro and u3 basic (P3's merged anonymous device counts as basic), u2 a trait but no
// plan; u7 goes back and forth between consideration and preference in June; u8 (pro) and u9 (no
// traits) buy in spring only, outside June. Expected numbers are worked out next to each assertion.
let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
const ids: Record<string, string> = {}
const JUNE = 'from=2026-06-01&to=2026-06-30'
const CLV_RANGE = 'from=2026-01-01&to=2026-07-31'

const identify = (userId: string, traits: Record<string, unknown>) => ({
  type: 'identify',
  userId,
  traits,
  timestamp: '2026-01-02T10:00:00.000Z',
})
const track = (
  userId: string,
  event: string,
  timestamp: string,
  properties: Record<string, unknown> = {},
) => ({
  type: 'track',
  userId,
  event,
  properties: { channel: 'web', touchpoint: 'product-page', ...properties },
  timestamp,
})

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
  await sendBatch(server.app, ws.writeKey, [
    identify('u1', { plan: 'pro' }),
    identify('u2', { email: 'u2@example.de' }),
    identify('u3', { plan: 'basic' }),
    identify('u8', { plan: 'pro' }),
    ...FIXTURE_BEFORE_MERGE,
    // u7: consideration 10:00 → preference 10:30 → consideration 11:30 → preference 13:30.
    track('u7', 'Product Viewed', '2026-06-20T10:00:00.000Z'),
    track('u7', 'Product Added', '2026-06-20T10:30:00.000Z'),
    track('u7', 'Product Viewed', '2026-06-20T11:30:00.000Z'),
    track('u7', 'Product Added', '2026-06-20T13:30:00.000Z'),
    track('u8', 'Order Completed', '2026-03-01T10:00:00.000Z', { revenue: 40 }),
    track('u8', 'Order Completed', '2026-04-15T10:00:00.000Z', { revenue: 60 }),
    track('u9', 'Order Completed', '2026-05-10T10:00:00.000Z', { revenue: 30 }),
  ])
  await sendBatch(server.app, ws.writeKey, FIXTURE_AFTER_MERGE)
  // Workspace B: the same persons with another plan, which must never show up in A's groups.
  await sendBatch(server.app, other.writeKey, [
    identify('u1', { plan: 'enterprise' }),
    ...FIXTURE_BEFORE_MERGE.slice(0, 8),
  ])
  for (const u of ['u1', 'u3', 'u7', 'u8', 'u9']) {
    ids[u] = (await apiGet(server.app, ws.secretKey, `/api/persons?identifier=${u}`)).json().id
  }
})
after(() => server.close())

const get = (url: string, key = ws.secretKey) => apiGet(server.app, key, url)
async function ok(url: string, key = ws.secretKey) {
  const res = await get(url, key)
  assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
  return res.json()
}
function close(actual: number, expected: number, what: string) {
  assert.ok(
    Math.abs(actual - expected) < 1e-9 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`,
  )
}

interface ClvGroup {
  breakdown: string
  customers: number
  totalClv: number
  meanClv: number
  medianClv: number
  meanProbabilityAlive: number
  revenue: number
}
interface DropOffStage {
  stage: string
  reached: number
  progressed: number
  droppedOff: number
}
interface Transition {
  from: string
  to: string
  count: number
  persons: number
  medianHours: number
}
/** Only the stages someone reached, as stage → [reached, progressed, droppedOff]. */
const reach = (stages: DropOffStage[]) =>
  Object.fromEntries(
    stages.filter((s) => s.reached > 0).map((s) => [s.stage, [s.reached, s.progressed, s.droppedOff]]),
  )
const moves = (transitions: Transition[]) =>
  Object.fromEntries(transitions.map((t) => [`${t.from}>${t.to}`, [t.count, t.persons, t.medianHours]]))

test('CLV by trait: per plan the sums, means and median of the per-person values; groups partition the customers', async () => {
  const body = await ok(`/api/clv?${CLV_RANGE}&breakdown=trait:plan`)
  // Customers: P1 (pro, 220), u8 (pro, 40 + 60), P3 (basic, 80), u9 (no traits, 30).
  assert.equal(body.customers, 4)
  assert.deepEqual(
    (body.groups as ClvGroup[]).map((g) => [g.breakdown, g.customers, g.revenue]),
    [
      ['pro', 2, 320],
      ['(none)', 1, 30],
      ['basic', 1, 80],
    ],
  )
  const value = async (u: string) => {
    const res = await ok(`/api/clv/persons/${ids[u]}?${CLV_RANGE}`)
    assert.equal(res.customer, true, u)
    return res.value as { clv: number; probabilityAlive: number; revenue: number }
  }
  const [p1, p3, u8, u9] = await Promise.all(['u1', 'u3', 'u8', 'u9'].map(value))
  const groups = Object.fromEntries((body.groups as ClvGroup[]).map((g) => [g.breakdown, g]))
  const pro = groups.pro!
  close(pro.totalClv, p1!.clv + u8!.clv, 'pro total')
  close(pro.meanClv, (p1!.clv + u8!.clv) / 2, 'pro mean')
  // Of two values the median is the one at index ⌊2/2⌋ = 1 of the sorted pair: the larger.
  close(pro.medianClv, Math.max(p1!.clv, u8!.clv), 'pro median')
  close(pro.meanProbabilityAlive, (p1!.probabilityAlive + u8!.probabilityAlive) / 2, 'pro P(alive)')
  for (const [name, v] of [
    ['basic', p3!],
    ['(none)', u9!],
  ] as const) {
    const g = groups[name]!
    close(g.totalClv, v.clv, `${name} total`)
    close(g.meanClv, v.clv, `${name} mean`)
    close(g.medianClv, v.clv, `${name} median`)
    close(g.meanProbabilityAlive, v.probabilityAlive, `${name} P(alive)`)
  }
  const sum = (body.groups as ClvGroup[]).reduce((s, g) => s + g.totalClv, 0)
  close(sum, body.distribution.total, 'groups add up to the total CLV')
  // Without a breakdown the answer has no groups.
  assert.equal((await ok(`/api/clv?${CLV_RANGE}`)).groups, undefined)
})

test('CLV by persona: every customer in one persona (or none), adding up to the whole model', async () => {
  const body = await ok(`/api/clv?${CLV_RANGE}&breakdown=persona`)
  const personas = await ok('/api/personas?to=2026-07-31')
  const names = new Set(personas.personas.map((p: { name: { en: string } }) => p.name.en))
  const groups = body.groups as ClvGroup[]
  for (const g of groups) assert.ok(names.has(g.breakdown) || g.breakdown === '(none)', g.breakdown)
  assert.equal(
    groups.reduce((s, g) => s + g.customers, 0),
    4,
  )
  assert.equal(
    groups.reduce((s, g) => s + g.revenue, 0),
    220 + 100 + 80 + 30,
  )
  close(
    groups.reduce((s, g) => s + g.totalClv, 0),
    body.distribution.total,
    'persona CLV adds up',
  )
})

test('drop-off by trait: reached and progressed per plan, summing to the total', async () => {
  const body = await ok(`/api/journey/drop-off?${JUNE}&breakdown=trait:plan`)
  // June persons: P1 (pro), P2 and u7 ((none)), P3 (basic, with the merged device's product view).
  // P1: pre-awareness → consideration → preference → purchase, no after-sales: drops at purchase.
  // P3: awareness → consideration → purchase → after-sales. P2: awareness → consideration →
  // preference, no order. u7: consideration ↔ preference, never further: drops at preference
  // (their last consideration contact comes before the later preference one: progressed).
  assert.deepEqual(
    (body.groups as Array<{ breakdown: string; stages: DropOffStage[] }>).map((g) => [
      g.breakdown,
      reach(g.stages),
    ]),
    [
      ['(none)', { awareness: [1, 1, 0], consideration: [2, 2, 0], preference: [2, 0, 2] }],
      [
        'basic',
        { awareness: [1, 1, 0], consideration: [1, 1, 0], purchase: [1, 1, 0], 'after-sales': [1, 0, 1] },
      ],
      [
        'pro',
        { 'pre-awareness': [1, 1, 0], consideration: [1, 1, 0], preference: [1, 1, 0], purchase: [1, 0, 1] },
      ],
    ],
  )
  for (const g of body.groups) assert.equal(g.stages.length, 7, 'every stage listed')
  // The total is the sum of the groups, and the same as without a breakdown.
  assert.deepEqual(reach(body.stages), {
    'pre-awareness': [1, 1, 0],
    awareness: [2, 2, 0],
    consideration: [4, 4, 0],
    preference: [3, 1, 2],
    purchase: [2, 1, 1],
    'after-sales': [1, 0, 1],
  })
  const plain = await ok(`/api/journey/drop-off?${JUNE}`)
  assert.deepEqual(plain.stages, body.stages)
  assert.deepEqual(plain.satisfaction, body.satisfaction)
  assert.equal(plain.groups, undefined)
})

test('transitions by trait: moves, persons and median hours per plan; the total as without a breakdown', async () => {
  const body = await ok(`/api/journey/transitions?${JUNE}&breakdown=trait:plan`)
  const groups = Object.fromEntries(
    (body.groups as Array<{ breakdown: string; transitions: Transition[] }>).map((g) => [
      g.breakdown,
      moves(g.transitions),
    ]),
  )
  assert.deepEqual(Object.keys(groups), ['(none)', 'basic', 'pro'])
  // P1: pre-awareness→consideration 24 h, →preference 0.5 h, →purchase 0.5 h.
  assert.deepEqual(groups.pro, {
    'pre-awareness>consideration': [1, 1, 24],
    'consideration>preference': [1, 1, 0.5],
    'preference>purchase': [1, 1, 0.5],
  })
  // P3: awareness→consideration 1 h, →purchase 2 h, →after-sales 46 h.
  assert.deepEqual(groups.basic, {
    'awareness>consideration': [1, 1, 1],
    'consideration>purchase': [1, 1, 2],
    'purchase>after-sales': [1, 1, 46],
  })
  // P2: awareness→consideration 2 h, →preference 48 h. u7: consideration→preference 0.5 h and
  // 2 h (one person, two moves), preference→consideration 1 h. Median of 0.5, 2, 48 h: 2 h.
  assert.deepEqual(groups['(none)'], {
    'awareness>consideration': [1, 1, 2],
    'consideration>preference': [3, 2, 2],
    'preference>consideration': [1, 1, 1],
  })
  // Everyone: consideration→preference 0.5, 0.5, 2, 48 h → median 1.25 h over 3 persons.
  assert.equal(moves(body.transitions)['consideration>preference']!.join(), '4,3,1.25')
  const plain = await ok(`/api/journey/transitions?${JUNE}`)
  assert.deepEqual({ transitions: body.transitions, sankey: body.sankey }, plain)
  const pro = body.groups.find((g: { breakdown: string }) => g.breakdown === 'pro')
  assert.deepEqual(
    pro.sankey.nodes.map((n: { name: string }) => n.name),
    ['pre-awareness', 'consideration', 'preference', 'purchase'],
  )
})

test('drop-off and transitions by persona: groups partition everyone; bound and in-memory groups agree', async () => {
  const dropOff = await ok(`/api/journey/drop-off?${JUNE}&breakdown=persona`)
  const plain = await ok(`/api/journey/drop-off?${JUNE}`)
  assert.deepEqual(dropOff.stages, plain.stages)
  const reached = (dropOff.groups as Array<{ stages: DropOffStage[] }>).reduce(
    (s, g) => s + g.stages.find((x) => x.stage === 'consideration')!.reached,
    0,
  )
  assert.equal(reached, 4)
  const transitions = await ok(`/api/journey/transitions?${JUNE}&breakdown=persona`)
  assert.deepEqual(transitions.transitions, (await ok(`/api/journey/transitions?${JUNE}`)).transitions)
  const moveCount = (transitions.groups as Array<{ transitions: Transition[] }>).reduce(
    (s, g) => s + g.transitions.reduce((t, x) => t + x.count, 0),
    0,
  )
  assert.equal(
    moveCount,
    (transitions.transitions as Transition[]).reduce((t, x) => t + x.count, 0),
  )

  // Above MAX_BOUND_PERSONS the groups stay in memory and the counting happens in TypeScript.
  const range = parseRange({ from: '2026-06-01', to: '2026-06-30' })
  const deps = { events: server.rt.events, meta: server.rt.meta }
  for (const breakdown of [{ kind: 'persona' as const }, { kind: 'trait' as const, trait: 'plan' }]) {
    const bound = await new BreakdownSource(deps).groups(ws.id, range, breakdown)
    const inMemory = await new BreakdownSource(deps, 0).groups(ws.id, range, breakdown)
    // Traits always bind; hide the SQL to take the in-memory path for them too.
    const memoryOnly: PersonGroups = { map: () => inMemory.map() }
    assert.ok(bound.sql)
    const rules = DEFAULT_STAGE_RULES
    assert.deepEqual(
      await stageDropOffsByGroup(server.rt.events, ws.id, range, rules, memoryOnly),
      await stageDropOffsByGroup(server.rt.events, ws.id, range, rules, bound),
      `drop-off by ${breakdown.kind}`,
    )
    assert.deepEqual(
      await stageTransitionsByGroup(server.rt.events, ws.id, range, rules, memoryOnly),
      await stageTransitionsByGroup(server.rt.events, ws.id, range, rules, bound),
      `transitions by ${breakdown.kind}`,
    )
  }
})

test('person breakdowns of CLV, drop-off and transitions: bad input answers 400; workspaces stay apart', async () => {
  for (const path of [
    `/api/clv?${CLV_RANGE}`,
    `/api/journey/drop-off?${JUNE}`,
    `/api/journey/transitions?${JUNE}`,
  ]) {
    const bad = await get(`${path}&breakdown=trait:bad%21name`)
    assert.equal(bad.statusCode, 400, path)
    assert.equal(bad.json().code, 'TS_BAD_REQUEST')
    assert.match(bad.json().message, /trait name/)
    const unknown = await get(`${path}&breakdown=trait:colour`)
    assert.equal(unknown.statusCode, 400, path)
    assert.match(unknown.json().message, /no person .* trait "colour"/)
    // Channel and touchpoint split events, not persons: not offered here.
    assert.equal((await get(`${path}&breakdown=channel`)).statusCode, 400, path)
  }
  // B: u1 (enterprise) and u2 (no plan); A's pro/basic never show up, nor B's plan in A.
  const b = await ok(`/api/journey/drop-off?${JUNE}&breakdown=trait:plan`, other.secretKey)
  assert.deepEqual(
    b.groups.map((g: { breakdown: string }) => g.breakdown),
    ['(none)', 'enterprise'],
  )
  const a = await ok(`/api/journey/transitions?${JUNE}&breakdown=trait:plan`)
  assert.ok(!a.groups.some((g: { breakdown: string }) => g.breakdown === 'enterprise'))
})

test('the OpenAPI document offers persona and trait:<name> on CLV, drop-off and transitions', async () => {
  const doc = (await server.app.inject({ method: 'GET', url: '/docs/json' })).json()
  for (const path of ['/api/clv', '/api/journey/drop-off', '/api/journey/transitions']) {
    const param = doc.paths[path].get.parameters.find((p: { name: string }) => p.name === 'breakdown')
    const text = JSON.stringify(param)
    assert.match(text, /persona/, path)
    assert.match(text, /\^trait:/, path)
  }
  // The per-person CLV has no breakdown.
  const person = doc.paths['/api/clv/persons/{id}'].get.parameters
  assert.ok(!person.some((p: { name: string }) => p.name === 'breakdown'))
})
