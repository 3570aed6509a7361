import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { parseDateParam } from '../surveys/api-access.ts'
import { TouchstoneError } from '../errors.ts'

const Query = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO time, inclusive' })),
  to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO time, exclusive' })),
  action: Type.Optional(
    Type.String({
      maxLength: 80,
      pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*(\\.\\*)?$',
      description: 'An action (`key.created`) or a prefix (`member.*`)',
    }),
  ),
  cursor: Type.Optional(
    Type.String({ pattern: '^[0-9]{1,18}$', description: 'nextCursor of the previous page' }),
  ),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
})
const Entry = Type.Object({
  id: Type.String(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  target: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
  ip: Type.Union([Type.String(), Type.Null()]),
})

/** `GET /api/audit-log`: the workspace's admin actions, newest first (owner/admin). */
export function auditRoutes(deps: { meta: MetaStore }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/audit-log',
      {
        config: { permission: 'audit.read' },
        schema: {
          tags: ['access'],
          summary: 'Who did what: key, member, settings, merge, password and lockout events, newest first',
          security: [{ secretKey: [] }],
          querystring: Query,
          response: {
            200: Type.Object({
              items: Type.Array(Entry),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = request.caller!
        const q = request.query as Static<typeof Query>
        const from = q.from ? parseDateParam(q.from, 'from', new Date(0)) : undefined
        const to = q.to ? parseDateParam(q.to, 'to', new Date()) : undefined
        if (from && to && from >= to) throw new TouchstoneError('TS_BAD_REQUEST', 'from must be before to')
        const rows = await deps.meta.audit.list(workspaceId, {
          from,
          to,
          action: q.action,
          before: q.cursor === undefined ? undefined : Number(q.cursor),
          limit: q.limit + 1,
        })
        const page = rows.slice(0, q.limit)
        return {
          items: page.map((e) => ({
            id: String(e.id),
            at: e.at.toISOString(),
            actor: e.actor,
            action: e.action,
            target: e.target,
            details: e.details,
            ip: e.ip,
          })),
          nextCursor: rows.length > q.limit ? String(page[page.length - 1]!.id) : null,
        }
      },
    )
  }
}
