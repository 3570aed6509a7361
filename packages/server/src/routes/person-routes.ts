import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { normalizeEmail, normalizePhone } from '@touchstone/core'
import type { AuditLog } from '../audit/audit-log.ts'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import type { IdentityRegistry, IdentityRows } from '../identity/identity-registry.ts'
import type { GroupCommitter } from '../ingest/group-commit.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import { apiCaller } from './api-auth.ts'

const PersonId = Type.String({ format: 'uuid', description: 'Person id' })
const Person = Type.Object({
  id: PersonId,
  mergedIds: Type.Array(Type.String(), { description: 'Person ids merged into this one' }),
  identifiers: Type.Array(Type.Object({ kind: Type.String(), value: Type.String() })),
  traits: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Traits of identify calls, the latest value of each',
  }),
  firstSeen: Type.Union([Type.String(), Type.Null()]),
  lastSeen: Type.Union([Type.String(), Type.Null()]),
  eventCount: Type.Integer(),
})
const TimelineEvent = Type.Object({
  kind: Type.Literal('event'),
  messageId: Type.String(),
  type: Type.String(),
  event: Type.String(),
  channel: Type.String(),
  touchpoint: Type.String(),
  eventTime: Type.String(),
  receivedAt: Type.String(),
  anonymousId: Type.String(),
  userId: Type.String(),
  properties: Type.Record(Type.String(), Type.Unknown()),
  traits: Type.Record(Type.String(), Type.Unknown()),
  context: Type.Record(Type.String(), Type.Unknown()),
  source: Type.String(),
})
const TimelineQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  before: Type.Optional(Type.String({ maxLength: 400, description: 'nextCursor of the previous page' })),
})
const MergeBody = Type.Object({
  from: PersonId,
  into: PersonId,
})

/** Person lookup, timeline and explicit merge: `/api/persons…` (secret key). */
export function personRoutes(deps: {
  keys: KeyService
  events: EventStore
  identities: IdentityRegistry
  committer: GroupCommitter
  /** Records merges; optional so the routes can be mounted alone in tests. */
  audit?: AuditLog
}) {
  const { events } = deps

  async function loadPerson(workspaceId: string, personId: string): Promise<Static<typeof Person>> {
    const ids = await events.mergedPersonIds(workspaceId, personId)
    const [identifiers, activity] = await Promise.all([
      events.identifiers(workspaceId, ids),
      events.activity(workspaceId, ids),
    ])
    if (identifiers.length === 0 && activity.eventCount === 0) {
      throw new TouchstoneError('TS_NOT_FOUND', `no person ${personId} in this workspace`)
    }
    return {
      id: personId,
      mergedIds: ids.filter((id) => id !== personId),
      identifiers,
      // fromEntries defines keys, so a `__proto__` trait stays data (Object.assign would set the prototype).
      traits: Object.fromEntries(activity.traitHistory.flatMap((t) => Object.entries(t))),
      firstSeen: activity.firstSeen,
      lastSeen: activity.lastSeen,
      eventCount: activity.eventCount,
    }
  }

  /** The surviving person id for any stored person id, or 404. */
  async function survivor(workspaceId: string, personId: string): Promise<string> {
    return events.survivingPersonId(workspaceId, personId)
  }

  return async (app: FastifyInstance) => {
    app.get(
      '/api/persons',
      {
        config: { permission: 'persons.read' },
        schema: {
          tags: ['persons'],
          summary: 'Find a person by any identifier (user id, anonymous id, e-mail, phone)',
          security: [{ secretKey: [] }],
          querystring: Type.Object({ identifier: Type.String({ minLength: 1, maxLength: 200 }) }),
          response: { 200: Person },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const { identifier } = request.query as { identifier: string }
        const candidates = [identifier.trim(), normalizeEmail(identifier), normalizePhone(identifier)].filter(
          (v): v is string => typeof v === 'string' && v !== '',
        )
        const stored = await events.personIdsByIdentifier(workspaceId, [...new Set(candidates)])
        const survivors = [...new Set(await Promise.all(stored.map((id) => survivor(workspaceId, id))))]
        if (survivors.length === 0)
          throw new TouchstoneError('TS_NOT_FOUND', `no person with identifier "${identifier}"`)
        if (survivors.length > 1) {
          throw new TouchstoneError(
            'TS_CONFLICT',
            `identifier "${identifier}" matches ${survivors.length} persons`,
            {
              personIds: survivors,
            },
          )
        }
        return loadPerson(workspaceId, survivors[0] as string)
      },
    )

    app.get(
      '/api/persons/:id',
      {
        config: { permission: 'persons.read' },
        schema: {
          tags: ['persons'],
          summary: 'A person by id (a merged id answers with the surviving person)',
          security: [{ secretKey: [] }],
          params: Type.Object({ id: PersonId }),
          response: { 200: Person },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const { id } = request.params as { id: string }
        return loadPerson(workspaceId, await survivor(workspaceId, id))
      },
    )

    app.get(
      '/api/persons/:id/timeline',
      {
        config: { permission: 'persons.read' },
        schema: {
          tags: ['persons'],
          summary: "A person's events, newest first, paged",
          security: [{ secretKey: [] }],
          params: Type.Object({ id: PersonId }),
          querystring: TimelineQuery,
          response: {
            200: Type.Object({
              personId: PersonId,
              items: Type.Array(TimelineEvent),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const { id } = request.params as { id: string }
        const { limit, before } = request.query as Static<typeof TimelineQuery>
        const personId = await survivor(workspaceId, id)
        const ids = await events.mergedPersonIds(workspaceId, personId)
        const page = await events.timeline(workspaceId, ids, limit, before)
        if (page.events.length === 0 && before === undefined) await loadPerson(workspaceId, personId)
        return {
          personId,
          items: page.events.map((e) => ({ kind: 'event' as const, ...e })),
          nextCursor: page.nextCursor,
        }
      },
    )

    app.post(
      '/api/persons/merge',
      {
        config: { permission: 'persons.merge' },
        schema: {
          tags: ['persons'],
          summary: 'Merge two persons explicitly (the only way two identified persons become one)',
          security: [{ secretKey: [] }],
          body: MergeBody,
          response: { 200: Type.Object({ personId: PersonId, mergedIds: Type.Array(Type.String()) }) },
        },
      },
      async (request) => {
        const caller = await apiCaller(request, deps.keys)
        if (!['owner', 'admin'].includes(caller.role)) {
          throw new TouchstoneError('TS_FORBIDDEN', 'merging persons needs an owner or admin key')
        }
        const { from, into } = request.body as Static<typeof MergeBody>
        const [a, b] = await Promise.all([
          loadPerson(caller.workspaceId, await survivor(caller.workspaceId, from)),
          loadPerson(caller.workspaceId, await survivor(caller.workspaceId, into)),
        ])
        if (a.id === b.id) throw new TouchstoneError('TS_CONFLICT', 'the two ids are already the same person')
        const rows: IdentityRows = { identities: [], merges: [] }
        const changes = deps.identities.graph(caller.workspaceId).merge(a.id, b.id)
        deps.identities.toRows(caller.workspaceId, changes, Date.now(), rows)
        await deps.committer.submit({ events: [], ...rows })
        await deps.audit?.record({ ...caller, ip: request.ip }, 'person.merged', b.id, {
          from: a.id,
          into: b.id,
        })
        return {
          personId: b.id,
          mergedIds: (await events.mergedPersonIds(caller.workspaceId, b.id)).filter((id) => id !== b.id),
        }
      },
    )
  }
}
