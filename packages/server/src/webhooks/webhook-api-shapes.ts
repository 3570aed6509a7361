import { Type, type Static } from '@sinclair/typebox'
import { WEBHOOK_EVENTS, WEBHOOK_FORMATS, type DeliveryRecord, type WebhookRecord } from './webhook-store.ts'

// The request and response shapes of the webhook API (OpenAPI comes from them), and the views of
// stored records that the routes answer with.

export const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(t: T) =>
  Type.Union([t, Type.Null()])

const Url = Type.String({
  minLength: 8,
  maxLength: 2000,
  description: 'http(s) URL the events are POSTed to',
})
const Events = Type.Array(literals(WEBHOOK_EVENTS), { minItems: 1, uniqueItems: true })

export const CreateBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    url: Url,
    events: Events,
    format: Type.Optional(literals(WEBHOOK_FORMATS)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export const ChangeBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    url: Type.Optional(Url),
    events: Type.Optional(Events),
    format: Type.Optional(literals(WEBHOOK_FORMATS)),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)

export const WebhookView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  url: Type.String(),
  events: Type.Array(Type.String()),
  format: Type.String(),
  active: Type.Boolean(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export const WithSecret = Type.Composite([
  WebhookView,
  Type.Object({ secret: Type.String({ description: 'The signing secret: shown this once only' }) }),
])

export const DeliveryView = Type.Object({
  id: Type.String(),
  webhookId: Type.String(),
  event: Type.String(),
  status: Type.String(),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Type.String()),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: Type.String(),
  deliveredAt: Nullable(Type.String()),
  attemptLog: Type.Array(
    Type.Object({
      at: Type.String(),
      statusCode: Nullable(Type.Integer()),
      error: Nullable(Type.String()),
      ms: Type.Integer(),
    }),
  ),
  payload: Type.Object(
    {},
    { additionalProperties: true, description: 'The envelope {id, type, createdAt, workspaceId, data}' },
  ),
})

export const WebhookParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const DeliveryParams = Type.Object({
  id: Type.String({ format: 'uuid' }),
  deliveryId: Type.String({ format: 'uuid' }),
})

export function view(w: WebhookRecord): Static<typeof WebhookView> {
  return {
    id: w.id,
    name: w.name,
    url: w.url,
    events: w.events,
    format: w.format,
    active: w.active,
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  }
}

export function deliveryView(d: DeliveryRecord): Static<typeof DeliveryView> {
  return {
    id: d.id,
    webhookId: d.webhookId,
    event: d.event,
    status: d.status,
    attempts: d.attemptCount,
    nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt ? d.deliveredAt.toISOString() : null,
    attemptLog: d.attempts,
    payload: d.envelope as unknown as Record<string, never>,
  }
}
