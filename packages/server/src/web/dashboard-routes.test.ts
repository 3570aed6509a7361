import { after, before, test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import Fastify, { type FastifyInstance } from 'fastify'
import { installErrorHandler } from '../routes/error-handler.ts'
import { startTestServer, type TestServer } from '../../test/test-server.ts'
import { dashboardRoutes } from './dashboard-routes.ts'
import { safeRelativePath } from './static-files.ts'

let server: TestServer
let app: FastifyInstance
let dist: string

before(async () => {
  server = await startTestServer()
  dist = mkdtempSync(join(tmpdir(), 'ts-dist-'))
  mkdirSync(join(dist, 'assets'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Touchstone</title><div id="root"></div>')
  writeFileSync(join(dist, 'assets', 'app-3f9a.js'), `console.log(${JSON.stringify('x'.repeat(4000))})`)
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>')
  app = Fastify()
  installErrorHandler(app)
  await app.register(dashboardRoutes({ ...server.rt, version: 'test' }, { distDir: dist }))
  app.get('/api/health', async () => ({ ok: true }))
})
after(async () => {
  await app.close()
  await server.close()
  rmSync(dist, { recursive: true, force: true })
})

test('/ and client routes answer index.html, revalidated, with security headers', async () => {
  for (const url of ['/', '/customers', '/customers/abc?x=1', '/settings/']) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 200, url)
    assert.match(res.headers['content-type'] as string, /^text\/html/)
    assert.equal(res.headers['cache-control'], 'no-cache')
    assert.match(res.headers['content-security-policy'] as string, /frame-ancestors 'none'/)
    assert.match(res.body, /<title>Touchstone/)
  }
})

test('hashed assets are cached for a year, gzipped when accepted, and answer 304 to their ETag', async () => {
  const res = await app.inject({
    method: 'GET',
    url: '/assets/app-3f9a.js',
    headers: { 'accept-encoding': 'gzip' },
  })
  assert.equal(res.statusCode, 200)
  assert.equal(res.headers['content-type'], 'text/javascript; charset=utf-8')
  assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable')
  assert.equal(res.headers['content-encoding'], 'gzip')
  assert.match(gunzipSync(res.rawPayload).toString(), /^console\.log/)
  const again = await app.inject({
    method: 'GET',
    url: '/assets/app-3f9a.js',
    headers: { 'if-none-match': res.headers.etag as string },
  })
  assert.equal(again.statusCode, 304)
  const svg = await app.inject({ method: 'GET', url: '/favicon.svg' })
  assert.equal(svg.headers['content-type'], 'image/svg+xml')
})

test('no path traversal: encoded or plain `..` never leaves the dist folder', async () => {
  for (const url of [
    '/..%2f..%2fpackage.json',
    '/..%2F..%2F..%2F..%2Fetc%2Fpasswd',
    '/assets/..%2f..%2f..%2fpackage.json',
    '/%2e%2e/%2e%2e/package.json',
    '/assets/%2e%2e%5c..%5cpackage.json',
    '/assets/%00.js',
    '/missing.js',
  ]) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 404, url)
    assert.doesNotMatch(res.body, /"workspaces"|root:/, url)
  }
  assert.equal(safeRelativePath('/a/../../b'), undefined)
  assert.equal(safeRelativePath('/%E0%A4%A'), undefined)
  assert.equal(safeRelativePath('/assets/x.js'), join('assets', 'x.js'))
})

test('API, ingestion and docs paths are never answered with the app', async () => {
  for (const url of ['/api/nothing-here', '/v1/nothing', '/docs/nothing/here.json']) {
    const res = await app.inject({ method: 'GET', url })
    assert.equal(res.statusCode, 404, url)
    assert.equal(res.json().code, 'TS_NOT_FOUND', url)
  }
  assert.equal((await app.inject({ method: 'GET', url: '/api/health' })).statusCode, 200)
})

test('without a build, / explains how to build the dashboard', async () => {
  const bare = Fastify()
  await bare.register(dashboardRoutes({ ...server.rt, version: 'test' }, { distDir: join(dist, 'nope') }))
  const res = await bare.inject({ method: 'GET', url: '/' })
  assert.equal(res.statusCode, 503)
  assert.match(res.body, /npm run build:web/)
  await bare.close()
})
