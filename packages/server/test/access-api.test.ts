import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import { hashKey } from '../src/auth/api-keys.ts'
import { hashPassword } from '../src/auth/passwords.ts'
import { CSRF_COOKIE, parseCookies } from '../src/web/cookies.ts'
import { api } from './survey-fixtures.ts'
import { basic, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

let server: TestServer
let ws: TestWorkspace
let admin: string

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Keys & members')
  admin = (await server.rt.keys.create(ws.id, 'secret', 'admin', 'admin key')).key
})
after(() => server.close())

async function login(email: string, password: string, ip = '10.1.0.1') {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { email, password },
    remoteAddress: ip,
  })
  const jar = new Map<string, string>()
  for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? []))
    for (const [k, v] of parseCookies(c.split(';')[0])) jar.set(k, v)
  const cookie = [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ')
  return { res, cookie, csrf: jar.get(CSRF_COOKIE) ?? '' }
}

async function auditActions(key = ws.secretKey, query = ''): Promise<Array<Record<string, unknown>>> {
  const res = await api(server.app, key, 'GET', `/api/audit-log${query}`)
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.items
}

test('keys: created once in clear, stored as SHA-256 only, listed with last use, revoked at once', async () => {
  const created = await api(server.app, admin, 'POST', '/api/keys', {
    kind: 'secret',
    name: 'CI',
    role: 'analyst',
  })
  assert.equal(created.status, 201, JSON.stringify(created.body))
  assert.match(created.body.key, /^tss_/)
  assert.equal(created.body.role, 'analyst')
  assert.equal(created.body.prefix, created.body.key.slice(0, 10))
  // Hashed at rest: the store finds it by hash, and nothing the API lists holds the key.
  assert.equal((await server.rt.meta.findActiveKey(hashKey(created.body.key)))?.id, created.body.id)
  const listed = await api(server.app, admin, 'GET', '/api/keys')
  assert.doesNotMatch(JSON.stringify(listed.body), new RegExp(created.body.key))
  assert.equal(listed.body.items.find((k: { id: string }) => k.id === created.body.id).lastUsedAt, null)
  // Used once → last use shown.
  assert.equal((await api(server.app, created.body.key, 'GET', '/api/metrics/nps')).status, 200)
  const used = (await api(server.app, admin, 'GET', '/api/keys')).body.items.find(
    (k: { id: string }) => k.id === created.body.id,
  )
  assert.ok(used.lastUsedAt && Date.now() - Date.parse(used.lastUsedAt) < 60_000, JSON.stringify(used))

  const write = await api(server.app, admin, 'POST', '/api/keys', { kind: 'write', name: 'Shop' })
  assert.equal(write.status, 201)
  assert.match(write.body.key, /^tsw_/)
  const ingest = await server.app.inject({
    method: 'POST',
    url: '/v1/track',
    headers: { authorization: basic(write.body.key) },
    payload: { userId: 'u1', event: 'Signed Up' },
  })
  assert.equal(ingest.statusCode, 200)

  const revoked = await api(server.app, admin, 'DELETE', `/api/keys/${created.body.id}`)
  assert.equal(revoked.status, 204)
  assert.equal((await api(server.app, created.body.key, 'GET', '/api/metrics/nps')).status, 401)
  assert.equal((await api(server.app, admin, 'DELETE', `/api/keys/${created.body.id}`)).status, 404)
  const actions = await auditActions()
  assert.deepEqual(
    actions.filter((e) => e.target === created.body.id).map((e) => e.action),
    ['key.revoked', 'key.created'],
  )
  assert.equal(actions.find((e) => e.action === 'key.created')?.ip, '127.0.0.1')
})

test('keys: an admin cannot create or revoke an owner key; bad requests say what is wrong', async () => {
  const owner = await api(server.app, admin, 'POST', '/api/keys', {
    kind: 'secret',
    name: 'x',
    role: 'owner',
  })
  assert.equal(owner.status, 403)
  assert.match(owner.body.message, /admin cannot create a key with role owner/)
  const ownerKey = (await server.rt.keys.create(ws.id, 'secret', 'owner', 'root')).record
  assert.equal((await api(server.app, admin, 'DELETE', `/api/keys/${ownerKey.id}`)).status, 403)
  const noRole = await api(server.app, admin, 'POST', '/api/keys', { kind: 'secret', name: 'x' })
  assert.equal(noRole.status, 400)
  assert.match(noRole.body.message, /needs a role/)
  const badKind = await api(server.app, admin, 'POST', '/api/keys', { kind: 'master', name: 'x' })
  assert.equal(badKind.status, 400)
  assert.equal((await api(server.app, admin, 'DELETE', '/api/keys/not-a-uuid')).status, 400)
})

