import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { apiGet, sendBatch, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { ResponseStore, type ResponseRow } from '../src/surveys/response-store.ts'
import { responseRow } from './survey-fixtures.ts'

// NPS per trait value and per persona, checked against NPS computed here by hand from the
// scores each person gave: %promoters(9–10) − %detractors(0–6).

let server: TestServer
let ws: TestWorkspace
const DAY = 86_400_000
const NOW = Date.now()
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString()
const RANGE = `from=${at(60).slice(0, 10)}&to=${at(-1).slice(0, 10)}`

/** Person id of an identifier (user id or anonymous id) as the ingest pipeline resolved it. */
async function personOf(value: string): Promise<string> {
  const ids = await server.rt.events.personIdsByIdentifier(ws.id, [value])
  assert.equal(ids.length, 1, `one person for ${value}`)
  return ids[0]!
}

function response(personId: string, score: number, daysAgo: number): ResponseRow {
  return responseRow({ workspaceId: ws.id, personId, scoreType: 'nps', score }, NOW - daysAgo * DAY)
}

/** NPS written out: 100 · (promoters − detractors) / n. */
function nps(scores: number[]): number {
  const p = scores.filter((s) => s >= 9).length
  const d = scores.filter((s) => s <= 6).length
  return Math.round((10_000 * (p - d)) / scores.length) / 100
}

const SCORES: Record<string, number[]> = {
  u1: [10, 9, 9, 3],
  anon5: [0],
  u2: [10, 10, 6, 7],
  u3: [8],
  u4: [0, 10],
}

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Breakdowns')
  const identify = (userId: string, traits: Record<string, unknown>, daysAgo: number) => ({
    type: 'identify',
    messageId: randomUUID(),
    userId,
    traits,
    timestamp: at(daysAgo),
  })
  const order = (userId: string, revenue: number, daysAgo: number) => ({
    type: 'track',
    messageId: randomUUID(),
    userId,
    event: 'Order Completed',
    properties: { revenue, order_id: randomUUID() },
    timestamp: at(daysAgo),
  })
  const view = (who: { userId?: string; anonymousId?: string }, daysAgo: number) => ({
    type: 'page',
    messageId: randomUUID(),
    ...who,
    name: 'Home',
    properties: { url: 'https://shop.example/' },
    timestamp: at(daysAgo),
  })
  await sendBatch(server.app, ws.writeKey, [
    identify('u1', { plan: 'pro', address: { city: 'Berlin' } }, 50),
    identify('u1', { plan: 'basic' }, 20),
    identify('u2', { plan: 'pro', address: { city: null } }, 40),
    identify('u3', { plan: 5 }, 40),
    view({ userId: 'u4' }, 30),
    view({ anonymousId: 'anon-5' }, 35),
    ...[45, 40, 35, 30, 25, 20, 15, 10].map((d) => order('u1', 120, d)),
    ...[44, 33, 22, 11].map((d) => order('u2', 90, d)),
    order('u3', 15, 12),
    view({ userId: 'u4' }, 5),
    view({ userId: 'u3' }, 3),
  ])
  const persons = Object.fromEntries(
    await Promise.all(
      Object.keys(SCORES).map(async (k) => [k, await personOf(k === 'anon5' ? 'anon-5' : k)] as const),
    ),
  )
  const rows = Object.entries(SCORES).flatMap(([k, scores]) =>
    scores.map((s, i) => response(persons[k]!, s, 10 + i)),
  )
  await new ResponseStore(server.rt.events).write(rows)
  // anon-5 logs in as u1 after answering: the two persons merge, the answer follows u1's traits.
  await sendBatch(server.app, ws.writeKey, [
    { type: 'identify', messageId: randomUUID(), anonymousId: 'anon-5', userId: 'u1', timestamp: at(2) },
  ])
})

after(async () => {
  await server?.close()
})

function byGroup(body: { groups: Array<{ group: string; total: { n: number; score: number } }> }) {
  return Object.fromEntries(body.groups.map((g) => [g.group, [g.total.n, g.total.score]]))
}

test('breakdown=trait:<name> groups by the latest value of the person (merges followed)', async () => {
  const res = await apiGet(server.app, ws.secretKey, `/api/metrics/nps?${RANGE}&breakdown=trait:plan`)
  assert.equal(res.statusCode, 200, res.body)
  const u1 = [...SCORES.u1!, ...SCORES.anon5!]
  assert.deepEqual(byGroup(res.json()), {
    // u1 moved from pro to basic; the merged anonymous answer (0) is u1's: P 3, D 2, n 5 → 20.
    basic: [5, nps(u1)],
    pro: [4, nps(SCORES.u2!)],
    // Numbers come out as their JSON text.
    '5': [1, nps(SCORES.u3!)],
    '(not set)': [2, nps(SCORES.u4!)],
  })
  assert.equal(nps(u1), 20)
  assert.equal(nps(SCORES.u2!), 25)
})

test('nested traits with dots; null counts as not set', async () => {
  const res = await apiGet(server.app, ws.secretKey, `/api/metrics/nps?${RANGE}&breakdown=trait:address.city`)
  assert.equal(res.statusCode, 200, res.body)
  const rest = [...SCORES.u2!, ...SCORES.u3!, ...SCORES.u4!]
  assert.deepEqual(byGroup(res.json()), {
    Berlin: [5, 20],
    '(not set)': [7, nps(rest)],
  })
  // 10 10 6 7 8 0 10: P 3, D 2, n 7 → 14.29.
  assert.equal(nps(rest), 14.29)
})

test('a trait name outside letters, digits, _ . - is a 400 that says so', async () => {
  for (const bad of ['trait:pl%20an', 'trait:', "trait:x')--", 'trait:a..b', 'trait:a.b.c.d.e.f', 'colour']) {
    const res = await apiGet(server.app, ws.secretKey, `/api/metrics/nps?${RANGE}&breakdown=${bad}`)
    assert.equal(res.statusCode, 400, bad)
    assert.match(res.json().message, /breakdown/, bad)
  }
})

test('breakdown=persona: NPS per persona of GET /api/personas', async () => {
  const res = await apiGet(server.app, ws.secretKey, `/api/metrics/nps?${RANGE}&breakdown=persona`)
  assert.equal(res.statusCode, 200, res.body)
  const expected = new Map<string, number[]>()
  for (const [k, scores] of Object.entries(SCORES)) {
    const person = await personOf(k === 'anon5' ? 'anon-5' : k)
    const p = await apiGet(server.app, ws.secretKey, `/api/personas/persons/${person}`)
    assert.equal(p.statusCode, 200, p.body)
    const name = p.json().persona.name.en as string
    expected.set(name, [...(expected.get(name) ?? []), ...scores])
  }
  const groups = byGroup(res.json())
  assert.deepEqual(
    groups,
    Object.fromEntries([...expected].map(([name, scores]) => [name, [scores.length, nps(scores)]])),
  )
  assert.ok(Object.keys(groups).length >= 2, 'the persons fall into more than one persona')
  // CSAT and CES take the same breakdowns.
  const csat = await apiGet(server.app, ws.secretKey, `/api/metrics/csat?${RANGE}&breakdown=trait:plan`)
  assert.equal(csat.statusCode, 200)
})
