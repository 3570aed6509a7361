import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { declaredRoutes, type DeclaredRoute } from '../src/auth/access-control.ts'
import { can, isPermission } from '../src/auth/permissions.ts'
import { hashPassword } from '../src/auth/passwords.ts'
import { ROLES, type Role } from '../src/stores/meta/meta-store.ts'
import { CSRF_COOKIE, parseCookies } from '../src/web/cookies.ts'
import { api, npsSurveyBody } from './survey-fixtures.ts'
import { basic, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

// Every /api route is found by asking the app (access-control.ts records each one as it is
// registered), so routes added later are covered without editing this file — unless they take a
// path parameter this file cannot fill, or need a body to get past validation: then the test says
// what to add to PARAM_IDS or BODIES below.

let server: TestServer
let a: TestWorkspace
let b: TestWorkspace
/** Secret keys of workspace A, one per role. */
const roleKeys = new Map<Role, string>()
/** Ids of things in workspace A that workspace B must never see or touch. */
const ids: Record<string, string> = {}
let bSession: { cookie: string; csrf: string }
let routes: DeclaredRoute[]

async function login(email: string, password: string) {
  const res = await server.app.inject({ method: 'POST', url: '/api/session', payload: { email, password } })
  assert.equal(res.statusCode, 200, res.body)
  const jar = new Map<string, string>()
  for (const c of ([] as string[]).concat(res.headers['set-cookie'] ?? []))
    for (const [k, v] of parseCookies(c.split(';')[0])) jar.set(k, v)
  return {
    cookie: [...jar].map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; '),
    csrf: jar.get(CSRF_COOKIE) ?? '',
  }
}

before(async () => {
  server = await startTestServer()
  a = await server.workspace('A')
  b = await server.workspace('B')
  for (const role of ROLES) roleKeys.set(role, (await server.rt.keys.create(a.id, 'secret', role, role)).key)
  const hash = await hashPassword('correct horse battery')
  const bOwner = await server.rt.meta.createUser({ email: 'bea@b.example', name: 'Bea', passwordHash: hash })
  await server.rt.meta.addMember(b.id, bOwner.id, 'owner')
  bSession = await login('bea@b.example', 'correct horse battery')

  // Workspace A's data: a person, a survey with an invitation, a case, a key, a member.
  for (const [userId, email] of [
    ['cust-a', 'cust-a@a.example'],
    ['cust-a2', 'cust-a2@a.example'],
  ]) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/v1/identify',
      headers: { authorization: basic(a.writeKey) },
      payload: { userId, traits: { email, name: 'Anna Geheim' } },
    })
    assert.equal(res.statusCode, 200, res.body)
  }
  ids.person = (await api(server.app, a.secretKey, 'GET', '/api/persons?identifier=cust-a')).body.id
  ids.person2 = (await api(server.app, a.secretKey, 'GET', '/api/persons?identifier=cust-a2')).body.id
  const survey = await api(
    server.app,
    a.secretKey,
    'POST',
    '/api/surveys',
    npsSurveyBody({ name: 'A-Umfrage' }),
  )
  assert.equal(survey.status, 201, JSON.stringify(survey.body))
  ids.survey = survey.body.id
  const inv = await api(server.app, a.secretKey, 'POST', `/api/surveys/${ids.survey}/invitations`, {
    channel: 'link',
    recipients: [{ email: 'cust-a@a.example' }],
  })
  assert.equal(inv.status, 201, JSON.stringify(inv.body))
  ids.invitation = inv.body.invitations[0].id
  const opened = await server.rt.meta.cases.openCase(
    {
      workspaceId: a.id,
      responseId: randomUUID(),
      reason: 'nps ≤ 6',
      dueAt: new Date(Date.now() + 86_400_000),
      personId: ids.person,
      comment: 'A-Kommentar',
    },
    'test',
  )
  ids.case = opened!.id
  ids.key = (await server.rt.keys.create(a.id, 'secret', 'analyst', 'A extra')).record.id
  const member = await api(server.app, a.secretKey, 'POST', '/api/members', {
    email: 'mia@a.example',
    name: 'Mia A',
    role: 'agent',
  })
  assert.equal(member.status, 201, JSON.stringify(member.body))
  ids.member = member.body.userId
  // Things other parts add, when their routes exist: created through their own API, so the
  // cross-workspace test has real ids of A to aim at.
  const hook = await api(server.app, a.secretKey, 'POST', '/api/webhooks', {
    name: 'A-hook',
    url: 'http://127.0.0.1:9/hook',
    events: ['case.opened'],
  })
  ids.webhook = hook.status === 201 ? hook.body.id : randomUUID()
  const dsr = await api(server.app, a.secretKey, 'POST', '/api/privacy/requests', {
    kind: 'export',
    personId: ids.person,
  })
  ids.privacyRequest = dsr.status < 300 ? dsr.body.id : randomUUID()
  routes = declaredRoutes(server.app)
})
after(() => server.close())

