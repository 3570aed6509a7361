import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { isTouchstoneError, TouchstoneError } from '../errors.ts'
import type { MetaStore, Role } from '../stores/meta/meta-store.ts'
import { CSRF_COOKIE, SESSION_COOKIE, serializeCookie } from './cookies.ts'
import { SESSION_TTL_MS, type SessionService } from './session-service.ts'
import type { SessionClaims } from './session-token.ts'

/** When session cookies get the `Secure` attribute. */
export type SecureCookies = 'auto' | 'always' | 'never'

const Login = Type.Object({
  email: Type.String({ minLength: 3, maxLength: 320 }),
  password: Type.String({ minLength: 1, maxLength: 1024 }),
  workspaceId: Type.Optional(Type.String({ format: 'uuid', description: 'default: the first workspace' })),
})
const Session = Type.Object({
  user: Type.Object({ id: Type.String(), email: Type.String() }),
  workspace: Type.Object({ id: Type.String(), name: Type.String() }),
  role: Type.String(),
  workspaces: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), role: Type.String() })),
  csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every non-GET request' }),
  expiresAt: Type.String(),
})

/** `POST|GET|DELETE /api/session`: the dashboard's login, who-am-I and logout. */
export function sessionRoutes(deps: {
  meta: MetaStore
  sessions: SessionService
  secureCookies: SecureCookies
}) {
  const { meta, sessions } = deps

  /** `auto`: Secure when the request came over https, directly or through a proxy that says so. */
  function secure(request: FastifyRequest): boolean {
    if (deps.secureCookies !== 'auto') return deps.secureCookies === 'always'
    const forwarded = request.headers['x-forwarded-proto']
    const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
    return request.protocol === 'https' || proto === 'https'
  }

  function setCookies(
    reply: FastifyReply,
    request: FastifyRequest,
    token: string,
    csrf: string,
    maxAge: number,
  ) {
    const s = secure(request)
    void reply.header('set-cookie', [
      serializeCookie(SESSION_COOKIE, token, { maxAge, httpOnly: true, secure: s }),
      // Readable by the page on purpose: the double-submit CSRF pattern copies it into a header.
      serializeCookie(CSRF_COOKIE, csrf, { maxAge, httpOnly: false, secure: s }),
    ])
  }

  async function describe(claims: SessionClaims, role: Role): Promise<Static<typeof Session>> {
    const memberships = await meta.listMemberships(claims.userId)
    const current = memberships.find((m) => m.workspaceId === claims.workspaceId)
    return {
      user: { id: claims.userId, email: claims.email },
      workspace: { id: claims.workspaceId, name: current?.workspaceName ?? '' },
      role,
      workspaces: memberships.map((m) => ({ id: m.workspaceId, name: m.workspaceName, role: m.role })),
      csrfToken: sessions.csrfTokenOf(claims),
      expiresAt: new Date(claims.exp).toISOString(),
    }
  }

  return async (app: FastifyInstance) => {
    app.post(
      '/api/session',
      {
        // The session routes authenticate by themselves: login has no caller yet, logout and who-am-I read the cookie.
        config: { permission: 'public' },
        schema: {
          tags: ['session'],
          summary: 'Log in to the dashboard (sets an HttpOnly session cookie and a CSRF cookie)',
          body: Login,
          response: { 200: Session },
        },
      },
      async (request, reply) => {
        const { email, password, workspaceId } = request.body as Static<typeof Login>
        try {
          const session = await sessions.login(email, password, request.ip, workspaceId)
          setCookies(reply, request, session.token, session.csrfToken, SESSION_TTL_MS / 1000)
          return await describe(session.claims, session.role)
        } catch (error) {
          if (isTouchstoneError(error) && ['TS_RATE_LIMITED', 'TS_ACCOUNT_LOCKED'].includes(error.code)) {
            const retryAfter = (error.details as { retryAfter?: number } | undefined)?.retryAfter ?? 60
            void reply.header('retry-after', String(retryAfter))
          }
          throw error
        }
      },
    )

    app.get(
      '/api/session',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['session'],
          summary: 'The signed-in user, workspace and role (401 without a session)',
          response: { 200: Session },
        },
      },
      async (request) => {
        const caller = await sessions.callerOf(request)
        const claims = caller && (await sessions.claimsOf(request))
        if (!caller || !claims) throw new TouchstoneError('TS_UNAUTHORIZED', 'not signed in')
        return describe(claims, caller.role)
      },
    )

    app.delete(
      '/api/session',
      {
        config: { permission: 'public' },
        schema: {
          tags: ['session'],
          summary: 'Log out (needs X-CSRF-Token); clears the cookies',
          response: { 204: Type.Null() },
        },
      },
      async (request, reply) => {
        const claims = await sessions.claimsOf(request)
        // Throws 403 without the CSRF token, so another site cannot log a user out.
        if (claims && (await sessions.callerOf(request))) await sessions.revoke(claims)
        setCookies(reply, request, '', '', 0)
        return reply.status(204).send()
      },
    )
  }
}
