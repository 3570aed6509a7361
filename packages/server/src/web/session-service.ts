import type { FastifyInstance, FastifyRequest } from 'fastify'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'
import { TouchstoneError } from '../errors.ts'
import type { MetaStore, Role } from '../stores/meta/meta-store.ts'
import { CSRF_HEADER, SESSION_COOKIE, parseCookies } from './cookies.ts'
import { LoginThrottle } from './login-throttle.ts'
import {
  csrfTokenFor,
  isCsrfTokenValid,
  newSessionId,
  signSession,
  verifySession,
  type SessionClaims,
} from './session-token.ts'

/** A dashboard session as the API sees it. */
export interface SessionCaller {
  workspaceId: string
  role: Role
  /** `session:<userId>`, in the place where a key caller has its key id. */
  keyId: string
  userId: string
  sid: string
}

/** A signed-in session: the cookie value and what the dashboard needs to show. */
export interface NewSession {
  token: string
  csrfToken: string
  claims: SessionClaims
  role: Role
}

/** 12 hours: a working day, after which the dashboard asks for the password again. */
export const SESSION_TTL_MS = 12 * 3600_000
const ROLE_CACHE_MS = 30_000
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Logs users in with e-mail and password (argon2id) and turns session cookies back into callers.
 * The role is read from the membership (cached 30 s), so a removed member loses access quickly.
 */
export class SessionService {
  private readonly throttle = new LoginThrottle()
  /** Logged-out session ids until their cookie would have expired anyway. */
  private readonly revoked = new Map<string, number>()
  private readonly roles = new Map<string, { role: Role | undefined; until: number }>()
  /** Compared against when the e-mail is unknown, so a miss costs as long as a wrong password. */
  private dummyHash: Promise<string> | undefined

  constructor(
    private readonly meta: MetaStore,
    private readonly secret: string,
  ) {}

  /** Verifies the password and opens a session in the user's first workspace (or `workspaceId`). */
  async login(email: string, password: string, clientIp: string, workspaceId?: string): Promise<NewSession> {
    const throttleKey = `${email.trim().toLowerCase()}|${clientIp}`
    const wait = this.throttle.retryAfter(throttleKey)
    if (wait > 0) {
      throw new TouchstoneError('TS_RATE_LIMITED', `too many failed logins; try again in ${wait} s`, {
        retryAfter: wait,
      })
    }
    const user = await this.meta.findUserByEmail(email.trim())
    this.dummyHash ??= hashPassword('not a password of anyone')
    const ok = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password)
    if (!user || !ok) {
      this.throttle.fail(throttleKey)
      throw new TouchstoneError('TS_UNAUTHORIZED', 'wrong e-mail or password')
    }
    const memberships = await this.meta.listMemberships(user.id)
    const membership = workspaceId ? memberships.find((m) => m.workspaceId === workspaceId) : memberships[0]
    if (!membership) throw new TouchstoneError('TS_FORBIDDEN', 'this user belongs to no workspace (yet)')
    this.throttle.succeed(throttleKey)
    const claims: SessionClaims = {
      sid: newSessionId(),
      userId: user.id,
      email: user.email,
      workspaceId: membership.workspaceId,
      exp: Date.now() + SESSION_TTL_MS,
    }
    return {
      token: signSession(this.secret, claims),
      csrfToken: csrfTokenFor(this.secret, claims.sid),
      claims,
      role: membership.role,
    }
  }

  /** Forgets a session id (logout); its cookie stops working at once in this process. */
  revoke(claims: SessionClaims): void {
    const now = Date.now()
    for (const [sid, exp] of this.revoked) if (exp <= now) this.revoked.delete(sid)
    this.revoked.set(claims.sid, claims.exp)
  }

  /** The valid, not revoked session of the request's cookie, if any. */
  claimsOf(request: FastifyRequest): SessionClaims | undefined {
    const token = parseCookies(request.headers.cookie).get(SESSION_COOKIE)
    if (!token) return undefined
    const claims = verifySession(this.secret, token)
    if (!claims || this.revoked.has(claims.sid)) return undefined
    return claims
  }

  csrfTokenOf(claims: SessionClaims): string {
    return csrfTokenFor(this.secret, claims.sid)
  }

  /**
   * The caller of a cookie-authenticated request, or undefined without a valid session.
   * Mutations must repeat the CSRF token in `X-CSRF-Token` (double submit): a page on another
   * site can make the browser send the cookie, but cannot read it to copy it into a header.
   */
  async callerOf(request: FastifyRequest): Promise<SessionCaller | undefined> {
    const claims = this.claimsOf(request)
    if (!claims) return undefined
    const role = await this.roleOf(claims.workspaceId, claims.userId)
    if (!role) return undefined
    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER]
      if (!isCsrfTokenValid(this.secret, claims.sid, Array.isArray(sent) ? sent[0] : sent)) {
        throw new TouchstoneError(
          'TS_FORBIDDEN',
          `a cookie-authenticated ${request.method} needs the session's CSRF token in the ${CSRF_HEADER} header`,
        )
      }
    }
    return {
      workspaceId: claims.workspaceId,
      role,
      keyId: `session:${claims.userId}`,
      userId: claims.userId,
      sid: claims.sid,
    }
  }

  async roleOf(workspaceId: string, userId: string): Promise<Role | undefined> {
    const key = `${workspaceId}|${userId}`
    const cached = this.roles.get(key)
    if (cached && cached.until > Date.now()) return cached.role
    const role = await this.meta.memberRole(workspaceId, userId)
    if (this.roles.size > 10_000) this.roles.clear()
    this.roles.set(key, { role, until: Date.now() + ROLE_CACHE_MS })
    return role
  }
}

/** Where the session service hangs on the Fastify instance, for `apiCaller` in every plugin. */
const DECORATION = 'touchstoneSessions'

/** Makes the sessions visible to every route (decorates the root instance). */
export function provideSessions(app: FastifyInstance, sessions: SessionService): void {
  app.decorate(DECORATION, sessions)
}

/** The session service of the app serving this request, if the dashboard routes are registered. */
export function sessionsOf(request: FastifyRequest): SessionService | undefined {
  const found = (request.server as unknown as Record<string, unknown>)[DECORATION]
  return found instanceof SessionService ? found : undefined
}
