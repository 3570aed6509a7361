import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ChdbDriver } from '../stores/events/chdb-driver.ts'
import { ClickHouseEventStore } from '../stores/events/clickhouse-event-store.ts'
import type { EventRow } from '../stores/events/event-row.ts'
import { parseRange } from './analytics-params.ts'
import { attribution, type AttributionResult } from './attribution-query.ts'

// The edges of attribution's packed contact keys, on a real chDB store: a conversion stored
// twice, a touch in the very millisecond of its conversion, a conversion without touches, a
// person merged after the fact, contacts older than the range, and ranges too long to pack.
let dir: string
let store: ClickHouseEventStore
const WS = 'attribution-edges'
const DAY = 86_400_000
const T0 = Date.UTC(2026, 5, 10, 12)

function contact(
  personId: string,
  messageId: string,
  at: number,
  channel: string,
  event = 'Page Viewed',
  revenue?: number,
): EventRow {
  return {
    workspaceId: WS,
    messageId,
    type: 'track',
    event,
    personId,
    anonymousId: '',
    userId: '',
    channel,
    touchpoint: `${channel}-tp`,
    eventTime: at,
    clientTime: at,
    sentAt: null,
    receivedAt: at,
    properties: revenue === undefined ? {} : { revenue },
    traits: null,
    context: {},
    source: 'api',
  }
}

const a = randomUUID()
const b = randomUUID()
const c = randomUUID()
const d = randomUUID()
const dOld = randomUUID()

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ts-attribution-'))
  store = new ClickHouseEventStore(new ChdbDriver(dir))
  await store.migrate()
  const order = (p: string, id: string, at: number, channel: string, revenue: number) =>
    contact(p, id, at, channel, 'Order Completed', revenue)
  await store.write({
    events: [
      // A: first seen by social in 2025, long before the range; web → email → order of 100.
      contact(a, 'a0', Date.UTC(2025, 0, 5), 'social'),
      contact(a, 'a1', T0, 'web'),
      contact(a, 'a2', T0 + DAY, 'email'),
      order(a, 'a3', T0 + 2 * DAY, 'web', 100),
      // B: an app touch in the same millisecond as the order it leads to.
      contact(b, 'b1', T0, 'app'),
      order(b, 'b2', T0, 'app', 40),
      // C: an order with no touch before it.
      order(c, 'c1', T0 + DAY, 'store', 10),
      // D: a phone touch under an id later merged into D, then D orders by web.
      contact(dOld, 'd1', T0, 'phone'),
      order(d, 'd2', T0 + 3 * DAY, 'web', 5),
    ],
    identities: [],
    merges: [{ workspaceId: WS, oldPersonId: dOld, newPersonId: d, version: 1, createdAt: T0 }],
  })
  // A retry of A's order after the de-duplication window: stored twice until the table merges.
  await store.write({ events: [order(a, 'a3', T0 + 2 * DAY, 'web', 100)], identities: [], merges: [] })
})
after(async () => {
  await store.close()
  rmSync(dir, { recursive: true, force: true })
})

const june = parseRange({ from: '2026-06-01', to: '2026-06-30' })
const options = {
  conversionEvent: 'Order Completed',
  lookbackDays: 30,
  level: 'channel',
  halfLifeDays: 7,
} as const

function credit(result: AttributionResult, model: keyof AttributionResult['models']) {
  return Object.fromEntries(
    result.models[model].filter((x) => x.conversions > 0).map((x) => [x.channel, x.conversions]),
  )
}

test('a conversion stored twice counts once; a conversion without touches counts but credits no one', async () => {
  const result = await attribution(store, WS, june, options)
  assert.equal(result.conversions, 4)
  assert.equal(result.revenue, 155)
  assert.equal(result.nonConvertingPaths, 0)
  // Last touch: A's email, B's app (same millisecond as the order), D's phone (merged id).
  assert.deepEqual(credit(result, 'last-touch'), { app: 1, email: 1, phone: 1 })
  assert.deepEqual(credit(result, 'first-touch'), { app: 1, phone: 1, web: 1 })
  const linearValue = Object.fromEntries(result.models.linear.map((x) => [x.channel, x.value]))
  assert.deepEqual(linearValue, { app: 40, email: 50, phone: 5, web: 50 })
})

test('origins are each converting person’s first contact ever, across merged ids and before the range', async () => {
  const result = await attribution(store, WS, june, options)
  assert.deepEqual(
    result.origins.map((o) => [o.name, o.persons]),
    [
      ['app', 1],
      ['phone', 1],
      ['social', 1],
      ['store', 1],
    ],
  )
  const byTouchpoint = await attribution(store, WS, june, { ...options, level: 'touchpoint' })
  assert.deepEqual(credit(byTouchpoint, 'last-touch'), { 'app-tp': 1, 'email-tp': 1, 'phone-tp': 1 })
  assert.ok(byTouchpoint.origins.some((o) => o.name === 'social-tp'))
})

test('the longest range the API allows, with the longest lookback, still fits the packed key', async () => {
  // parseRange allows 3,660 days; with 365 days of lookback the scan starts 11 years back.
  const longest = parseRange({ from: '2016-06-23', to: '2026-06-30' })
  assert.equal((longest.toMs - longest.fromMs) / DAY, 3660)
  const result = await attribution(store, WS, longest, { ...options, lookbackDays: 365 })
  assert.equal(result.conversions, 4)
  assert.equal(result.revenue, 155)
  assert.deepEqual(credit(result, 'last-touch'), { app: 1, email: 1, phone: 1 })
})
