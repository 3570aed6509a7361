import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { openEventStore } from '../src/stores/events/open-event-store.ts'
import { npsSurveyBody } from './survey-fixtures.ts'
import { cli, exited, startServerProcess, type ServerProcess } from './server-process.ts'

const INVITES = 150

/** The fields of the API answers this test reads. */
interface Answer {
  id: string
  invitations: Array<{ id: string; url: string }>
  items: Array<{ id: string }>
}
const EARLY = 12

test(
  'SIGKILL during survey submissions and case updates: every acknowledged answer and note is there exactly once',
  { timeout: 300_000 },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'touchstone-crash-loop-'))
    try {
      const created = cli(['workspace', 'create', 'Crash loop', '--data', dataDir])
      assert.equal(created.code, 0, created.stderr)
      const workspaceId = /workspace_id=(\S+)/.exec(created.stdout)?.[1] as string
      const key = /secret_key=(\S+)/.exec(created.stdout)?.[1] as string
      let server: ServerProcess = await startServerProcess(dataDir)
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${server.url}${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        })
        return { status: res.status, body: (await res.json().catch(() => ({}))) as Answer }
      }
      const survey = await call('POST', '/api/surveys', npsSurveyBody({ name: 'Crash' }))
      assert.equal(survey.status, 201, JSON.stringify(survey.body))
      const invited = await call('POST', `/api/surveys/${survey.body.id}/invitations`, {
        channel: 'link',
        recipients: Array.from({ length: INVITES }, (_, i) => ({ userId: `crash-${i}` })),
      })
      assert.equal(invited.status, 201)
      const paths: string[] = invited.body.invitations.map((i: { url: string }) => new URL(i.url).pathname)
      const ids: string[] = invited.body.invitations.map((i: { id: string }) => i.id)
      const scoreOf = (i: number) => i % 11
      const submit = (i: number) =>
        fetch(`${server.url}${paths[i]}`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ score: String(scoreOf(i)), reason: 'price' }).toString(),
        })
      // Detractors answered before the crash have cases to work on during it.
      for (let i = 0; i < EARLY; i++) assert.equal((await submit(i * 11)).status, 200)
      const cases = await call('GET', '/api/cases?limit=100')
      const caseIds: string[] = cases.body.items.map((c: { id: string }) => c.id)
      assert.equal(caseIds.length, EARLY)

      const answered = new Set<number>(Array.from({ length: EARLY }, (_, i) => i * 11))
      const notes = new Set<string>()
      const queue = Array.from({ length: INVITES }, (_, i) => i).filter((i) => !answered.has(i))
      let stop = false
      const submitters = Array.from({ length: 4 }, async () => {
        while (!stop && queue.length > 0) {
          const i = queue.shift() as number
          try {
            if ((await submit(i)).status === 200) answered.add(i)
            else queue.push(i)
          } catch {
            queue.push(i)
            return
          }
        }
      })
      const workers = Array.from({ length: 2 }, async (_, w) => {
        for (let n = 0; !stop; n++) {
          const caseId = caseIds[n % caseIds.length] as string
          const text = `note-${w}-${n}`
          try {
            const res = await fetch(`${server.url}/api/cases/${caseId}/notes`, {
              method: 'POST',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify({ note: text }),
            })
            if (res.status === 201) notes.add(text)
            await fetch(`${server.url}/api/cases/${caseId}`, {
              method: 'PATCH',
              headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
              body: JSON.stringify({ assignee: `agent-${w}-${n}` }),
            })
          } catch {
            return
          }
        }
      })
      // Kill mid-activity: once a good share is acknowledged (the machine may be slow), at most 20 s in.
      const deadline = Date.now() + 20_000
      while (Date.now() < deadline && (answered.size < EARLY + 40 || notes.size < 20))
        await new Promise((r) => setTimeout(r, 100))
      server.child.kill('SIGKILL')
      await exited(server.child)
      stop = true
      await Promise.all([...submitters, ...workers])
      assert.ok(answered.size > EARLY + 5, `answers acknowledged before the kill: ${answered.size}`)
      assert.ok(notes.size > 3, `notes acknowledged before the kill: ${notes.size}`)

      // Restart; submit everything not acknowledged, and a few acknowledged ones again.
      server = await startServerProcess(dataDir)
      for (const i of [...queue, 0, 11, 22]) {
        const res = await submit(i)
        assert.equal(res.status, 200, `invitation ${i}: ${await res.text()}`)
        answered.add(i)
      }
      assert.equal(answered.size, INVITES)
      server.child.kill('SIGTERM')
      assert.equal(await exited(server.child), 0, server.output())

      const store = await openEventStore({ dir: join(dataDir, 'events') })
      try {
        const rows = await store.query<{ response_id: string; score: number }>(
          'SELECT response_id, score FROM responses FINAL WHERE workspace_id = {ws:String}',
          { ws: workspaceId },
        )
        assert.equal(rows.length, INVITES, 'one response per invitation')
        const byId = new Map(rows.map((r) => [r.response_id, r.score]))
        ids.forEach((id, i) => assert.equal(byId.get(id), scoreOf(i), `response ${i}`))
        const [events] = await store.query<{ rows: string; ids: string }>(
          `SELECT count() AS rows, uniqExact(message_id) AS ids FROM events
           WHERE workspace_id = {ws:String} AND event = 'Survey Responded'`,
          { ws: workspaceId },
        )
        assert.equal(Number(events?.ids), INVITES)
        assert.equal(Number(events?.rows), INVITES, 'each answer event stored once')
      } finally {
        await store.close()
      }
      const pg = await PGlite.create({ dataDir: join(dataDir, 'meta') })
      try {
        const detractors = ids.filter((_, i) => scoreOf(i) <= 6)
        const c = await pg.query<{ n: number; r: number }>(
          'SELECT count(*)::int AS n, count(DISTINCT response_id)::int AS r FROM cases WHERE workspace_id = $1',
          [workspaceId],
        )
        assert.deepEqual(c.rows[0], { n: detractors.length, r: detractors.length }, 'one case per detractor')
        const inv = await pg.query<{ status: string; n: number }>(
          'SELECT status, count(*)::int AS n FROM survey_invitations WHERE workspace_id = $1 GROUP BY status',
          [workspaceId],
        )
        assert.deepEqual(inv.rows, [{ status: 'answered', n: INVITES }])
        const stored = await pg.query<{ note: string; n: number }>(
          `SELECT note, count(*)::int AS n FROM case_events WHERE workspace_id = $1 AND kind = 'note' GROUP BY note`,
          [workspaceId],
        )
        const count = new Map(stored.rows.map((r) => [r.note, r.n]))
        assert.deepEqual(
          [...notes].filter((n) => count.get(n) !== 1),
          [],
          'every acknowledged note once',
        )
        assert.deepEqual(
          stored.rows.filter((r) => r.n > 1),
          [],
          'no note twice',
        )
        const created = await pg.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM case_events WHERE workspace_id = $1 AND kind = 'created'`,
          [workspaceId],
        )
        assert.equal(created.rows[0]?.n, detractors.length, 'each case opened once in its audit trail')
      } finally {
        await pg.close()
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
)
