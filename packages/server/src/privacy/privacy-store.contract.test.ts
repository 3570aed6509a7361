import { test } from 'node:test'
import assert from 'node:assert/strict'
import type { SurveyDefinition } from '@touchstone/core/surveys'
import { describeMetaContract } from '../../test/meta-drivers.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import type { PersonKeys } from './privacy-store.ts'

const definition: SurveyDefinition = {
  name: 'NPS',
  kind: 'nps',
  languages: ['de'],
  questions: [{ id: 'score', type: 'nps', text: { de: 'Empfehlen?' } }],
}
const P1 = '00000000-0000-4000-8000-000000000001'
const P2 = '00000000-0000-4000-8000-000000000002'

/** The contract every PrivacyStore driver meets; run once per database (describeMetaContract). */
describeMetaContract('PrivacyStore', (opened) => {
  let meta: MetaStore
  let ws: string
  let other: string
  opened((context) => ({ meta, ws, other } = context))

  test('consents: the latest statement per person and purpose wins, a late older one does not', async () => {
    const row = (granted: boolean, at: string) => ({
      workspaceId: ws,
      personId: P1,
      purpose: 'surveys' as const,
      granted,
      source: 'api',
      updatedAt: new Date(at),
    })
    await meta.privacy.putConsents([row(true, '2026-01-02T00:00:00Z')])
    await meta.privacy.putConsents([row(false, '2026-01-03T00:00:00Z')])
    await meta.privacy.putConsents([row(true, '2026-01-01T00:00:00Z')])
    const all = (await meta.privacy.allConsents()).filter((r) => r.workspaceId === ws)
    assert.equal(all.length, 1)
    assert.equal(all[0]?.granted, false)
  })

  test('requests are logged per workspace, finished with counts, listed newest first', async () => {
    const a = await meta.privacy.createRequest(ws, 'export', P1, 'key-1')
    assert.equal(a.status, 'running')
    const b = await meta.privacy.createRequest(ws, 'erasure', P1, 'key-1')
    const done = await meta.privacy.finishRequest(b.id, { status: 'completed', result: { events: 3 } })
    assert.equal(done?.status, 'completed')
    assert.deepEqual(done?.result, { events: 3 })
    assert.ok(done?.completedAt)
    assert.deepEqual(
      (await meta.privacy.listRequests(ws, 10)).map((r) => r.id),
      [b.id, a.id],
    )
    assert.equal(await meta.privacy.getRequest(other, a.id), undefined, 'another workspace sees nothing')
    assert.equal(await meta.privacy.getRequest(ws, 'not-a-uuid'), undefined)
  })

  test("a person's invitations, cases with notes and consents are found and erased, nobody else's", async () => {
    const survey = await meta.surveys.createSurvey(ws, definition, 'live')
    const [mine, theirs, byKey] = await meta.surveys.createInvitations([
      {
        workspaceId: ws,
        surveyId: survey.id,
        version: 1,
        channel: 'email',
        email: 'p1@example.org',
        personKey: 'email:p1@example.org',
      },
      {
        workspaceId: ws,
        surveyId: survey.id,
        version: 1,
        channel: 'email',
        email: 'p2@example.org',
        personKey: 'email:p2@example.org',
      },
      {
        workspaceId: ws,
        surveyId: survey.id,
        version: 1,
        channel: 'link',
        personKey: 'user_id:p1',
        trigger: 't',
      },
    ])
    assert.ok(mine && theirs && byKey)
    const opened = await meta.cases.openCase(
      {
        workspaceId: ws,
        responseId: mine.id,
        personId: P1,
        reason: 'nps ≤ 6',
        dueAt: new Date(),
        comment: 'schreibt p1@example.org',
      },
      'system',
    )
    assert.ok(opened)
    await meta.cases.addNote(ws, opened.id, 'angerufen', 'key-1')
    const kept = await meta.cases.openCase(
      { workspaceId: ws, responseId: theirs.id, personId: P2, reason: 'nps ≤ 6', dueAt: new Date() },
      'system',
    )
    const keys: PersonKeys = {
      personIds: [P1],
      responseIds: [mine.id],
      userIds: ['p1'],
      emails: ['p1@example.org'],
      phones: [],
      anonymousIds: [],
    }
    assert.deepEqual(await meta.privacy.personData(other, keys), {
      invitations: [],
      cases: [],
      consents: [],
    })
    const data = await meta.privacy.personData(ws, keys)
    assert.deepEqual(data.invitations.map((i) => i.id).sort(), [mine.id, byKey.id].sort())
    assert.equal(data.cases.length, 1)
    assert.deepEqual(
      data.cases[0]?.events.map((e) => e.kind),
      ['created', 'note'],
    )
    assert.equal(data.consents.length, 1)
    assert.equal(typeof data.cases[0]?.createdAt, 'string', 'dates as ISO text')
    assert.deepEqual(await meta.privacy.erasePerson(other, keys), {
      case_events: 0,
      cases: 0,
      survey_invitations: 0,
      consents: 0,
      webhook_deliveries: 0,
    })
    assert.deepEqual(await meta.privacy.erasePerson(ws, keys), {
      case_events: 2,
      cases: 1,
      survey_invitations: 2,
      consents: 1,
      webhook_deliveries: 0,
    })
    assert.deepEqual(await meta.privacy.personData(ws, keys), { invitations: [], cases: [], consents: [] })
    assert.ok(await meta.cases.getCase(ws, kept!.id), "the other person's case stays")
    assert.ok(await meta.surveys.getInvitation(theirs.id))
  })
})
