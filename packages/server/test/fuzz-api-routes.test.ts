// Property-based fuzzing of every /api route, discovered from the OpenAPI document the app
// generates (so routes added later are fuzzed without touching this file). Each route gets
// values drawn from its own schemas, the same with hostile leaves (injection strings, wrong
// types, missing fields), and arbitrary strings. Property: no 5xx (503 backpressure aside), a
// JSON error with a message on every 4xx.
import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { FIXTURE_AFTER_MERGE, FIXTURE_BEFORE_MERGE } from '../src/analytics/analytics-fixture.ts'
import { assertProperty, hostileJson, hostileString } from './hostile-input.ts'
import { arbitraryOf, type JsonSchema } from './schema-arbitrary.ts'
import { api, npsSurveyBody } from './survey-fixtures.ts'
import { sendBatch, startTestServer, type TestServer, type TestWorkspace } from './test-server.ts'

interface Parameter {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required?: boolean
  schema?: JsonSchema
}
interface Operation {
  parameters?: Parameter[]
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
}
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
interface Route {
  method: Method
  path: string
  op: Operation
}

let server: TestServer
let ws: TestWorkspace
let routes: Route[] = []
/** Real ids of this workspace, so fuzzed paths reach past "not found" too. */
const realIds: string[] = []

before(async () => {
  server = await startTestServer()
  ws = await server.workspace('Fuzz API')
  await sendBatch(server.app, ws.writeKey, [...FIXTURE_BEFORE_MERGE, ...FIXTURE_AFTER_MERGE])
  const person = await api(server.app, ws.secretKey, 'GET', '/api/persons?identifier=u1')
  if (person.status === 200) realIds.push(person.body.id as string)
  const survey = await api(server.app, ws.secretKey, 'POST', '/api/surveys', npsSurveyBody())
  assert.equal(survey.status, 201, JSON.stringify(survey.body))
  realIds.push(survey.body.id as string)
  const inv = await api(server.app, ws.secretKey, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
    channel: 'link',
    recipients: [{ userId: 'u1' }],
  })
  const invitation = inv.body.invitations?.[0] as { id: string; url: string } | undefined
  if (invitation) {
    realIds.push(invitation.id)
    // A detractor's answer opens a case, so case routes have one to work on.
    await server.app.inject({
      method: 'POST',
      url: new URL(invitation.url).pathname,
      headers: { 'content-type': 'application/json' },
      payload: { answers: { score: 2 }, comment: 'zu langsam' },
    })
    const cases = await api(server.app, ws.secretKey, 'GET', '/api/cases')
    const first = cases.body.items?.[0] as { id: string } | undefined
    if (first) realIds.push(first.id)
  }
  const doc = (await server.app.inject({ method: 'GET', url: '/docs/json' })).json() as {
    paths: Record<string, Record<string, Operation>>
  }
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue
    for (const [method, op] of Object.entries(ops)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue
      routes.push({ method: method.toUpperCase() as Method, path, op })
    }
  }
  // Every route is fuzzed, the session and key routes too: random ids never match the test's
  // own key, so the owner key used here stays valid throughout.
  routes = routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`))
})
after(() => server.close())

/** A value for a query string or path segment: from the schema, hostile, or arbitrary. */
function paramValue(p: Parameter): fc.Arbitrary<string | undefined> {
  const fromSchema = arbitraryOf(p.schema ?? {}).map((v) =>
    typeof v === 'string' ? v : v === undefined ? undefined : JSON.stringify(v),
  )
  const options: Array<fc.Arbitrary<string | undefined>> = [fromSchema, fromSchema, hostileString()]
  if (p.in === 'path' && realIds.length > 0) options.push(fc.constantFrom(...realIds))
  if (p.in === 'query') options.push(fc.constant(undefined), fc.constant(''))
  return fc.oneof(...options)
}

/** Percent-encodes every UTF-8 byte, lone surrogates included (as U+FFFD, like any client). */
function encodeSegment(value: string): string {
  return [...Buffer.from(value, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).padStart(2, '0')}`,
    )
    .join('')
}

/** Path segments that are already encoded, badly: broken escapes, overlong UTF-8, traversal. */
const RAW_SEGMENTS = ['%', '%ff', '%c0%ae%c0%ae', '..%2f..%2fetc%2fpasswd', '%00', '%E0%A4%A']

interface FuzzRequest {
  url: string
  body: string | undefined
}

function requestOf(route: Route): fc.Arbitrary<FuzzRequest> {
  const params = route.op.parameters ?? []
  const pathParams = params.filter((p) => p.in === 'path')
  const queryParams = params.filter((p) => p.in === 'query')
  const bodySchema = route.op.requestBody?.content?.['application/json']?.schema
  const body: fc.Arbitrary<string | undefined> = bodySchema
    ? fc.oneof(
        { weight: 3, arbitrary: arbitraryOf(bodySchema).map((v) => JSON.stringify(v)) },
        { weight: 3, arbitrary: arbitraryOf(bodySchema, { leaf: 1 }).map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: hostileJson.map((v) => JSON.stringify(v) ?? 'null') },
        { weight: 1, arbitrary: hostileString(100) },
      )
    : fc.constant(undefined)
  const path = fc
    .tuple(fc.tuple(...pathParams.map(paramValue)), fc.option(fc.constantFrom(...RAW_SEGMENTS), { freq: 8 }))
    .map(([values, raw]) =>
      pathParams.reduce(
        (p, param, i) => p.replace(`{${param.name}}`, raw ?? encodeSegment(values[i] ?? '')),
        route.path,
      ),
    )
  const query = fc
    .tuple(fc.tuple(...queryParams.map(paramValue)), fc.option(fc.tuple(hostileString(10), hostileString())))
    .map(([values, extra]) => {
      const q = new URLSearchParams()
      queryParams.forEach((p, i) => {
        if (values[i] !== undefined) q.append(p.name, values[i])
      })
      if (extra) q.append(extra[0], extra[1])
      const s = q.toString()
      return s ? `?${s}` : ''
    })
  return fc.record({ path, query, body }).map(({ path: p, query: q, body: b }) => ({ url: p + q, body: b }))
}

test('every /api route answers hostile input with a 4xx and a message, never a 5xx', async (t) => {
  assert.ok(routes.length >= 20, `only ${routes.length} /api routes found in /docs/json`)
  const runs = Number(process.env.FUZZ_RUNS ?? 12)
  for (const route of routes) {
    await t.test(`${route.method} ${route.path}`, async () => {
      await assertProperty(
        `${route.method} ${route.path}`,
        fc.asyncProperty(requestOf(route), async (r) => {
          const res = await server.app.inject({
            method: route.method,
            url: r.url,
            headers: {
              authorization: `Bearer ${ws.secretKey}`,
              ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}),
            },
            ...(r.body !== undefined ? { payload: r.body } : {}),
          })
          const what = `${route.method} ${r.url} ${r.body?.slice(0, 300) ?? ''}`
          assert.ok(
            res.statusCode < 500 || (res.statusCode === 503 && res.json().code === 'TS_OVERLOADED'),
            `${what} → ${res.statusCode} ${res.body.slice(0, 500)}`,
          )
          if (res.statusCode >= 400) {
            const json = res.json() as { success?: unknown; code?: unknown; message?: unknown }
            assert.equal(json.success, false, what)
            assert.equal(typeof json.code, 'string', what)
            assert.ok(typeof json.message === 'string' && json.message.length > 0, `${what}: no message`)
          }
        }),
        runs,
      )
    })
  }
})
