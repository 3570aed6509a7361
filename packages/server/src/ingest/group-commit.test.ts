import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { EventBatch, EventRow } from '../stores/events/event-row.ts'
import { GroupCommitter } from './group-commit.ts'

function row(id: string): EventRow {
  return {
    workspaceId: 'w',
    messageId: id,
    type: 'track',
    event: 'E',
    personId: '00000000-0000-4000-8000-000000000001',
    anonymousId: 'a',
    userId: '',
    channel: 'web',
    touchpoint: 'home',
    eventTime: 0,
    clientTime: null,
    sentAt: null,
    receivedAt: 0,
    properties: {},
    traits: null,
    context: {},
    source: 'api',
  }
}
const part = (...ids: string[]): EventBatch => ({ events: ids.map(row), identities: [], merges: [] })

test('requests arriving together share one write; those arriving during a write share the next', async () => {
  const writes: string[][] = []
  let release: () => void = () => {}
  const committer = new GroupCommitter(async (batch) => {
    writes.push(batch.events.map((e) => e.messageId))
    if (writes.length === 1) await new Promise<void>((r) => (release = r))
  })
  const first = [committer.submit(part('a')), committer.submit(part('b'))]
  await new Promise((r) => setImmediate(r))
  const second = [committer.submit(part('c')), committer.submit(part('d', 'e'))]
  await new Promise((r) => setImmediate(r))
  assert.deepEqual(writes, [['a', 'b']], 'c, d, e wait while a, b are being written')
  release()
  await Promise.all([...first, ...second])
  assert.deepEqual(writes, [
    ['a', 'b'],
    ['c', 'd', 'e'],
  ])
})

test('a submission resolves only after its write finished', async () => {
  let written = false
  const committer = new GroupCommitter(async () => {
    await new Promise((r) => setTimeout(r, 20))
    written = true
  })
  await committer.submit(part('x'))
  assert.equal(written, true)
})

test('a failed write rejects its requests with 503 and keeps identity rows for the next write', async () => {
  const seen: EventBatch[] = []
  let fail = true
  const committer = new GroupCommitter(async (batch) => {
    seen.push(batch)
    if (fail) throw new Error('disk full')
  })
  const link = { workspaceId: 'w', kind: 'anonymous_id', value: 'a', personId: 'p', createdAt: 0 }
  await assert.rejects(
    committer.submit({ events: [row('m1')], identities: [link], merges: [] }),
    (error: unknown) => {
      const e = error as { code: string; statusCode: number }
      return e.code === 'TS_STORE_UNAVAILABLE' && e.statusCode === 503
    },
  )
  fail = false
  await committer.submit(part('m2'))
  assert.deepEqual(seen[1]?.identities, [link], 'the link is retried with the next write')
  assert.deepEqual(
    seen[1]?.events.map((e) => e.messageId),
    ['m2'],
    'failed events are not retried by the server: their clients retry',
  )
})

test('beyond the pending limit new submissions are refused with 503 instead of queueing', async () => {
  let release: () => void = () => {}
  let writes = 0
  const committer = new GroupCommitter(
    () => (++writes === 1 ? new Promise<void>((r) => (release = r)) : Promise.resolve()),
    { maxPendingRows: 3 },
  )
  const inFlight = committer.submit(part('a', 'b'))
  await new Promise((r) => setImmediate(r))
  const waiting = committer.submit(part('c', 'd', 'e'))
  assert.throws(
    () => committer.submit(part('f')),
    (error: unknown) => (error as { code: string }).code === 'TS_OVERLOADED',
  )
  release()
  await Promise.all([inFlight, waiting])
  assert.equal(writes, 2)
})

test('exclusive waits for the write in flight, holds new writes while it runs, then writes them as one', async () => {
  const writes: string[][] = []
  let finishFirst!: () => void
  const committer = new GroupCommitter(async (batch) => {
    writes.push(batch.events.map((e) => e.messageId))
    if (writes.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve))
  })
  const first = committer.submit(part('a'))
  await new Promise((resolve) => setImmediate(resolve))
  const log: string[] = []
  const snapshot = committer.exclusive(async () => {
    log.push(`snapshot after ${writes.length} write(s)`)
    const b = committer.submit(part('b'))
    const c = committer.submit(part('c'))
    await new Promise((resolve) => setTimeout(resolve, 20))
    log.push(`still ${writes.length} write(s) during the snapshot`)
    return [b, c]
  })
  assert.deepEqual(log, [], 'the snapshot waits for the write in flight')
  finishFirst()
  await first
  const [b, c] = await snapshot
  await Promise.all([b, c])
  assert.deepEqual(log, ['snapshot after 1 write(s)', 'still 1 write(s) during the snapshot'])
  assert.deepEqual(writes, [['a'], ['b', 'c']])
})