/**
 * The id of workspace A that fills a path parameter, by the segment before it. A new route with
 * a parameter not listed here fails the tests with a message naming it: add its id here.
 */
const PARAM_IDS: Record<string, (f: typeof ids) => string> = {
  'persons/:id': (f) => f.person!,
  'surveys/:id': (f) => f.survey!,
  'versions/:version': () => '1',
  'cases/:id': (f) => f.case!,
  'invitations/:id': (f) => f.invitation!,
  'keys/:id': (f) => f.key!,
  'members/:userId': (f) => f.member!,
  'items/:itemId': () => 'sku-1',
  'webhooks/:id': (f) => f.webhook!,
  'deliveries/:deliveryId': () => randomUUID(),
  'requests/:id': (f) => f.privacyRequest!,
}

/** Fills the path parameters of a route with workspace A's ids (or fresh random ones). */
function concreteUrl(url: string, fill: 'a' | 'random'): string {
  return url.replace(/([^/]+)\/:(\w+)/g, (whole, segment: string, name: string) => {
    const source = PARAM_IDS[`${segment}/:${name}`]
    if (!source) {
      throw new Error(
        `${url}: no id for ":${name}" after "${segment}" — add "${segment}/:${name}" to PARAM_IDS in test/access-matrix.test.ts`,
      )
    }
    if (fill === 'random' && name !== 'version') return `${segment}/${randomUUID()}`
    return `${segment}/${source(ids)}`
  })
}

/**
 * Bodies that pass validation, so a request of workspace B gets as far as the handler's own
 * tenancy check (a 400 would prove nothing). Routes not listed get `{}`.
 */
const BODIES: Record<string, (f: typeof ids) => unknown> = {
  'POST /api/persons/merge': (f) => ({ from: f.person2, into: f.person }),
  'PATCH /api/cases/:id': () => ({ status: 'closed' }),
  'POST /api/cases/:id/notes': () => ({ note: 'B was here' }),
  'PUT /api/surveys/:id': () => npsSurveyBody({ name: 'B-overwrite' }),
  'PATCH /api/surveys/:id': () => ({ status: 'archived' }),
  'POST /api/surveys/:id/invitations': () => ({ channel: 'link', recipients: [{ email: 'x@b.example' }] }),
  'POST /api/surveys/:id/reminders': () => ({ sentBefore: new Date().toISOString() }),
  'POST /api/invitations/:id/status': () => ({ event: 'failed', error: 'B' }),
  'POST /api/invitations/:id/response': () => ({ answers: { score: 0 } }),
  'PATCH /api/members/:userId': () => ({ role: 'viewer' }),
  'POST /api/members': () => ({ email: 'new-b@b.example', name: 'New B', role: 'viewer' }),
  'POST /api/keys': () => ({ kind: 'secret', name: 'B key', role: 'viewer' }),
  'PUT /api/persons/:id/consent': () => ({ analytics: false, surveys: false }),
  'POST /api/privacy/requests': (f) => ({ kind: 'erasure', personId: f.person }),
  'PATCH /api/webhooks/:id': () => ({ active: false, url: 'http://127.0.0.1:9/b' }),
}

