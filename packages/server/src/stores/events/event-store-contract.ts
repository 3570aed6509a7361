import { after, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { EventRow } from './event-row.ts'
import type { EventStore } from './event-store.ts'

function row(
  ws: string,
  personId: string,
  messageId: string,
  minute: number,
  extra: Partial<EventRow> = {},
): EventRow {
  const t = Date.UTC(2026, 2, 1, 9, minute)
  return {
    workspaceId: ws,
    messageId,
    type: 'track',
    event: 'Store Visited',
    personId,
    anonymousId: '',
    userId: 'u',
    channel: 'store',
    touchpoint: 'store-berlin',
    eventTime: t,
    clientTime: t,
    sentAt: null,
    receivedAt: t + 1000,
    properties: { note: 'O\'Brien said "hi" \\ ok', nested: { list: [1, null, 'zwölf'] } },
    traits: null,
    context: {},
    source: 'api',
    ...extra,
  }
}

/** The contract every event-store driver must meet; each driver's test file runs it. */
export function eventStoreContract(
  driver: string,
  open: () => Promise<{ store: EventStore; cleanup: () => void }>,
  skip: string | false,
) {
  describe(`EventStore contract: ${driver}`, { skip }, () => {
    let store: EventStore
    let cleanup = () => {}
    const ws = `ws-${randomUUID()}`
    const p1 = randomUUID()
    const p2 = randomUUID()
    after(async () => {
      await store?.close()
      cleanup()
    })

    test('opens and migrates; migrating again runs nothing', async () => {
      ;({ store, cleanup } = await open())
      assert.equal(await store.migrate(), 0)
      await store.ping()
    })

    test('writes identities, merges and events, and reads them back intact', async () => {
      await store.write({
        identities: [
          { workspaceId: ws, kind: 'user_id', value: 'u', personId: p1, createdAt: Date.UTC(2026, 2, 1) },
          {
            workspaceId: ws,
            kind: 'anonymous_id',
            value: 'a',
            personId: p2,
            createdAt: Date.UTC(2026, 2, 1),
          },
        ],
        merges: [
          { workspaceId: ws, oldPersonId: p2, newPersonId: p1, version: 1, createdAt: Date.UTC(2026, 2, 1) },
        ],
        events: [
          row(ws, p1, 'm1', 0),
          row(ws, p2, 'm2', 5, { type: 'identify', traits: { plan: 'plus' } }),
          row(ws, p1, 'm3', 10),
        ],
      })
      assert.equal(await store.countEvents(ws), 3)
      assert.equal(await store.survivingPersonId(ws, p2), p1)
      assert.deepEqual((await store.mergedPersonIds(ws, p1)).sort(), [p1, p2].sort())
      assert.deepEqual(await store.personIdsByIdentifier(ws, ['a']), [p2])
      const activity = await store.activity(ws, [p1, p2])
      assert.equal(activity.eventCount, 3)
      assert.equal(activity.firstSeen, '2026-03-01T09:00:00.000Z')
      assert.deepEqual(activity.traitHistory, [{ plan: 'plus' }])
      const page = await store.timeline(ws, [p1, p2], 2)
      assert.deepEqual(
        page.events.map((e) => e.messageId),
        ['m3', 'm2'],
      )
      assert.deepEqual(page.events[0]?.properties, {
        note: 'O\'Brien said "hi" \\ ok',
        nested: { list: [1, null, 'zwölf'] },
      })
      const next = await store.timeline(ws, [p1, p2], 2, page.nextCursor as string)
      assert.deepEqual(
        next.events.map((e) => e.messageId),
        ['m1'],
      )
      assert.equal(next.nextCursor, null)
    })

    test('a later merge version wins', async () => {
      const p3 = randomUUID()
      await store.write({
        identities: [],
        events: [],
        merges: [{ workspaceId: ws, oldPersonId: p2, newPersonId: p3, version: 2, createdAt: Date.now() }],
      })
      assert.equal(await store.survivingPersonId(ws, p2), p3)
      const merges: string[] = []
      await store.loadIdentityGraph(
        () => {},
        (m) => m.workspaceId === ws && merges.push(`${m.oldPersonId}->${m.newPersonId}`),
      )
      assert.deepEqual(merges, [`${p2}->${p3}`])
    })

    test('a duplicated messageId counts once in counts and timelines', async () => {
      await store.write({ identities: [], merges: [], events: [row(ws, p1, 'm1', 0)] })
      assert.equal(await store.countEvents(ws), 3)
      const page = await store.timeline(ws, [p1, p2], 10)
      assert.equal(page.events.filter((e) => e.messageId === 'm1').length, 1)
    })

    test('parameters are bound, never spliced: injection payloads are data', async () => {
      const evil = "x' OR 1=1 --"
      assert.deepEqual(await store.personIdsByIdentifier(ws, [evil]), [])
      assert.equal(await store.countEvents(evil), 0)
      await assert.rejects(
        store.timeline(
          ws,
          [p1],
          5,
          Buffer.from(JSON.stringify(["2026-01-01 00:00:00.000') OR (1=1", 'x'])).toString('base64url'),
        ),
      )
    })

    test('other workspaces see nothing of this one', async () => {
      const other = `ws-${randomUUID()}`
      assert.equal(await store.countEvents(other), 0)
      assert.deepEqual(await store.personIdsByIdentifier(other, ['u', 'a']), [])
      assert.deepEqual((await store.timeline(other, [p1, p2], 10)).events, [])
      assert.equal(await store.survivingPersonId(other, p2), p2)
    })

    test('queryColumns returns what query returns, as columns; an empty result has empty columns', async () => {
      const sql = `SELECT message_id AS m, toUnixTimestamp64Milli(event_time) AS t, [1, 2] AS a
        FROM events WHERE workspace_id = {ws:String} AND message_id IN {ids:Array(String)} ORDER BY m`
      const params = { ws, ids: ['m1', 'm2'] }
      const rows = await store.query<{ m: string; t: number; a: number[] }>(sql, params)
      const columns = await store.queryColumns<{ m: string[]; t: number[]; a: number[][] }>(sql, params)
      assert.ok(rows.length >= 2, 'm1 and m2 (m2 may be stored twice, see above)')
      assert.deepEqual(columns, { m: rows.map((r) => r.m), t: rows.map((r) => r.t), a: rows.map((r) => r.a) })
      const none = await store.queryColumns<{ m: string[] }>(sql, { ws, ids: ['no such id'] })
      assert.deepEqual(none.m, [])
    })

    test('recent message ids come back newest first', async () => {
      const ids = await store.recentMessageIds(Date.UTC(2026, 2, 1), 2)
      assert.deepEqual(
        ids.filter((r) => r.workspaceId === ws).map((r) => r.messageId),
        ['m3', 'm2'],
      )
    })

    test('execute runs a mutation with bound parameters; it is applied when it resolves (erasure, retention)', async () => {
      const mine = `ws-${randomUUID()}`
      const p = randomUUID()
      await store.write({
        events: [row(mine, p, 'del-1', 1), row(mine, p, "del-2' OR 1=1 --", 2), row(mine, p, 'keep-3', 3)],
        identities: [],
        merges: [],
      })
      await store.execute(
        `ALTER TABLE events DELETE WHERE workspace_id = {ws:String} AND message_id IN {ids:Array(String)}
         SETTINGS mutations_sync = 2`,
        { ws: mine, ids: ['del-1', "del-2' OR 1=1 --"] },
      )
      const left = await store.query<{ m: string }>(
        'SELECT message_id AS m FROM events WHERE workspace_id = {ws:String}',
        { ws: mine },
      )
      assert.deepEqual(
        left.map((r) => r.m),
        ['keep-3'],
      )
      assert.equal((await store.countEvents(ws)) > 0, true, 'other workspaces untouched')
    })
  })
}
