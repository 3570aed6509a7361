import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { classifyTouchpoint } from '@touchstone/core'
import type { KeyService } from '../auth/api-keys.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { fatigueRuleOf, readCxSettings } from './cx-settings.ts'
import { signInvitationToken, verifyInvitationToken } from './link-token.ts'
import { chooseLanguage, localize, mayInvite, type SurveyDefinition } from '@touchstone/core/surveys'
import type { InvitationRecord } from './survey-store.ts'

const WIDGET_FILE = new URL('../../../widget/src/touchstone-widget.js', import.meta.url)

const EligibleQuery = Type.Object({
  key: Type.String({ minLength: 1, maxLength: 100, description: 'The write key' }),
  anonymousId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  userId: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  lang: Type.Optional(Type.String({ maxLength: 10 })),
  url: Type.Optional(Type.String({ maxLength: 2000, description: 'The page the prompt would show on' })),
  token: Type.Optional(
    Type.String({ maxLength: 100, description: 'A prompt answered only partly: resume it' }),
  ),
})

/** A survey version with every text in one language: what the widget renders (as text, never HTML). */
export function localizedSurvey(d: SurveyDefinition, lang: string) {
  return {
    name: d.name,
    intro: localize(d.intro, lang),
    followUp: d.followUp ? localize(d.followUp, lang) : '',
    thankYou: localize(d.thankYou, lang),
    questions: d.questions.map((q) => ({
      id: q.id,
      type: q.type,
      text: localize(q.text, lang),
      required: q.required === true || ['nps', 'csat', 'ces'].includes(q.type),
      min: q.type === 'nps' ? 0 : q.type === 'rating' ? (q.min ?? 1) : 1,
      max:
        q.type === 'nps'
          ? 10
          : q.type === 'csat'
            ? 5
            : q.type === 'ces'
              ? 7
              : q.type === 'rating'
                ? (q.max ?? 5)
                : 0,
      minLabel: localize(q.minLabel, lang),
      maxLabel: localize(q.maxLabel, lang),
      options: (q.options ?? []).map((o) => ({ id: o.id, label: localize(o.label, lang) })),
    })),
  }
}

/** The touchpoint of a page as ingestion names it (`/checkout/pay` → `checkout`). */
function touchpointOf(url: string | undefined): string {
  return classifyTouchpoint({ type: 'page', properties: { url } }, 'web')
}

/** Deterministic sampling: the same visitor is in or out of the sample on every page. */
function inSample(personKey: string, surveyId: string, share: number): boolean {
  const h = createHash('sha256').update(`${surveyId}:${personKey}`).digest().readUInt32BE(0)
  return h / 0x1_0000_0000 < share
}

function cors(reply: FastifyReply): FastifyReply {
  return reply.header('access-control-allow-origin', '*').header('vary', 'origin')
}

/**
 * The web widget's side of the server: `GET /widget.js` (the snippet) and `GET /s/widget` (is
 * there a survey for this visitor now? — write key, fatigue and sampling decide; the answer is an
 * invitation token and the survey's texts in the visitor's language). Answers go to `POST /s/:token`.
 */
export function widgetRoutes(deps: { keys: KeyService; meta: MetaStore; secret: string }) {
  const store = deps.meta.surveys
  let script: string | undefined

  return async (app: FastifyInstance) => {
    app.get(
      '/widget.js',
      {
        schema: { tags: ['survey pages'], summary: 'The embeddable widget: page tracking and survey prompt' },
      },
      async (_request, reply) => {
        script ??= readFileSync(WIDGET_FILE, 'utf8')
        return cors(reply)
          .header('content-type', 'application/javascript; charset=utf-8')
          .header('cache-control', 'public, max-age=3600')
          .header('x-content-type-options', 'nosniff')
          .send(script)
      },
    )

    app.get(
      '/s/widget',
      {
        schema: {
          tags: ['survey pages'],
          summary: 'Whether the widget should prompt this visitor now; 204 when not',
          querystring: EligibleQuery,
        },
      },
      async (request, reply) => {
        cors(reply).header('cache-control', 'no-store')
        const q = request.query as Static<typeof EligibleQuery>
        const key = await deps.keys.authenticate(q.key, 'write')
        if (!key) return reply.status(204).send()
        const workspaceId = key.workspaceId
        const settings = readCxSettings(await store.getSettings(workspaceId))
        const widget = settings.widget
        if (!widget || (!q.userId && !q.anonymousId)) return reply.status(204).send()
        const survey = await store.getSurvey(workspaceId, widget.surveyId)
        if (!survey || survey.status !== 'live') return reply.status(204).send()
        if (widget.touchpoints?.length) {
          if (!widget.touchpoints.includes(touchpointOf(q.url))) return reply.status(204).send()
        }
        let inv: InvitationRecord | undefined
        const resumeId = q.token ? verifyInvitationToken(deps.secret, q.token) : undefined
        if (resumeId) {
          const found = await store.getInvitation(resumeId)
          if (
            found &&
            found.workspaceId === workspaceId &&
            found.status !== 'answered' &&
            found.surveyId === survey.id
          )
            inv = found
        }
        if (!inv) {
          const personKey = q.userId ? `user_id:${q.userId}` : `anonymous_id:${q.anonymousId}`
          if (!inSample(personKey, survey.id, widget.sample ?? 1)) return reply.status(204).send()
          const last = (await store.lastInvitedAt(workspaceId, [personKey])).get(personKey)
          if (
            !mayInvite(
              { lastInvitedAt: last, sameTriggerInvited: false },
              new Date(),
              fatigueRuleOf(settings),
            ).ok
          )
            return reply.status(204).send()
          const [created] = await store.createInvitations([
            {
              workspaceId,
              surveyId: survey.id,
              version: survey.version,
              channel: 'web',
              userId: q.userId ?? null,
              anonymousId: q.anonymousId ?? null,
              personKey,
              touchpoint: q.url ? touchpointOf(q.url) : null,
              language: q.lang ? q.lang.slice(0, 2).toLowerCase() : null,
            },
          ])
          if (!created) return reply.status(204).send()
          inv = created
        }
        const definition = await store.getVersion(workspaceId, inv.surveyId, inv.version)
        if (!definition) return reply.status(204).send()
        // Showing the prompt is what "shown" means for the web response rate.
        await store.markInvitation(inv.id, 'opened', new Date())
        const lang = chooseLanguage(definition.languages, {
          param: q.lang,
          preferred: inv.language ?? undefined,
          acceptLanguage: request.headers['accept-language'],
        })
        return {
          token: signInvitationToken(deps.secret, inv.id),
          lang,
          survey: localizedSurvey(definition, lang),
        }
      },
    )
  }
}
