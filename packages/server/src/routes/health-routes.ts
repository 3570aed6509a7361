import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'

const StoreState = Type.Union([Type.Literal('ok'), Type.Literal('unavailable')])
const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  stores: Type.Object({ events: StoreState, meta: StoreState }),
  demo: Type.Optional(Type.Object({ state: Type.String(), events: Type.Integer() })),
})

/** `GET /api/health`: answers 200 when both stores answer, 503 otherwise. No key needed. */
export function healthRoutes(deps: {
  events: EventStore
  meta: MetaStore
  version: string
  demoStatus?: () => { state: string; events: number } | undefined
}) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/health',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['operations'],
          summary: 'Liveness and store health',
          response: { 200: Health, 503: Health },
        },
      },
      async (_request, reply) => {
        const check = (p: Promise<void>) =>
          p.then(
            () => 'ok' as const,
            () => 'unavailable' as const,
          )
        const [events, meta] = await Promise.all([check(deps.events.ping()), check(deps.meta.ping())])
        const ok = events === 'ok' && meta === 'ok'
        const demo = deps.demoStatus?.()
        if (!ok) reply.status(503).header('retry-after', '5')
        return {
          status: ok ? 'ok' : 'degraded',
          version: deps.version,
          stores: { events, meta },
          ...(demo ? { demo } : {}),
        }
      },
    )
  }
}
