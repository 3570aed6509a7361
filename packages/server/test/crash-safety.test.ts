import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openEventStore } from '../src/stores/events/open-event-store.ts'
import { basic } from './test-server.ts'
import { cli, exited, startServerProcess } from './server-process.ts'

function batchOf(client: number, n: number, size: number) {
  return Array.from({ length: size }, (_, i) => ({
    type: 'track',
    messageId: `c${client}-b${n}-m${i}`,
    anonymousId: `crash-${client}-${i % 7}`,
    event: 'Product Viewed',
    properties: { sku: `SKU-${i}`, price: 19.9 },
  }))
}

test(
  'SIGKILL during ingestion loses no acknowledged event and duplicates none',
  { timeout: 240_000 },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'touchstone-crash-'))
    try {
      const created = cli(['workspace', 'create', 'Crash', '--data', dataDir])
      assert.equal(created.code, 0, created.stderr)
      const workspaceId = /workspace_id=(\S+)/.exec(created.stdout)?.[1] as string
      const writeKey = /write_key=(\S+)/.exec(created.stdout)?.[1] as string

      let server = await startServerProcess(dataDir)
      const acked = new Set<string>()
      const unacked: Array<ReturnType<typeof batchOf>> = []
      let stop = false
      const post = (url: string, batch: unknown[]) =>
        fetch(`${url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: basic(writeKey), 'content-type': 'application/json' },
          body: JSON.stringify({ batch }),
        })
      const clients = Array.from({ length: 8 }, async (_, client) => {
        for (let n = 0; !stop; n++) {
          const batch = batchOf(client, n, 50)
          try {
            const res = await post(server.url, batch)
            if (res.status === 200) batch.forEach((m) => acked.add(m.messageId))
            else unacked.push(batch)
          } catch {
            unacked.push(batch)
            return
          }
        }
      })
      await new Promise((r) => setTimeout(r, 2_500))
      server.child.kill('SIGKILL')
      await exited(server.child)
      stop = true
      await Promise.all(clients)
      assert.ok(
        acked.size > 1_000,
        `clients should have been acknowledged before the kill (got ${acked.size})`,
      )

      // Restart on the same folder; clients retry what was not acknowledged, plus a few acknowledged
      // batches again (a client that timed out waiting for the answer would do that).
      server = await startServerProcess(dataDir)
      const retried = [...unacked, batchOf(0, 0, 50), batchOf(1, 1, 50)]
      for (const batch of retried) {
        const res = await post(server.url, batch)
        assert.equal(res.status, 200, await res.text())
        batch.forEach((m) => acked.add(m.messageId))
      }
      server.child.kill('SIGTERM')
      assert.equal(await exited(server.child), 0, server.output())

      const store = await openEventStore({ dir: join(dataDir, 'events') })
      try {
        const [row] = await store.query<{ rows: string; ids: string }>(
          'SELECT count() AS rows, uniqExact(message_id) AS ids FROM events WHERE workspace_id = {ws:String}',
          { ws: workspaceId },
        )
        const stored = await store.query<{ message_id: string }>(
          'SELECT DISTINCT message_id FROM events WHERE workspace_id = {ws:String}',
          { ws: workspaceId },
        )
        const storedIds = new Set(stored.map((r) => r.message_id))
        const missing = [...acked].filter((id) => !storedIds.has(id))
        assert.deepEqual(missing.slice(0, 5), [], `${missing.length} acknowledged events are missing`)
        assert.equal(Number(row?.ids), acked.size)
        assert.equal(Number(row?.rows), Number(row?.ids), 'every event stored exactly once')
      } finally {
        await store.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
)
