import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { normalizeEmail, normalizePhone } from '@touchstone/core'
import type { AuditLog } from '../audit/audit-log.ts'
import { TouchstoneError } from '../errors.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { DataSubjectService, type DataSubjectDeps, type FoundPerson } from './data-subject-service.ts'
import type { IngestPrivacy } from './ingest-privacy.ts'
import { PrivacySettings } from './privacy-settings.ts'
import type { DataSubjectRequest } from './privacy-store.ts'

const PersonId = Type.String({ format: 'uuid', description: 'Person id' })
const Consent = Type.Object({
  analytics: Type.Optional(Type.Boolean({ description: 'Tracking and analysis of behaviour' })),
  surveys: Type.Optional(Type.Boolean({ description: 'Being invited to surveys' })),
})
const ConsentBody = Type.Object(
  {
    analytics: Type.Optional(Type.Boolean()),
    surveys: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)
const RequestBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('export'), Type.Literal('erasure')]),
    personId: Type.Optional(PersonId),
    identifier: Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, description: 'user id, anonymous id, e-mail or phone' }),
    ),
  },
  { additionalProperties: false },
)
const RequestView = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  personId: Type.Union([Type.String(), Type.Null()]),
  status: Type.String({ description: 'pending, running, completed, failed' }),
  requestedBy: Type.String(),
  error: Type.Union([Type.String(), Type.Null()]),
  result: Type.Union([Type.Record(Type.String(), Type.Integer()), Type.Null()], {
    description: 'Rows exported or erased per table',
  }),
  createdAt: Type.String(),
  completedAt: Type.Union([Type.String(), Type.Null()]),
})

function view(r: DataSubjectRequest): Static<typeof RequestView> {
  return {
    id: r.id,
    kind: r.kind,
    personId: r.personId,
    status: r.status,
    requestedBy: r.requestedBy,
    error: r.error,
    result: r.result,
    createdAt: r.createdAt.toISOString(),
    completedAt: r.completedAt?.toISOString() ?? null,
  }
}

const tags = ['privacy']
const security = [{ secretKey: [] }]

/**
 * Privacy: consent per person and purpose, the workspace's privacy settings, and data-subject
 * requests (export, erasure) — owner/admin (`privacy.manage`).
 */
