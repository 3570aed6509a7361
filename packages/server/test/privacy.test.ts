import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { runRetention, monthsBefore } from '../src/privacy/retention-job.ts'
import { basic, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'
import { api, npsSurveyBody } from './survey-fixtures.ts'

let server: TestServer
let ws: TestWorkspace

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Privacy')
})
after(() => server.close())

async function send(workspace: TestWorkspace, batch: unknown[]) {
  const res = await server.app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(workspace.writeKey) },
    payload: { batch },
  })
  assert.equal(res.statusCode, 200, res.body)
  return res.json() as { accepted: number; rejected: unknown[] }
}

async function stored(workspaceId: string, messageId: string) {
  const [row] = await server.rt.events.query<{
    person_id: string
    user_id: string
    anonymous_id: string
    traits: string
    context: string
    properties: string
  }>(
    `SELECT toString(person_id) AS person_id, user_id, anonymous_id, traits, context, properties
     FROM events WHERE workspace_id = {ws:String} AND message_id = {m:String}`,
    { ws: workspaceId, m: messageId },
  )
  return row && { ...row, context: JSON.parse(row.context) as Record<string, unknown> }
}

const consent = (analytics: boolean, surveys?: boolean) => ({
  consent: {
    categoryPreferences: { Analytics: analytics, ...(surveys === undefined ? {} : { Surveys: surveys }) },
  },
})

test('settings default to off/truncate/keep-forever; bad values get a 400 naming the field', async () => {
  const got = await api(server.app, ws.secretKey, 'GET', '/api/privacy/settings')
  assert.deepEqual(got.body, { consentMode: 'off', ipAddresses: 'truncate', retentionMonths: null })
  const bad = await api(server.app, ws.secretKey, 'PUT', '/api/privacy/settings', {
    consentMode: 'sometimes',
    ipAddresses: 'truncate',
    retentionMonths: null,
  })
  assert.equal(bad.status, 400)
  assert.match(bad.body.message, /consentMode/)
  for (const retentionMonths of [-1, 1.5, 241, 'six']) {
    const res = await api(server.app, ws.secretKey, 'PUT', '/api/privacy/settings', {
      consentMode: 'off',
      ipAddresses: 'truncate',
      retentionMonths,
    })
    assert.equal(res.status, 400, `retentionMonths ${retentionMonths}`)
  }
})

test('IP addresses are truncated at ingest by default, kept or dropped when configured', async () => {
  const w = await server.workspace('IP')
  await send(w, [
    { type: 'track', messageId: 'ip-1', anonymousId: 'a1', event: 'X', context: { ip: '203.0.113.195' } },
    {
      type: 'track',
      messageId: 'ip-2',
      anonymousId: 'a1',
      event: 'X',
      context: { ip: '2001:db8:85a3::8a2e:370:7334' },
    },
  ])
  assert.equal((await stored(w.id, 'ip-1'))?.context.ip, '203.0.113.0')
  assert.equal((await stored(w.id, 'ip-2'))?.context.ip, '2001:db8:85a3::')
  const put = (ipAddresses: string) =>
    api(server.app, w.secretKey, 'PUT', '/api/privacy/settings', {
      consentMode: 'off',
      ipAddresses,
      retentionMonths: null,
    })
  assert.equal((await put('keep')).status, 200)
  await send(w, [
    { type: 'track', messageId: 'ip-3', anonymousId: 'a1', event: 'X', context: { ip: '203.0.113.195' } },
  ])
  assert.equal((await stored(w.id, 'ip-3'))?.context.ip, '203.0.113.195')
  await put('drop')
  await send(w, [
    { type: 'track', messageId: 'ip-4', anonymousId: 'a1', event: 'X', context: { ip: '203.0.113.195' } },
  ])
  assert.equal('ip' in ((await stored(w.id, 'ip-4'))?.context ?? {}), false)
})