test('members: added with a generated password shown once, can log in, re-roled, removed', async () => {
  const added = await api(server.app, admin, 'POST', '/api/members', {
    email: 'Lea@Example.de',
    name: 'Lea',
    role: 'analyst',
  })
  assert.equal(added.status, 201, JSON.stringify(added.body))
  assert.equal(added.body.email, 'lea@example.de')
  assert.match(added.body.password, /^[a-z0-9]{4}(-[a-z0-9]{4}){3}$/)
  const session = await login('lea@example.de', added.body.password)
  assert.equal(session.res.statusCode, 200)
  assert.equal(session.res.json().role, 'analyst')
  const listed = await api(server.app, admin, 'GET', '/api/members')
  assert.ok(listed.body.items.some((m: { email: string }) => m.email === 'lea@example.de'))
  assert.doesNotMatch(JSON.stringify(listed.body), /password|argon/i)

  const given = await api(server.app, admin, 'POST', '/api/members', {
    email: 'max@example.de',
    name: 'Max',
    role: 'viewer',
    password: 'a long enough password',
  })
  assert.equal(given.status, 201)
  assert.equal(given.body.password, null)
  assert.equal((await login('max@example.de', 'a long enough password')).res.statusCode, 200)
  assert.equal(
    (
      await api(server.app, admin, 'POST', '/api/members', {
        email: 'max@example.de',
        name: 'M',
        role: 'viewer',
      })
    ).status,
    409,
  )

  const changed = await api(server.app, admin, 'PATCH', `/api/members/${added.body.userId}`, {
    role: 'agent',
  })
  assert.equal(changed.status, 200)
  assert.equal(changed.body.role, 'agent')
  // The session sees the new role at once (same process).
  const me = await server.app.inject({
    method: 'GET',
    url: '/api/session',
    headers: { cookie: session.cookie },
  })
  assert.equal(me.json().role, 'agent')
  assert.equal((await api(server.app, admin, 'DELETE', `/api/members/${added.body.userId}`)).status, 204)
  const gone = await server.app.inject({
    method: 'GET',
    url: '/api/cases',
    headers: { cookie: session.cookie },
  })
  assert.equal(gone.statusCode, 401, 'a removed member’s session stops working')
  const actions = (await auditActions(ws.secretKey, '?action=member.*')).filter(
    (e) => e.target === added.body.userId,
  )
  assert.deepEqual(
    actions.map((e) => e.action),
    ['member.removed', 'member.role_changed', 'member.added'],
  )
  assert.deepEqual(actions[1]?.details, { from: 'analyst', to: 'agent' })
})

test('members: nobody removes or demotes the last owner; an admin cannot grant owner or touch owners', async () => {
  const other = await server.rt.meta.createWorkspace('Owners')
  const ownerKey = (await server.rt.keys.create(other.id, 'secret', 'owner', 'o')).key
  const adminKey = (await server.rt.keys.create(other.id, 'secret', 'admin', 'a')).key
  const first = await api(server.app, ownerKey, 'POST', '/api/members', {
    email: 'o1@x.de',
    name: 'O1',
    role: 'owner',
  })
  assert.equal(first.status, 201)
  const id = first.body.userId
  const demote = await api(server.app, ownerKey, 'PATCH', `/api/members/${id}`, { role: 'admin' })
  assert.equal(demote.status, 409)
  assert.equal(demote.body.code, 'TS_CONFLICT')
  assert.match(demote.body.message, /last owner/)
  assert.equal((await api(server.app, ownerKey, 'DELETE', `/api/members/${id}`)).status, 409)
  const grant = await api(server.app, adminKey, 'POST', '/api/members', {
    email: 'o2@x.de',
    name: 'O2',
    role: 'owner',
  })
  assert.equal(grant.status, 403)
  assert.match(grant.body.message, /admin cannot add an owner/)
  assert.equal((await api(server.app, adminKey, 'DELETE', `/api/members/${id}`)).status, 403)
  // With a second owner, the first can step down.
  const second = await api(server.app, ownerKey, 'POST', '/api/members', {
    email: 'o2@x.de',
    name: 'O2',
    role: 'owner',
  })
  assert.equal(second.status, 201)
  assert.equal(
    (await api(server.app, ownerKey, 'PATCH', `/api/members/${id}`, { role: 'viewer' })).status,
    200,
  )
  // Two concurrent demotions of the two remaining owners: one wins, one is refused.
  const third = await api(server.app, ownerKey, 'POST', '/api/members', {
    email: 'o3@x.de',
    name: 'O3',
    role: 'owner',
  })
  const results = await Promise.all(
    [second.body.userId, third.body.userId].map((u) =>
      api(server.app, ownerKey, 'PATCH', `/api/members/${u}`, { role: 'analyst' }),
    ),
  )
  assert.deepEqual(results.map((r) => r.status).sort(), [200, 409])
  const owners = (await api(server.app, ownerKey, 'GET', '/api/members')).body.items.filter(
    (m: { role: string }) => m.role === 'owner',
  )
  assert.equal(owners.length, 1)
})

