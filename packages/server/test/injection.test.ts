// SQL injection (ClickHouse and PostgreSQL syntax) and XSS payloads in every string a user can
// put into Touchstone: stored verbatim as text, read back unchanged through the API, the stores'
// tables intact, and the hosted survey page renders them escaped.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import {
  asStoredText,
  HOSTILE_STRINGS,
  MARKUP_PAYLOADS,
  SQL_PAYLOADS,
  XSS_PAYLOADS,
} from './hostile-input.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'
import {
  apiGet,
  basic,
  sendBatch,
  startTestServer,
  type TestServer,
  type TestWorkspace,
} from './test-server.ts'

let server: TestServer
let ws: TestWorkspace

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Injection')
})
after(() => server.close())

test('ingestion stores hostile event names, properties, traits and ids verbatim', async () => {
  const messages = HOSTILE_STRINGS.flatMap((p, i) => [
    {
      type: 'identify',
      userId: `inj-${i}`,
      messageId: `inj-identify-${i}`,
      traits: { name: p, email: `inj${i}@example.com`, [p]: p },
    },
    {
      type: 'track',
      userId: `inj-${i}`,
      messageId: `inj-track-${i}`,
      event: `${p} event`,
      properties: { note: p, nested: { list: [p, { deeper: p }] }, [p]: i },
    },
  ])
  await sendBatch(server.app, ws.writeKey, messages)
  for (const [i, p] of HOSTILE_STRINGS.entries()) {
    const person = await apiGet(server.app, ws.secretKey, `/api/persons?identifier=inj-${i}`)
    assert.equal(person.statusCode, 200, `${JSON.stringify(p)}: ${person.body}`)
    const found = person.json() as { id: string; traits: Record<string, unknown> }
    assert.equal(found.traits.name, asStoredText(p), `trait name ${JSON.stringify(p)}`)
    assert.equal(found.traits[asStoredText(p)], asStoredText(p), `trait key ${JSON.stringify(p)}`)
    const timeline = await apiGet(server.app, ws.secretKey, `/api/persons/${found.id}/timeline`)
    assert.equal(timeline.statusCode, 200, timeline.body)
    const track = (
      timeline.json().items as Array<{ type: string; event: string; properties: Record<string, unknown> }>
    ).find((e) => e.type === 'track')
    assert.ok(track, `no track event for ${JSON.stringify(p)}`)
    assert.equal(track.event, asStoredText(`${p} event`.trim()))
    assert.deepEqual(track.properties, {
      note: asStoredText(p),
      nested: { list: [asStoredText(p), { deeper: asStoredText(p) }] },
      [asStoredText(p)]: i,
      ...(track.properties.channel !== undefined ? { channel: track.properties.channel } : {}),
    })
  }
})

test('prototype keys in traits are kept as data and pollute nothing', async () => {
  // JSON.parse (every ingestion content type) makes `__proto__` an own key, not the prototype.
  for (const [n, contentType] of ['text/plain', 'application/json'].entries()) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: { authorization: basic(ws.writeKey), 'content-type': contentType },
      payload: `{"userId":"proto-${n}","traits":{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"x":1}},"plan":"pro"}}`,
    })
    assert.equal(res.statusCode, 200, res.body)
    const person = await apiGet(server.app, ws.secretKey, `/api/persons?identifier=proto-${n}`)
    assert.equal(person.statusCode, 200, person.body)
    const traits = (JSON.parse(person.body) as { traits: Record<string, unknown> }).traits
    assert.deepEqual(Object.getOwnPropertyNames(traits).sort(), ['__proto__', 'constructor', 'plan'])
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined)
    const timeline = await apiGet(server.app, ws.secretKey, `/api/persons/${person.json().id}/timeline`)
    assert.match(timeline.body, /"__proto__":\{"isAdmin":true\}/)
  }
})