const MUTATIONS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
/** POST routes that only compute an answer and store nothing, so readers may call them. */
const STORES_NOTHING = new Set(['POST /api/surveys/preview'])

function request(
  route: DeclaredRoute,
  url: string,
  auth: { key?: string; session?: typeof bSession },
  body?: unknown,
) {
  const headers: Record<string, string> = {}
  if (auth.key) headers.authorization = `Bearer ${auth.key}`
  if (auth.session) {
    headers.cookie = auth.session.cookie
    headers['x-csrf-token'] = auth.session.csrf
  }
  return server.app.inject({
    method: route.method as 'GET',
    url,
    headers,
    ...(MUTATIONS.has(route.method) ? { payload: (body ?? {}) as object } : {}),
  })
}

test('every /api route declares a permission from the matrix', () => {
  assert.ok(routes.length > 40, `only ${routes.length} /api routes found`)
  const missing = routes.filter((r) => r.permission === undefined).map((r) => `${r.method} ${r.url}`)
  assert.deepEqual(
    missing,
    [],
    `these routes declare no permission — add config: { permission: '…' } (see src/auth/permissions.ts)`,
  )
  for (const r of routes)
    assert.ok(r.permission === 'public' || isPermission(r.permission), `${r.method} ${r.url}`)
  // Public routes authenticate by themselves or need nothing: each one is a deliberate choice,
  // so a new one must be added here (and to docs/security.md) by hand.
  assert.deepEqual(
    routes
      .filter((r) => r.permission === 'public')
      .map((r) => `${r.method} ${r.url}`)
      .sort(),
    [
      'DELETE /api/session',
      'GET /api/health',
      'GET /api/session',
      'POST /api/session',
      // Signed with the server secret by `touchstone backup` (backup/backup-routes.ts).
      'POST /api/system/backup',
    ],
  )
})

test('a route without a permission is closed (500 naming the gap), not open', async () => {
  const { buildApp } = await import('../src/app.ts')
  const app = await buildApp({ ...server.rt, version: 'test' })
  app.get('/api/forgotten', async () => ({ secret: 'leak' }))
  const res = await app.inject({
    method: 'GET',
    url: '/api/forgotten',
    headers: { authorization: `Bearer ${a.secretKey}` },
  })
  assert.equal(res.statusCode, 500)
  assert.match(res.json().message, /declares no permission/)
  assert.doesNotMatch(res.body, /leak/)
  assert.ok(declaredRoutes(app).some((r) => r.url === '/api/forgotten' && r.permission === undefined))
  await app.close()
})

test('every route × every role: allowed exactly when the matrix says so, else 403', async () => {
  const failures: string[] = []
  for (const route of routes) {
    if (route.permission === 'public' || route.permission === undefined) continue
    const url = concreteUrl(route.url, 'random')
    for (const role of ROLES) {
      // `{}` bodies and random ids: an allowed role gets past access control (400/404/2xx),
      // without side effects on the fixtures.
      const res = await request(route, url, { key: roleKeys.get(role)! })
      const allowed = can(role, route.permission)
      const ok = allowed
        ? ![401, 403].includes(res.statusCode) && res.statusCode < 500
        : res.statusCode === 403 && res.json().code === 'TS_FORBIDDEN'
      if (!ok)
        failures.push(
          `${route.method} ${route.url} as ${role}: ${res.statusCode} (expected ${allowed ? 'allowed' : '403'}) ${res.body.slice(0, 160)}`,
        )
    }
  }
  assert.deepEqual(failures, [])
})

test('a forbidden answer says which permission and roles are needed', async () => {
  const res = await api(server.app, roleKeys.get('viewer')!, 'GET', '/api/responses.csv')
  assert.equal(res.status, 403)
  assert.match(res.body.message, /responses\.export/)
  assert.match(res.body.message, /owner, admin, analyst/)
  assert.match(res.body.message, /viewer/)
})

