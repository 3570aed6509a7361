import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, connect, type Server, type Socket, type AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'node:test'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openRuntime, type Runtime } from '../src/runtime.ts'
import { startClickHouseEmulator } from './clickhouse-http-emulator.ts'
import { createTempDatabase, skipPostgres } from './temp-postgres.ts'
import { basic } from './test-server.ts'

// Issue 6 end to end: a TCP proxy sits between the server and a store; cutting it (every open
// socket destroyed, new connections refused) is a real outage. Requests must answer 503 with
// Retry-After and a message naming the store within a bounded time, the log must say so, the
// process must live on, and once the proxy is back every acknowledged event is stored once.

/** A TCP proxy to `target` on a fixed loopback port that can be cut and restored. */
async function startProxy(target: { host: string; port: number }) {
  const sockets = new Set<Socket>()
  let server: Server | undefined
  let port = 0
  const open = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = connect(target.port, target.host)
        for (const s of [client, upstream]) {
          sockets.add(s)
          s.on('close', () => sockets.delete(s))
          s.on('error', () => {})
        }
        client.pipe(upstream).pipe(client)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
      })
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        port = (server?.address() as AddressInfo).port
        resolve()
      })
    })
  await open()
  return {
    port,
    /** Refuses new connections and destroys the open ones. */
    async cut() {
      const closed = new Promise((resolve) => server?.close(resolve))
      for (const s of sockets) s.destroy()
      await closed
    },
    restore: open,
    close: async function () {
      await this.cut()
    },
  }
}

/** The runtime and app on the given store URLs, with every log line captured. */
async function startServer(env: Record<string, string>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'touchstone-outage-'))
  const lines: string[] = []
  const push = (level: string) => (obj: unknown, msg?: string) => {
    const err = (obj as { err?: unknown }).err
    lines.push(`${level} ${msg ?? ''} ${err instanceof Error ? err.message : ''}`)
  }
  const config = loadConfig({ TOUCHSTONE_DEMO: 'false', LOG_LEVEL: 'info', ...env }, { dataDir, port: 0 })
  const rt: Runtime = await openRuntime(config, 'test', { info: push('info'), error: push('error') })
  const app: FastifyInstance = await buildApp(
    { ...rt, version: 'test' },
    { logger: { level: 'info', stream: { write: (line: string) => void lines.push(line) } } },
  )
  return {
    rt,
    app,
    lines,
    async close() {
      await app.close()
      await rt.close().catch(() => {})
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

function track(prefix: string, n: number, userId: string) {
  return Array.from({ length: n }, (_, i) => ({
    type: 'track',
    event: 'Order Completed',
    userId,
    messageId: `${prefix}-${i}`,
    timestamp: new Date().toISOString(),
  }))
}

function batch(app: FastifyInstance, writeKey: string, messages: unknown[]) {
  return app.inject({
    method: 'POST',
    url: '/v1/batch',
    headers: { authorization: basic(writeKey) },
    payload: { batch: messages },
  })
}

/** Polls `attempt` until it answers 200, for at most `ms`. */
async function until200(attempt: () => Promise<{ statusCode: number; body: string }>, ms = 20_000) {
  const deadline = Date.now() + ms
  let last = await attempt()
  while (last.statusCode !== 200 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200))
    last = await attempt()
  }
  assert.equal(last.statusCode, 200, last.body)
  return last
}

/** Asserts a 503 with Retry-After whose JSON message names `store`, answered within `ms`. */
async function assertUnavailable(
  request: () => Promise<{
    statusCode: number
    body: string
    headers: Record<string, unknown>
    json(): unknown
  }>,
  store: RegExp,
  ms = 15_000,
) {
  const started = Date.now()
  const res = await request()
  assert.ok(Date.now() - started < ms, `answered after ${Date.now() - started} ms`)
  assert.equal(res.statusCode, 503, res.body)
  assert.ok(Number(res.headers['retry-after']) >= 1, 'Retry-After header')
  const body = res.json() as { code: string; message: string }
  assert.equal(body.code, 'TS_STORE_UNAVAILABLE')
  assert.match(body.message, store)
}