test('audit log: filters by action and time, pages with a cursor, owner/admin only', async () => {
  for (let i = 0; i < 3; i++)
    await api(server.app, admin, 'POST', '/api/keys', { kind: 'write', name: `w${i}` })
  const page1 = await api(server.app, admin, 'GET', '/api/audit-log?action=key.created&limit=2')
  assert.equal(page1.status, 200)
  assert.equal(page1.body.items.length, 2)
  assert.ok(page1.body.nextCursor)
  const page2 = await api(
    server.app,
    admin,
    'GET',
    `/api/audit-log?action=key.created&limit=2&cursor=${page1.body.nextCursor}`,
  )
  const ids = [...page1.body.items, ...page2.body.items].map((e: { id: string }) => Number(e.id))
  assert.deepEqual(
    ids,
    [...ids].sort((x, y) => y - x),
    'newest first',
  )
  assert.equal(new Set(ids).size, ids.length, 'no entry on two pages')
  const future = await api(
    server.app,
    admin,
    'GET',
    `/api/audit-log?from=${new Date(Date.now() + 60_000).toISOString()}`,
  )
  assert.deepEqual(future.body.items, [])
  const bad = await api(server.app, admin, 'GET', '/api/audit-log?action=DROP%20TABLE')
  assert.equal(bad.status, 400)
  const badTime = await api(server.app, admin, 'GET', '/api/audit-log?from=yesterday')
  assert.equal(badTime.status, 400)
  assert.match(badTime.body.message, /from/)
  const analyst = (await server.rt.keys.create(ws.id, 'secret', 'analyst', 'an')).key
  assert.equal((await api(server.app, analyst, 'GET', '/api/audit-log')).status, 403)
})

test('10 failed logins from any address lock the account for 15 min (423, audited); a reset unlocks', async () => {
  const user = await server.rt.meta.createUser({
    email: 'kim@example.de',
    name: 'Kim',
    passwordHash: await hashPassword('kims password'),
  })
  await server.rt.meta.addMember(ws.id, user.id, 'viewer')
  // Two addresses, so the per-address throttle (5) does not stop the attempts first.
  for (let i = 0; i < 10; i++) {
    const r = await login('kim@example.de', 'wrong', `10.2.0.${i % 2}`)
    assert.equal(r.res.statusCode, i < 9 ? 401 : 423, `attempt ${i + 1}: ${r.res.body}`)
  }
  const locked = await login('kim@example.de', 'kims password', '10.2.0.9')
  assert.equal(locked.res.statusCode, 423)
  assert.equal(locked.res.json().code, 'TS_ACCOUNT_LOCKED')
  assert.match(locked.res.json().message, /locked after 10 failed logins; try again in 15 min/)
  assert.ok(Number(locked.res.headers['retry-after']) > 800)
  const entry = (await auditActions(ws.secretKey, '?action=user.locked')).find((e) => e.target === user.id)
  assert.ok(entry, 'lockout is in the audit log')
  // A new password (as the CLI sets it) clears the lock.
  await server.rt.meta.setPassword(user.id, await hashPassword('kims new password'))
  assert.equal((await login('kim@example.de', 'kims new password', '10.2.0.9')).res.statusCode, 200)
})

test('a password change voids sessions issued before it', async () => {
  const user = await server.rt.meta.createUser({
    email: 'pat@example.de',
    name: 'Pat',
    passwordHash: await hashPassword('pats password'),
  })
  await server.rt.meta.addMember(ws.id, user.id, 'analyst')
  const old = await login('pat@example.de', 'pats password')
  assert.equal(
    (await server.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: old.cookie } }))
      .statusCode,
    200,
  )
  await new Promise((r) => setTimeout(r, 5))
  await server.rt.meta.setPassword(user.id, await hashPassword('pats new password'))
  server.rt.sessions.forgetUser(user.id)
  assert.equal(
    (await server.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: old.cookie } }))
      .statusCode,
    401,
  )
  const fresh = await login('pat@example.de', 'pats new password')
  assert.equal(
    (await server.app.inject({ method: 'GET', url: '/api/cases', headers: { cookie: fresh.cookie } }))
      .statusCode,
    200,
  )
})