test('agents work cases but cannot export; viewers read dashboards but change nothing', async () => {
  const agent = roleKeys.get('agent')!
  const viewer = roleKeys.get('viewer')!
  const note = await api(server.app, agent, 'POST', `/api/cases/${ids.case}/notes`, { note: 'called back' })
  assert.equal(note.status, 201, JSON.stringify(note.body))
  assert.equal((await api(server.app, agent, 'GET', '/api/responses.csv')).status, 403)
  assert.equal((await api(server.app, viewer, 'GET', '/api/metrics/nps')).status, 200)
  assert.equal((await api(server.app, viewer, 'GET', `/api/persons/${ids.person}`)).status, 200)
  assert.equal(
    (await api(server.app, viewer, 'POST', `/api/cases/${ids.case}/notes`, { note: 'x' })).status,
    403,
  )
  for (const r of routes.filter((r) => MUTATIONS.has(r.method) && r.permission !== 'public')) {
    if (STORES_NOTHING.has(`${r.method} ${r.url}`)) continue
    assert.ok(
      !can('viewer', r.permission as never),
      `viewer may ${r.method} ${r.url}; if it changes nothing, add it to STORES_NOTHING`,
    )
  }
})

/** What workspace A looks like through its own owner key: every GET route, ids filled in. */
async function snapshotOfA(): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const route of routes) {
    if (route.method !== 'GET' || route.permission === 'public') continue
    const url = concreteUrl(route.url, 'a')
    const res = await request(route, url, { key: a.secretKey })
    // Key use times move whenever A's own key is used (by this very snapshot).
    out.set(url, `${res.statusCode} ${res.body.replace(/"lastUsedAt":"[^"]*"/g, '')}`)
  }
  return out
}

test('a key or a session of workspace B gets 403/404 on A’s things, sees none of A’s data and changes nothing', async () => {
  const markers = [a.id, ids.person, ids.person2, ids.survey, ids.invitation, ids.case, ids.key, ids.member]
  const words = ['cust-a', 'Anna Geheim', 'A-Umfrage', 'A-Kommentar', 'mia@a.example', 'A extra', 'A-hook']
  const before = await snapshotOfA()
  // Answers that change between two snapshots with nothing in between hold the current time
  // ("asOf", default ranges ending now): those are compared with their times masked.
  const again = await snapshotOfA()
  const ISO_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g
  const volatile = new Set([...before].filter(([url, state]) => again.get(url) !== state).map(([url]) => url))
  const comparable = (url: string, state: string | undefined) =>
    volatile.has(url) ? state?.replace(ISO_TIME, '<time>') : state
  const failures: string[] = []
  for (const route of routes) {
    if (route.permission === 'public') continue
    const url = concreteUrl(route.url, 'a')
    const body = BODIES[`${route.method} ${route.url}`]?.(ids)
    for (const [who, auth] of [
      ['B key', { key: b.secretKey }],
      ['B session', { session: bSession }],
    ] as const) {
      const res = await request(route, url, auth, body)
      // An id the caller sent and the answer repeats ("no case … in this workspace") is no leak.
      const sent = url + JSON.stringify(body ?? {})
      const leaked = [...markers, ...words].filter((m) => m && !sent.includes(m) && res.body.includes(m))
      // A change aimed at one of A's things must be refused; a read may also answer "nothing
      // for this id" (per-person analytics), which tells B no more than for an unknown id.
      if (route.url.includes(':') && MUTATIONS.has(route.method) && ![403, 404].includes(res.statusCode))
        failures.push(
          `${who} ${route.method} ${url}: ${res.statusCode} (expected 403/404) ${res.body.slice(0, 160)}`,
        )
      if (leaked.length > 0)
        failures.push(`${who} ${route.method} ${url}: answer contains A's ${leaked.join(', ')}`)
      if (res.statusCode >= 500)
        failures.push(`${who} ${route.method} ${url}: ${res.statusCode} ${res.body.slice(0, 160)}`)
    }
  }
  assert.deepEqual(failures, [])
  const afterwards = await snapshotOfA()
  for (const [url, state] of before)
    assert.equal(comparable(url, afterwards.get(url)), comparable(url, state), `A's ${url} changed`)
})
