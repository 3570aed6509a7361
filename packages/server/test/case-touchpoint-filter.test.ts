import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'

let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
})
after(() => server.close())

test('GET /api/cases?touchpoint= lists only cases opened at that touchpoint, in the own workspace', async () => {
  const s = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())
  assert.equal(s.status, 201, JSON.stringify(s.body))
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${s.body.id}/invitations`, {
    channel: 'link',
    recipients: [
      { userId: 'p-1', touchpoint: 'delivery' },
      { userId: 'p-2', touchpoint: 'hotline' },
      { userId: 'p-3', touchpoint: 'delivery' },
    ],
  })
  assert.equal(inv.status, 201, JSON.stringify(inv.body))
  // Detractor scores: each response opens a case.
  for (const i of inv.body.invitations as Array<{ url: string }>) {
    const res = await server.app.inject({
      method: 'POST',
      url: pathOf(i.url),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'score=2',
    })
    assert.equal(res.statusCode, 200, res.body)
  }
  const list = (q: string, key = ws.secretKey) => api(server.app, key, 'GET', `/api/cases?${q}`)
  assert.equal((await list('')).body.total, 3)
  const delivery = await list('touchpoint=delivery')
  assert.equal(delivery.status, 200)
  assert.equal(delivery.body.total, 2)
  assert.ok(delivery.body.items.every((c: { touchpoint: string }) => c.touchpoint === 'delivery'))
  assert.equal((await list('touchpoint=hotline&status=new')).body.total, 1)
  assert.equal((await list('touchpoint=store')).body.total, 0)
  assert.equal((await list('touchpoint=delivery', other.secretKey)).body.total, 0)
  const bad = await list(`touchpoint=${'x'.repeat(81)}`)
  assert.equal(bad.status, 400)
  assert.match(bad.body.message, /touchpoint/)
})