test('event store (ClickHouse HTTP) outage: 503 + Retry-After, logged, recovery, no loss', async () => {
  const chDir = mkdtempSync(join(tmpdir(), 'ts-outage-ch-'))
  const emulator = await startClickHouseEmulator(chDir)
  const target = new URL(emulator.url)
  const proxy = await startProxy({ host: target.hostname, port: Number(target.port) })
  const server = await startServer({ CLICKHOUSE_URL: `http://127.0.0.1:${proxy.port}` })
  const { app, rt } = server
  try {
    const ws = await rt.meta.createWorkspace('Outage')
    const write = await rt.keys.create(ws.id, 'write', 'viewer', 'w')
    const secret = await rt.keys.create(ws.id, 'secret', 'owner', 's')
    const persons = () =>
      app.inject({
        method: 'GET',
        url: '/api/persons?identifier=u-outage',
        headers: { authorization: `Bearer ${secret.key}` },
      })

    const before = await batch(app, write.key, track('before', 5, 'u-outage'))
    assert.equal(before.statusCode, 200, before.body)
    await until200(persons)

    await proxy.cut()
    await assertUnavailable(() => batch(app, write.key, track('during', 3, 'u-outage')), /event store/)
    await assertUnavailable(persons, /event store/)
    assert.ok(
      server.lines.some((l) => /event store/.test(l) && /error|"level":50/.test(l)),
      `a log line names the event store:\n${server.lines.join('\n')}`,
    )

    await proxy.restore()
    // The client retries the refused batch (same messageIds) and the server recovers by itself.
    await until200(() => batch(app, write.key, track('during', 3, 'u-outage')))
    await until200(() => batch(app, write.key, track('after', 2, 'u-outage')))
    await until200(persons)
    // A retry of an already stored batch is acknowledged but not stored again.
    await until200(() => batch(app, write.key, track('before', 5, 'u-outage')))
    assert.equal(await rt.events.countEvents(ws.id), 5 + 3 + 2)
  } finally {
    await server.close()
    await proxy.close()
    await emulator.close()
    rmSync(chDir, { recursive: true, force: true })
  }
})

test(
  'metadata store (PostgreSQL) outage: 503 + Retry-After, logged, recovery',
  { skip: skipPostgres },
  async () => {
    const db = await createTempDatabase()
    assert.ok(db)
    const chDir = mkdtempSync(join(tmpdir(), 'ts-outage-ch-'))
    const emulator = await startClickHouseEmulator(chDir)
    const dbUrl = new URL(db.url)
    const proxy = await startProxy({ host: dbUrl.hostname, port: Number(dbUrl.port || 5432) })
    const viaProxy = new URL(db.url)
    viaProxy.hostname = '127.0.0.1'
    viaProxy.port = String(proxy.port)
    const server = await startServer({ DATABASE_URL: viaProxy.toString(), CLICKHOUSE_URL: emulator.url })
    const { app, rt } = server
    try {
      const ws = await rt.meta.createWorkspace('Outage')
      const write = await rt.keys.create(ws.id, 'write', 'viewer', 'w')
      // A key never used before the outage must be looked up in the store.
      const unusedWrite = await rt.keys.create(ws.id, 'write', 'viewer', 'w2')
      const secret = await rt.keys.create(ws.id, 'secret', 'owner', 's')
      const surveys = () =>
        app.inject({ method: 'GET', url: '/api/surveys', headers: { authorization: `Bearer ${secret.key}` } })

      const before = await batch(app, write.key, track('before', 4, 'u-pg'))
      assert.equal(before.statusCode, 200, before.body)
      await until200(surveys)

      await proxy.cut()
      await assertUnavailable(surveys, /metadata store/)
      await assertUnavailable(() => batch(app, unusedWrite.key, track('during', 2, 'u-pg')), /metadata store/)
      assert.ok(
        server.lines.some((l) => /metadata store/.test(l)),
        `a log line names the metadata store:\n${server.lines.join('\n')}`,
      )

      await proxy.restore()
      await until200(surveys)
      await until200(() => batch(app, unusedWrite.key, track('during', 2, 'u-pg')))
      await until200(() => batch(app, write.key, track('after', 3, 'u-pg')))
      assert.equal(await rt.events.countEvents(ws.id), 4 + 2 + 3)
    } finally {
      await server.close()
      await proxy.close()
      await emulator.close()
      rmSync(chDir, { recursive: true, force: true })
      await db.drop()
    }
  },
)
