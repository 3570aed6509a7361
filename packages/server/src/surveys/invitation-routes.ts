import type { FastifyInstance, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { normalizeEmail, normalizePhone } from '@touchstone/core'
import type { KeyService } from '../auth/api-keys.ts'
import { createSecretBox } from '../auth/secret-box.ts'
import { TouchstoneError } from '../errors.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { declinedSurveys, type SurveyConsentDeps } from '../privacy/survey-consent.ts'
import { callerWith, SURVEY_WRITERS } from './api-access.ts'
import { fatigueRuleOf, readCxSettings } from './cx-settings.ts'
import { sendInvitationMails } from './invitation-mailer.ts'
import { signInvitationToken } from './link-token.ts'
import { mayInvite } from '@touchstone/core/surveys'
import { CreateInvitationsBody, InvitationView } from './survey-schemas.ts'
import type { InvitationRecord, NewInvitation, SurveyRecord } from './survey-store.ts'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

/** The strongest identifier of a recipient, as the fatigue rules count persons. */
function personKeyOf(r: {
  userId?: string
  email?: string
  phone?: string
  anonymousId?: string
}): string | null {
  if (r.userId) return `user_id:${r.userId}`
  const email = normalizeEmail(r.email)
  if (email) return `email:${email}`
  const phone = normalizePhone(r.phone)
  if (phone) return `phone:${phone}`
  return r.anonymousId ? `anonymous_id:${r.anonymousId}` : null
}

/** The base URL of survey links: the workspace's public URL, else the host the API was called on. */
export function linkBase(request: FastifyRequest, publicUrl: string | undefined): string {
  return (publicUrl ?? `${request.protocol}://${request.host}`).replace(/\/+$/, '')
}

/** Survey invitations on every channel: `/api/surveys/:id/invitations`, reminders, delivery reports. */
export function invitationRoutes(
  deps: { keys: KeyService; meta: MetaStore; secret: string } & Partial<SurveyConsentDeps>,
) {
  const box = createSecretBox(deps.secret)
  const store = deps.meta.surveys
  const tags = ['surveys']
  const security = [{ secretKey: [] }]
  const toView = (inv: InvitationRecord, base: string) => ({
    id: inv.id,
    surveyId: inv.surveyId,
    version: inv.version,
    channel: inv.channel,
    status: inv.status,
    userId: inv.userId,
    email: inv.email,
    phone: inv.phone,
    touchpoint: inv.touchpoint,
    language: inv.language,
    error: inv.error,
    url: `${base}/s/${signInvitationToken(deps.secret, inv.id)}`,
    createdAt: inv.createdAt.toISOString(),
    sentAt: iso(inv.sentAt),
    openedAt: iso(inv.openedAt),
    answeredAt: iso(inv.answeredAt),
  })

  async function liveSurvey(workspaceId: string, id: string): Promise<SurveyRecord> {
    const survey = await store.getSurvey(workspaceId, id)
    if (!survey) throw new TouchstoneError('TS_NOT_FOUND', `no survey ${id} in this workspace`)
    if (survey.status !== 'live')
      throw new TouchstoneError(
        'TS_CONFLICT',
        `the survey is ${survey.status}; publish it (status live) before inviting`,
      )
    return survey
  }

  return async (app: FastifyInstance) => {
    app.post(
      '/api/surveys/:id/invitations',
      {
        config: { permission: 'surveys.write' },
        schema: {
          tags,
          security,
          summary: 'Invite persons by link, e-mail, SMS or phone agent; each gets a signed survey link',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: CreateInvitationsBody,
          response: {
            201: Type.Object({
              invitations: Type.Array(
                Type.Intersect([Type.Object({ index: Type.Integer() }), InvitationView]),
              ),
              skipped: Type.Array(Type.Object({ index: Type.Integer(), reason: Type.String() })),
            }),
          },
        },
      },
      async (request, reply) => {
        const { workspaceId } = await callerWith(request, deps.keys, SURVEY_WRITERS, 'inviting to a survey')
        const { id } = request.params as { id: string }
        const body = request.body as Static<typeof CreateInvitationsBody>
        const survey = await liveSurvey(workspaceId, id)
        const settings = readCxSettings(await store.getSettings(workspaceId))
        const skipped: Array<{ index: number; reason: string }> = []
        const rows: Array<{ index: number; row: NewInvitation }> = []
        const keys = body.recipients.map(personKeyOf)
        const last = body.respectFatigue
          ? await store.lastInvitedAt(
              workspaceId,
              keys.filter((k): k is string => k !== null),
            )
          : new Map<string, Date>()
        const now = new Date()
        const seen = new Set<string>()
        body.recipients.forEach((r, index) => {
          const email = r.email === undefined ? undefined : normalizeEmail(r.email)
          if (r.email !== undefined && !email)
            return skipped.push({ index, reason: `"${r.email}" is not an e-mail address` })
          if (body.channel === 'email' && !email)
            return skipped.push({ index, reason: 'the email channel needs an e-mail address' })
          if (body.channel === 'sms' && !normalizePhone(r.phone))
            return skipped.push({ index, reason: 'the sms channel needs a phone number' })
          if (deps.identities && deps.privacy && declinedSurveys(deps as SurveyConsentDeps, workspaceId, r))
            return skipped.push({ index, reason: 'the person declined surveys (consent)' })
          const key = keys[index] ?? null
          if (key && body.respectFatigue) {
            const ok = mayInvite(
              { lastInvitedAt: last.get(key), sameTriggerInvited: seen.has(key) },
              now,
              fatigueRuleOf(settings),
            )
            if (!ok.ok) return skipped.push({ index, reason: ok.reason })
            seen.add(key)
          }
          rows.push({
            index,
            row: {
              workspaceId,
              surveyId: survey.id,
              version: survey.version,
              channel: body.channel,
              userId: r.userId ?? null,
              email: email ?? null,
              phone: r.phone ? (normalizePhone(r.phone) ?? null) : null,
              anonymousId: r.anonymousId ?? null,
              personKey: key,
              trigger: r.trigger ?? null,
              touchpoint: r.touchpoint ?? null,
              stage: r.stage ?? null,
              language: r.language ?? null,
            },
          })
        })
        // An invitation without any identifier still needs a person for its response.
        const created = await store.createInvitations(rows.map(({ row }) => row))
        const made: Array<{ index: number; inv: InvitationRecord }> = []
        created.forEach((inv, i) => {
          const index = rows[i]!.index
          if (inv) made.push({ index, inv })
          else skipped.push({ index, reason: 'already invited for this trigger' })
        })
        const base = linkBase(request, settings.publicUrl)
        if (body.channel === 'email' && body.send && made.length > 0) {
          if (!settings.smtp)
            throw new TouchstoneError(
              'TS_CONFLICT',
              'no SMTP server is configured (PUT /api/survey-settings); the invitations were created unsent',
            )
          const definition = (await store.getVersion(workspaceId, survey.id, survey.version))!
          const results = await sendInvitationMails(
            settings.smtp,
            definition,
            made.map(({ inv }) => ({
              to: inv.email!,
              url: toView(inv, base).url,
              language: inv.language ?? 'de',
            })),
            box,
          )
          const at = new Date()
          await Promise.all(
            results.map(async (result, i) => {
              const inv = made[i]!.inv
              await store.markInvitation(
                inv.id,
                result.ok ? 'sent' : 'failed',
                at,
                result.ok ? undefined : result.error,
              )
              Object.assign(
                inv,
                result.ok ? { status: 'sent', sentAt: at } : { status: 'failed', error: result.error },
              )
            }),
          )
        }
        skipped.sort((a, b) => a.index - b.index)
        return reply
          .status(201)
          .send({ invitations: made.map(({ index, inv }) => ({ index, ...toView(inv, base) })), skipped })
      },
    )

    app.get(
      '/api/surveys/:id/invitations',
      {
        config: { permission: 'surveys.read' },
        schema: {
          tags,
          security,
          summary: "A survey's invitations, newest first",
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Object({
            status: Type.Optional(
              Type.Union(['created', 'sent', 'opened', 'answered', 'failed'].map((s) => Type.Literal(s))),
            ),
            limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
            offset: Type.Integer({ minimum: 0, default: 0 }),
          }),
          response: { 200: Type.Object({ items: Type.Array(InvitationView) }) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const { id } = request.params as { id: string }
        const q = request.query as { status?: InvitationRecord['status']; limit: number; offset: number }
        if (!(await store.getSurvey(workspaceId, id)))
          throw new TouchstoneError('TS_NOT_FOUND', `no survey ${id} in this workspace`)
        const settings = readCxSettings(await store.getSettings(workspaceId))
        const base = linkBase(request, settings.publicUrl)
        const items = await store.listInvitations(workspaceId, { surveyId: id, ...q })
        return { items: items.map((inv) => toView(inv, base)) }
      },
    )

    app.post(
      '/api/surveys/:id/reminders',
      {
        config: { permission: 'surveys.write' },
        schema: {
          tags,
          security,
          summary: 'Send the one reminder to e-mail invitations sent before `sentBefore` and not answered',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object(
            { sentBefore: Type.String({ format: 'date-time' }) },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ reminded: Type.Integer(), failed: Type.Integer() }) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys, SURVEY_WRITERS, 'sending reminders')
        const { id } = request.params as { id: string }
        const sentBefore = new Date((request.body as { sentBefore: string }).sentBefore)
        const survey = await liveSurvey(workspaceId, id)
        const settings = readCxSettings(await store.getSettings(workspaceId))
        if (!settings.smtp)
          throw new TouchstoneError('TS_CONFLICT', 'no SMTP server is configured (PUT /api/survey-settings)')
        const due: InvitationRecord[] = []
        for (const status of ['sent', 'opened'] as const) {
          for (let offset = 0; ; offset += 1000) {
            const page = await store.listInvitations(workspaceId, {
              surveyId: id,
              status,
              limit: 1000,
              offset,
            })
            due.push(
              ...page.filter(
                (i) =>
                  i.channel === 'email' && i.email && !i.reminderSentAt && i.sentAt && i.sentAt < sentBefore,
              ),
            )
            if (page.length < 1000) break
          }
        }
        const base = linkBase(request, settings.publicUrl)
        const definition = (await store.getVersion(workspaceId, survey.id, survey.version))!
        const results = await sendInvitationMails(
          settings.smtp,
          definition,
          due.map((inv) => ({
            to: inv.email!,
            url: toView(inv, base).url,
            language: inv.language ?? 'de',
            reminder: true,
          })),
          box,
        )
        const at = new Date()
        await Promise.all(
          due.map((inv, i) => (results[i]?.ok ? store.markInvitation(inv.id, 'reminded', at) : undefined)),
        )
        const reminded = results.filter((r) => r.ok).length
        return { reminded, failed: results.length - reminded }
      },
    )

    app.post(
      '/api/invitations/:id/status',
      {
        config: { permission: 'surveys.write' },
        schema: {
          tags,
          security,
          summary: 'Report delivery of an SMS or phone-agent invitation (sent, opened, failed)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          body: Type.Object(
            {
              event: Type.Union([Type.Literal('sent'), Type.Literal('opened'), Type.Literal('failed')]),
              error: Type.Optional(Type.String({ maxLength: 1000 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: InvitationView },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys, SURVEY_WRITERS, 'reporting delivery')
        const { id } = request.params as { id: string }
        const body = request.body as { event: 'sent' | 'opened' | 'failed'; error?: string }
        const inv = await store.getInvitation(id)
        if (!inv || inv.workspaceId !== workspaceId)
          throw new TouchstoneError('TS_NOT_FOUND', `no invitation ${id} in this workspace`)
        await store.markInvitation(id, body.event, new Date(), body.error)
        const settings = readCxSettings(await store.getSettings(workspaceId))
        return toView((await store.getInvitation(id))!, linkBase(request, settings.publicUrl))
      },
    )
  }
}