test('drop mode: events without analytics consent are acknowledged but not stored; a grant in context.consent counts from that event on', async () => {
  const w = await server.workspace('Drop')
  await api(server.app, w.secretKey, 'PUT', '/api/privacy/settings', {
    consentMode: 'drop',
    ipAddresses: 'truncate',
    retentionMonths: null,
  })
  const first = await send(w, [
    { type: 'track', messageId: 'd-1', userId: 'u-none', event: 'Viewed' },
    { type: 'identify', messageId: 'd-2', userId: 'u-none', traits: { email: 'none@example.org' } },
  ])
  assert.equal(first.accepted, 2, 'acknowledged, so SDKs do not retry')
  assert.equal(await stored(w.id, 'd-1'), undefined)
  assert.equal(await stored(w.id, 'd-2'), undefined)
  assert.equal(
    server.rt.identities.graph(w.id).lookup({ kind: 'user_id', value: 'u-none' }),
    undefined,
    'no identifiers kept',
  )
  await send(w, [
    { type: 'track', messageId: 'd-3', userId: 'u-yes', event: 'Consent Given', context: consent(true) },
    { type: 'track', messageId: 'd-4', userId: 'u-yes', event: 'Viewed' },
  ])
  assert.ok(await stored(w.id, 'd-3'))
  assert.ok(await stored(w.id, 'd-4'), 'later events without a consent object are kept')
  const person = await api(server.app, w.secretKey, 'GET', '/api/persons?identifier=u-yes')
  const c = await api(server.app, w.secretKey, 'GET', `/api/persons/${person.body.id}/consent`)
  assert.deepEqual(c.body.consent, { analytics: true })
  // Withdrawn: from then on dropped again.
  await send(w, [
    { type: 'track', messageId: 'd-5', userId: 'u-yes', event: 'Consent Withdrawn', context: consent(false) },
  ])
  await send(w, [{ type: 'track', messageId: 'd-6', userId: 'u-yes', event: 'Viewed' }])
  assert.equal(await stored(w.id, 'd-5'), undefined)
  assert.equal(await stored(w.id, 'd-6'), undefined)
  const rows = await server.rt.events.query<{ n: string }>(
    `SELECT count() AS n FROM events WHERE workspace_id = {ws:String}`,
    { ws: w.id },
  )
  assert.equal(Number(rows[0]?.n), 2)
})

test('anonymise mode: events of non-consenting persons are stored without ids, traits, IP or e-mail; identifies are dropped', async () => {
  const w = await server.workspace('Anon')
  await api(server.app, w.secretKey, 'PUT', '/api/privacy/settings', {
    consentMode: 'anonymise',
    ipAddresses: 'keep',
    retentionMonths: null,
  })
  await send(w, [
    {
      type: 'track',
      messageId: 'an-1',
      userId: 'u-anon',
      anonymousId: 'dev-anon',
      event: 'Checkout',
      properties: { total: 42, email: 'anon@example.org' },
      context: {
        ip: '198.51.100.23',
        traits: { email: 'anon@example.org' },
        userAgent: 'Mozilla',
        page: { path: '/checkout' },
      },
    },
    { type: 'track', messageId: 'an-2', userId: 'u-anon', event: 'Checkout' },
    { type: 'identify', messageId: 'an-3', userId: 'u-anon', traits: { email: 'anon@example.org' } },
  ])
  const a = await stored(w.id, 'an-1')
  const b = await stored(w.id, 'an-2')
  assert.ok(a && b)
  assert.equal(a.user_id, '')
  assert.equal(a.anonymous_id, '')
  assert.equal(a.traits, '')
  assert.deepEqual(a.context, { page: { path: '/checkout' } })
  assert.deepEqual(JSON.parse(a.properties), { total: 42 })
  assert.notEqual(a.person_id, b.person_id, 'an opaque id per event: nothing links them')
  assert.equal(await stored(w.id, 'an-3'), undefined)
  const all = await server.rt.events.query<{ t: string }>(
    `SELECT toString(tuple(*)) AS t FROM events WHERE workspace_id = {ws:String}`,
    { ws: w.id },
  )
  for (const r of all) assert.doesNotMatch(r.t, /u-anon|dev-anon|anon@example|198\.51/)
  // With consent the same person is tracked normally.
  await send(w, [
    { type: 'track', messageId: 'an-4', userId: 'u-anon', event: 'Checkout', context: consent(true) },
  ])
  assert.equal((await stored(w.id, 'an-4'))?.user_id, 'u-anon')
})