test('a hostile user id is an identifier like any other; person search answers 200 or 404, never more', async () => {
  const messages = [...SQL_PAYLOADS, ...XSS_PAYLOADS].map((p, i) => ({
    type: 'track',
    userId: p,
    messageId: `inj-uid-${i}`,
    event: 'Signed In',
  }))
  await sendBatch(server.app, ws.writeKey, messages)
  for (const p of [...SQL_PAYLOADS, ...XSS_PAYLOADS]) {
    const res = await apiGet(server.app, ws.secretKey, `/api/persons?identifier=${encodeURIComponent(p)}`)
    assert.equal(res.statusCode, 200, `${p}: ${res.body}`)
    assert.ok(
      (res.json().identifiers as Array<{ kind: string; value: string }>).some(
        (x) => x.kind === 'user_id' && x.value === p.trim(),
      ),
      p,
    )
  }
  for (const p of HOSTILE_STRINGS) {
    const query = new URLSearchParams({ identifier: `x${p}` }).toString()
    const res = await apiGet(server.app, ws.secretKey, `/api/persons?${query}`)
    assert.ok(
      [200, 400, 404].includes(res.statusCode),
      `${JSON.stringify(p)} → ${res.statusCode} ${res.body}`,
    )
    if (p.includes('\u0000')) assert.match(res.json().message, /NUL/)
  }
})

/** PostgreSQL text cannot hold U+0000: routes other than ingestion refuse it with a 400. */
const NUL_FREE = HOSTILE_STRINGS.filter((p) => !p.includes('\u0000'))
const WITH_NUL = HOSTILE_STRINGS.filter((p) => p.includes('\u0000'))

test('survey comments and case notes keep hostile text verbatim; the link page shows it escaped', async () => {
  const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())
  assert.equal(survey.status, 201, JSON.stringify(survey.body))
  const recipients = HOSTILE_STRINGS.map((_, i) => ({ userId: `survey-inj-${i}` }))
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
    channel: 'link',
    recipients: [...recipients, { userId: 'survey-inj-form' }],
    respectFatigue: false,
  })
  assert.equal(inv.status, 201, JSON.stringify(inv.body))
  const links = (inv.body.invitations as Array<{ url: string }>).map((x) => pathOf(x.url))
  for (const [i, p] of HOSTILE_STRINGS.entries()) {
    const res = await server.app.inject({
      method: 'POST',
      url: links[i] as string,
      headers: { 'content-type': 'application/json' },
      payload: { answers: { score: 1 }, comment: `${p} comment` },
    })
    if (p.includes('\u0000')) {
      assert.equal(res.statusCode, 400, `${JSON.stringify(p)}: ${res.body}`)
      assert.match(res.json().message, /body\.comment contains a NUL character/)
    } else assert.equal(res.statusCode, 200, `${JSON.stringify(p)}: ${res.body}`)
  }
  const responses = await api(
    server.app,
    ws.secretKey,
    'GET',
    `/api/responses?surveyId=${survey.body.id}&limit=1000`,
  )
  assert.equal(responses.status, 200, JSON.stringify(responses.body))
  const comments = new Set((responses.body.items as Array<{ comment: string }>).map((r) => r.comment))
  for (const p of NUL_FREE)
    assert.ok(comments.has(asStoredText(`${p} comment`.trim())), `comment ${JSON.stringify(p)}`)

  // Each detractor opened a case; notes with the same payloads come back unchanged.
  const cases = await api(server.app, ws.secretKey, 'GET', '/api/cases?limit=100')
  assert.equal(cases.status, 200, JSON.stringify(cases.body))
  const caseId = (cases.body.items as Array<{ id: string }>)[0]?.id
  assert.ok(caseId, 'a detractor response opened a case')
  for (const p of NUL_FREE) {
    const res = await api(server.app, ws.secretKey, 'POST', `/api/cases/${caseId}/notes`, {
      note: `${p} note`,
    })
    assert.equal(res.status, 201, `${JSON.stringify(p)}: ${JSON.stringify(res.body)}`)
  }
  for (const p of WITH_NUL) {
    const res = await api(server.app, ws.secretKey, 'POST', `/api/cases/${caseId}/notes`, {
      note: `${p} note`,
    })
    assert.equal(res.status, 400, JSON.stringify(res.body))
  }
  const detail = await api(server.app, ws.secretKey, 'GET', `/api/cases/${caseId}`)
  const notes = new Set((detail.body.history as Array<{ note: string | null }>).map((h) => h.note))
  for (const p of NUL_FREE)
    assert.ok(notes.has(asStoredText(`${p} note`.trim())), `note ${JSON.stringify(p)}`)

  // The form re-shows a comment when an answer is missing: escaped, never as markup.
  for (const p of MARKUP_PAYLOADS) {
    const page = await server.app.inject({
      method: 'POST',
      url: links[links.length - 1] as string,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ reason: 'price', comment: p }).toString(),
    })
    assert.ok([200, 400].includes(page.statusCode), page.body)
    assert.ok(!page.body.includes(p), `the page echoes ${p} unescaped`)
    assert.ok(
      page.body.includes(
        p
          .replace(/&/g, '&amp;')
          .replace(/</g, '&lt;')
          .replace(/>/g, '&gt;')
          .replace(/"/g, '&quot;')
          .replace(/'/g, '&#39;'),
      ),
    )
    assert.match(String(page.headers['content-security-policy']), /default-src 'none'/)
  }
})

