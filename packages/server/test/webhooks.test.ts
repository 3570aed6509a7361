import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createSecretBox } from '../src/auth/secret-box.ts'
import { WebhookDispatcher } from '../src/webhooks/webhook-dispatcher.ts'
import { verifyWebhookSignature } from '../src/webhooks/webhook-signature.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

// A real HTTP receiver on a loopback port: what the dispatcher sends is what a receiver gets.
interface Received {
  path: string
  headers: Record<string, string | string[] | undefined>
  body: string
}
let receiver: Server
let base = ''
const received: Received[] = []
/** Status codes a path answers in turn (then 200). */
const answers = new Map<string, number[]>()

let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace
let dispatcher: WebhookDispatcher

before(async () => {
  receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (c: Buffer) => (body += c.toString('utf8')))
    req.on('end', () => {
      const path = req.url ?? '/'
      received.push({ path, headers: req.headers, body })
      const status = answers.get(path)?.shift() ?? 200
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'receiver down')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  server = await startTestServer()
  // The background loop is stopped: each test drives delivery with its own clock.
  await server.rt.webhooks.stop()
  dispatcher = new WebhookDispatcher({
    store: server.rt.meta.webhooks,
    box: createSecretBox(server.rt.secret),
    random: () => 0.5,
    timeoutMs: 2000,
  })
  ws = await server.workspace('Hooks')
  other = await server.workspace('Other')
})
after(async () => {
  await server.close()
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
})

async function createHook(body: Record<string, unknown>, key = ws.secretKey) {
  const res = await api(server.app, key, 'POST', '/api/webhooks', body)
  assert.equal(res.status, 201, JSON.stringify(res.body))
  return res.body as { id: string; secret: string }
}

