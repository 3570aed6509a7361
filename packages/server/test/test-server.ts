import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openRuntime, type Runtime } from '../src/runtime.ts'

/** A workspace with its keys. */
export interface TestWorkspace {
  id: string
  writeKey: string
  secretKey: string
}

/** A server on embedded stores in a temporary folder (one per test file: chDB binds one folder per process). */
export interface TestServer {
  app: FastifyInstance
  rt: Runtime
  dataDir: string
  workspace(name?: string): Promise<TestWorkspace>
  close(): Promise<void>
}

/** Opens the runtime and the app; `listen` also binds a loopback port (for real clients). */
export async function startTestServer(
  options: { listen?: boolean } = {},
): Promise<TestServer & { url: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'touchstone-test-'))
  const config = loadConfig({ TOUCHSTONE_DEMO: 'false', LOG_LEVEL: 'silent' }, { dataDir, port: 0 })
  const rt = await openRuntime(config, 'test')
  const app = await buildApp({ ...rt, version: 'test' })
  let url = ''
  if (options.listen) url = await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    app,
    rt,
    dataDir,
    url,
    async workspace(name = 'Test') {
      const ws = await rt.meta.createWorkspace(name)
      const write = await rt.keys.create(ws.id, 'write', 'viewer', 'test write')
      const secret = await rt.keys.create(ws.id, 'secret', 'owner', 'test secret')
      return { id: ws.id, writeKey: write.key, secretKey: secret.key }
    },
    async close() {
      await app.close()
      await rt.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The Authorization header Segment clients send for a write key. */
export function basic(writeKey: string): string {
  return `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`
}

/** Posts a batch with a write key and asserts that every message was accepted. */
export async function sendBatch(app: FastifyInstance, writeKey: string, batch: unknown[]): Promise<void> {
  const res = await app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(writeKey) },
    payload: { batch },
  })
  assert.equal(res.statusCode, 200, res.body)
  assert.deepEqual(res.json().rejected, [])
}

/** A GET on the API with a secret key. */
export function apiGet(app: FastifyInstance, secretKey: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${secretKey}` } })
}
