import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { Analytics } from '@segment/analytics-node'
import RudderAnalytics from '@rudderstack/rudder-sdk-node'
import { startTestServer, type TestWorkspace } from './test-server.ts'

// The published Segment and RudderStack Node clients, pointed at a real listening server:
// whatever they send (paths, auth, batching, gzip, sentAt) must be stored once and resolved.
let server: Awaited<ReturnType<typeof startTestServer>>
let ws: TestWorkspace

before(async () => {
  server = await startTestServer({ listen: true })
  ws = await server.workspace()
})
after(() => server.close())

async function person(identifier: string) {
  const res = await server.app.inject({
    method: 'GET',
    url: `/api/persons?identifier=${encodeURIComponent(identifier)}`,
    headers: { authorization: `Bearer ${ws.secretKey}` },
  })
  assert.equal(res.statusCode, 200, `${identifier}: ${res.body}`)
  return res.json() as { id: string; eventCount: number; traits: Record<string, unknown> }
}

async function countMessages(prefix: string): Promise<number> {
  const rows = await server.rt.events.query<{ n: string }>(
    'SELECT count() AS n FROM events WHERE workspace_id = {ws:String} AND startsWith(anonymous_id, {p:String})',
    { ws: ws.id, p: prefix },
  )
  return Number(rows[0]?.n)
}

test('@segment/analytics-node: track, page, identify, alias are stored once and resolve to one person', async () => {
  const errors: unknown[] = []
  const analytics = new Analytics({
    writeKey: ws.writeKey,
    host: server.url,
    flushAt: 3,
    flushInterval: 50,
    maxRetries: 2,
  })
  analytics.on('error', (e) => errors.push(e))
  analytics.page({ anonymousId: 'seg-anon-1', name: 'Home', properties: { url: 'https://shop.example.de/' } })
  analytics.track({ anonymousId: 'seg-anon-1', event: 'Product Viewed', properties: { sku: 'LMP-1' } })
  analytics.identify({
    anonymousId: 'seg-anon-1',
    userId: 'seg-user-1',
    traits: { email: 'seg@example.de', name: 'Seg' },
  })
  analytics.track({ userId: 'seg-user-1', event: 'Order Completed', properties: { revenue: 89.5 } })
  analytics.alias({ userId: 'seg-user-1-new', previousId: 'seg-user-1' })
  analytics.track({ userId: 'seg-user-1-new', event: 'Review Submitted' })
  await analytics.closeAndFlush({ timeout: 10_000 })
  assert.deepEqual(errors, [])

  const p = await person('seg-anon-1')
  assert.equal(p.eventCount, 6)
  assert.equal((await person('seg-user-1')).id, p.id)
  assert.equal((await person('seg-user-1-new')).id, p.id)
  assert.equal((await person('seg@example.de')).id, p.id)
  assert.equal(p.traits.name, 'Seg')
  assert.equal(await countMessages('seg-anon-1'), 3, 'each message stored once')
})

test('@rudderstack/rudder-sdk-node: track, page, identify, alias are stored once and resolve to one person', async () => {
  const sendErrors: string[] = []
  const client = new RudderAnalytics(ws.writeKey, {
    dataPlaneUrl: server.url,
    flushAt: 3,
    flushInterval: 50,
    retryCount: 1,
    logLevel: 'error',
    // The SDK drops a batch it could not send; keep why, so a failure says what the server answered.
    errorHandler: (error: unknown) => sendErrors.push(String(error)),
  })
  const calls = [
    () =>
      client.page({
        anonymousId: 'rs-anon-1',
        name: 'Home',
        properties: { url: 'https://shop.example.de/' },
      }),
    () => client.track({ anonymousId: 'rs-anon-1', event: 'Product Viewed', properties: { sku: 'SOFA-2' } }),
    () =>
      client.identify({ anonymousId: 'rs-anon-1', userId: 'rs-user-1', traits: { email: 'rs@example.de' } }),
    () => client.track({ userId: 'rs-user-1', event: 'Order Completed', properties: { revenue: 1299 } }),
    () => client.alias({ userId: 'rs-user-1-new', previousId: 'rs-user-1' }),
  ]
  for (const call of calls) call()
  await new Promise<void>((resolve, reject) =>
    client.flush((error?: unknown) => (error ? reject(error) : resolve())),
  )
  // Generous: the SDK's first batch (flushAt 3) may still be in flight on a loaded CI machine.
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    const res = await server.app.inject({
      method: 'GET',
      url: '/api/persons?identifier=rs-user-1-new',
      headers: { authorization: `Bearer ${ws.secretKey}` },
    })
    if (res.statusCode === 200 && res.json().eventCount === 5) break
    await new Promise((r) => setTimeout(r, 100))
  }
  const p = await person('rs-anon-1')
  assert.equal(p.eventCount, 5, `SDK send errors: ${sendErrors.join('; ') || 'none'}`)
  assert.equal((await person('rs-user-1')).id, p.id)
  assert.equal((await person('rs-user-1-new')).id, p.id)
  assert.equal((await person('rs@example.de')).id, p.id)
  assert.equal(await countMessages('rs-anon-1'), 3, 'each message stored once')
})
