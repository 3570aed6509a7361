import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { createSecretBox } from '../src/auth/secret-box.ts'
import { runFollowUps } from '../src/cases/follow-up-service.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'
import { startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

let server: TestServer
let ws: TestWorkspace
let mainSurvey: string
let followUpSurvey: string

before(async () => {
  server = await startTestServer()
  await server.rt.webhooks.stop()
  ws = await server.workspace('Loop')
  mainSurvey = (await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())).body.id
  followUpSurvey = (
    await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody({ name: 'Nachgefragt' }))
  ).body.id
  const put = await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {
    closedLoop: { followUpSurveyId: followUpSurvey },
    publicUrl: 'https://cx.example.de',
  })
  assert.equal(put.status, 200, JSON.stringify(put.body))
})
after(() => server.close())

async function submit(url: string, score: number, comment?: string) {
  const res = await server.app.inject({
    method: 'POST',
    url: pathOf(url),
    payload: { answers: { score }, ...(comment ? { comment } : {}) },
  })
  assert.ok(res.statusCode < 300, res.body)
}

/** Answers the main survey as `userId` and returns the case it opened. */
async function caseFor(userId: string, score: number, comment?: string) {
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${mainSurvey}/invitations`, {
    channel: 'link',
    recipients: [{ userId }],
  })
  await submit(inv.body.invitations[0].url, score, comment)
  const cases = await api(server.app, ws.secretKey, 'GET', `/api/cases?survey=${mainSurvey}&limit=500`)
  const found = cases.body.items.find(
    (c: { responseId: string }) => c.responseId === inv.body.invitations[0].id,
  )
  assert.ok(found, `a case for ${userId}`)
  return found as { id: string; score: number }
}

const resolve = (id: string) =>
  api(server.app, ws.secretKey, 'PATCH', `/api/cases/${id}`, { status: 'resolved', outcome: 'called_back' })

test('resolving a case invites its person to the follow-up survey once, as a link on the case', async () => {
  const c = await caseFor('kunde-a', 2)
  const first = await resolve(c.id)
  assert.equal(first.status, 200, JSON.stringify(first.body))
  assert.equal(first.body.followUp.channel, 'link', 'no SMTP: a link to hand over')
  assert.equal(first.body.followUp.status, 'created')
  assert.match(first.body.followUp.url, /^https:\/\/cx\.example\.de\/s\//)
  const closed = await api(server.app, ws.secretKey, 'PATCH', `/api/cases/${c.id}`, { status: 'closed' })
  assert.equal(closed.body.followUp.invitationId, first.body.followUp.invitationId, 'still the one follow-up')
  const invitations = await api(server.app, ws.secretKey, 'GET', `/api/surveys/${followUpSurvey}/invitations`)
  assert.equal(invitations.body.items.length, 1)
  assert.equal(invitations.body.items[0].userId, 'kunde-a', 'the same person as the detractor answer')
  await submit(first.body.followUp.url, 9)
  const shown = await api(server.app, ws.secretKey, 'GET', `/api/cases/${c.id}`)
  assert.equal(shown.body.followUp.status, 'answered')
  assert.ok(shown.body.followUp.answeredAt)
})

test('recovered detractors: share of follow-up scores ≥ 7 among answered follow-ups of resolved NPS detractor cases', async () => {
  // Cases resolved from here on (the first test resolved one just before).
  const started = new Date().toISOString()
  // Hand counts: 4 detractor cases resolved (follow-ups answered 9, 7, 5; one unanswered),
  // one detractor case left open, one passive with a negative comment resolved (not a detractor).
  const scores = [9, 7, 5, null]
  const follow: string[] = []
  for (const [i, later] of scores.entries()) {
    const c = await caseFor(`detractor-${i}`, 3 + i)
    const res = await resolve(c.id)
    follow.push(res.body.followUp.url)
    if (later !== null) await submit(res.body.followUp.url, later)
  }
  await caseFor('still-open', 1)
  const passive = await caseFor('passive', 8, 'Furchtbar, nie wieder, eine Katastrophe.')
  assert.ok((await resolve(passive.id)).body.followUp, 'every resolved case gets a follow-up')
  // The follow-up answered 5 opened a case of its own; resolving it asks no second follow-up.
  const cases = await api(server.app, ws.secretKey, 'GET', `/api/cases?survey=${followUpSurvey}`)
  const fromFollowUp = cases.body.items.find((c: { score: number }) => c.score === 5)
  assert.ok(fromFollowUp)
  assert.equal((await resolve(fromFollowUp.id)).body.followUp, undefined)

  const metric = await api(
    server.app,
    ws.secretKey,
    'GET',
    `/api/metrics/recovered-detractors?from=${started}`,
  )
  assert.equal(metric.status, 200, JSON.stringify(metric.body))
  const m = metric.body
  // 4 resolved detractor cases + the follow-up's own detractor case (which has no follow-up).
  assert.equal(m.detractorCasesResolved, 5)
  assert.equal(m.followUpsSent, 4)
  assert.equal(m.followUpsAnswered, 3)
  assert.equal(m.n, 3)
  assert.equal(m.recovered, 2)
  assert.equal(m.share, 2 / 3)
  // Wilson 95 % for 2 of 3, computed by hand: 0.2077 … 0.9385.
  assert.ok(Math.abs(m.interval.lower - 0.2077) < 5e-4)
  assert.ok(Math.abs(m.interval.upper - 0.9385) < 5e-4)
  assert.equal(m.tooFewResponses, true)
  const earlier = await api(
    server.app,
    ws.secretKey,
    'GET',
    '/api/metrics/recovered-detractors?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z',
  )
  assert.equal(earlier.body.detractorCasesResolved, 0)
  assert.equal(earlier.body.share, null)
  const wrong = await api(server.app, ws.secretKey, 'GET', '/api/metrics/recovered-detractors?from=gestern')
  assert.equal(wrong.status, 400)
  assert.match(wrong.body.message, /from/)
})

test('with a delay the follow-up waits for the minute job, which invites each case once', async () => {
  await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {
    closedLoop: { followUpSurveyId: followUpSurvey, followUpDelayHours: 24 },
    publicUrl: 'https://cx.example.de',
  })
  const c = await caseFor('later', 4)
  const res = await resolve(c.id)
  assert.equal(res.body.followUp, undefined, 'not at once')
  const deps = { meta: server.rt.meta, secret: server.rt.secret, box: createSecretBox(server.rt.secret) }
  assert.equal(await runFollowUps(deps, ws.id, new Date(Date.now() + 23 * 3600_000)), 0, 'not before 24 h')
  assert.equal(await runFollowUps(deps, ws.id, new Date(Date.now() + 25 * 3600_000)), 1)
  assert.equal(await runFollowUps(deps, ws.id, new Date(Date.now() + 26 * 3600_000)), 0, 'once')
  const shown = await api(server.app, ws.secretKey, 'GET', `/api/cases/${c.id}`)
  assert.equal(shown.body.followUp.channel, 'link')
})
