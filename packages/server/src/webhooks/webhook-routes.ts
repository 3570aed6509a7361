import { randomBytes, randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AuditLog } from '../audit/audit-log.ts'
import type { KeyService } from '../auth/api-keys.ts'
import { createSecretBox } from '../auth/secret-box.ts'
import { TouchstoneError } from '../errors.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { callerWith, SETTINGS_WRITERS } from '../surveys/api-access.ts'
import {
  ChangeBody,
  CreateBody,
  DeliveryParams,
  deliveryView,
  DeliveryView,
  literals,
  view,
  WebhookParams,
  WebhookView,
  WithSecret,
} from './webhook-api-shapes.ts'
import {
  type DeliveryRecord,
  type WebhookEventType,
  type WebhookFormat,
  type WebhookRecord,
} from './webhook-store.ts'

/** A new signing secret: 256 random bits, prefixed so it is recognisable in a config file. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`
}

/** The URL as given when it is http(s) without credentials; a 400 saying what is wrong otherwise. */
function checkedUrl(url: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new TouchstoneError('TS_BAD_REQUEST', `url: "${url}" is not a URL`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new TouchstoneError('TS_BAD_REQUEST', `url: must be http or https, not ${parsed.protocol}`)
  if (parsed.username || parsed.password)
    throw new TouchstoneError(
      'TS_BAD_REQUEST',
      'url: put no user name or password in the URL; the signature authenticates',
    )
  return url
}

/**
 * Outgoing webhooks: `/api/webhooks…` (owner/admin; secret key or session). Events are written
 * to an outbox and sent by the dispatcher (webhook-dispatcher.ts); these routes manage the
 * webhooks, show the delivery log, send a test ping and redeliver.
 */
export function webhookRoutes(deps: { keys: KeyService; meta: MetaStore; secret: string; audit?: AuditLog }) {
  const store = deps.meta.webhooks
  const box = createSecretBox(deps.secret)
  const tags = ['webhooks']
  const security = [{ secretKey: [] }]
  const config = { permission: 'webhooks.manage' } as const
  const manager = (request: Parameters<typeof callerWith>[0], action: string) =>
    callerWith(request, deps.keys, SETTINGS_WRITERS, action)

  async function load(workspaceId: string, id: string): Promise<WebhookRecord> {
    const hook = await store.getWebhook(workspaceId, id)
    if (!hook) throw new TouchstoneError('TS_NOT_FOUND', `no webhook ${id} in this workspace`)
    return hook
  }

  return async (app: FastifyInstance) => {
    app.post(
      '/api/webhooks',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Create a webhook; the signing secret is in this answer only',
          body: CreateBody,
          response: { 201: WithSecret },
        },
      },
      async (request, reply) => {
        const caller = await manager(request, 'creating a webhook')
        const { workspaceId } = caller
        const body = request.body as Static<typeof CreateBody>
        const secret = newSecret()
        const hook = await store.createWebhook({
          workspaceId,
          name: body.name,
          url: checkedUrl(body.url),
          events: body.events as WebhookEventType[],
          format: (body.format ?? 'json') as WebhookFormat,
          secretSealed: box.seal(secret),
          active: body.active ?? true,
        })
        await deps.audit?.record({ ...caller, ip: request.ip }, 'webhook.created', hook.id, {
          name: hook.name,
          url: hook.url,
          events: hook.events,
        })
        return reply.status(201).send({ ...view(hook), secret })
      },
    )

    app.get(
      '/api/webhooks',
      {
        config,
        schema: {
          tags,
          security,
          summary: "The workspace's webhooks",
          response: { 200: Type.Object({ items: Type.Array(WebhookView) }) },
        },
      },
      async (request) => {
        const { workspaceId } = await manager(request, 'listing webhooks')
        return { items: (await store.listWebhooks(workspaceId)).map(view) }
      },
    )

    app.get(
      '/api/webhooks/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'A webhook',
          params: WebhookParams,
          response: { 200: WebhookView },
        },
      },
      async (request) => {
        const { workspaceId } = await manager(request, 'reading a webhook')
        return view(await load(workspaceId, (request.params as { id: string }).id))
      },
    )

    app.patch(
      '/api/webhooks/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Change name, URL, events, format, or pause (active: false)',
          params: WebhookParams,
          body: ChangeBody,
          response: { 200: WebhookView },
        },
      },
      async (request) => {
        const caller = await manager(request, 'changing a webhook')
        const { workspaceId } = caller
        const { id } = request.params as { id: string }
        const body = request.body as Static<typeof ChangeBody>
        const updated = await store.updateWebhook(workspaceId, id, {
          ...(body.name !== undefined ? { name: body.name } : {}),
          ...(body.url !== undefined ? { url: checkedUrl(body.url) } : {}),
          ...(body.events !== undefined ? { events: body.events as WebhookEventType[] } : {}),
          ...(body.format !== undefined ? { format: body.format as WebhookFormat } : {}),
          ...(body.active !== undefined ? { active: body.active } : {}),
        })
        if (!updated) throw new TouchstoneError('TS_NOT_FOUND', `no webhook ${id} in this workspace`)
        await deps.audit?.record({ ...caller, ip: request.ip }, 'webhook.changed', id, {
          changed: Object.keys(body),
        })
        return view(updated)
      },
    )

    app.delete(
      '/api/webhooks/:id',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Delete a webhook and its delivery log',
          params: WebhookParams,
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const caller = await manager(request, 'deleting a webhook')
        const { id } = request.params as { id: string }
        if (!(await store.deleteWebhook(caller.workspaceId, id)))
          throw new TouchstoneError('TS_NOT_FOUND', `no webhook ${id} in this workspace`)
        await deps.audit?.record({ ...caller, ip: request.ip }, 'webhook.deleted', id)
        return reply.status(204).send()
      },
    )

    app.post(
      '/api/webhooks/:id/rotate-secret',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Replace the signing secret; the new one is in this answer only and signs from now on',
          params: WebhookParams,
          response: { 200: WithSecret },
        },
      },
      async (request) => {
        const caller = await manager(request, 'rotating a webhook secret')
        const { workspaceId } = caller
        const { id } = request.params as { id: string }
        const secret = newSecret()
        const updated = await store.updateWebhook(workspaceId, id, { secretSealed: box.seal(secret) })
        if (!updated) throw new TouchstoneError('TS_NOT_FOUND', `no webhook ${id} in this workspace`)
        await deps.audit?.record({ ...caller, ip: request.ip }, 'webhook.changed', id, {
          changed: ['secret'],
        })
        return { ...view(updated), secret }
      },
    )

    const DeliveriesQuery = Type.Object({
      status: Type.Optional(literals(['pending', 'delivered', 'failed'])),
      limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      offset: Type.Integer({ minimum: 0, default: 0 }),
    })
    app.get(
      '/api/webhooks/:id/deliveries',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'The delivery log, newest first: status, attempts, the last answer and the payload',
          params: WebhookParams,
          querystring: DeliveriesQuery,
          response: { 200: Type.Object({ items: Type.Array(DeliveryView), total: Type.Integer() }) },
        },
      },
      async (request) => {
        const { workspaceId } = await manager(request, 'reading webhook deliveries')
        const { id } = request.params as { id: string }
        await load(workspaceId, id)
        const q = request.query as Static<typeof DeliveriesQuery>
        const page = await store.listDeliveries(workspaceId, id, {
          ...(q.status ? { status: q.status as DeliveryRecord['status'] } : {}),
          limit: q.limit,
          offset: q.offset,
        })
        return { items: page.items.map(deliveryView), total: page.total }
      },
    )

    app.post(
      '/api/webhooks/:id/test',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Queue a signed `ping` delivery to this webhook (sent within about a second)',
          params: WebhookParams,
          response: { 202: DeliveryView },
        },
      },
      async (request, reply) => {
        const { workspaceId } = await manager(request, 'testing a webhook')
        const { id } = request.params as { id: string }
        const hook = await load(workspaceId, id)
        const delivery = await store.enqueueFor(workspaceId, id, {
          id: randomUUID(),
          type: 'ping',
          createdAt: new Date().toISOString(),
          workspaceId,
          data: { webhookId: hook.id, name: hook.name },
        })
        if (!delivery) throw new TouchstoneError('TS_NOT_FOUND', `no webhook ${id} in this workspace`)
        return reply.status(202).send(deliveryView(delivery))
      },
    )

    app.post(
      '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
      {
        config,
        schema: {
          tags,
          security,
          summary: 'Send a delivery again as a new delivery (same event and payload, new delivery id)',
          params: DeliveryParams,
          response: { 202: DeliveryView },
        },
      },
      async (request, reply) => {
        const { workspaceId } = await manager(request, 'redelivering a webhook event')
        const { id, deliveryId } = request.params as { id: string; deliveryId: string }
        const hook = await load(workspaceId, id)
        if (!hook.active)
          throw new TouchstoneError(
            'TS_CONFLICT',
            'the webhook is paused; set active: true before redelivering',
          )
        const original = await store.getDelivery(workspaceId, id, deliveryId)
        if (!original) throw new TouchstoneError('TS_NOT_FOUND', `no delivery ${deliveryId} of this webhook`)
        const again = await store.enqueueFor(workspaceId, id, { ...original.envelope })
        return reply.status(202).send(deliveryView(again!))
      },
    )
  }
}
