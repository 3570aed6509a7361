import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { KeyService } from '../auth/api-keys.ts'
import { apiCaller } from '../routes/api-auth.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'

const Workspace = Type.Object({
  id: Type.String(),
  name: Type.String(),
  events: Type.Integer({ description: 'Events stored, each messageId once' }),
  persons: Type.Integer({ description: 'Persons seen in events, merged persons counted once' }),
  daily: Type.Array(Type.Object({ day: Type.String(), events: Type.Integer(), persons: Type.Integer() }), {
    description: 'The last 90 days with events',
  }),
  channels: Type.Array(Type.Object({ channel: Type.String(), events: Type.Integer() })),
  writeKeys: Type.Array(
    Type.Object({
      name: Type.String(),
      prefix: Type.String(),
      createdAt: Type.String(),
      lastUsedAt: Type.Union([Type.String(), Type.Null()]),
    }),
    { description: 'Active write keys (prefix only; the key itself is shown once, when created)' },
  ),
})

/**
 * `GET /api/workspace`: what the dashboard shows before any analytics API exists — the workspace,
 * event and person counts, daily activity and the write keys for the snippet.
 */
export function workspaceRoutes(deps: { keys: KeyService; events: EventStore; meta: MetaStore }) {
  const { events, meta } = deps
  return async (app: FastifyInstance) => {
    app.get(
      '/api/workspace',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['workspace'],
          summary: 'The caller’s workspace with counts, daily activity and write-key prefixes',
          security: [{ secretKey: [] }],
          response: { 200: Workspace },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const ws = { ws: workspaceId }
        const [workspace, totals, merged, daily, channels, keys] = await Promise.all([
          meta.getWorkspace(workspaceId),
          events.query<{ events: string; persons: string }>(
            'SELECT uniqExact(message_id) AS events, uniqExact(person_id) AS persons FROM events WHERE workspace_id = {ws:String}',
            ws,
          ),
          events.query<{ n: string }>(
            'SELECT uniqExact(old_person_id) AS n FROM person_overrides WHERE workspace_id = {ws:String}',
            ws,
          ),
          events.query<{ day: string; events: string; persons: string }>(
            `SELECT toString(toDate(event_time)) AS day, uniqExact(message_id) AS events, uniqExact(person_id) AS persons
             FROM events WHERE workspace_id = {ws:String} AND event_time >= now() - INTERVAL 90 DAY
             GROUP BY day ORDER BY day`,
            ws,
          ),
          events.query<{ channel: string; events: string }>(
            `SELECT channel, uniqExact(message_id) AS events FROM events WHERE workspace_id = {ws:String}
             GROUP BY channel ORDER BY events DESC`,
            ws,
          ),
          meta.listApiKeys(workspaceId),
        ])
        const total = totals[0]
        return {
          id: workspaceId,
          name: workspace?.name ?? '',
          events: Number(total?.events ?? 0),
          persons: Math.max(0, Number(total?.persons ?? 0) - Number(merged[0]?.n ?? 0)),
          daily: daily.map((d) => ({ day: d.day, events: Number(d.events), persons: Number(d.persons) })),
          channels: channels.map((c) => ({ channel: c.channel, events: Number(c.events) })),
          writeKeys: keys
            .filter((k) => k.kind === 'write' && !k.revokedAt)
            .map((k) => ({
              name: k.name,
              prefix: k.prefix,
              createdAt: k.createdAt.toISOString(),
              lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
            })),
        }
      },
    )
  }
}
