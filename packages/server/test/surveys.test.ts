import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { basic, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'
import { signInvitationToken, verifyInvitationToken } from '../src/surveys/link-token.ts'
import { ResponseStore } from '../src/surveys/response-store.ts'
import { submitResponse } from '../src/surveys/response-service.ts'

let server: TestServer
let ws: TestWorkspace
let other: TestWorkspace

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('A')
  other = await server.workspace('B')
})
after(() => server.close())

const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'

async function liveSurvey(overrides: Record<string, unknown> = {}) {
  const res = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody(overrides))
  assert.equal(res.status, 201, JSON.stringify(res.body))
  return res.body as { id: string; version: number }
}

async function invite(surveyId: string, recipients: object[], channel = 'link') {
  const res = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${surveyId}/invitations`, {
    channel,
    recipients,
  })
  assert.equal(res.status, 201, JSON.stringify(res.body))
  return res.body as {
    invitations: Array<{ id: string; url: string; status: string }>
    skipped: Array<{ index: number; reason: string }>
  }
}

function form(fields: Record<string, string | string[]>): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x)
  return p.toString()
}

function post(path: string, fields: Record<string, string | string[]>, headers: Record<string, string> = {}) {
  return server.app.inject({
    method: 'POST',
    url: path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form(fields),
  })
}

test('a survey is created, listed and versioned: editing a live survey makes version 2, v1 stays readable', async () => {
  const s = await liveSurvey({ name: 'Versioned' })
  assert.equal(s.version, 1)
  const edited = npsSurveyBody({ name: 'Versioned (neu)' }) as Record<string, unknown>
  delete edited.status
  const put = await api(server.app, ws.secretKey, 'PUT', `/api/surveys/${s.id}`, edited)
  assert.equal(put.status, 200, JSON.stringify(put.body))
  assert.equal(put.body.version, 2)
  assert.deepEqual(
    put.body.versions.map((v: { version: number }) => v.version),
    [1, 2],
  )
  const v1 = await api(server.app, ws.secretKey, 'GET', `/api/surveys/${s.id}/versions/1`)
  assert.equal(v1.body.definition.name, 'Versioned')
  const list = await api(server.app, ws.secretKey, 'GET', '/api/surveys')
  assert.ok(list.body.items.some((x: { id: string }) => x.id === s.id))
  // A draft is edited in place.
  const draft = await api(
    server.app,
    ws.secretKey,
    'POST',
    '/api/surveys',
    npsSurveyBody({ name: 'Draft', status: 'draft' }),
  )
  const draftEdit = { ...(npsSurveyBody({ name: 'Draft 2' }) as Record<string, unknown>) }
  delete draftEdit.status
  assert.equal(
    (await api(server.app, ws.secretKey, 'PUT', `/api/surveys/${draft.body.id}`, draftEdit)).body.version,
    1,
  )
})

test('bad survey definitions and bad invitations get 4xx with a clear message', async () => {
  const noEnglish = npsSurveyBody()
  ;(noEnglish.questions[0] as { text: Record<string, string> }).text = { de: 'Nur Deutsch' }
  const a = await api(server.app, ws.secretKey, 'POST', '/api/surveys', noEnglish)
  assert.equal(a.status, 400)
  assert.equal(a.body.code, 'TS_BAD_REQUEST')
  assert.match(a.body.message, /questions\[0\]\.text\.en: the text is missing/)
  const wrongKind = await api(
    server.app,
    ws.secretKey,
    'POST',
    '/api/surveys',
    npsSurveyBody({ kind: 'csat' }),
  )
  assert.match(wrongKind.body.message, /CSAT survey needs one "csat" question/)
  const noQuestions = await api(
    server.app,
    ws.secretKey,
    'POST',
    '/api/surveys',
    npsSurveyBody({ questions: [] }),
  )
  assert.equal(noQuestions.status, 400)
  const draft = await api(
    server.app,
    ws.secretKey,
    'POST',
    '/api/surveys',
    npsSurveyBody({ status: 'draft' }),
  )
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${draft.body.id}/invitations`, {
    channel: 'link',
    recipients: [{ userId: 'u' }],
  })
  assert.equal(inv.status, 409)
  assert.match(inv.body.message, /publish it/)
  const badChannel = await api(
    server.app,
    ws.secretKey,
    'POST',
    `/api/surveys/${draft.body.id}/invitations`,
    { channel: 'pigeon', recipients: [{}] },
  )
  assert.equal(badChannel.status, 400)
})

