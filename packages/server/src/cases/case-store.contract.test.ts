import { test } from 'node:test'
import assert from 'node:assert/strict'
import { describeMetaContract } from '../../test/meta-drivers.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'

/** The contract every CaseStore driver meets; run once per database (describeMetaContract). */
describeMetaContract('CaseStore', (opened) => {
  let meta: MetaStore
  let ws: string
  let other: string
  opened((context) => ({ meta, ws, other } = context))

  test('one case per response; changes are atomic and audited; other workspaces see nothing', async () => {
    const c = meta.cases
    const base = {
      workspaceId: ws,
      responseId: 'r-1',
      reason: 'nps ≤ 6',
      dueAt: new Date('2026-01-03T00:00:00Z'),
      assignee: 'anna',
    }
    const [first, second] = await Promise.all([c.openCase(base, 'system'), c.openCase(base, 'system')])
    const opened = first ?? second
    assert.ok(opened)
    assert.ok(!(first && second), 'the second open of the same response finds the first')
    const refused = await c.updateCase(ws, opened.id, { status: 'resolved' }, 'key:1', () => 'no')
    assert.deepEqual(refused, { refused: 'no' })
    const moved = await c.updateCase(
      ws,
      opened.id,
      { status: 'in_progress', assignee: 'ben' },
      'key:1',
      () => undefined,
    )
    assert.ok(moved && 'case' in moved)
    assert.equal(moved.case.status, 'in_progress')
    await c.addNote(ws, opened.id, 'angerufen', 'key:1')
    const trail = await c.caseEvents(ws, opened.id)
    assert.deepEqual(
      trail.map((e) => `${e.kind}:${e.fromValue ?? ''}>${e.toValue ?? ''}`),
      ['created:>nps ≤ 6', 'assigned:>anna', 'assigned:anna>ben', 'status:new>in_progress', 'note:>'],
    )
    assert.equal(await c.getCase(other, opened.id), undefined)
    assert.equal(await c.updateCase(other, opened.id, { status: 'closed' }, 'x', () => undefined), undefined)
    assert.equal(await c.addNote(other, opened.id, 'x', 'x'), undefined)
    assert.deepEqual(await c.caseEvents(other, opened.id), [])
    assert.equal((await c.listCases(other, { limit: 10, offset: 0 })).total, 0)
  })

  test('lists filter by status, assignee and overdue; imports skip known responses', async () => {
    const c = meta.cases
    const imported = await c.importCases([
      {
        case: {
          workspaceId: ws,
          responseId: 'r-2',
          reason: 'csat ≤ 2',
          dueAt: new Date('2020-01-01'),
          status: 'new',
          touchpoint: 'delivery',
        },
        trail: [],
      },
      {
        case: {
          workspaceId: ws,
          responseId: 'r-3',
          reason: 'ces ≥ 5',
          dueAt: new Date('2020-01-01'),
          status: 'closed',
          outcome: 'fixed',
        },
        trail: [],
      },
      {
        case: { workspaceId: ws, responseId: 'r-1', reason: 'dup', dueAt: new Date('2020-01-01') },
        trail: [],
      },
    ])
    assert.equal(imported, 2)
    const overdue = await c.listCases(ws, { overdueAt: new Date('2021-01-01'), limit: 10, offset: 0 })
    assert.deepEqual(
      overdue.items.map((x) => x.responseId),
      ['r-2'],
    )
    assert.equal((await c.listCases(ws, { status: ['closed'], limit: 10, offset: 0 })).total, 1)
    assert.equal((await c.listCases(ws, { assignee: 'ben', limit: 10, offset: 0 })).total, 1)
    const atDelivery = await c.listCases(ws, { touchpoint: 'delivery', limit: 10, offset: 0 })
    assert.deepEqual(
      atDelivery.items.map((x) => x.responseId),
      ['r-2'],
    )
    assert.equal((await c.listCases(ws, { touchpoint: 'hotline', limit: 10, offset: 0 })).total, 0)
    assert.equal((await c.listCases(other, { touchpoint: 'delivery', limit: 10, offset: 0 })).total, 0)
    assert.equal(await c.countCases(ws), 3)
    const [open] = (await c.listCases(ws, { status: ['new'], limit: 10, offset: 0 })).items
    assert.ok(open)
    await c.updateCase(ws, open.id, { status: 'resolved', outcome: 'fixed' }, 'key:1', () => undefined)
    const now = Date.now()
    const resolved = (from: number, to: number, extra: { maxScore?: number; scoreType?: string } = {}) =>
      c.listCases(ws, {
        resolvedFrom: new Date(from),
        resolvedTo: new Date(to),
        ...extra,
        limit: 10,
        offset: 0,
      })
    assert.equal((await resolved(now - 60_000, now + 60_000)).total, 1)
    assert.equal((await resolved(now + 60_000, now + 120_000)).total, 0, 'resolved before the period')
    assert.equal((await resolved(now - 60_000, now + 60_000, { maxScore: 6 })).total, 0, 'no score ≤ 6')
    assert.equal((await resolved(now - 60_000, now + 60_000, { scoreType: 'nps' })).total, 0, 'not from NPS')
  })

  test('lists filter by person ids (a person and the ids merged into it), per workspace', async () => {
    const c = meta.cases
    const open = (workspaceId: string, responseId: string, personId: string) =>
      c.openCase(
        { workspaceId, responseId, personId, reason: 'nps ≤ 6', dueAt: new Date('2030-01-01T00:00:00Z') },
        'system',
      )
    await open(ws, 'p-1', 'person-a')
    await open(ws, 'p-2', 'person-a-merged')
    await open(ws, 'p-3', 'person-b')
    await open(other, 'p-4', 'person-a')
    const of = async (workspaceId: string, personIds: string[]) =>
      (await c.listCases(workspaceId, { personIds, limit: 10, offset: 0 })).items
        .map((x) => x.responseId)
        .sort()
    assert.deepEqual(await of(ws, ['person-a']), ['p-1'])
    assert.deepEqual(await of(ws, ['person-a', 'person-a-merged']), ['p-1', 'p-2'])
    assert.deepEqual(await of(other, ['person-a']), ['p-4'])
    assert.deepEqual(await of(ws, []), [], 'no ids: no cases, not all of them')
  })
})
