// Property-based fuzzing of the Segment ingestion endpoints: whatever a client sends, the server
// answers without a 5xx (503 backpressure aside), every 4xx carries a JSON message, and what it
// acknowledged is exactly what is stored, each row well-formed.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { MESSAGE_TYPES } from '../src/ingest/segment-message.ts'
import { assertProperty, hostileDict, hostileJson, hostileString } from './hostile-input.ts'
import { basic, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

let server: TestServer
let ws: TestWorkspace
/** messageIds of acknowledged messages, and the number of acknowledged messages without one. */
const ackedIds = new Set<string>()
let ackedWithoutId = 0

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Fuzz')
})
after(() => server.close())

/** `{"a":{"a":…}}` or `[[[…]]]`, n levels deep. */
function nested(depth: number, asArray: boolean): unknown {
  let v: unknown = 'bottom'
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v }
  return v
}

const id = fc.oneof(
  hostileString(40),
  fc.uuid(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(null, '', ' ', 'undefined', 'null', '0', 'anonymous'),
)
const time = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => d.getTime()),
  fc.constantFrom(
    1e300,
    1.5,
    8.64e15,
    -1,
    0,
    '+275760-09-13T00:00:00.000Z',
    '1899-12-31T23:59:59Z',
    '9999-12-31T23:59:59Z',
  ),
  hostileString(45),
)
// A small pool of ids makes retries (duplicates) frequent.
const messageId = fc.oneof(fc.constantFrom('dup-1', 'dup-2', 'dup-3'), fc.uuid(), hostileString(30))