async function answer(surveyId: string, userId: string, score: number, comment?: string) {
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${surveyId}/invitations`, {
    channel: 'link',
    recipients: [{ userId, language: 'de' }],
  })
  const res = await server.app.inject({
    method: 'POST',
    url: pathOf(inv.body.invitations[0].url),
    payload: { answers: { score }, ...(comment ? { comment } : {}) },
  })
  assert.ok(res.statusCode < 300, res.body)
}

const header = (r: Received, name: string) => String(r.headers[name])

test('response and case events reach a json webhook signed, with the envelope and delivery id', async () => {
  const hook = await createHook({
    name: 'CRM',
    url: `${base}/crm`,
    events: ['response.created', 'case.opened'],
  })
  assert.match(hook.secret, /^whsec_/)
  const shown = await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${hook.id}`)
  assert.equal(shown.body.secret, undefined, 'the secret is shown once, on create')
  const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())
  received.length = 0
  await answer(survey.body.id, 'kundin-1', 3, 'Die Lieferung kam zwei Tage zu spät.')
  // Durable before any attempt: the outbox holds both deliveries, nothing was sent yet.
  const log = await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${hook.id}/deliveries`)
  assert.deepEqual(
    log.body.items.map((d: { event: string; status: string }) => `${d.event}:${d.status}`).sort(),
    ['case.opened:pending', 'response.created:pending'],
  )
  assert.equal(received.length, 0)
  const now = new Date()
  const run = await dispatcher.runOnce(now)
  assert.deepEqual(run, { attempted: 2, delivered: 2, failed: 0 })
  assert.equal(received.length, 2)
  const t = Math.floor(now.getTime() / 1000)
  for (const r of received) {
    assert.equal(r.path, '/crm')
    assert.equal(header(r, 'content-type'), 'application/json')
    assert.ok(verifyWebhookSignature(hook.secret, r.body, header(r, 'touchstone-signature'), t))
    assert.equal(verifyWebhookSignature('whsec_wrong', r.body, header(r, 'touchstone-signature'), t), false)
    assert.equal(
      verifyWebhookSignature(hook.secret, r.body, header(r, 'touchstone-signature'), t + 301),
      false,
      'an old signature is refused (replay)',
    )
    assert.match(header(r, 'touchstone-signature'), new RegExp(`^t=${t},v1=[0-9a-f]{64}$`))
  }
  const byType = new Map(received.map((r) => [header(r, 'touchstone-event'), r]))
  const response = JSON.parse(byType.get('response.created')!.body)
  assert.deepEqual(Object.keys(response).sort(), ['createdAt', 'data', 'id', 'type', 'workspaceId'])
  assert.equal(response.type, 'response.created')
  assert.equal(response.workspaceId, ws.id)
  assert.equal(response.data.response.score, 3)
  assert.equal(response.data.response.scoreType, 'nps')
  assert.equal(response.data.response.surveyId, survey.body.id)
  const opened = JSON.parse(byType.get('case.opened')!.body)
  assert.equal(opened.data.case.status, 'new')
  assert.equal(opened.data.case.responseId, response.data.response.id)
  const after = await api(
    server.app,
    ws.secretKey,
    'GET',
    `/api/webhooks/${hook.id}/deliveries?status=delivered`,
  )
  assert.equal(after.body.total, 2)
  const delivery = after.body.items.find((d: { event: string }) => d.event === 'case.opened')
  assert.equal(header(byType.get('case.opened')!, 'touchstone-delivery'), delivery.id)
  assert.equal(delivery.attempts, 1)
  assert.equal(delivery.lastStatusCode, 200)
  assert.equal(delivery.payload.id, opened.id)
  await api(server.app, ws.secretKey, 'DELETE', `/api/webhooks/${hook.id}`)
})

test('a slack webhook gets {text, blocks} for a resolved case; the comment is quoted and escaped', async () => {
  const hook = await createHook({
    name: 'Slack #cx',
    url: `${base}/slack`,
    events: ['case.resolved'],
    format: 'slack',
  })
  const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())
  await answer(survey.body.id, 'kunde-2', 2, 'Paket <beschädigt> & nass')
  const cases = await api(server.app, ws.secretKey, 'GET', `/api/cases?survey=${survey.body.id}`)
  const caseId = cases.body.items[0].id
  const resolved = await api(server.app, ws.secretKey, 'PATCH', `/api/cases/${caseId}`, {
    status: 'resolved',
    outcome: 'replacement',
  })
  assert.equal(resolved.status, 200, JSON.stringify(resolved.body))
  received.length = 0
  await dispatcher.runOnce(new Date())
  assert.equal(received.length, 1, 'case.opened and case.updated are not subscribed')
  const r = received[0]!
  assert.equal(header(r, 'touchstone-event'), 'case.resolved')
  const msg = JSON.parse(r.body)
  assert.deepEqual(Object.keys(msg).sort(), ['blocks', 'text'])
  assert.match(msg.text, /Case resolved.*NPS 2.*replacement/)
  assert.equal(msg.blocks[0].type, 'section')
  assert.equal(msg.blocks[1].text.text, '>Paket &lt;beschädigt&gt; &amp; nass')
  assert.equal(msg.blocks.at(-1).type, 'context')
  await api(server.app, ws.secretKey, 'DELETE', `/api/webhooks/${hook.id}`)
})

test('a receiver failing twice then answering is tried 3 times with backoff, then delivered; redelivery and rotation', async () => {
  const hook = await createHook({ name: 'Flaky', url: `${base}/flaky`, events: ['case.updated'] })
  answers.set('/flaky', [500, 503])
  const ping = await api(server.app, ws.secretKey, 'POST', `/api/webhooks/${hook.id}/test`)
  assert.equal(ping.status, 202)
  assert.equal(ping.body.event, 'ping')
  const t0 = new Date(Date.now() + 1000)
  const at = (s: number) => new Date(t0.getTime() + s * 1000)
  received.length = 0
  assert.deepEqual(await dispatcher.runOnce(t0), { attempted: 1, delivered: 0, failed: 0 })
  const get = async () =>
    (await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${hook.id}/deliveries`)).body.items[0]
  let d = await get()
  assert.equal(d.status, 'pending')
  // random 0.5 → no jitter: 30 s after the first failure, then 90 s.
  assert.equal(d.nextAttemptAt, at(30).toISOString())
  assert.match(d.lastError, /^HTTP 500: receiver down/)
  assert.equal((await dispatcher.runOnce(at(29))).attempted, 0, 'not before its time')
  assert.equal((await dispatcher.runOnce(at(30))).attempted, 1)
  d = await get()
  assert.equal(d.nextAttemptAt, at(30 + 90).toISOString())
  assert.deepEqual(await dispatcher.runOnce(at(120)), { attempted: 1, delivered: 1, failed: 0 })
  d = await get()
  assert.equal(d.status, 'delivered')
  assert.equal(d.attempts, 3)
  assert.deepEqual(
    d.attemptLog.map((a: { statusCode: number }) => a.statusCode),
    [500, 503, 200],
  )
  assert.equal(d.deliveredAt, at(120).toISOString())
  assert.equal(received.length, 3)
  assert.equal(new Set(received.map((r) => header(r, 'touchstone-delivery'))).size, 1, 'one delivery id')

  // Redelivery: a new delivery with the same event; rotation: signed with the new secret only.
  const rotated = await api(server.app, ws.secretKey, 'POST', `/api/webhooks/${hook.id}/rotate-secret`)
  assert.notEqual(rotated.body.secret, hook.secret)
  const again = await api(
    server.app,
    ws.secretKey,
    'POST',
    `/api/webhooks/${hook.id}/deliveries/${d.id}/redeliver`,
  )
  assert.equal(again.status, 202, JSON.stringify(again.body))
  assert.notEqual(again.body.id, d.id)
  received.length = 0
  const now = new Date(Date.now() + 1000)
  await dispatcher.runOnce(now)
  const r = received[0]!
  assert.equal(header(r, 'touchstone-delivery'), again.body.id)
  assert.equal(JSON.parse(r.body).id, d.payload.id, 'the same event id: receivers can de-duplicate')
  const t = Math.floor(now.getTime() / 1000)
  assert.ok(verifyWebhookSignature(rotated.body.secret, r.body, header(r, 'touchstone-signature'), t))
  assert.equal(verifyWebhookSignature(hook.secret, r.body, header(r, 'touchstone-signature'), t), false)
})

