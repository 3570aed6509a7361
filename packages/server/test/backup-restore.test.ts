import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openEventStore } from '../src/stores/events/open-event-store.ts'
import type { BackupManifest } from '../src/backup/backup-manifest.ts'
import { basic } from './test-server.ts'
import { cli, exited, startServerProcess } from './server-process.ts'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const BIN = fileURLToPath(new URL('../bin/touchstone.js', import.meta.url))

/** Runs a CLI command without blocking this process (the ingesting clients keep running). */
function cliAsync(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, LOG_LEVEL: 'warn' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })))
}

function batchOf(client: number, n: number) {
  return Array.from({ length: 20 }, (_, i) => ({
    type: i === 0 ? 'identify' : 'track',
    messageId: `b${client}-${n}-${i}`,
    anonymousId: `dev-${client}-${n % 5}`,
    ...(i === 0
      ? { userId: `user-${client}-${n % 5}`, traits: { email: `u${client}.${n % 5}@example.org` } }
      : {}),
    event: 'Viewed',
  }))
}

test(
  'backup while serving and ingesting, restore into a fresh folder: counts match the snapshot, the server starts on it',
  { timeout: 300_000 },
  async () => {
    const root = mkdtempSync(join(tmpdir(), 'touchstone-backup-'))
    const dataDir = join(root, 'data')
    const backupDir = join(root, 'backup')
    const restoredDir = join(root, 'restored')
    try {
      const created = cli(['workspace', 'create', 'Backup', '--data', dataDir])
      assert.equal(created.code, 0, created.stderr)
      const workspaceId = /workspace_id=(\S+)/.exec(created.stdout)?.[1] as string
      const writeKey = /write_key=(\S+)/.exec(created.stdout)?.[1] as string
      const secretKey = /secret_key=(\S+)/.exec(created.stdout)?.[1] as string
      let server = await startServerProcess(dataDir)
      const acked = new Set<string>()
      let stop = false
      const post = async (batch: ReturnType<typeof batchOf>) => {
        const res = await fetch(`${server.url}/v1/batch`, {
          method: 'POST',
          headers: { authorization: basic(writeKey), 'content-type': 'application/json' },
          body: JSON.stringify({ batch }),
        })
        assert.equal(res.status, 200, await res.text())
        batch.forEach((m) => acked.add(m.messageId))
      }
      for (let n = 0; n < 10; n++) await post(batchOf(9, n))
      const before = new Set(acked)
      // Four clients keep ingesting while the backup runs.
      const clients = Array.from({ length: 4 }, async (_, client) => {
        for (let n = 0; !stop; n++) await post(batchOf(client, n))
      })
      await new Promise((r) => setTimeout(r, 300))
      const started = performance.now()
      const backup = await cliAsync(['backup', backupDir, '--data', dataDir, '--url', server.url])
      const backupMs = performance.now() - started
      assert.equal(backup.code, 0, backup.stderr)
      assert.match(backup.stdout, /backup written to/)
      await new Promise((r) => setTimeout(r, 300))
      stop = true
      await Promise.all(clients)
      const manifest = JSON.parse(readFileSync(join(backupDir, 'manifest.json'), 'utf8')) as BackupManifest
      assert.ok(manifest.events.events! >= before.size, 'everything acknowledged before the backup is in it')
      assert.ok(manifest.events.events! < acked.size, 'ingestion went on after the snapshot')
      assert.ok(manifest.meta.workspaces === 1 && manifest.meta.api_keys === 2, JSON.stringify(manifest.meta))
      console.log(
        `backup of ${manifest.events.events} events while ingesting: ${Math.round(backupMs)} ms (CLI, incl. start-up), ` +
          `event writes held ${manifest.ingestPausedMs} ms`,
      )

      const refused = cli(['restore', backupDir, '--data', dataDir])
      assert.equal(refused.code, 1)
      assert.match(refused.stderr, /in use by process \d+/)
      server.child.kill('SIGTERM')
      assert.equal(await exited(server.child), 0, server.output())
      const notEmpty = cli(['restore', backupDir, '--data', dataDir])
      assert.equal(notEmpty.code, 1)
      assert.match(notEmpty.stderr, /already holds data/)

      const restored = cli(['restore', backupDir, '--data', restoredDir])
      assert.equal(restored.code, 0, restored.stderr)
      assert.match(restored.stdout, /matches the backup/)
      const store = await openEventStore({ dir: join(restoredDir, 'events') })
      try {
        const [row] = await store.query<{ rows: string; ids: string }>(
          'SELECT count() AS rows, uniqExact(message_id) AS ids FROM events WHERE workspace_id = {ws:String}',
          { ws: workspaceId },
        )
        assert.equal(Number(row?.rows), manifest.events.events)
        assert.equal(Number(row?.ids), Number(row?.rows), 'each event once')
        const ids = new Set(
          (await store.query<{ m: string }>('SELECT message_id AS m FROM events')).map((r) => r.m),
        )
        assert.deepEqual(
          [...before].filter((m) => !ids.has(m)),
          [],
        )
        assert.deepEqual(
          [...ids].filter((m) => !acked.has(m)),
          [],
          'nothing that was not acknowledged',
        )
        // Consistent across tables: every event's person has its identity links in the snapshot.
        const [orphans] = await store.query<{ n: string }>(
          `SELECT count() AS n FROM events WHERE person_id NOT IN (SELECT person_id FROM identities)
             AND person_id NOT IN (SELECT old_person_id FROM person_overrides)`,
        )
        assert.equal(Number(orphans?.n), 0)
      } finally {
        await store.close()
      }
      server = await startServerProcess(restoredDir)
      try {
        const res = await fetch(`${server.url}/api/persons?identifier=u9.0@example.org`, {
          headers: { authorization: `Bearer ${secretKey}` },
        })
        assert.equal(res.status, 200, 'the restored meta store knows the key; the event store the person')
        assert.equal(((await res.json()) as { eventCount: number }).eventCount, 40)
      } finally {
        server.child.kill('SIGTERM')
        assert.equal(await exited(server.child), 0)
      }
      // With the server stopped the command opens the folder itself.
      const offline = cli(['backup', join(root, 'backup-2'), '--data', restoredDir])
      assert.equal(offline.code, 0, offline.stderr)
      const second = JSON.parse(
        readFileSync(join(root, 'backup-2', 'manifest.json'), 'utf8'),
      ) as BackupManifest
      assert.equal(second.events.events, manifest.events.events)
      assert.deepEqual(second.meta, manifest.meta)
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  },
)
