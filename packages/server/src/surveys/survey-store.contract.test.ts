import { test } from 'node:test'
import assert from 'node:assert/strict'
import { describeMetaContract } from '../../test/meta-drivers.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import type { SurveyDefinition } from '@touchstone/core/surveys'

const definition: SurveyDefinition = {
  name: 'NPS',
  kind: 'nps',
  languages: ['de', 'en'],
  questions: [{ id: 'score', type: 'nps', text: { de: 'Empfehlen?', en: 'Recommend?' } }],
}

/** The contract every SurveyStore driver meets; run once per database (describeMetaContract). */
describeMetaContract('SurveyStore', (opened) => {
  let meta: MetaStore
  let ws: string
  let other: string
  opened((context) => ({ meta, ws, other } = context))

  test('surveys are versioned: drafts change in place, live surveys get a new version; other workspaces see nothing', async () => {
    const s = meta.surveys
    const draft = await s.createSurvey(ws, definition, 'draft')
    assert.equal((await s.updateDefinition(ws, draft.id, { ...definition, name: 'NPS 2' }))?.version, 1)
    assert.equal((await s.getVersion(ws, draft.id, 1))?.name, 'NPS 2')
    await s.setStatus(ws, draft.id, 'live')
    const [a, b] = await Promise.all([
      s.updateDefinition(ws, draft.id, { ...definition, name: 'NPS 3' }),
      s.updateDefinition(ws, draft.id, { ...definition, name: 'NPS 4' }),
    ])
    assert.deepEqual([a?.version, b?.version].sort(), [2, 3], 'concurrent edits get distinct versions')
    assert.deepEqual(
      (await s.listVersions(ws, draft.id)).map((v) => v.version),
      [1, 2, 3],
    )
    assert.equal(await s.getSurvey(other, draft.id), undefined)
    assert.equal(await s.getVersion(other, draft.id, 1), undefined)
    assert.equal(await s.updateDefinition(other, draft.id, definition), undefined)
    assert.equal(await s.getSurvey(ws, "x' OR 1=1 --"), undefined)
    assert.deepEqual(await s.listSurveys(other), [])
  })

  test('invitations: one per person and trigger; completion happens once; counts per channel', async () => {
    const s = meta.surveys
    const survey = await s.createSurvey(ws, definition, 'live')
    const base = { workspaceId: ws, surveyId: survey.id, version: 1, channel: 'email' as const }
    const [x, y, z] = await s.createInvitations([
      { ...base, email: 'a@b.de', personKey: 'email:a@b.de', trigger: 'order:1' },
      { ...base, email: 'a@b.de', personKey: 'email:a@b.de', trigger: 'order:1' },
      { ...base, email: 'a@b.de', personKey: 'email:a@b.de' },
    ])
    assert.ok(x && z)
    assert.equal(y, undefined, 'same person and trigger: skipped')
    assert.deepEqual(
      (await s.invitationsByTrigger(ws, ['order:1', 'order:2'])).map((i) => i.id),
      [x.id],
    )
    assert.deepEqual(await s.invitationsByTrigger(other, ['order:1']), [])
    const at = new Date('2026-03-01T10:00:00Z')
    await s.markInvitation(x.id, 'sent', at)
    await s.markInvitation(x.id, 'opened', new Date(at.getTime() + 1000))
    const started = await s.startResponse(x.id, new Date(at.getTime() + 2000))
    assert.equal((await s.startResponse(x.id, new Date(at.getTime() + 9000))).getTime(), started.getTime())
    const wins = await Promise.all([s.completeResponse(x.id, at), s.completeResponse(x.id, at)])
    assert.deepEqual(wins.sort(), [false, true])
    await s.markInvitation(x.id, 'failed', at, 'bounce')
    assert.equal((await s.getInvitation(x.id))?.status, 'answered', 'an answered invitation never moves back')
    await s.markInvitation(z.id, 'failed', at, '550 no such user')
    assert.equal((await s.getInvitation(z.id))?.error, '550 no such user')
    const counts = await s.invitationCounts(ws, new Date('2000-01-01'), new Date('2100-01-01'))
    const email = counts.find((c) => c.surveyId === survey.id && c.channel === 'email')
    assert.deepEqual(email && { ...email, surveyId: undefined }, {
      surveyId: undefined,
      channel: 'email',
      created: 2,
      sent: 1,
      opened: 1,
      answered: 1,
      failed: 1,
    })
    assert.deepEqual(await s.invitationCounts(other, new Date('2000-01-01'), new Date('2100-01-01')), [])
    assert.ok((await s.lastInvitedAt(ws, ['email:a@b.de'])).has('email:a@b.de'))
    assert.equal((await s.lastInvitedAt(other, ['email:a@b.de'])).size, 0)
    assert.equal((await s.listInvitations(other, { limit: 10, offset: 0 })).length, 0)
  })

  test('settings are per workspace', async () => {
    await meta.surveys.putSettings(ws, { assignees: ['anna'] })
    await meta.surveys.putSettings(ws, { assignees: ['ben'] })
    assert.deepEqual(await meta.surveys.getSettings(ws), { assignees: ['ben'] })
    assert.deepEqual(await meta.surveys.getSettings(other), {})
  })
})
