import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AuditLog } from '../audit/audit-log.ts'
import { TouchstoneError } from '../errors.ts'
import { ROLES, type ApiKey, type MetaStore } from '../stores/meta/meta-store.ts'
import type { KeyService } from './api-keys.ts'
import { aRole, mayGrant } from './permissions.ts'

const RoleSchema = Type.Union(
  ROLES.map((r) => Type.Literal(r)),
  { description: 'owner, admin, analyst, agent or viewer' },
)
const Key = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('write'), Type.Literal('secret')]),
  role: Type.String({ description: 'secret keys act with this role; write keys can only ingest' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters, to tell keys apart' }),
  createdAt: Type.String(),
  lastUsedAt: Type.Union([Type.String(), Type.Null()]),
  revokedAt: Type.Union([Type.String(), Type.Null()]),
})
const CreateKey = Type.Object(
  {
    kind: Type.Union([Type.Literal('write'), Type.Literal('secret')]),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.Optional(RoleSchema),
  },
  { additionalProperties: false },
)

function view(k: ApiKey): Static<typeof Key> {
  return {
    id: k.id,
    kind: k.kind,
    role: k.role,
    name: k.name,
    prefix: k.prefix,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }
}

/** `GET|POST /api/keys`, `DELETE /api/keys/:id`: write and secret keys of the workspace (owner/admin). */
export function keyRoutes(deps: { keys: KeyService; meta: MetaStore; audit: AuditLog }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/keys',
      {
        config: { permission: 'keys.manage' },
        schema: {
          tags: ['access'],
          summary: 'The workspace’s keys (prefix only), with last use; revoked ones included',
          security: [{ secretKey: [] }],
          response: { 200: Type.Object({ items: Type.Array(Key) }) },
        },
      },
      async (request) => {
        // Last-use times are written in batches; write the pending ones so the list is current.
        await deps.keys.flushUsage().catch(() => {})
        return { items: (await deps.meta.listApiKeys(request.caller!.workspaceId)).map(view) }
      },
    )

    app.post(
      '/api/keys',
      {
        config: { permission: 'keys.manage' },
        schema: {
          tags: ['access'],
          summary:
            'Create a write key (ingestion) or a secret key (API, with a role up to your own); shown once',
          security: [{ secretKey: [] }],
          body: CreateKey,
          response: {
            201: Type.Composite([
              Key,
              Type.Object({
                key: Type.String({ description: 'The key itself: shown this once, stored hashed' }),
              }),
            ]),
          },
        },
      },
      async (request, reply) => {
        const caller = request.caller!
        const body = request.body as Static<typeof CreateKey>
        if (body.kind === 'secret' && !body.role)
          throw new TouchstoneError(
            'TS_BAD_REQUEST',
            'a secret key needs a role: owner, admin, analyst, agent or viewer',
          )
        if (body.kind === 'write' && body.role)
          throw new TouchstoneError(
            'TS_BAD_REQUEST',
            'a write key has no role (it can only ingest); leave role out',
          )
        const role = body.role ?? 'viewer'
        if (!mayGrant(caller.role, role)) {
          throw new TouchstoneError(
            'TS_FORBIDDEN',
            `${aRole(caller.role)} cannot create a key with role ${role}; choose a role up to ${caller.role}`,
          )
        }
        const created = await deps.keys.create(caller.workspaceId, body.kind, role, body.name.trim())
        await deps.audit.record({ ...caller, ip: request.ip }, 'key.created', created.record.id, {
          kind: body.kind,
          role: created.record.role,
          name: created.record.name,
          prefix: created.record.prefix,
        })
        return reply.status(201).send({ ...view(created.record), key: created.key })
      },
    )

    app.delete(
      '/api/keys/:id',
      {
        config: { permission: 'keys.manage' },
        schema: {
          tags: ['access'],
          summary: 'Revoke a key; it stops working at once',
          security: [{ secretKey: [] }],
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const caller = request.caller!
        const { id } = request.params as { id: string }
        const key = (await deps.meta.listApiKeys(caller.workspaceId)).find((k) => k.id === id)
        if (!key || key.revokedAt)
          throw new TouchstoneError('TS_NOT_FOUND', `no active key ${id} in this workspace`)
        // A key may not remove a more powerful one (an admin key revoking the owner's keys).
        if (key.kind === 'secret' && !mayGrant(caller.role, key.role)) {
          throw new TouchstoneError(
            'TS_FORBIDDEN',
            `${aRole(caller.role)} cannot revoke a key with role ${key.role}`,
          )
        }
        if (!(await deps.keys.revoke(caller.workspaceId, id)))
          throw new TouchstoneError('TS_NOT_FOUND', `no active key ${id} in this workspace`)
        await deps.audit.record({ ...caller, ip: request.ip }, 'key.revoked', id, {
          kind: key.kind,
          role: key.role,
          name: key.name,
          prefix: key.prefix,
        })
        return reply.status(204).send()
      },
    )
  }
}
