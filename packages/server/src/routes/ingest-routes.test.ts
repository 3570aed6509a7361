import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { gzipSync } from 'node:zlib'
import { basic, startTestServer, type TestServer, type TestWorkspace } from '../../test/test-server.ts'

let server: TestServer
let ws: TestWorkspace

before(async () => {
  server = await startTestServer()
  ws = await server.workspace()
})
after(() => server.close())

function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  return server.app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: basic(ws.writeKey), 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body),
  })
}

async function person(identifier: string, secretKey = ws.secretKey) {
  return server.app.inject({
    method: 'GET',
    url: `/api/persons?identifier=${encodeURIComponent(identifier)}`,
    headers: { authorization: `Bearer ${secretKey}` },
  })
}

describe('Segment endpoints', () => {
  test('a track call is stored and answered like Segment', async () => {
    const res = await post('/v1/track', {
      userId: 'u-track',
      event: 'Order Completed',
      properties: { revenue: 49.9 },
    })
    assert.equal(res.statusCode, 200)
    assert.equal(res.json().success, true)
    assert.equal(res.json().accepted, 1)
    const p = await person('u-track')
    assert.equal(p.statusCode, 200)
    assert.equal(p.json().eventCount, 1)
  })

  test('the write key may come in the body instead of the header', async () => {
    const res = await post(
      '/v1/track',
      { writeKey: ws.writeKey, anonymousId: 'a-body', event: 'X' },
      { authorization: '' },
    )
    assert.equal(res.statusCode, 200)
  })

  test('a batch keeps the good messages and reports the bad ones with reasons', async () => {
    const res = await post('/v1/batch', {
      batch: [
        { type: 'track', userId: 'u-batch', event: 'A', messageId: 'b-1' },
        { type: 'track', event: 'no ids', messageId: 'b-2' },
        { type: 'track', userId: 'u-batch', properties: 'not an object', event: 'B', messageId: 'b-3' },
        { type: 'page', anonymousId: 'a-batch', name: 'Home', messageId: 'b-4' },
        'not a message',
        { type: 'teleport', userId: 'u-batch' },
        { type: 'track', userId: 'undefined', event: 'C' },
      ],
    })
    assert.equal(res.statusCode, 200)
    const body = res.json()
    assert.equal(body.accepted, 2)
    assert.deepEqual(
      body.rejected.map((r: { index: number; code: string }) => [r.index, r.code]),
      [
        [1, 'TS_INVALID_EVENT'],
        [2, 'TS_INVALID_EVENT'],
        [4, 'TS_INVALID_EVENT'],
        [5, 'TS_INVALID_EVENT'],
        [6, 'TS_INVALID_EVENT'],
      ],
    )
    assert.match(body.rejected[0].message, /userId or an anonymousId/)
    assert.match(body.rejected[1].message, /properties/)
    assert.match(body.rejected[4].message, /placeholder/)
    assert.equal((await person('u-batch')).json().eventCount, 1)
  })

  test('bad requests get a 4xx that says what is wrong, and nothing is stored', async () => {
    const before = await server.rt.events.countEvents(ws.id)
    const malformed = await post('/v1/batch', '{"batch": [')
    assert.equal(malformed.statusCode, 400)
    assert.equal(malformed.json().code, 'TS_MALFORMED_JSON')

    const big = await post('/v1/track', {
      userId: 'u',
      event: 'Big',
      properties: { blob: 'x'.repeat(33 * 1024) },
    })
    assert.equal(big.statusCode, 413)
    assert.match(big.json().message, /32 KB/)

    const bigInBatch = await post('/v1/batch', {
      batch: [{ type: 'track', userId: 'u', event: 'Big', properties: { blob: 'x'.repeat(33 * 1024) } }],
    })
    assert.equal(bigInBatch.statusCode, 413)
    assert.equal(bigInBatch.json().code, 'TS_PAYLOAD_TOO_LARGE')

    const hugeBatch = await post('/v1/batch', {
      batch: Array.from({ length: 20 }, () => ({
        type: 'track',
        userId: 'u',
        event: 'E',
        properties: { blob: 'y'.repeat(30_000) },
      })),
    })
    assert.equal(hugeBatch.statusCode, 413)
    assert.match(hugeBatch.json().message, /500 KB/)

    const tooMany = await post('/v1/batch', {
      batch: Array.from({ length: 2501 }, () => ({ type: 'track', userId: 'u', event: 'E' })),
    })
    assert.equal(tooMany.statusCode, 400)
    assert.match(tooMany.json().message, /2500/)

    const noIds = await post('/v1/identify', { traits: { email: 'x@example.com' } })
    assert.equal(noIds.statusCode, 400)
    assert.equal(noIds.json().code, 'TS_INVALID_EVENT')

    const wrongType = await post('/v1/track', { userId: 'u', event: 'E', timestamp: 'last tuesday' })
    assert.equal(wrongType.statusCode, 400)
    assert.match(wrongType.json().message, /timestamp/)

    const unknownKey = await post(
      '/v1/track',
      { userId: 'u', event: 'E' },
      { authorization: basic('tsw_nope') },
    )
    assert.equal(unknownKey.statusCode, 401)
    const noKey = await post('/v1/track', { userId: 'u', event: 'E' }, { authorization: '' })
    assert.equal(noKey.statusCode, 401)
    assert.match(noKey.json().message, /write key/)

    const secretAsWrite = await post(
      '/v1/track',
      { userId: 'u', event: 'E' },
      { authorization: basic(ws.secretKey) },
    )
    assert.equal(secretAsWrite.statusCode, 401)

    const encoding = await post('/v1/track', { userId: 'u', event: 'E' }, { 'content-encoding': 'br' })
    assert.equal(encoding.statusCode, 415)

    assert.equal(await server.rt.events.countEvents(ws.id), before)
    const health = await server.app.inject({ method: 'GET', url: '/api/health' })
    assert.equal(health.statusCode, 200)
  })

  test('gzip bodies and text/plain JSON are accepted', async () => {
    const body = gzipSync(JSON.stringify({ batch: [{ type: 'track', userId: 'u-gzip', event: 'Zipped' }] }))
    const res = await post('/v1/batch', body, { 'content-encoding': 'gzip' })
    assert.equal(res.statusCode, 200)
    const plain = await post('/v1/track', JSON.stringify({ userId: 'u-gzip', event: 'Beacon' }), {
      'content-type': 'text/plain',
    })
    assert.equal(plain.statusCode, 200)
    assert.equal((await person('u-gzip')).json().eventCount, 2)
  })

  test('browsers may post cross-origin: preflight and CORS header on ingestion only', async () => {
    const preflight = await server.app.inject({
      method: 'OPTIONS',
      url: '/v1/batch',
      headers: { origin: 'https://shop.example.de', 'access-control-request-method': 'POST' },
    })
    assert.equal(preflight.statusCode, 204)
    assert.equal(preflight.headers['access-control-allow-origin'], '*')
    assert.match(String(preflight.headers['access-control-allow-headers']), /content-type/)
    const res = await post(
      '/v1/track',
      { anonymousId: 'a-cors', event: 'X' },
      { origin: 'https://shop.example.de' },
    )
    assert.equal(res.headers['access-control-allow-origin'], '*')
    const api = await server.app.inject({
      method: 'GET',
      url: '/api/health',
      headers: { origin: 'https://evil.example' },
    })
    assert.equal(
      api.headers['access-control-allow-origin'],
      undefined,
      'the API is not open to other origins',
    )
  })

  test('a retried messageId is stored once, also when retries race the original', async () => {
    const msg = { type: 'track', userId: 'u-retry', event: 'Once', messageId: 'retry-1' }
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => post('/v1/batch', { batch: [msg, { ...msg }] })),
    )
    for (const a of answers) assert.equal(a.statusCode, 200)
    const again = await post('/v1/track', msg)
    assert.equal(again.json().duplicates, 1)
    const p = (await person('u-retry')).json()
    assert.equal(p.eventCount, 1)
    const rows = await server.rt.events.query<{ n: number }>(
      "SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND message_id = 'retry-1'",
      { ws: ws.id },
    )
    assert.equal(Number(rows[0]?.n), 1, 'one physical row, not just a de-duplicated count')
  })

  test('event time is corrected for the client clock with sentAt', async () => {
    const skew = 2 * 3600_000
    const now = Date.now()
    const happened = now - 60_000
    await post('/v1/batch', {
      sentAt: new Date(now + skew).toISOString(),
      batch: [
        {
          type: 'track',
          userId: 'u-skew',
          event: 'Skewed',
          timestamp: new Date(happened + skew).toISOString(),
        },
      ],
    })
    const p = (await person('u-skew')).json()
    const stored = Date.parse(p.firstSeen)
    assert.ok(
      Math.abs(stored - happened) < 5_000,
      `event time ${p.firstSeen} should be ≈ ${new Date(happened).toISOString()}`,
    )
  })

  test('channel and touchpoint are derived from the message', async () => {
    await post('/v1/page', {
      anonymousId: 'a-tp',
      name: 'Checkout',
      context: { page: { url: 'https://shop.example.de/checkout/pay' } },
    })
    await post('/v1/track', {
      anonymousId: 'a-tp',
      event: 'call_missed',
      properties: { touchpoint: 'hotline' },
      context: { channel: 'phone' },
    })
    const p = (await person('a-tp')).json()
    const tl = await server.app.inject({
      method: 'GET',
      url: `/api/persons/${p.id}/timeline`,
      headers: { authorization: `Bearer ${ws.secretKey}` },
    })
    const items = tl.json().items as Array<{ channel: string; touchpoint: string }>
    assert.deepEqual(items.map((i) => `${i.channel}/${i.touchpoint}`).sort(), [
      'phone/hotline',
      'web/checkout',
    ])
  })
})