test('surveys are not sent to persons who declined them (API and ingestion), others are invited', async () => {
  await send(ws, [
    { type: 'identify', messageId: 's-1', userId: 'no-surveys', traits: { email: 'nosurvey@example.org' } },
    { type: 'identify', messageId: 's-2', userId: 'via-banner', context: consent(true, false) },
    { type: 'identify', messageId: 's-3', userId: 'happy-to-answer' },
  ])
  const p = await api(server.app, ws.secretKey, 'GET', '/api/persons?identifier=no-surveys')
  const put = await api(server.app, ws.secretKey, 'PUT', `/api/persons/${p.body.id}/consent`, {
    surveys: false,
  })
  assert.equal(put.status, 200)
  assert.deepEqual(put.body.consent, { surveys: false })
  assert.equal(
    (await api(server.app, ws.secretKey, 'PUT', `/api/persons/${p.body.id}/consent`, {})).status,
    400,
  )
  const survey = await api(
    server.app,
    ws.secretKey,
    'POST',
    '/api/surveys',
    npsSurveyBody({ name: 'Consent' }),
  )
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
    channel: 'link',
    recipients: [
      { email: 'NoSurvey@example.org' },
      { userId: 'via-banner' },
      { userId: 'happy-to-answer' },
      { userId: 'never-seen' },
    ],
  })
  assert.equal(inv.status, 201, JSON.stringify(inv.body))
  assert.deepEqual(
    inv.body.skipped.map((s: { index: number; reason: string }) => [s.index, s.reason]),
    [
      [0, 'the person declined surveys (consent)'],
      [1, 'the person declined surveys (consent)'],
    ],
  )
  assert.deepEqual(
    inv.body.invitations.map((i: { index: number }) => i.index),
    [2, 3],
  )
})

test('consent survives a restart: stored in the consents table and loaded into memory', async () => {
  const rows = await server.rt.meta.privacy.allConsents()
  const mine = rows.filter((r) => r.workspaceId === ws.id && r.purpose === 'surveys')
  assert.equal(mine.length, 2)
  assert.ok(mine.every((r) => r.granted === false))
  assert.deepEqual(new Set(mine.map((r) => r.source)), new Set(['api', 'ingest']))
})

