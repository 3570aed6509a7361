import { test } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { openRuntime, type Runtime } from '../src/runtime.ts'
import { openEventStore } from '../src/stores/events/open-event-store.ts'
import { basic } from './test-server.ts'
import { api, npsSurveyBody, pathOf } from './survey-fixtures.ts'

// Every form in which the person's identifiers were sent or stored.
const NEEDLES = [
  'erase-me-42',
  'erase.me@example.org',
  'Erase.Me@Example.org',
  '+49309876543',
  '+49 30 9876543',
  'anon-erase-laptop',
  'anon-erase-phone',
]

async function open(dataDir: string): Promise<{ rt: Runtime; app: FastifyInstance }> {
  const config = loadConfig({ TOUCHSTONE_DEMO: 'false', LOG_LEVEL: 'silent' }, { dataDir, port: 0 })
  const rt = await openRuntime(config, 'test')
  return { rt, app: await buildApp({ ...rt, version: 'test' }) }
}

/**
 * Every table of both stores (enumerated, so new tables are searched too) with a row containing
 * a needle: the identifiers above, and in the event store also `personIds` (its tables derived
 * per person hold nothing else). The metadata store's request and audit logs keep the erased
 * person id on purpose: the record that the request was carried out, naming no one.
 */
async function hits(dataDir: string, personIds: string[]): Promise<string[]> {
  const needles = [...NEEDLES, ...personIds]
  const found: string[] = []
  const events = await openEventStore({ dir: join(dataDir, 'events') })
  try {
    const tables = await events.query<{ name: string }>(
      `SELECT name FROM system.tables WHERE database = currentDatabase() AND engine LIKE '%MergeTree%'`,
    )
    assert.ok(tables.length >= 5, `event-store tables found: ${tables.map((t) => t.name).join(', ')}`)
    for (const { name } of tables) {
      for (const needle of needles) {
        const [row] = await events.query<{ n: string }>(
          `SELECT count() AS n FROM \`${name}\` WHERE positionCaseInsensitive(toString(tuple(*)), {v:String}) > 0`,
          { v: needle },
        )
        if (Number(row?.n) > 0) found.push(`events store: ${name} holds "${needle}" (${row?.n} rows)`)
      }
    }
  } finally {
    await events.close()
  }
  const pg = await PGlite.create({ dataDir: join(dataDir, 'meta') })
  try {
    const tables = await pg.query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
       WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
    )
    assert.ok(tables.rows.length >= 15, `meta tables found: ${tables.rows.map((t) => t.t).join(', ')}`)
    for (const { s, t } of tables.rows) {
      for (const needle of NEEDLES) {
        const res = await pg.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM "${s}"."${t}" AS r WHERE strpos(lower(r::text), lower($1)) > 0`,
          [needle],
        )
        if ((res.rows[0]?.n ?? 0) > 0) found.push(`meta store: ${s}.${t} holds "${needle}"`)
      }
    }
  } finally {
    await pg.close()
  }
  return found
}

test(
  'erasure removes a person from every table of both stores; the same ids later start a fresh person',
  { timeout: 180_000 },
  async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'touchstone-erase-'))
    try {
      let { rt, app } = await open(dataDir)
      const ws = await rt.meta.createWorkspace('Erase')
      const write = (await rt.keys.create(ws.id, 'write', 'viewer', 'w')).key
      const key = (await rt.keys.create(ws.id, 'secret', 'owner', 's')).key
      const ingest = async (batch: unknown[]) => {
        const res = await app.inject({
          method: 'POST',
          url: '/v1/batch',
          headers: { authorization: basic(write) },
          payload: { batch },
        })
        assert.equal(res.statusCode, 200, res.body)
      }
      // The person: two devices, an identify with e-mail and phone, events on both devices.
      await ingest([
        {
          type: 'page',
          messageId: 'e-1',
          anonymousId: 'anon-erase-laptop',
          name: 'Home',
          context: { ip: '203.0.113.7' },
        },
        {
          type: 'identify',
          messageId: 'e-2',
          anonymousId: 'anon-erase-laptop',
          userId: 'erase-me-42',
          traits: { email: 'Erase.Me@Example.org', phone: '+49 30 9876543', name: 'Erika Muster' },
        },
        { type: 'track', messageId: 'e-3', anonymousId: 'anon-erase-phone', event: 'App Opened' },
        {
          type: 'track',
          messageId: 'e-4',
          userId: 'erase-me-42',
          anonymousId: 'anon-erase-phone',
          event: 'Order Completed',
          properties: { email: 'erase.me@example.org' },
        },
        // Someone else, who must stay.
        { type: 'identify', messageId: 'o-1', userId: 'keep-me-7', traits: { email: 'keep@example.org' } },
      ])
      const person = await api(app, key, 'GET', '/api/persons?identifier=erase-me-42')
      assert.equal(person.status, 200)
      const personId = person.body.id as string
      assert.equal(person.body.mergedIds.length, 1, 'the phone person was merged in')
      // A survey: invitation by e-mail, a detractor response with a comment naming them, a case with a note.
      const survey = await api(app, key, 'POST', '/api/surveys', npsSurveyBody({ name: 'Erase survey' }))
      const inv = await api(app, key, 'POST', `/api/surveys/${survey.body.id}/invitations`, {
        channel: 'link',
        recipients: [{ userId: 'erase-me-42', email: 'erase.me@example.org', phone: '+49 30 9876543' }],
      })
      assert.equal(inv.status, 201, JSON.stringify(inv.body))
      const submit = await app.inject({
        method: 'POST',
        url: pathOf(inv.body.invitations[0].url),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          score: '2',
          comment: 'Schreiben Sie mir an erase.me@example.org',
        }).toString(),
      })
      assert.equal(submit.statusCode, 200, submit.body)
      const cases = await api(app, key, 'GET', `/api/cases?survey=${survey.body.id}`)
      assert.equal(cases.body.total, 1)
      const note = await api(app, key, 'POST', `/api/cases/${cases.body.items[0].id}/notes`, {
        note: 'Rückruf unter +49 30 9876543 vereinbart',
      })
      assert.equal(note.status, 201)
      assert.equal(
        (await api(app, key, 'PUT', `/api/persons/${personId}/consent`, { surveys: true })).status,
        200,
      )
      // The search finds the person everywhere before the erasure (it would catch a missed table).
      await app.close()
      await rt.close()
      const personIds = [personId, ...(person.body.mergedIds as string[])]
      const before = (await hits(dataDir, personIds)).join('\n')
      for (const table of [
        'events',
        'identities',
        'responses',
        'first_contacts',
        'cases',
        'case_events',
        'survey_invitations',
      ])
        assert.match(before, new RegExp(`: (public\\.)?${table} holds`), `seeded into ${table}`)
      ;({ rt, app } = await open(dataDir))

      const erased = await api(app, key, 'POST', '/api/privacy/requests', {
        kind: 'erasure',
        identifier: 'ERASE.ME@example.org',
      })
      assert.equal(erased.status, 201, JSON.stringify(erased.body))
      assert.equal(erased.body.status, 'completed', erased.body.error)
      assert.equal(erased.body.personId, personId)
      assert.equal(erased.body.result.events, 5, 'four sent, one recorded by the survey answer')
      assert.equal(erased.body.result.responses, 1)
      assert.equal(erased.body.result.cases, 1)
      assert.ok(erased.body.result.case_events >= 2, 'created and the note')
      assert.equal(erased.body.result.survey_invitations, 1)
      assert.equal(erased.body.result.consents, 1)
      assert.equal((await api(app, key, 'GET', '/api/persons?identifier=erase-me-42')).status, 404)
      assert.equal(rt.identities.graph(ws.id).lookup({ kind: 'user_id', value: 'erase-me-42' }), undefined)
      assert.equal(rt.dedup.check(ws.id, 'e-3'), 'new', 'the erased events are no longer in the dedup window')
      const log = await api(app, key, 'GET', `/api/privacy/requests/${erased.body.id}`)
      assert.equal(log.body.kind, 'erasure')
      await app.close()
      await rt.close()

      assert.deepEqual(
        await hits(dataDir, personIds),
        [],
        'no table of either store holds any identifier of the person',
      )

      ;({ rt, app } = await open(dataDir))
      const other = await api(app, key, 'GET', '/api/persons?identifier=keep-me-7')
      assert.equal(other.status, 200, 'the other person stays')
      await ingest([{ type: 'track', messageId: 'e-3', userId: 'erase-me-42', event: 'Came Back' }])
      const fresh = await api(app, key, 'GET', '/api/persons?identifier=erase-me-42')
      assert.equal(fresh.status, 200)
      assert.notEqual(fresh.body.id, personId, 'a fresh person')
      assert.equal(fresh.body.eventCount, 1, 'the re-sent message id is stored again, nothing old comes back')
      assert.deepEqual(fresh.body.mergedIds, [])
      await app.close()
      await rt.close()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  },
)