/** A message shaped like Segment's, every field possibly hostile, missing or of the wrong type. */
const segmentish = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...MESSAGE_TYPES), hostileJson),
    messageId: fc.oneof(messageId, hostileJson),
    anonymousId: id,
    userId: id,
    event: fc.oneof(hostileString(), hostileJson),
    name: hostileString(),
    previousId: id,
    groupId: id,
    timestamp: time,
    sentAt: time,
    properties: fc.oneof(
      { weight: 4, arbitrary: hostileDict },
      { weight: 1, arbitrary: hostileJson },
      {
        weight: 1,
        arbitrary: fc
          .tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean())
          .map(([d, arr]) => ({ deep: nested(d, arr) })),
      },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 40_000 }).map((n) => ({ big: 'x'.repeat(n) })) },
    ),
    traits: fc.oneof(hostileDict, hostileJson),
    context: fc.oneof(hostileDict, fc.record({ traits: hostileDict }), hostileJson),
  },
  { requiredKeys: [] },
)
/** A message every rule accepts, but with hostile text in every string it carries. */
const validShaped = fc.record(
  {
    type: fc.constant('track'),
    messageId: fc.option(messageId, { nil: undefined }),
    userId: fc.oneof(
      fc.uuid(),
      hostileString(40).filter((s) => s.trim().length > 2),
    ),
    event: hostileString().filter((s) => s.trim() !== ''),
    timestamp: fc.option(
      fc
        .date({ min: new Date('1971-01-01'), max: new Date('2290-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString()),
      { nil: undefined },
    ),
    properties: hostileDict,
    context: fc.record({
      traits: hostileDict,
      page: fc.record({ url: hostileString(), title: hostileString() }),
    }),
  },
  { requiredKeys: ['type', 'userId', 'event'] },
)
const message = fc.oneof(
  { weight: 4, arbitrary: validShaped },
  { weight: 4, arbitrary: segmentish },
  { weight: 1, arbitrary: hostileJson },
)

type Call = { url: string; contentType: string; payload: string; messages: unknown[] | undefined }

const call: fc.Arbitrary<Call> = fc.oneof(
  // A batch, labelled as JSON or as text (sendBeacon) — both are parsed as JSON.
  fc
    .record({
      batch: fc.array(message, { minLength: 1, maxLength: 12 }),
      contentType: fc.constantFrom('application/json', 'text/plain', 'application/octet-stream'),
      sentAt: fc.option(time, { nil: undefined }),
      context: fc.option(hostileDict, { nil: undefined }),
    })
    .map(({ batch, contentType, sentAt, context }) => ({
      url: '/v1/batch',
      contentType,
      payload: JSON.stringify({ batch, sentAt, context }),
      messages: batch,
    })),
  // One message on a single-call endpoint.
  fc.record({ type: fc.constantFrom(...MESSAGE_TYPES), m: message }).map(({ type, m }) => ({
    url: `/v1/${type}`,
    contentType: 'application/json',
    payload: JSON.stringify(m) ?? 'null',
    messages: [m],
  })),
  // Not JSON, or JSON of the wrong shape.
  fc
    .record({
      url: fc.constantFrom('/v1/batch', '/v1/track', '/v1/import'),
      payload: fc.oneof(
        hostileString(200),
        hostileJson.map((v) => JSON.stringify(v) ?? ''),
        hostileJson.map((v) => JSON.stringify({ batch: v }) ?? ''),
      ),
    })
    .map(({ url, payload }) => ({ url, contentType: 'application/json', payload, messages: undefined })),
)

/** The answer contract every route keeps: no 5xx but 503 backpressure, a JSON message on 4xx. */
function assertAnswerContract(status: number, body: string, what: string): void {
  assert.ok(status < 500 || status === 503, `${what}: ${status} ${body.slice(0, 500)}`)
  if (status >= 400) {
    const json = JSON.parse(body) as { success?: unknown; code?: unknown; message?: unknown }
    assert.equal(json.success, false, what)
    assert.equal(typeof json.code, 'string', what)
    assert.ok(typeof json.message === 'string' && json.message.length > 0, `${what}: no message`)
    if (status === 503)
      assert.equal(json.code, 'TS_OVERLOADED', `${what}: 503 that is not backpressure: ${body}`)
  }
}

function recordAcknowledged(messages: unknown[], rejectedIndexes: Set<number>): void {
  messages.forEach((m, i) => {
    if (rejectedIndexes.has(i)) return
    const mid = (m as { messageId?: unknown }).messageId
    if (typeof mid === 'string') ackedIds.add(mid)
    else ackedWithoutId++
  })
}

test('ingestion: no 5xx, a JSON message on every 4xx, acknowledged = stored', async () => {
  await assertProperty(
    'ingest',
    fc.asyncProperty(call, async (c) => {
      const res = await server.app.inject({
        method: 'POST',
        url: c.url,
        headers: { authorization: basic(ws.writeKey), 'content-type': c.contentType },
        payload: c.payload,
      })
      assertAnswerContract(res.statusCode, res.body, `${c.url} ${c.payload.slice(0, 300)}`)
      if (res.statusCode === 200 && c.messages) {
        const answer = res.json() as { accepted: number; rejected: Array<{ index: number; message: string }> }
        assert.equal(answer.accepted + answer.rejected.length, c.messages.length, res.body)
        for (const r of answer.rejected) assert.ok(r.message.length > 0)
        recordAcknowledged(c.messages, new Set(answer.rejected.map((r) => r.index)))
      }
    }),
    Number(process.env.FUZZ_RUNS ?? 250),
  )
  const stored = await server.rt.events.countEvents(ws.id)
  assert.equal(stored, ackedIds.size + ackedWithoutId, 'stored events = acknowledged messages')
})

test('every stored row is well-formed: known type, person, JSON objects, a real event time', async () => {
  const rows = await server.rt.events.query<Record<string, string>>(
    `SELECT type, event, toString(person_id) AS person_id, message_id, properties, traits, context,
            toUnixTimestamp64Milli(event_time) AS t
     FROM events WHERE workspace_id = {ws:String}`,
    { ws: ws.id },
  )
  assert.ok(rows.length > 0, 'the fuzz run stored something')
  const isObject = (text: string) => {
    const v = JSON.parse(text) as unknown
    return typeof v === 'object' && v !== null && !Array.isArray(v)
  }
  for (const r of rows) {
    assert.ok((MESSAGE_TYPES as readonly string[]).includes(r.type as string), r.type)
    assert.match(r.person_id as string, /^[0-9a-f-]{36}$/)
    assert.ok((r.message_id as string).length > 0)
    if (r.type === 'track') assert.ok((r.event as string).trim().length > 0)
    assert.ok(isObject(r.properties as string), r.properties)
    assert.ok(isObject(r.context as string), r.context)
    assert.ok(r.traits === '' || isObject(r.traits as string), r.traits)
    assert.ok(Number(r.t) > 0, `event time ${r.t}`)
  }
})
