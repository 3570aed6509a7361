import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { hashPassword } from '../auth/passwords.ts'
import { startTestServer, type TestServer, type TestWorkspace } from '../../test/test-server.ts'
import { CSRF_COOKIE, SESSION_COOKIE, parseCookies } from './cookies.ts'

let server: TestServer
let a: TestWorkspace
let b: TestWorkspace

before(async () => {
  server = await startTestServer()
  a = await server.workspace('A')
  b = await server.workspace('B')
  const passwordHash = await hashPassword('correct horse')
  const ana = await server.rt.meta.createUser({ email: 'ana@example.de', name: 'Ana', passwordHash })
  await server.rt.meta.addMember(a.id, ana.id, 'owner')
  const ben = await server.rt.meta.createUser({ email: 'ben@example.de', name: 'Ben', passwordHash })
  await server.rt.meta.addMember(b.id, ben.id, 'viewer')
  // One person in each workspace.
  for (const [ws, user] of [
    [a, 'cust-a'],
    [b, 'cust-b'],
  ] as const) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: { authorization: `Basic ${Buffer.from(`${ws.writeKey}:`).toString('base64')}` },
      payload: { userId: user, traits: { email: `${user}@example.de` } },
    })
    assert.equal(res.statusCode, 200, res.body)
  }
})
after(() => server.close())

/** Logs in and returns the Cookie header value and the CSRF token. */
async function login(email: string, password = 'correct horse', ip = '10.0.0.1') {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress: ip,
  })
  const setCookie = ([] as string[]).concat(res.headers['set-cookie'] ?? [])
  const jar = new Map<string, string>()
  for (const c of setCookie) for (const [k, v] of parseCookies(c.split(';')[0])) jar.set(k, v)
  const cookie = [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ')
  return { res, setCookie, cookie, csrf: jar.get(CSRF_COOKIE) ?? '' }
}

test('login with the right password sets an HttpOnly, SameSite=Lax session cookie for 12 h', async () => {
  const { res, setCookie, csrf } = await login('Ana@Example.de')
  assert.equal(res.statusCode, 200, res.body)
  const body = res.json()
  assert.equal(body.workspace.id, a.id)
  assert.equal(body.workspace.name, 'A')
  assert.equal(body.role, 'owner')
  assert.equal(body.user.email, 'ana@example.de')
  assert.equal(body.csrfToken, csrf)
  const session = setCookie.find((c) => c.startsWith(`${SESSION_COOKIE}=`)) ?? ''
  assert.match(session, /HttpOnly/)
  assert.match(session, /SameSite=Lax/)
  assert.match(session, /Max-Age=43200/)
  assert.doesNotMatch(session, /Secure/, 'plain http: no Secure attribute')
  assert.doesNotMatch(setCookie.find((c) => c.startsWith(`${CSRF_COOKIE}=`)) ?? '', /HttpOnly/)
})

test('behind an https proxy the cookies are Secure', async () => {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    headers: { 'x-forwarded-proto': 'https' },
    payload: { email: 'ana@example.de', password: 'correct horse' },
  })
  for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? [])) assert.match(c, /; Secure/)
})

test('a wrong password or unknown e-mail is 401 without a cookie', async () => {
  for (const email of ['ana@example.de', 'nobody@example.de']) {
    const { res, setCookie } = await login(email, 'wrong', '10.0.0.2')
    assert.equal(res.statusCode, 401)
    assert.equal(res.json().code, 'TS_UNAUTHORIZED')
    assert.deepEqual(setCookie, [])
  }
})

test('5 failures per e-mail and address within 15 min → 429 with Retry-After, even with the right password', async () => {
  for (let i = 0; i < 5; i++)
    assert.equal((await login('ben@example.de', 'nope', '10.0.0.3')).res.statusCode, 401)
  const blocked = await login('ben@example.de', 'correct horse', '10.0.0.3')
  assert.equal(blocked.res.statusCode, 429)
  assert.equal(blocked.res.json().code, 'TS_RATE_LIMITED')
  assert.ok(Number(blocked.res.headers['retry-after']) > 0)
  // Another address is not locked out by the attacker's failures.
  assert.equal((await login('ben@example.de', 'correct horse', '10.0.0.4')).res.statusCode, 200)
})