test('the link page escapes every survey text; an XSS payload in texts and answers is inert', async () => {
  const body = npsSurveyBody({ name: XSS, intro: { de: XSS, en: XSS } })
  ;(body.questions[0] as { text: Record<string, string> }).text = { de: XSS, en: XSS }
  const s = await liveSurvey({ ...body })
  const { invitations } = await invite(s.id, [{ userId: 'xss-1' }])
  const path = pathOf(invitations[0]!.url)
  const page = await server.app.inject({ method: 'GET', url: `${path}?lang=en` })
  assert.equal(page.statusCode, 200)
  assert.match(page.headers['content-type'] as string, /text\/html/)
  assert.match(page.headers['content-security-policy'] as string, /default-src 'none'/)
  assert.ok(!page.body.includes('<script>alert'), 'no live script tag')
  assert.ok(!page.body.includes('<img src=x'), 'no live img tag')
  assert.ok(page.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'))
  assert.match(page.body, /<html lang="en">/)
  assert.match(page.body, /<fieldset id="q-score"[^>]*><legend id="q-score-legend">/)
  assert.match(page.body, /<label><input type="radio" name="score" value="10">/)
  // A bad answer re-renders the form with the answer escaped and a 400.
  const bad = await post(path, { score: '11', comment: XSS })
  assert.equal(bad.statusCode, 400)
  assert.ok(!bad.body.includes('<script>alert'))
  assert.match(bad.body, /role="alert"/)
  assert.match(bad.body, /must be a whole number from 0 to 10/)
})

test('language: ?lang= wins, then Accept-Language, else German', async () => {
  const s = await liveSurvey({ name: 'Sprache' })
  const { invitations } = await invite(s.id, [{ userId: 'lang-1' }])
  const path = pathOf(invitations[0]!.url)
  const en = await server.app.inject({
    method: 'GET',
    url: path,
    headers: { 'accept-language': 'en-GB,en;q=0.9' },
  })
  assert.match(en.body, /How likely are you to recommend us\?/)
  const de = await server.app.inject({
    method: 'GET',
    url: `${path}?lang=de`,
    headers: { 'accept-language': 'en' },
  })
  assert.match(de.body, /Wie wahrscheinlich empfehlen Sie uns weiter\?/)
  assert.match((await server.app.inject({ method: 'GET', url: path })).body, /<html lang="de">/)
})

test('a submit is idempotent: a double submit stores one response, one timeline event and one case', async () => {
  const s = await liveSurvey({ name: 'Idempotent' })
  const { invitations } = await invite(s.id, [
    { userId: 'cust-idem', email: 'idem@example.de', touchpoint: 'delivery' },
  ])
  const inv = invitations[0]!
  const path = pathOf(inv.url)
  const fields = {
    score: '3',
    reason: 'delivery',
    comment: 'Die Lieferung kam viel zu spät und der Karton war kaputt.',
  }
  const [first, second] = await Promise.all([post(path, fields), post(path, fields)])
  assert.equal(first.statusCode, 200)
  assert.equal(second.statusCode, 200)
  const third = await post(path, { score: '10' })
  assert.equal(third.statusCode, 200)
  assert.match(third.body, /Vielen Dank/)
  const responses = await api(server.app, ws.secretKey, 'GET', `/api/responses?survey=${s.id}`)
  assert.equal(responses.body.total, 1)
  const r = responses.body.items[0]
  assert.equal(r.score, 3, 'the later submit did not overwrite the answer')
  assert.equal(r.touchpoint, 'delivery')
  assert.equal(r.sentimentLabel, 'negative')
  assert.ok(r.topics.includes('delivery'), JSON.stringify(r.topics))
  const person = await api(server.app, ws.secretKey, 'GET', '/api/persons?identifier=cust-idem')
  assert.equal(person.body.id, r.personId)
  const timeline = await api(server.app, ws.secretKey, 'GET', `/api/persons/${r.personId}/timeline`)
  const events = timeline.body.items.filter((e: { event: string }) => e.event === 'Survey Responded')
  assert.equal(events.length, 1)
  assert.equal(events[0].properties.score, 3)
  const cases = await api(server.app, ws.secretKey, 'GET', `/api/cases?survey=${s.id}`)
  assert.equal(cases.body.total, 1)
  assert.equal(cases.body.items[0].reason, 'nps ≤ 6')
  const listed = await api(server.app, ws.secretKey, 'GET', `/api/surveys/${s.id}/invitations`)
  assert.equal(listed.body.items[0].status, 'answered')
})

test('partial answers are kept and completed by a later submit (JSON, as the widget sends)', async () => {
  const s = await liveSurvey({ name: 'Partial' })
  const { invitations } = await invite(s.id, [{ userId: 'cust-partial' }])
  const path = pathOf(invitations[0]!.url)
  const partial = await server.app.inject({
    method: 'POST',
    url: path,
    payload: { answers: { reason: 'price' } },
  })
  assert.equal(partial.statusCode, 200, partial.body)
  assert.equal(partial.json().state, 'partial')
  assert.deepEqual(partial.json().missing, ['score'])
  let list = await api(server.app, ws.secretKey, 'GET', `/api/responses?survey=${s.id}&complete=false`)
  assert.equal(list.body.total, 1)
  assert.deepEqual(list.body.items[0].answers, { reason: 'price' })
  const done = await server.app.inject({
    method: 'POST',
    url: path,
    payload: { answers: { score: 9, reason: 'price' }, comment: 'Super Service!' },
  })
  assert.equal(done.json().state, 'answered')
  list = await api(server.app, ws.secretKey, 'GET', `/api/responses?survey=${s.id}`)
  assert.equal(list.body.total, 1, 'the completion replaced the partial response')
  assert.equal(list.body.items[0].complete, true)
  assert.equal(list.body.items[0].score, 9)
  const bad = await server.app.inject({
    method: 'POST',
    url: path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')),
    payload: { answers: { score: 1 } },
  })
  assert.equal(bad.statusCode, 404)
  assert.equal(bad.json().code, 'TS_NOT_FOUND')
})

test('tenancy: another workspace sees no survey, invitation, response, case or metric; viewers cannot write', async () => {
  const s = await liveSurvey({ name: 'Tenancy' })
  const { invitations } = await invite(s.id, [{ userId: 'cust-ten' }])
  await post(pathOf(invitations[0]!.url), { score: '2' })
  const [caseA] = (await api(server.app, ws.secretKey, 'GET', `/api/cases?survey=${s.id}`)).body.items
  assert.ok(caseA)
  const k = other.secretKey
  assert.equal((await api(server.app, k, 'GET', `/api/surveys/${s.id}`)).status, 404)
  assert.equal(
    (await api(server.app, k, 'PUT', `/api/surveys/${s.id}`, { ...npsSurveyBody(), status: undefined }))
      .status,
    404,
  )
  assert.equal(
    (
      await api(server.app, k, 'POST', `/api/surveys/${s.id}/invitations`, {
        channel: 'link',
        recipients: [{}],
      })
    ).status,
    404,
  )
  assert.equal((await api(server.app, k, 'GET', `/api/cases/${caseA.id}`)).status, 404)
  assert.equal(
    (await api(server.app, k, 'PATCH', `/api/cases/${caseA.id}`, { status: 'in_progress' })).status,
    404,
  )
  assert.equal(
    (
      await api(server.app, k, 'POST', `/api/invitations/${invitations[0]!.id}/response`, {
        answers: { score: 1 },
      })
    ).status,
    404,
  )
  assert.equal((await api(server.app, k, 'GET', '/api/surveys')).body.items.length, 0)
  assert.equal((await api(server.app, k, 'GET', '/api/responses')).body.total, 0)
  assert.deepEqual((await api(server.app, k, 'GET', '/api/metrics/nps')).body.groups, [])
  assert.equal((await api(server.app, k, 'GET', '/api/cases')).body.total, 0)
  const viewer = await server.rt.keys.create(ws.id, 'secret', 'viewer', 'viewer')
  const denied = await api(server.app, viewer.key, 'POST', '/api/surveys', npsSurveyBody())
  assert.equal(denied.status, 403)
  assert.equal(denied.body.code, 'TS_FORBIDDEN')
  assert.equal(
    (await api(server.app, viewer.key, 'PATCH', `/api/cases/${caseA.id}`, { status: 'in_progress' })).status,
    403,
  )
  assert.equal((await api(server.app, 'tss_nope', 'GET', '/api/surveys')).status, 401)
})

test('closed loop: a case moves through its workflow with an audit trail; wrong moves are refused; overdue filter', async () => {
  await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {
    assignees: ['anna', 'ben'],
    caseRules: { slaHours: 1 },
  })
  const s = await liveSurvey({ name: 'Loop' })
  const { invitations } = await invite(s.id, [
    { userId: 'loop-1' },
    { userId: 'loop-2' },
    { userId: 'loop-3' },
  ])
  await post(pathOf(invitations[0]!.url), { score: '1' })
  await post(pathOf(invitations[1]!.url), { score: '8', comment: 'Alles gut.' })
  await post(pathOf(invitations[2]!.url), {
    score: '9',
    comment: 'Die Hotline war nie erreichbar, eine Katastrophe.',
  })
  const cases = (await api(server.app, ws.secretKey, 'GET', `/api/cases?survey=${s.id}`)).body
  assert.equal(cases.total, 2, 'detractor and negative comment; the passive with a neutral comment has none')
  const c = cases.items.find((x: { score: number }) => x.score === 1)
  assert.ok(['anna', 'ben'].includes(c.assignee))
  assert.equal(c.status, 'new')
  const patch = (body: object) => api(server.app, ws.secretKey, 'PATCH', `/api/cases/${c.id}`, body)
  const skip = await patch({ status: 'waiting_for_customer' })
  assert.equal(skip.status, 409)
  assert.match(skip.body.message, /a new case cannot become waiting_for_customer/)
  assert.equal((await patch({ status: 'in_progress', assignee: 'carla' })).body.status, 'in_progress')
  assert.equal((await patch({ status: 'waiting_for_customer' })).status, 200)
  assert.match((await patch({ status: 'resolved' })).body.message, /outcome/)
  const note = await api(server.app, ws.secretKey, 'POST', `/api/cases/${c.id}/notes`, {
    note: 'Kundin zurückgerufen, Gutschein angeboten.',
  })
  assert.equal(note.status, 201)
  assert.equal((await patch({ status: 'resolved', outcome: 'called_back' })).body.status, 'resolved')
  assert.equal((await patch({ status: 'closed' })).body.closedAt !== null, true)
  assert.equal((await patch({ status: 'in_progress' })).status, 409)
  assert.equal((await patch({ outcome: 'nonsense' })).status, 400)
  const detail = (await api(server.app, ws.secretKey, 'GET', `/api/cases/${c.id}`)).body
  assert.deepEqual(
    detail.history.map((h: { kind: string; to: string | null }) => `${h.kind}:${h.to ?? ''}`),
    [
      'created:nps ≤ 6',
      `assigned:${c.assignee}`,
      'assigned:carla',
      'status:in_progress',
      'status:waiting_for_customer',
      'note:',
      'outcome:called_back',
      'status:resolved',
      'status:closed',
    ],
  )
  // Overdue: the other case is open; move its due time into the past.
  const open = cases.items.find((x: { id: string }) => x.id !== c.id)
  await api(server.app, ws.secretKey, 'PATCH', `/api/cases/${open.id}`, { dueAt: '2020-01-01T00:00:00Z' })
  const overdue = (await api(server.app, ws.secretKey, 'GET', '/api/cases?overdue=true')).body
  assert.deepEqual(
    overdue.items.map((x: { id: string }) => x.id),
    [open.id],
  )
  assert.equal(overdue.items[0].overdue, true)
  assert.equal((await api(server.app, ws.secretKey, 'GET', '/api/cases?status=bogus')).status, 400)
  await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {})
})

