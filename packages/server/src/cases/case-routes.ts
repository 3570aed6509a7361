import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { KeyService } from '../auth/api-keys.ts'
import { createSecretBox } from '../auth/secret-box.ts'
import { readCxSettings } from '../surveys/cx-settings.ts'
import { linkBase } from '../surveys/invitation-routes.ts'
import { caseChangeEvents, caseEventData, emitWebhookEvent } from '../webhooks/webhook-events.ts'
import { followUpDelayMs, followUpOf, inviteFollowUp, type FollowUp } from './follow-up-service.ts'
import { TouchstoneError } from '../errors.ts'
import type { EventStore } from '../stores/events/event-store.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { CASE_WORKERS, callerWith } from '../surveys/api-access.ts'
import {
  CASE_OUTCOMES,
  CASE_STATUSES,
  caseTransitionError,
  isOpenCase,
  nextCaseStatuses,
  type CaseStatus,
} from '@touchstone/core/surveys'
import type { CaseEventRecord, CaseRecord } from './case-store.ts'

const literals = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)))
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()])

const CaseView = Type.Object({
  id: Type.String(),
  responseId: Type.String(),
  surveyId: Nullable(Type.String()),
  personId: Nullable(Type.String()),
  scoreType: Nullable(Type.String()),
  score: Type.Union([Type.Integer(), Type.Null()]),
  comment: Nullable(Type.String()),
  touchpoint: Nullable(Type.String()),
  channel: Nullable(Type.String()),
  reason: Type.String(),
  status: Type.String(),
  nextStatuses: Type.Array(Type.String()),
  assignee: Nullable(Type.String()),
  dueAt: Type.String(),
  overdue: Type.Boolean(),
  outcome: Nullable(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
  resolvedAt: Nullable(Type.String()),
  closedAt: Nullable(Type.String()),
  /** The follow-up survey invitation after resolution (settings.closedLoop), when one was made. */
  followUp: Type.Optional(
    Type.Object({
      invitationId: Type.String(),
      channel: Type.String(),
      status: Type.String(),
      url: Type.String(),
      answeredAt: Nullable(Type.String()),
    }),
  ),
})

const CaseEventView = Type.Object({
  kind: Type.String(),
  from: Nullable(Type.String()),
  to: Nullable(Type.String()),
  note: Nullable(Type.String()),
  actor: Type.String(),
  at: Type.String(),
})

const CaseParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
const CaseChangeBody = Type.Object(
  {
    status: Type.Optional(literals(CASE_STATUSES)),
    assignee: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()])),
    outcome: Type.Optional(Type.Union([literals(CASE_OUTCOMES), Type.Null()])),
    dueAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false, minProperties: 1 },
)

const iso = (d: Date | null) => (d ? d.toISOString() : null)

function view(c: CaseRecord, now = Date.now()): Static<typeof CaseView> {
  return {
    id: c.id,
    responseId: c.responseId,
    surveyId: c.surveyId,
    personId: c.personId,
    scoreType: c.scoreType,
    score: c.score,
    comment: c.comment,
    touchpoint: c.touchpoint,
    channel: c.channel,
    reason: c.reason,
    status: c.status,
    nextStatuses: [...nextCaseStatuses(c.status)],
    assignee: c.assignee,
    dueAt: c.dueAt.toISOString(),
    overdue: isOpenCase(c.status) && c.dueAt.getTime() < now,
    outcome: c.outcome,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    resolvedAt: iso(c.resolvedAt),
    closedAt: iso(c.closedAt),
  }
}

function eventView(e: CaseEventRecord): Static<typeof CaseEventView> {
  return {
    kind: e.kind,
    from: e.fromValue,
    to: e.toValue,
    note: e.note,
    actor: e.actor,
    at: e.at.toISOString(),
  }
}