export function privacyRoutes(
  deps: Omit<DataSubjectDeps, 'consents'> & { meta: MetaStore; privacy: IngestPrivacy; audit: AuditLog },
) {
  const service = new DataSubjectService({ ...deps, consents: deps.privacy.consents })
  const requests = deps.meta.privacy

  async function find(workspaceId: string, body: Static<typeof RequestBody>): Promise<FoundPerson> {
    if (body.personId) return service.findById(workspaceId, body.personId)
    const raw = (body.identifier as string).trim()
    const candidates = [raw, normalizeEmail(raw), normalizePhone(raw)].filter(
      (v): v is string => typeof v === 'string' && v !== '',
    )
    return service.findByIdentifier(workspaceId, [...new Set(candidates)])
  }

  return async (app: FastifyInstance) => {
    app.get(
      '/api/privacy/settings',
      {
        config: { permission: 'settings.read' },
        schema: {
          tags,
          security,
          summary: 'Consent mode, IP rule and event retention',
          response: { 200: PrivacySettings },
        },
      },
      async (request) => deps.privacy.settingsCache.get(request.caller!.workspaceId),
    )

    app.put(
      '/api/privacy/settings',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          security,
          summary: 'Change consent mode, IP rule and event retention (applies to ingestion at once)',
          body: PrivacySettings,
          response: { 200: PrivacySettings },
        },
      },
      async (request) => {
        const caller = request.caller!
        const settings = request.body as PrivacySettings
        if (!(await deps.privacy.settingsCache.put(caller.workspaceId, settings)))
          throw new TouchstoneError('TS_NOT_FOUND', 'the workspace no longer exists')
        await deps.audit.record({ ...caller, ip: request.ip }, 'settings.changed', 'privacy', { ...settings })
        return settings
      },
    )

    app.get(
      '/api/persons/:id/consent',
      {
        config: { permission: 'persons.read' },
        schema: {
          tags,
          security,
          summary: "A person's consent per purpose (absent = never stated)",
          params: Type.Object({ id: PersonId }),
          response: { 200: Type.Object({ personId: PersonId, consent: Consent }) },
        },
      },
      async (request) => {
        const { workspaceId } = request.caller!
        const person = await service.findById(workspaceId, (request.params as { id: string }).id)
        return {
          personId: person.personId,
          consent: deps.privacy.consents.state(workspaceId, person.personIds),
        }
      },
    )

    app.put(
      '/api/persons/:id/consent',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          security,
          summary: "Record a person's consent (granted true / refused false) for analytics and/or surveys",
          params: Type.Object({ id: PersonId }),
          body: ConsentBody,
          response: { 200: Type.Object({ personId: PersonId, consent: Consent }) },
        },
      },
      async (request) => {
        const { workspaceId } = request.caller!
        const person = await service.findById(workspaceId, (request.params as { id: string }).id)
        const body = request.body as Static<typeof ConsentBody>
        const ordered = [person.personId, ...person.personIds.filter((id) => id !== person.personId)]
        const changed = deps.privacy.consents.record(workspaceId, ordered, body, 'api', new Date())
        await deps.privacy.save(changed)
        return {
          personId: person.personId,
          consent: deps.privacy.consents.state(workspaceId, person.personIds),
        }
      },
    )

    app.post(
      '/api/privacy/requests',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          security,
          summary:
            'A data-subject request: export (everything stored about a person, as a JSON archive) or erasure ' +
            '(from both stores); runs before the answer',
          body: RequestBody,
          response: { 201: RequestView },
        },
      },
      async (request, reply) => {
        const caller = request.caller!
        const body = request.body as Static<typeof RequestBody>
        if ((body.personId === undefined) === (body.identifier === undefined))
          throw new TouchstoneError(
            'TS_BAD_REQUEST',
            'name the person by exactly one of personId or identifier',
          )
        const person = await find(caller.workspaceId, body)
        const logged = await requests.createRequest(
          caller.workspaceId,
          body.kind,
          // Null for someone known only from invitations: there is no person id to keep.
          person.personId || null,
          caller.keyId,
        )
        // The log names the person by their opaque id only, never by the identifier asked for.
        await deps.audit.record({ ...caller, ip: request.ip }, 'privacy.request_created', logged.id, {
          kind: body.kind,
          personId: person.personId,
        })
        let done: DataSubjectRequest | undefined
        try {
          const result =
            body.kind === 'erasure'
              ? await service.erase(caller.workspaceId, person)
              : DataSubjectService.counts(await service.archive(caller.workspaceId, person))
          done = await requests.finishRequest(logged.id, { status: 'completed', result })
          if (body.kind === 'erasure')
            await deps.audit.record(
              { ...caller, ip: request.ip },
              'privacy.person_erased',
              person.personId || null,
              {
                request: logged.id,
                result,
              },
            )
        } catch (error) {
          request.log.error({ err: error }, 'data-subject request failed')
          done = await requests.finishRequest(logged.id, {
            status: 'failed',
            error: error instanceof Error ? error.message : String(error),
          })
        }
        return reply.status(201).send(view(done ?? logged))
      },
    )

    app.get(
      '/api/privacy/requests',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          security,
          summary: 'Data-subject requests of the workspace, newest first',
          querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }),
          response: { 200: Type.Object({ items: Type.Array(RequestView) }) },
        },
      },
      async (request) => {
        const { limit } = request.query as { limit: number }
        return { items: (await requests.listRequests(request.caller!.workspaceId, limit)).map(view) }
      },
    )

    app.get(
      '/api/privacy/requests/:id',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          security,
          summary: 'One data-subject request and its status',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          response: { 200: RequestView },
        },
      },
      async (request) => {
        const { id } = request.params as { id: string }
        const found = await requests.getRequest(request.caller!.workspaceId, id)
        if (!found)
          throw new TouchstoneError('TS_NOT_FOUND', `no data-subject request ${id} in this workspace`)
        return view(found)
      },
    )

    app.get(
      '/api/privacy/requests/:id/archive',
      {
        config: { permission: 'privacy.manage' },
        schema: {
          tags,
          security,
          summary:
            'The JSON archive of a completed export request: events, responses, cases with notes, identities, ' +
            'traits, consents, invitations (built when asked, so it is current and no copy is kept)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        },
      },
      async (request, reply) => {
        const { workspaceId } = request.caller!
        const { id } = request.params as { id: string }
        const found = await requests.getRequest(workspaceId, id)
        if (!found)
          throw new TouchstoneError('TS_NOT_FOUND', `no data-subject request ${id} in this workspace`)
        if (found.kind !== 'export' || found.status !== 'completed' || !found.personId)
          throw new TouchstoneError(
            'TS_CONFLICT',
            `request ${id} is a ${found.status} ${found.kind}; archives come from completed exports`,
          )
        const person = await service.findById(workspaceId, found.personId)
        return reply
          .header('content-disposition', `attachment; filename="person-${person.personId}.json"`)
          .send(await service.archive(workspaceId, person))
      },
    )
  }
}