test('a phone agent records answers through the API; the channel is kept; fatigue skips recently invited persons', async () => {
  const s = await liveSurvey({ name: 'Phone' })
  const first = await invite(s.id, [{ phone: '+49 30 1234567', language: 'de' }], 'phone-agent')
  const inv = first.invitations[0]!
  const res = await api(server.app, ws.secretKey, 'POST', `/api/invitations/${inv.id}/response`, {
    answers: { score: 10 },
    comment: 'Sehr freundliche Beratung am Telefon.',
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  assert.equal(res.body.state, 'answered')
  const again = await api(server.app, ws.secretKey, 'POST', `/api/invitations/${inv.id}/response`, {
    answers: { score: 1 },
  })
  assert.equal(again.body.duplicate, true)
  const rows = (
    await api(server.app, ws.secretKey, 'GET', `/api/responses?survey=${s.id}&channel=phone-agent`)
  ).body
  assert.equal(rows.total, 1)
  assert.equal(rows.items[0].score, 10)
  const repeat = await invite(s.id, [{ phone: '0049 30 1234567' }, { userId: 'new-person' }], 'link')
  assert.deepEqual(repeat.skipped, [{ index: 0, reason: 'invited within the last 30 days' }])
  const rates = (await api(server.app, ws.secretKey, 'GET', '/api/metrics/response-rates')).body.items
  const phone = rates.find(
    (r: { surveyId: string; channel: string }) => r.surveyId === s.id && r.channel === 'phone-agent',
  )
  assert.deepEqual(
    { invited: phone.invited, answered: phone.answered, rate: phone.responseRate, base: phone.base },
    { invited: 1, answered: 1, rate: 1, base: 'invited' },
  )
})

test('CSV export carries every filter, escapes quotes and neutralises spreadsheet formulas', async () => {
  const s = await liveSurvey({ name: 'CSV' })
  const { invitations } = await invite(s.id, [{ userId: 'csv-1' }, { userId: 'csv-2' }])
  await post(pathOf(invitations[0]!.url), { score: '10', comment: '=HYPERLINK("http://evil")' })
  await post(pathOf(invitations[1]!.url), { score: '5', comment: 'okay, "geht so"' })
  const res = await server.app.inject({
    method: 'GET',
    url: `/api/responses.csv?survey=${s.id}`,
    headers: { authorization: `Bearer ${ws.secretKey}` },
  })
  assert.equal(res.statusCode, 200)
  assert.match(res.headers['content-type'] as string, /text\/csv/)
  const lines = res.body
    .replace(/^\ufeff/, '')
    .trim()
    .split('\r\n')
  assert.equal(lines.length, 3)
  assert.match(lines[0]!, /^response_id,survey_id,/)
  assert.ok(res.body.includes(`"'=HYPERLINK(""http://evil"")"`), res.body)
  assert.ok(res.body.includes('"okay, ""geht so"""'))
  const filtered = await server.app.inject({
    method: 'GET',
    url: `/api/responses.csv?survey=${s.id}&maxScore=6`,
    headers: { authorization: `Bearer ${ws.secretKey}` },
  })
  assert.equal(filtered.body.trim().split('\r\n').length, 2)
  const bad = await api(server.app, ws.secretKey, 'GET', '/api/responses.csv?from=yesterday')
  assert.equal(bad.status, 400)
  assert.match(bad.body.message, /from: "yesterday" is not an ISO date/)
})

test('triggers: after order_delivered on delivery, wait an hour, invite once; runs are idempotent', async () => {
  const s = await liveSurvey({ name: 'Trigger' })
  const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString()
  const batch = [
    { type: 'identify', userId: 'trig-1', traits: { email: 'trig1@example.de' }, timestamp: ago(300) },
    {
      type: 'track',
      userId: 'trig-1',
      event: 'order_delivered',
      properties: { touchpoint: 'delivery' },
      timestamp: ago(120),
    },
    {
      type: 'track',
      userId: 'trig-2',
      event: 'order_delivered',
      properties: { touchpoint: 'delivery' },
      timestamp: ago(10),
    },
    {
      type: 'track',
      userId: 'trig-3',
      event: 'order_delivered',
      properties: { touchpoint: 'store-berlin' },
      timestamp: ago(120),
    },
  ]
  const sent = await server.app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(ws.writeKey) },
    payload: { batch },
  })
  assert.equal(sent.statusCode, 200, sent.body)
  const put = await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {
    triggers: [
      {
        surveyId: s.id,
        event: 'order_delivered',
        touchpoint: 'delivery',
        delayMinutes: 60,
        sample: 1,
        channel: 'link',
      },
    ],
  })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  const first = await api(server.app, ws.secretKey, 'POST', '/api/survey-triggers/run')
  assert.deepEqual(first.body, { invited: 1, skipped: 0 })
  const again = await api(server.app, ws.secretKey, 'POST', '/api/survey-triggers/run')
  assert.deepEqual(again.body, { invited: 0, skipped: 1 })
  const invitations = (await api(server.app, ws.secretKey, 'GET', `/api/surveys/${s.id}/invitations`)).body
    .items
  assert.deepEqual(
    invitations.map((i: { userId: string; touchpoint: string; email: string }) => [
      i.userId,
      i.touchpoint,
      i.email,
    ]),
    [['trig-1', 'delivery', 'trig1@example.de']],
  )
  const viewer = await server.rt.keys.create(ws.id, 'secret', 'analyst', 'analyst')
  assert.equal((await api(server.app, viewer.key, 'POST', '/api/survey-triggers/run')).status, 403)
  await api(server.app, ws.secretKey, 'PUT', '/api/survey-settings', {})
})