function followUpView(f: FollowUp | undefined) {
  if (!f) return {}
  const inv = f.invitation
  return {
    followUp: {
      invitationId: inv.id,
      channel: inv.channel,
      status: inv.status,
      url: f.url,
      answeredAt: iso(inv.answeredAt),
    },
  }
}

/** Closed-loop cases: `/api/cases…` (secret key; owner/admin/analyst/agent work cases). */
export function caseRoutes(deps: {
  keys: KeyService
  meta: MetaStore
  secret: string
  events: Pick<EventStore, 'mergedPersonIds'>
}) {
  const store = deps.meta.cases
  const followUps = { meta: deps.meta, secret: deps.secret, box: createSecretBox(deps.secret) }
  const baseOf = async (request: FastifyRequest, workspaceId: string) =>
    linkBase(request, readCxSettings(await deps.meta.surveys.getSettings(workspaceId)).publicUrl)
  const tags = ['cases']
  const security = [{ secretKey: [] }]

  return async (app: FastifyInstance) => {
    const ListQuery = Type.Object({
      status: Type.Optional(
        Type.String({ description: 'Comma-separated statuses', pattern: '^[a-z_]+(,[a-z_]+)*$' }),
      ),
      assignee: Type.Optional(Type.String({ maxLength: 200 })),
      survey: Type.Optional(Type.String({ format: 'uuid' })),
      touchpoint: Type.Optional(
        Type.String({
          minLength: 1,
          maxLength: 80,
          description: 'Cases opened from a response at this touchpoint',
        }),
      ),
      person: Type.Optional(
        Type.String({
          format: 'uuid',
          description: 'Cases of this person, including those of person ids merged into it',
        }),
      ),
      overdue: Type.Optional(
        Type.Boolean({ description: 'Only open cases past their due time, most overdue first' }),
      ),
      limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
      offset: Type.Integer({ minimum: 0, default: 0 }),
    })
    app.get(
      '/api/cases',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags,
          security,
          summary: 'Cases, newest first (or most overdue first with overdue=true)',
          querystring: ListQuery,
          response: { 200: Type.Object({ items: Type.Array(CaseView), total: Type.Integer() }) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const q = request.query as Static<typeof ListQuery>
        const status = q.status?.split(',')
        const unknown = status?.find((s) => !(CASE_STATUSES as readonly string[]).includes(s))
        if (unknown)
          throw new TouchstoneError(
            'TS_BAD_REQUEST',
            `status: "${unknown}" is not one of ${CASE_STATUSES.join(', ')}`,
          )
        const now = new Date()
        const page = await store.listCases(workspaceId, {
          ...(status ? { status: status as CaseStatus[] } : {}),
          ...(q.assignee !== undefined ? { assignee: q.assignee } : {}),
          ...(q.survey !== undefined ? { surveyId: q.survey } : {}),
          ...(q.touchpoint !== undefined ? { touchpoint: q.touchpoint } : {}),
          ...(q.person !== undefined
            ? { personIds: await deps.events.mergedPersonIds(workspaceId, q.person) }
            : {}),
          ...(q.overdue ? { overdueAt: now } : {}),
          limit: q.limit,
          offset: q.offset,
        })
        return { items: page.items.map((c) => view(c, now.getTime())), total: page.total }
      },
    )

    app.get(
      '/api/cases/:id',
      {
        config: { permission: 'cases.read' },
        schema: {
          tags,
          security,
          summary: 'A case with its audit trail',
          params: CaseParams,
          response: { 200: Type.Composite([CaseView, Type.Object({ history: Type.Array(CaseEventView) })]) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const { id } = request.params as { id: string }
        const found = await store.getCase(workspaceId, id)
        if (!found) throw new TouchstoneError('TS_NOT_FOUND', `no case ${id} in this workspace`)
        const followUp = await followUpOf(followUps, found, await baseOf(request, workspaceId))
        return {
          ...view(found),
          ...followUpView(followUp),
          history: (await store.caseEvents(workspaceId, id)).map(eventView),
        }
      },
    )

    app.patch(
      '/api/cases/:id',
      {
        config: { permission: 'cases.work' },
        schema: {
          tags,
          security,
          summary:
            'Move a case through new → in_progress → waiting_for_customer → resolved → closed; assign; set the outcome',
          params: CaseParams,
          body: CaseChangeBody,
          response: { 200: CaseView },
        },
      },
      async (request) => {
        const caller = await callerWith(request, deps.keys, CASE_WORKERS, 'changing a case')
        const { id } = request.params as { id: string }
        const body = request.body as Static<typeof CaseChangeBody>
        const change = {
          ...(body.status !== undefined ? { status: body.status as CaseStatus } : {}),
          ...(body.assignee !== undefined ? { assignee: body.assignee } : {}),
          ...(body.outcome !== undefined ? { outcome: body.outcome } : {}),
          ...(body.dueAt !== undefined ? { dueAt: new Date(body.dueAt) } : {}),
        }
        let before: CaseRecord | undefined
        const result = await store.updateCase(
          caller.workspaceId,
          id,
          change,
          `key:${caller.keyId}`,
          (current, c) => {
            before = current
            if (current.status === 'closed') return 'the case is closed; it cannot change any more'
            if (c.status === undefined || c.status === current.status) return undefined
            return caseTransitionError(
              current.status,
              c.status,
              c.outcome !== undefined ? c.outcome : current.outcome,
            )
          },
        )
        if (!result) throw new TouchstoneError('TS_NOT_FOUND', `no case ${id} in this workspace`)
        if ('refused' in result) throw new TouchstoneError('TS_CONFLICT', result.refused)
        const updated = result.case
        const changed = before && updated.updatedAt.getTime() !== before.updatedAt.getTime()
        if (before && changed) {
          const previous = { status: before.status, assignee: before.assignee, outcome: before.outcome }
          for (const type of caseChangeEvents(before.status, updated))
            await emitWebhookEvent(
              deps.meta.webhooks,
              caller.workspaceId,
              type,
              { case: caseEventData(updated), previous },
              (error) => request.log.error({ err: error }, 'webhook outbox write failed'),
            )
        }
        const base = await baseOf(request, caller.workspaceId)
        let followUp = await followUpOf(followUps, updated, base)
        const settings = readCxSettings(await deps.meta.surveys.getSettings(caller.workspaceId))
        // Resolving invites to the follow-up survey at once unless a delay is set (then the
        // minute job does it); a failure here leaves the case resolved and the job retries.
        if (!followUp && changed && updated.status === 'resolved' && followUpDelayMs(settings) === 0) {
          const made = await inviteFollowUp(followUps, updated, base).catch((error: unknown) => {
            request.log.error({ err: error }, 'follow-up invitation failed')
            return undefined
          })
          if (made && 'invitation' in made) followUp = made
        }
        return { ...view(updated), ...followUpView(followUp) }
      },
    )

    app.post(
      '/api/cases/:id/notes',
      {
        config: { permission: 'cases.work' },
        schema: {
          tags,
          security,
          summary: 'Add a note to a case (kept in its audit trail)',
          params: CaseParams,
          body: Type.Object(
            { note: Type.String({ minLength: 1, maxLength: 10_000 }) },
            { additionalProperties: false },
          ),
          response: { 201: CaseEventView },
        },
      },
      async (request, reply) => {
        const caller = await callerWith(request, deps.keys, CASE_WORKERS, 'adding a note')
        const { id } = request.params as { id: string }
        const { note } = request.body as { note: string }
        const entry = await store.addNote(caller.workspaceId, id, note, `key:${caller.keyId}`)
        if (!entry) throw new TouchstoneError('TS_NOT_FOUND', `no case ${id} in this workspace`)
        return reply.status(201).send(eventView(entry))
      },
    )
  }
}
