import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { KeyService } from '../auth/api-keys.ts'
import { apiCaller } from '../routes/api-auth.ts'
import type { EventStore } from '../stores/events/event-store.ts'

/** How many names of each kind the answer holds (the funnel builder's drop-downs). */
const LIMIT = 500

const EventCatalog = Type.Object({
  eventNames: Type.Array(Type.Object({ event: Type.String(), events: Type.Integer() }), {
    description: `Names of track events, most frequent first (at most ${LIMIT})`,
  }),
  touchpoints: Type.Array(
    Type.Object({ touchpoint: Type.String(), channel: Type.String(), events: Type.Integer() }),
    { description: `Touchpoints with their most frequent channel, most visited first (at most ${LIMIT})` },
  ),
})

/**
 * `GET /api/workspace/catalog`: the event names and touchpoints a workspace has seen — what the
 * funnel builder offers as steps. A route of its own (not part of `/api/workspace`) because both
 * scan every event and the Overview's first figures must not wait for them.
 */
export function eventCatalogRoutes(deps: { keys: KeyService; events: EventStore }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/workspace/catalog',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['workspace'],
          summary: 'Event names and touchpoints seen in the workspace, most frequent first',
          security: [{ secretKey: [] }],
          response: { 200: EventCatalog },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const params = { ws: workspaceId, limit: LIMIT }
        const [eventNames, touchpoints] = await Promise.all([
          deps.events.query<{ event: string; events: string }>(
            `SELECT event, count() AS events FROM events
             WHERE workspace_id = {ws:String} AND type = 'track' AND event != ''
             GROUP BY event ORDER BY events DESC, event LIMIT {limit:UInt32}`,
            params,
          ),
          deps.events.query<{ touchpoint: string; channel: string; events: string }>(
            `SELECT touchpoint, topK(1)(channel)[1] AS channel, count() AS events FROM events
             WHERE workspace_id = {ws:String} AND touchpoint != '' AND type IN ('track', 'page', 'screen')
             GROUP BY touchpoint ORDER BY events DESC, touchpoint LIMIT {limit:UInt32}`,
            params,
          ),
        ])
        return {
          eventNames: eventNames.map((e) => ({ event: e.event, events: Number(e.events) })),
          touchpoints: touchpoints.map((t) => ({
            touchpoint: t.touchpoint,
            channel: t.channel,
            events: Number(t.events),
          })),
        }
      },
    )
  }
}