test('a link token has one spelling: changing the unused bits of its last character is refused', () => {
  const id = '3f0c2b1a-0d4e-4f6a-8b9c-0123456789ab'
  const token = signInvitationToken('s'.repeat(32), id)
  assert.equal(verifyInvitationToken('s'.repeat(32), token), id)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  for (const c of alphabet) {
    if (c === token.at(-1)) continue
    assert.equal(verifyInvitationToken('s'.repeat(32), token.slice(0, -1) + c), undefined, c)
  }
})

test('a crash between completing a response and opening its case: the retried submit opens the case', async () => {
  const s = await liveSurvey({ name: 'Crash window' })
  const inv = (await invite(s.id, [{ userId: 'crash-window-1' }])).invitations[0]!
  const record = (await server.rt.meta.surveys.getInvitation(inv.id))!
  // The real stores, except that opening the case dies the way a SIGKILL would at that moment
  // (the response is stored and its invitation completed; nothing after that happens).
  const dying = new Proxy(server.rt.meta, {
    get(target, key) {
      const value = Reflect.get(target, key)
      if (key !== 'cases') return typeof value === 'function' ? value.bind(target) : value
      return new Proxy(value as object, {
        get(cases, method) {
          if (method === 'openCase') return () => Promise.reject(new Error('killed'))
          const fn = Reflect.get(cases, method)
          return typeof fn === 'function' ? fn.bind(cases) : fn
        },
      })
    },
  })
  const deps = { ...server.rt, responses: new ResponseStore(server.rt.events) }
  await assert.rejects(
    submitResponse({ ...deps, meta: dying }, record, { score: 2 }, { language: 'de' }),
    /killed/,
  )
  const cases = () => api(server.app, ws.secretKey, 'GET', `/api/cases?survey=${s.id}`)
  assert.equal((await cases()).body.total, 0, 'the crash left the detractor without a case')
  // The client never got an answer, so it sends again, even with other answers: the invitation is
  // answered, nothing is written, and the stored response (score 2) gets its case.
  const answered = (await server.rt.meta.surveys.getInvitation(inv.id))!
  const again = await submitResponse(deps, answered, { score: 9 }, { language: 'de' })
  assert.equal(again.state, 'answered')
  assert.ok(again.state === 'answered' && again.duplicate)
  const after = (await cases()).body
  assert.equal(after.total, 1)
  assert.equal(after.items[0].score, 2)
  const third = await submitResponse(deps, answered, { score: 2 }, { language: 'de' })
  assert.ok(third.state === 'answered' && third.caseId === undefined, 'an ordinary duplicate opens nothing')
  assert.equal((await cases()).body.total, 1)
})