test('survey texts with markup render escaped on the link page', async () => {
  const xss = XSS_PAYLOADS.join(' ')
  const body = npsSurveyBody({
    name: XSS_PAYLOADS.slice(0, 3).join(' '),
    followUp: { de: xss, en: xss },
    intro: { de: xss, en: xss },
  })
  const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', body)
  assert.equal(survey.status, 201, JSON.stringify(survey.body))
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
    channel: 'link',
    recipients: [{ userId: 'xss-page' }],
    respectFatigue: false,
  })
  const page = await server.app.inject({ method: 'GET', url: pathOf(inv.body.invitations[0].url) })
  assert.equal(page.statusCode, 200)
  for (const p of MARKUP_PAYLOADS) assert.ok(!page.body.includes(p), `the page shows ${p} as markup`)
  assert.doesNotMatch(page.body, /href="javascript:/i)
  assert.ok(
    page.body.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'),
    'the text is shown, escaped',
  )
  assert.ok(!/<script>|<img |<svg |<iframe /i.test(page.body))
})

test('after all of it the tables are intact and hold exactly what was acknowledged', async () => {
  const tables = await server.rt.events.query<{ name: string }>('SHOW TABLES')
  const names = tables.map((t) => t.name)
  for (const t of ['events', 'identities', 'person_overrides']) assert.ok(names.includes(t), `table ${t}`)
  // identify + track per payload, two identifies with prototype keys, one track per hostile user
  // id, one Survey Responded per comment without NUL, one identify of the person whose partial
  // form answers were stored.
  const expected =
    HOSTILE_STRINGS.length * 2 + 2 + SQL_PAYLOADS.length + XSS_PAYLOADS.length + NUL_FREE.length + 1
  const byName = await server.rt.events.query<{ event: string; n: string }>(
    'SELECT event, count() AS n FROM events WHERE workspace_id = {ws:String} GROUP BY event ORDER BY event',
    { ws: ws.id },
  )
  assert.equal(await server.rt.events.countEvents(ws.id), expected, JSON.stringify(byName))
  const workspace = await api(server.app, ws.secretKey, 'GET', '/api/workspace')
  assert.equal(workspace.status, 200, JSON.stringify(workspace.body))
  const surveys = await api(server.app, ws.secretKey, 'GET', '/api/surveys')
  assert.equal(surveys.body.items.length, 2)
})