test('GET /api/session says who is signed in; without a cookie it is 401', async () => {
  const { cookie } = await login('ana@example.de')
  const me = await server.app.inject({ method: 'GET', url: '/api/session', headers: { cookie } })
  assert.equal(me.statusCode, 200)
  assert.equal(me.json().workspace.id, a.id)
  const anon = await server.app.inject({ method: 'GET', url: '/api/session' })
  assert.equal(anon.statusCode, 401)
  const forged = await server.app.inject({
    method: 'GET',
    url: '/api/session',
    headers: { cookie: cookie.replace(/ts_session=[^;]*/, (m) => m.slice(0, -3) + 'AAA') },
  })
  assert.equal(forged.statusCode, 401, 'a tampered cookie is rejected')
})

test('the session cookie authenticates /api/persons in its own workspace only', async () => {
  const { cookie } = await login('ana@example.de')
  const own = await server.app.inject({
    method: 'GET',
    url: '/api/persons?identifier=cust-a',
    headers: { cookie },
  })
  assert.equal(own.statusCode, 200, own.body)
  const foreign = await server.app.inject({
    method: 'GET',
    url: '/api/persons?identifier=cust-b',
    headers: { cookie },
  })
  assert.equal(foreign.statusCode, 404, 'a person of workspace B is invisible to a session of A')
  const bPerson = await server.app.inject({
    method: 'GET',
    url: '/api/persons?identifier=cust-b',
    headers: { authorization: `Bearer ${b.secretKey}` },
  })
  const byId = await server.app.inject({
    method: 'GET',
    url: `/api/persons/${bPerson.json().id}`,
    headers: { cookie },
  })
  assert.equal(byId.statusCode, 404)
  const workspace = await server.app.inject({ method: 'GET', url: '/api/workspace', headers: { cookie } })
  assert.equal(workspace.json().id, a.id)
})

test('a cookie-authenticated POST needs the CSRF header (double submit)', async () => {
  const { cookie, csrf } = await login('ana@example.de')
  const payload = {
    from: '00000000-0000-4000-8000-000000000001',
    into: '00000000-0000-4000-8000-000000000002',
  }
  const without = await server.app.inject({
    method: 'POST',
    url: '/api/persons/merge',
    headers: { cookie },
    payload,
  })
  assert.equal(without.statusCode, 403)
  assert.equal(without.json().code, 'TS_FORBIDDEN')
  const wrong = await server.app.inject({
    method: 'POST',
    url: '/api/persons/merge',
    headers: { cookie, 'x-csrf-token': 'forged' },
    payload,
  })
  assert.equal(wrong.statusCode, 403)
  const right = await server.app.inject({
    method: 'POST',
    url: '/api/persons/merge',
    headers: { cookie, 'x-csrf-token': csrf },
    payload,
  })
  assert.equal(right.statusCode, 404, 'past the CSRF check: the persons do not exist')
})

test('Bearer keys work as before and need no CSRF header; a bad key is not rescued by a cookie', async () => {
  const { cookie } = await login('ana@example.de')
  const ok = await server.app.inject({
    method: 'GET',
    url: '/api/persons?identifier=cust-b',
    headers: { authorization: `Bearer ${b.secretKey}` },
  })
  assert.equal(ok.statusCode, 200)
  const merge = await server.app.inject({
    method: 'POST',
    url: '/api/persons/merge',
    headers: { authorization: `Bearer ${b.secretKey}` },
    payload: { from: '00000000-0000-4000-8000-000000000001', into: '00000000-0000-4000-8000-000000000002' },
  })
  assert.equal(merge.statusCode, 404)
  const bad = await server.app.inject({
    method: 'GET',
    url: '/api/persons?identifier=cust-a',
    headers: { authorization: 'Bearer tss_wrong', cookie },
  })
  assert.equal(bad.statusCode, 401)
})

test('logout needs the CSRF token, clears the cookies and revokes the session', async () => {
  const { cookie, csrf } = await login('ana@example.de')
  const forged = await server.app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } })
  assert.equal(forged.statusCode, 403)
  const out = await server.app.inject({
    method: 'DELETE',
    url: '/api/session',
    headers: { cookie, 'x-csrf-token': csrf },
  })
  assert.equal(out.statusCode, 204)
  for (const c of ([] as string[]).concat(out.headers['set-cookie'] ?? [])) assert.match(c, /Max-Age=0/)
  const after = await server.app.inject({
    method: 'GET',
    url: '/api/persons?identifier=cust-a',
    headers: { cookie },
  })
  assert.equal(after.statusCode, 401, 'the old cookie no longer works')
})