test('an export request gives a JSON archive of the person; unknown persons and bad bodies get 4xx', async () => {
  await send(ws, [
    {
      type: 'identify',
      messageId: 'x-1',
      userId: 'export-me',
      anonymousId: 'exp-dev',
      traits: { email: 'export@example.org', plan: 'pro' },
    },
    { type: 'track', messageId: 'x-2', anonymousId: 'exp-dev', event: 'Viewed', properties: { sku: 'A1' } },
  ])
  const req = await api(server.app, ws.secretKey, 'POST', '/api/privacy/requests', {
    kind: 'export',
    identifier: 'export@example.org',
  })
  assert.equal(req.status, 201, JSON.stringify(req.body))
  assert.equal(req.body.status, 'completed')
  assert.equal(req.body.result.events, 2)
  const archive = await api(server.app, ws.secretKey, 'GET', `/api/privacy/requests/${req.body.id}/archive`)
  assert.equal(archive.status, 200)
  assert.equal(archive.body.format, 'touchstone.person-archive.v1')
  assert.deepEqual(archive.body.traits, { email: 'export@example.org', plan: 'pro' })
  assert.deepEqual(
    archive.body.person.identifiers
      .map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`)
      .sort(),
    ['anonymous_id:exp-dev', 'email:export@example.org', 'user_id:export-me'],
  )
  assert.deepEqual(archive.body.events.map((e: { message_id: string }) => e.message_id).sort(), [
    'x-1',
    'x-2',
  ])
  assert.deepEqual(
    archive.body.events.find((e: { message_id: string }) => e.message_id === 'x-2').properties,
    { sku: 'A1' },
  )
  const list = await api(server.app, ws.secretKey, 'GET', '/api/privacy/requests')
  assert.equal(list.body.items[0].id, req.body.id)
  assert.equal(
    (
      await api(server.app, ws.secretKey, 'POST', '/api/privacy/requests', {
        kind: 'export',
        identifier: 'nobody@example.org',
      })
    ).status,
    404,
  )
  assert.equal(
    (await api(server.app, ws.secretKey, 'POST', '/api/privacy/requests', { kind: 'export' })).status,
    400,
  )
  assert.equal(
    (
      await api(server.app, ws.secretKey, 'POST', '/api/privacy/requests', {
        kind: 'forget',
        personId: req.body.personId,
      })
    ).status,
    400,
  )
  // Another workspace sees neither the request nor the archive.
  const other = await server.workspace('Other')
  assert.equal(
    (await api(server.app, other.secretKey, 'GET', `/api/privacy/requests/${req.body.id}/archive`)).status,
    404,
  )
  assert.equal(
    (
      await api(server.app, other.secretKey, 'POST', '/api/privacy/requests', {
        kind: 'export',
        personId: req.body.personId,
      })
    ).status,
    404,
  )
})

test('retention deletes raw events older than the configured months (fixed clock), keeps newer ones and other workspaces', async () => {
  const w = await server.workspace('Retention')
  const keep = await server.workspace('No retention')
  // No sentAt: with it the event time would be corrected onto the server's clock.
  const at = (iso: string) => ({ timestamp: iso })
  const batch = (prefix: string) => [
    {
      type: 'track',
      messageId: `${prefix}-old`,
      anonymousId: 'r',
      event: 'E',
      ...at('2025-01-15T12:00:00Z'),
    },
    {
      type: 'track',
      messageId: `${prefix}-edge`,
      anonymousId: 'r',
      event: 'E',
      ...at('2025-08-31T11:59:59Z'),
    },
    {
      type: 'track',
      messageId: `${prefix}-new`,
      anonymousId: 'r',
      event: 'E',
      ...at('2025-08-31T12:00:01Z'),
    },
  ]
  await send(w, batch('w'))
  await send(keep, batch('k'))
  await api(server.app, w.secretKey, 'PUT', '/api/privacy/settings', {
    consentMode: 'off',
    ipAddresses: 'truncate',
    retentionMonths: 6,
  })
  const now = new Date('2026-02-28T12:00:00Z')
  assert.equal(monthsBefore(now, 6).toISOString(), '2025-08-28T12:00:00.000Z')
  assert.equal(monthsBefore(new Date('2026-03-31T00:00:00Z'), 1).toISOString(), '2026-02-28T00:00:00.000Z')
  const run = await runRetention(
    { events: server.rt.events, meta: server.rt.meta, settings: server.rt.privacy.settingsCache },
    new Date('2026-02-28T12:00:00Z'),
  )
  const mine = run.find((r) => r.workspaceId === w.id)
  assert.deepEqual(mine, { workspaceId: w.id, cutoff: '2025-08-28 12:00:00.000', deleted: 1 })
  assert.equal(
    run.find((r) => r.workspaceId === keep.id),
    undefined,
    'no retention set: not touched',
  )
  assert.equal(await stored(w.id, 'w-old'), undefined)
  assert.ok(await stored(w.id, 'w-edge'))
  assert.ok(await stored(w.id, 'w-new'))
  assert.ok(await stored(keep.id, 'k-old'))
  // The first contact pointed at the deleted event: it is now the earliest one that is left.
  const firstContact = async (workspaceId: string) =>
    (
      await server.rt.events.query<{ t: string }>(
        `SELECT toString(min(by_channel).1) AS t FROM first_contacts WHERE workspace_id = {ws:String}`,
        { ws: workspaceId },
      )
    )[0]?.t
  assert.equal(await firstContact(w.id), '2025-08-31 11:59:59.000')
  assert.equal(await firstContact(keep.id), '2025-01-15 12:00:00.000')
})

test('survey triggers skip persons who declined surveys', async () => {
  const w = await server.workspace('Trigger consent')
  const survey = await api(server.app, w.secretKey, 'POST', '/api/surveys', npsSurveyBody({ name: 'Trig' }))
  const ago = new Date(Date.now() - 120 * 60_000).toISOString()
  await send(w, [
    {
      type: 'track',
      userId: 'tc-no',
      event: 'order_delivered',
      timestamp: ago,
      context: consent(true, false),
    },
    { type: 'track', userId: 'tc-yes', event: 'order_delivered', timestamp: ago },
  ])
  const put = await api(server.app, w.secretKey, 'PUT', '/api/survey-settings', {
    triggers: [
      { surveyId: survey.body.id, event: 'order_delivered', delayMinutes: 60, sample: 1, channel: 'link' },
    ],
  })
  assert.equal(put.status, 200, JSON.stringify(put.body))
  const run = await api(server.app, w.secretKey, 'POST', '/api/survey-triggers/run')
  assert.deepEqual(run.body, { invited: 1, skipped: 1 })
  const list = await api(server.app, w.secretKey, 'GET', `/api/surveys/${survey.body.id}/invitations`)
  assert.deepEqual(
    list.body.items.map((i: { userId: string }) => i.userId),
    ['tc-yes'],
  )
})

test('drop mode: a person without analytics consent can still answer a survey; the answer names nobody', async () => {
  const w = await server.workspace('Drop survey')
  await api(server.app, w.secretKey, 'PUT', '/api/privacy/settings', {
    consentMode: 'drop',
    ipAddresses: 'truncate',
    retentionMonths: null,
  })
  const survey = await api(server.app, w.secretKey, 'POST', '/api/surveys', npsSurveyBody({ name: 'Drop' }))
  const inv = await api(server.app, w.secretKey, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
    channel: 'link',
    recipients: [{ userId: 'sv-none' }],
  })
  const submit = await server.app.inject({
    method: 'POST',
    url: new URL(inv.body.invitations[0].url).pathname,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'score=9',
  })
  assert.equal(submit.statusCode, 200, submit.body)
  const rows = await server.rt.events.query<{ n: string }>(
    'SELECT count() AS n FROM responses FINAL WHERE workspace_id = {ws:String}',
    { ws: w.id },
  )
  assert.equal(Number(rows[0]?.n), 1)
  assert.equal(await server.rt.events.countEvents(w.id), 0, 'no tracking event, no identity')
  assert.equal(server.rt.identities.graph(w.id).lookup({ kind: 'user_id', value: 'sv-none' }), undefined)
  // Known only from the invitation: an erasure by identifier still finds and removes it all.
  const erased = await api(server.app, w.secretKey, 'POST', '/api/privacy/requests', {
    kind: 'erasure',
    identifier: 'sv-none',
  })
  assert.equal(erased.status, 201, JSON.stringify(erased.body))
  assert.equal(erased.body.status, 'completed', erased.body.error)
  assert.equal(erased.body.personId, null)
  assert.equal(erased.body.result.survey_invitations, 1)
  assert.equal(erased.body.result.responses, 1)
  const left = await server.rt.events.query<{ n: string }>(
    'SELECT count() AS n FROM responses WHERE workspace_id = {ws:String}',
    { ws: w.id },
  )
  assert.equal(Number(left[0]?.n), 0)
  const unknown = await api(server.app, w.secretKey, 'POST', '/api/privacy/requests', {
    kind: 'erasure',
    identifier: 'sv-none',
  })
  assert.equal(unknown.status, 404, 'nothing left to find')
})