test('a receiver that never answers 2xx is given up after 8 attempts; an unreachable one records the error', async () => {
  const hook = await createHook({ name: 'Down', url: `${base}/down`, events: ['case.updated'] })
  answers.set('/down', Array(10).fill(502))
  await api(server.app, ws.secretKey, 'POST', `/api/webhooks/${hook.id}/test`)
  let clock = Date.now() + 1000
  for (let i = 0; i < 8; i++) {
    await dispatcher.runOnce(new Date(clock))
    clock += 7 * 3600_000
  }
  const d = (await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${hook.id}/deliveries`)).body.items[0]
  assert.equal(d.status, 'failed')
  assert.equal(d.attempts, 8)
  assert.equal(d.nextAttemptAt, null)
  assert.equal((await dispatcher.runOnce(new Date(clock))).attempted, 0)

  const closed = await createHook({
    name: 'Closed port',
    url: 'http://127.0.0.1:9/',
    events: ['case.updated'],
  })
  await api(server.app, ws.secretKey, 'POST', `/api/webhooks/${closed.id}/test`)
  await dispatcher.runOnce(new Date(clock))
  const e = (await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${closed.id}/deliveries`)).body
    .items[0]
  assert.equal(e.status, 'pending')
  assert.equal(e.lastStatusCode, null)
  assert.match(e.lastError, /fetch failed|ECONNREFUSED/)
})

test('webhooks are owner/admin only, validated, and invisible to another workspace', async () => {
  const bad = async (body: Record<string, unknown>, pattern: RegExp) => {
    const res = await api(server.app, ws.secretKey, 'POST', '/api/webhooks', body)
    assert.equal(res.status, 400, JSON.stringify(res.body))
    assert.match(res.body.message, pattern)
  }
  await bad({ name: 'x', url: 'ftp://example.com/x', events: ['case.opened'] }, /http or https/)
  await bad({ name: 'x', url: 'not a url at all', events: ['case.opened'] }, /not a URL/)
  await bad({ name: 'x', url: 'https://u:p@example.com/x', events: ['case.opened'] }, /password/)
  await bad({ name: 'x', url: 'https://example.com/x', events: ['case.deleted'] }, /events/)
  await bad({ name: 'x', url: 'https://example.com/x', events: [] }, /events/)

  const hook = await createHook({ name: 'Mine', url: `${base}/mine`, events: ['case.opened'] })
  await api(server.app, ws.secretKey, 'POST', `/api/webhooks/${hook.id}/test`)
  const [delivery] = (await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${hook.id}/deliveries`)).body
    .items
  const k = other.secretKey
  assert.deepEqual((await api(server.app, k, 'GET', '/api/webhooks')).body.items, [])
  const calls: Array<[Parameters<typeof api>[2], string, unknown?]> = [
    ['GET', `/api/webhooks/${hook.id}`],
    ['PATCH', `/api/webhooks/${hook.id}`, { active: false }],
    ['GET', `/api/webhooks/${hook.id}/deliveries`],
    ['POST', `/api/webhooks/${hook.id}/test`],
    ['POST', `/api/webhooks/${hook.id}/rotate-secret`],
    ['POST', `/api/webhooks/${hook.id}/deliveries/${delivery.id}/redeliver`],
    ['DELETE', `/api/webhooks/${hook.id}`],
  ]
  for (const [method, url, body] of calls) {
    const res = await api(server.app, k, method, url, body)
    assert.equal(res.status, 404, `${method} ${url}: ${JSON.stringify(res.body)}`)
  }
  const unchanged = await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${hook.id}/deliveries`)
  assert.equal(unchanged.body.total, 1, 'no test ping or redelivery was queued by the other workspace')
  assert.equal((await api(server.app, ws.secretKey, 'GET', `/api/webhooks/${hook.id}`)).body.active, true)

  const analyst = await server.rt.keys.create(ws.id, 'secret', 'analyst', 'analyst')
  const denied = await api(server.app, analyst.key, 'GET', '/api/webhooks')
  assert.equal(denied.status, 403)
  assert.equal(denied.body.code, 'TS_FORBIDDEN')
})
