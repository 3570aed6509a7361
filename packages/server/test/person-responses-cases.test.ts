import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'
import { sendBatch, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

// The Customers profile lists one person's responses and cases: `?person=` on /api/responses and
// /api/cases, following merges (a response keeps the person id it was given at the time).
let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
let survey: string
let anna: string
let ben: string

before(async () => {
  server = await startTestServer()
  await server.rt.webhooks.stop()
  ws = await server.workspace('Profile')
  other = await server.workspace('Other')
  survey = (await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())).body.id
  // Anna answers as herself (2) and, before logging in, on a device (4); Ben answers once (9).
  await answer({ userId: 'anna' }, 2, 'Lieferung kam zu spät')
  await answer({ anonymousId: 'device-1' }, 4)
  await answer({ userId: 'ben' }, 9)
  // Logging in on the device merges it into Anna.
  await sendBatch(server.app, ws.writeKey, [
    { type: 'identify', userId: 'anna', anonymousId: 'device-1', timestamp: new Date().toISOString() },
  ])
  anna = (await api(server.app, ws.secretKey, 'GET', '/api/persons?identifier=anna')).body.id
  ben = (await api(server.app, ws.secretKey, 'GET', '/api/persons?identifier=ben')).body.id
  const device = await api(server.app, ws.secretKey, 'GET', '/api/persons?identifier=device-1')
  assert.equal(device.body.id, anna, 'the device resolves to Anna')
})
after(() => server.close())

async function answer(recipient: Record<string, string>, score: number, comment?: string) {
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey}/invitations`, {
    channel: 'link',
    recipients: [recipient],
  })
  assert.equal(inv.status, 201, JSON.stringify(inv.body))
  const res = await server.app.inject({
    method: 'POST',
    url: pathOf(inv.body.invitations[0].url),
    payload: { answers: { score }, ...(comment ? { comment } : {}) },
  })
  assert.ok(res.statusCode < 300, res.body)
}

const scoresOf = (items: Array<{ score: number }>) => items.map((i) => i.score).sort((a, b) => a - b)

test('responses of a person include those given under an id merged into it', async () => {
  const a = await api(server.app, ws.secretKey, 'GET', `/api/responses?person=${anna}`)
  assert.equal(a.status, 200, JSON.stringify(a.body))
  assert.deepEqual(scoresOf(a.body.items), [2, 4])
  assert.equal(a.body.total, 2)
  const b = await api(server.app, ws.secretKey, 'GET', `/api/responses?person=${ben}`)
  assert.deepEqual(scoresOf(b.body.items), [9])
})

test('cases of a person include those opened for an id merged into it', async () => {
  const a = await api(server.app, ws.secretKey, 'GET', `/api/cases?person=${anna}`)
  assert.equal(a.status, 200, JSON.stringify(a.body))
  assert.deepEqual(scoresOf(a.body.items), [2, 4], 'both detractor answers opened a case')
  const b = await api(server.app, ws.secretKey, 'GET', `/api/cases?person=${ben}`)
  assert.deepEqual(b.body.items, [], 'a promoter has no case')
})

test('recommendations name the items by their latest product name', async () => {
  const order = (
    userId: string,
    products: Array<{ product_id: string; name?: string }>,
    daysAgo: number,
  ) => ({
    type: 'track',
    event: 'Order Completed',
    userId,
    timestamp: new Date(Date.now() - daysAgo * 86_400_000 - 3_600_000).toISOString(),
    properties: { revenue: 10, products },
  })
  await sendBatch(server.app, ws.writeKey, [
    order('anna', [{ product_id: 'shoe', name: 'Schuh alt' }], 5),
    order('ben', [{ product_id: 'shoe', name: 'Wanderschuh' }, { product_id: 'sock' }], 0),
    order('ben', [{ product_id: 'hat', name: 'Mütze' }], 0),
  ])
  const rec = await api(server.app, ws.secretKey, 'GET', `/api/recommendations/persons/${anna}`)
  assert.equal(rec.status, 200, JSON.stringify(rec.body))
  assert.deepEqual(rec.body.owned, ['shoe'])
  assert.deepEqual(rec.body.items.map((i: { itemId: string }) => i.itemId).sort(), ['hat', 'sock'])
  // The newest name wins; the sock has none, so it is absent.
  assert.deepEqual(rec.body.names, { shoe: 'Wanderschuh', hat: 'Mütze' })
})

test('another workspace sees none of them; a malformed person id is refused', async () => {
  const r = await api(server.app, other.secretKey, 'GET', `/api/responses?person=${anna}`)
  assert.equal(r.body.total, 0)
  const c = await api(server.app, other.secretKey, 'GET', `/api/cases?person=${anna}`)
  assert.equal(c.body.total, 0)
  for (const path of ['/api/responses', '/api/cases']) {
    const bad = await api(server.app, ws.secretKey, 'GET', `${path}?person=anna'--`)
    assert.equal(bad.status, 400, path)
    assert.match(JSON.stringify(bad.body), /person/)
  }
})
