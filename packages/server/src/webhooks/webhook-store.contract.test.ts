import { test } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { describeMetaContract } from '../../test/meta-drivers.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import type { WebhookEnvelope, WebhookEventType } from './webhook-store.ts'

function envelope(
  workspaceId: string,
  type: WebhookEventType,
  at: string,
): WebhookEnvelope & { type: WebhookEventType } {
  return { id: randomUUID(), type, createdAt: at, workspaceId, data: { caseId: 'c-1' } }
}

/** The contract every WebhookStore driver meets; run once per database (describeMetaContract). */
describeMetaContract('WebhookStore', (opened) => {
  let meta: MetaStore
  let ws: string
  let other: string
  opened((context) => ({ meta, ws, other } = context))

  test('webhooks are kept per workspace; another workspace can neither see nor change them', async () => {
    const w = meta.webhooks
    const hook = await w.createWebhook({
      workspaceId: ws,
      name: 'CRM',
      url: 'https://crm.example/hook',
      events: ['case.opened', 'case.resolved'],
      format: 'json',
      secretSealed: 'enc:v1:x',
      active: true,
    })
    assert.deepEqual(
      (await w.listWebhooks(ws)).map((h) => h.name),
      ['CRM'],
    )
    assert.deepEqual(await w.listWebhooks(other), [])
    assert.equal(await w.getWebhook(other, hook.id), undefined)
    assert.equal(await w.updateWebhook(other, hook.id, { active: false }), undefined)
    assert.equal(await w.deleteWebhook(other, hook.id), false)
    assert.equal(
      await w.enqueueFor(other, hook.id, envelope(other, 'case.opened', '2026-01-01T00:00:00Z')),
      undefined,
    )
    const renamed = await w.updateWebhook(ws, hook.id, { name: 'CRM 2', secretSealed: 'enc:v1:y' })
    assert.equal(renamed?.name, 'CRM 2')
    assert.equal(renamed?.secretSealed, 'enc:v1:y')
    assert.equal(await w.getWebhook(ws, 'not-a-uuid'), undefined)
  })

  test('enqueue writes one delivery per active subscribed webhook; claims never overlap', async () => {
    const w = meta.webhooks
    const mk = (events: WebhookEventType[], active = true) =>
      w.createWebhook({
        workspaceId: ws,
        name: events.join('+'),
        url: 'https://x.example',
        events,
        format: 'slack',
        secretSealed: 's',
        active,
      })
    const responses = await mk(['response.created'])
    await mk(['response.created'], false)
    await w.createWebhook({
      workspaceId: other,
      name: 'other',
      url: 'https://y.example',
      events: ['response.created'],
      format: 'json',
      secretSealed: 's',
      active: true,
    })
    const at = '2026-02-01T10:00:00.000Z'
    assert.equal(await w.enqueue(envelope(ws, 'response.created', at)), 1)
    assert.equal(await w.enqueue(envelope(ws, 'case.updated', at)), 0)
    const now = new Date('2026-02-01T10:00:05Z')
    assert.deepEqual(await w.claimDue(new Date('2026-02-01T09:59:59Z'), 10, 60_000), [], 'not due yet')
    // Two dispatchers claiming at once share the due rows without overlap.
    const [a, b] = await Promise.all([w.claimDue(now, 10, 60_000), w.claimDue(now, 10, 60_000)])
    const claimed = [...a, ...b]
    const mine = claimed.filter((d) => d.webhookId === responses.id)
    assert.equal(mine.length, 1)
    assert.equal(new Set(claimed.map((d) => d.id)).size, claimed.length, 'no delivery claimed twice')
    assert.deepEqual(await w.claimDue(now, 10, 60_000), [], 'leased rows are not claimed again')
    const d = mine[0]!
    assert.equal(d.envelope.type, 'response.created')
    await w.recordAttempt(d.id, {
      attempt: { at: now.toISOString(), statusCode: 500, error: 'HTTP 500', ms: 12 },
      delivered: false,
      retryAt: new Date('2026-02-01T10:00:35Z'),
    })
    const [again] = await w.claimDue(new Date('2026-02-01T10:00:40Z'), 10, 60_000)
    assert.equal(again?.id, d.id)
    await w.recordAttempt(d.id, {
      attempt: { at: '2026-02-01T10:00:40.000Z', statusCode: 204, error: null, ms: 8 },
      delivered: true,
      retryAt: null,
    })
    const done = await w.getDelivery(ws, responses.id, d.id)
    assert.equal(done?.status, 'delivered')
    assert.equal(done?.attemptCount, 2)
    assert.deepEqual(
      done?.attempts.map((x) => x.statusCode),
      [500, 204],
    )
    assert.equal(done?.deliveredAt?.toISOString(), '2026-02-01T10:00:40.000Z')
    assert.equal(await w.getDelivery(other, responses.id, d.id), undefined)
    assert.equal((await w.listDeliveries(other, responses.id, { limit: 10, offset: 0 })).total, 0)
    const page = await w.listDeliveries(ws, responses.id, { status: 'delivered', limit: 10, offset: 0 })
    assert.deepEqual(
      page.items.map((x) => x.id),
      [d.id],
    )
    assert.equal(await w.deleteWebhook(ws, responses.id), true)
    assert.equal(await w.getDelivery(ws, responses.id, d.id), undefined, 'deliveries go with their webhook')
  })
})
