import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import { TouchstoneError } from '../errors.ts'
import { verifyInvitationToken } from './link-token.ts'
import { renderMessagePage, renderSurveyPage, renderThankYouPage, uiText } from './link-page.ts'
import { submitResponse, type ResponseServiceDeps } from './response-service.ts'
import { chooseLanguage, type SurveyDefinition } from '@touchstone/core/surveys'
import type { InvitationRecord } from './survey-store.ts'

/** Form posts are small: a few answers and one comment of at most 5,000 characters. */
const BODY_LIMIT = 64 * 1024

function sendHtml(reply: FastifyReply, status: number, html: string, nonce: string): FastifyReply {
  return reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header(
      'content-security-policy',
      `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
    )
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .send(html)
}

/** Form fields → answers: a repeated field (multiple choice) becomes a list. */
function formAnswers(body: unknown): Record<string, unknown> {
  if (body instanceof URLSearchParams) {
    const out: Record<string, unknown> = {}
    for (const key of new Set(body.keys())) {
      const values = body.getAll(key)
      out[key] = values.length > 1 ? values : values[0]
    }
    return out
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const b = body as Record<string, unknown>
    // JSON: `{ answers: {…}, comment, lang }` (the widget) or flat fields.
    if (b.answers && typeof b.answers === 'object')
      return { ...(b.answers as object), comment: b.comment, lang: b.lang, partial: b.partial }
    return { ...b }
  }
  throw new TouchstoneError('TS_BAD_REQUEST', 'send the answers as a form or as JSON')
}

/** The hosted survey page `/s/:token`: server-rendered, no JavaScript, signed invitation tokens. */
export function linkRoutes(deps: ResponseServiceDeps & { secret: string }) {
  const store = deps.meta.surveys

  async function resolve(
    request: FastifyRequest,
    formLang?: unknown,
  ): Promise<
    { inv: InvitationRecord; definition: SurveyDefinition; lang: string; live: boolean } | { lang: string }
  > {
    const { token } = request.params as { token: string }
    const query = (request.query as { lang?: string }).lang
    const param = query ?? (typeof formLang === 'string' ? formLang : undefined)
    const fallback = chooseLanguage(['de', 'en'], {
      param,
      acceptLanguage: request.headers['accept-language'],
    })
    const id = verifyInvitationToken(deps.secret, token)
    const inv = id ? await store.getInvitation(id) : undefined
    if (!inv) return { lang: fallback }
    const [definition, survey] = await Promise.all([
      store.getVersion(inv.workspaceId, inv.surveyId, inv.version),
      store.getSurvey(inv.workspaceId, inv.surveyId),
    ])
    if (!definition || !survey) return { lang: fallback }
    const lang = chooseLanguage(definition.languages, {
      param,
      preferred: inv.language ?? undefined,
      acceptLanguage: request.headers['accept-language'],
    })
    return { inv, definition, lang, live: survey.status === 'live' }
  }

  return async (app: FastifyInstance) => {
    // Scoped to this plugin: HTML forms post urlencoded bodies.
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => {
        done(null, new URLSearchParams(body as string))
      },
    )
    // The widget posts JSON as text/plain: a "simple" cross-origin request needs no preflight.
    // Fastify ships a text/plain parser; this scope replaces it.
    app.removeContentTypeParser('text/plain')
    app.addContentTypeParser(
      'text/plain',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_req, body, done) => {
        try {
          done(null, JSON.parse(body as string))
        } catch {
          done(new TouchstoneError('TS_MALFORMED_JSON', 'the body is not valid JSON'), undefined)
        }
      },
    )
    const params = Type.Object({ token: Type.String({ maxLength: 100 }) })
    const querystring = Type.Object({ lang: Type.Optional(Type.String({ maxLength: 10 })) })

    app.get(
      '/s/:token',
      { schema: { tags: ['survey pages'], summary: 'The hosted survey page (HTML)', params, querystring } },
      async (request, reply) => {
        const nonce = randomBytes(16).toString('base64')
        const found = await resolve(request)
        if (!('inv' in found))
          return sendHtml(reply, 404, renderMessagePage(found.lang, 'notFound', nonce), nonce)
        const { inv, definition, lang, live } = found
        if (inv.status === 'answered')
          return sendHtml(reply, 200, renderThankYouPage(definition, lang, nonce), nonce)
        if (!live) return sendHtml(reply, 410, renderMessagePage(lang, 'closed', nonce), nonce)
        await store.markInvitation(inv.id, 'opened', new Date())
        const action = request.url.split('?')[0] as string
        return sendHtml(reply, 200, renderSurveyPage({ definition, lang, action, nonce }), nonce)
      },
    )

    app.post(
      '/s/:token',
      {
        bodyLimit: BODY_LIMIT,
        schema: {
          tags: ['survey pages'],
          summary: 'Submit answers (form or JSON); a repeat is answered, not stored twice',
          params,
          querystring,
        },
      },
      async (request, reply) => {
        const nonce = randomBytes(16).toString('base64')
        const json = !(request.body instanceof URLSearchParams)
        // JSON answers come from the widget on the customer's own site.
        if (json) void reply.header('access-control-allow-origin', '*')
        // JSON answers come from the widget on the customer's own site.
        if (json) void reply.header('access-control-allow-origin', '*')
        const raw = formAnswers(request.body)
        const { lang: bodyLang, partial, ...answers } = raw
        const found = await resolve(request, bodyLang)
        if (!('inv' in found)) {
          if (json) throw new TouchstoneError('TS_NOT_FOUND', 'no survey behind this link')
          return sendHtml(reply, 404, renderMessagePage(found.lang, 'notFound', nonce), nonce)
        }
        const { inv, definition, lang, live } = found
        if (!live && inv.status !== 'answered') {
          if (json) throw new TouchstoneError('TS_CONFLICT', 'the survey has ended')
          return sendHtml(reply, 410, renderMessagePage(lang, 'closed', nonce), nonce)
        }
        const result = await submitResponse(deps, inv, answers, {
          language: lang,
          partial: json && partial === true,
        })
        if (json) {
          if (result.state === 'invalid')
            throw new TouchstoneError('TS_BAD_REQUEST', result.errors.join('; '), { errors: result.errors })
          return reply.status(200).send({ success: true, ...result })
        }
        if (result.state === 'answered')
          return sendHtml(reply, 200, renderThankYouPage(definition, lang, nonce), nonce)
        const action = request.url.split('?')[0] as string
        const shown = Object.fromEntries(Object.entries(answers).filter(([k]) => k !== 'comment')) as never
        const comment = typeof answers.comment === 'string' ? answers.comment : undefined
        if (result.state === 'partial') {
          const notice = uiText(lang, 'missing')
          return sendHtml(
            reply,
            200,
            renderSurveyPage({
              definition,
              lang,
              action,
              nonce,
              answers: coerce(definition, shown),
              comment,
              invalid: result.missing,
              notice,
            }),
            nonce,
          )
        }
        const invalid = result.errors
          .map((e) => /^answers\.([^:]+):/.exec(e)?.[1])
          .filter((x): x is string => !!x)
        return sendHtml(
          reply,
          400,
          renderSurveyPage({
            definition,
            lang,
            action,
            nonce,
            answers: coerce(definition, shown),
            comment,
            errors: result.errors,
            invalid,
          }),
          nonce,
        )
      },
    )
  }
}

/** Form strings back to answer values, so a re-shown form keeps its choices checked. */
function coerce(
  definition: SurveyDefinition,
  raw: Record<string, unknown>,
): Record<string, number | string | string[]> {
  const out: Record<string, number | string | string[]> = {}
  for (const q of definition.questions) {
    const v = raw[q.id]
    if (v === undefined) continue
    if (q.type === 'multiple') out[q.id] = (Array.isArray(v) ? v : [v]).map(String)
    else if (q.type === 'single' || q.type === 'text') out[q.id] = String(v)
    else if (/^\d{1,2}$/.test(String(v))) out[q.id] = Number(v)
  }
  return out
}