test('security headers: nosniff, referrer policy, no framing, CSP; HSTS only over https; CORP open for the widget', async () => {
  const res = await server.app.inject({ method: 'GET', url: '/api/health' })
  assert.equal(res.headers['x-content-type-options'], 'nosniff')
  assert.equal(res.headers['referrer-policy'], 'same-origin')
  assert.equal(res.headers['x-frame-options'], 'DENY')
  assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/)
  assert.equal(res.headers['strict-transport-security'], undefined, 'no HSTS over plain http')
  assert.equal(res.headers['cross-origin-resource-policy'], 'same-origin')
  const https = await server.app.inject({
    method: 'GET',
    url: '/api/health',
    headers: { 'x-forwarded-proto': 'https' },
  })
  assert.match(String(https.headers['strict-transport-security']), /max-age=31536000/)
  const widget = await server.app.inject({
    method: 'GET',
    url: '/widget.js',
    headers: { origin: 'https://shop.example' },
  })
  assert.equal(widget.statusCode, 200)
  assert.equal(widget.headers['cross-origin-resource-policy'], 'cross-origin')
  assert.equal(widget.headers['access-control-allow-origin'], '*')
  const docs = await server.app.inject({ method: 'GET', url: '/docs/json' })
  assert.equal(docs.statusCode, 200)
})

test('CORS is open on ingestion only: /api answers a foreign origin without Access-Control-Allow-Origin', async () => {
  const origin = 'https://evil.example'
  for (const [method, url] of [
    ['GET', '/api/workspace'],
    ['GET', '/api/health'],
    ['OPTIONS', '/api/keys'],
    ['OPTIONS', '/api/session'],
  ] as const) {
    const res = await server.app.inject({
      method,
      url,
      headers: {
        origin,
        authorization: `Bearer ${ws.secretKey}`,
        'access-control-request-method': 'POST',
      },
    })
    assert.equal(res.headers['access-control-allow-origin'], undefined, `${method} ${url}`)
    assert.equal(res.headers['access-control-allow-credentials'], undefined, `${method} ${url}`)
  }
  const ingest = await server.app.inject({
    method: 'OPTIONS',
    url: '/v1/track',
    headers: { origin, 'access-control-request-method': 'POST' },
  })
  assert.equal(ingest.headers['access-control-allow-origin'], '*')
})

test('/api bodies over 1 MB are refused with 413 and a clear message', async () => {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/keys',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    payload: JSON.stringify({ kind: 'write', name: 'x'.repeat(1_100_000) }),
  })
  assert.equal(res.statusCode, 413)
  assert.equal(res.json().code, 'TS_PAYLOAD_TOO_LARGE')
})

test('rate limits: /api per key and ingestion per write key answer 429 with Retry-After and a reason', async () => {
  const limited: FastifyInstance = await buildApp({
    ...server.rt,
    version: 'test',
    config: { secureCookies: 'auto', rateLimits: { apiPerMinute: 5, ingestPerSecond: 3 } },
  })
  try {
    const statuses: number[] = []
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await limited.inject({
            method: 'GET',
            url: '/api/metrics/nps',
            headers: { authorization: `Bearer ${ws.secretKey}` },
          })
        ).statusCode,
      )
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429])
    const over = await limited.inject({
      method: 'GET',
      url: '/api/metrics/nps',
      headers: { authorization: `Bearer ${ws.secretKey}` },
    })
    assert.equal(over.json().code, 'TS_RATE_LIMITED')
    assert.match(over.json().message, /more than 5 API requests per minute/)
    assert.ok(Number(over.headers['retry-after']) >= 1)
    // Another key has its own budget.
    assert.equal(
      (
        await limited.inject({
          method: 'GET',
          url: '/api/metrics/nps',
          headers: { authorization: `Bearer ${admin}` },
        })
      ).statusCode,
      200,
    )

    // Health checks are never limited.
    for (let i = 0; i < 8; i++)
      assert.equal((await limited.inject({ method: 'GET', url: '/api/health' })).statusCode, 200)

    const track = () =>
      limited.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { authorization: basic(ws.writeKey) },
        payload: { userId: 'rl', event: 'Tick' },
      })
    const ingest: number[] = []
    for (let i = 0; i < 4; i++) ingest.push((await track()).statusCode)
    assert.deepEqual(ingest, [200, 200, 200, 429])
    const blocked = await track()
    assert.match(blocked.json().message, /more than 3 ingestion requests per second for this write key/)
    assert.ok(Number(blocked.headers['retry-after']) >= 1)
  } finally {
    await limited.close()
  }
})
