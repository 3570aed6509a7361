import type { FastifyRequest } from 'fastify'
import type { AuditLog } from '../audit/audit-log.ts'
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
/** Failed logins in a row (from any address) that lock an account, and for how long. */
export const LOCKOUT = { maxFailures: 10, lockMs: 15 * 60_000 }
/**
 * How long a membership role, a password change and a revocation are cached. Within this process
 * logout and password changes act at once; another process (PostgreSQL shared) sees them within it.
 */
const CACHE_MS = 30_000
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Logs users in with e-mail and password (argon2id) and turns session cookies back into callers.
 * The role is read from the membership (cached 30 s), so a removed member loses access quickly.
 */
export class SessionService {
  private readonly throttle = new LoginThrottle()
  /** Session ids known to be logged out (until their expiry) or known not to be (until `until`). */
  private readonly revocations = new Map<string, { revoked: boolean; until: number }>()
  private readonly roles = new Map<string, { role: Role | undefined; until: number }>()
  private readonly passwordChanges = new Map<string, { at: number; until: number }>()
  /** Compared against when the e-mail is unknown, so a miss costs as long as a wrong password. */
  private dummyHash: Promise<string> | undefined

  constructor(
    private readonly meta: MetaStore,
    private readonly secret: string,
    private readonly audit?: AuditLog,
  ) {}

  /**
   * Verifies the password and opens a session in the user's first workspace (or `workspaceId`).
   * Two brakes on guessing: 5 failures per e-mail and address within 15 min → 429 (in memory), and
   * 10 failures in a row from anywhere → the account is locked for 15 min (423, persisted, audited).
   */
  async login(email: string, password: string, clientIp: string, workspaceId?: string): Promise<NewSession> {
    const throttleKey = `${email.trim().toLowerCase()}|${clientIp}`
    const wait = this.throttle.retryAfter(throttleKey)
    if (wait > 0) {
      throw new TouchstoneError('TS_RATE_LIMITED', `too many failed logins; try again in ${wait} s`, {
        retryAfter: wait,
      })
    }
    const user = await this.meta.findUserByEmail(email.trim())
    if (user?.lockedUntil && user.lockedUntil.getTime() > Date.now()) this.locked(user.lockedUntil)
    this.dummyHash ??= hashPassword('not a password of anyone')
    const ok = await verifyPassword(user?.passwordHash ?? (await this.dummyHash), password)
    if (!user || !ok) {
      this.throttle.fail(throttleKey)
      if (user) {
        const state = await this.meta.recordFailedLogin(user.id, LOCKOUT.maxFailures, LOCKOUT.lockMs)
        if (state.lockedUntil && state.lockedUntil.getTime() > Date.now() && state.failedLogins === 0) {
          await this.recordLockout(user.id, clientIp, state.lockedUntil)
          this.locked(state.lockedUntil)
        }
      }
      throw new TouchstoneError('TS_UNAUTHORIZED', 'wrong e-mail or password')
    }
    const memberships = await this.meta.listMemberships(user.id)
    const membership = workspaceId ? memberships.find((m) => m.workspaceId === workspaceId) : memberships[0]
    if (!membership) throw new TouchstoneError('TS_FORBIDDEN', 'this user belongs to no workspace (yet)')
    this.throttle.succeed(throttleKey)
    if (user.failedLogins) await this.meta.clearFailedLogins(user.id)
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

  private locked(until: Date): never {
    const retryAfter = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000))
    throw new TouchstoneError(
      'TS_ACCOUNT_LOCKED',
      `this account is locked after ${LOCKOUT.maxFailures} failed logins; try again in ${Math.ceil(retryAfter / 60)} min or ask an admin to reset the password`,
      { retryAfter, lockedUntil: until.toISOString() },
    )
  }

  /** A lockout goes into the audit log of every workspace the user belongs to: each admin should see it. */
  private async recordLockout(userId: string, ip: string, until: Date): Promise<void> {
    if (!this.audit) return
    for (const m of await this.meta.listMemberships(userId)) {
      await this.audit.record({ workspaceId: m.workspaceId, keyId: 'system', ip }, 'user.locked', userId, {
        lockedUntil: until.toISOString(),
        failures: LOCKOUT.maxFailures,
      })
    }
  }

  /** Logs a session out, persistently: its cookie stops working at once here and after a restart. */
  async revoke(claims: SessionClaims): Promise<void> {
    await this.meta.revokeSession(claims.sid, new Date(claims.exp))
    this.remember(claims.sid, true, claims.exp)
  }

  private remember(sid: string, revoked: boolean, until: number): void {
    if (this.revocations.size > 10_000) this.revocations.clear()
    this.revocations.set(sid, { revoked, until })
  }

  private async isRevoked(sid: string): Promise<boolean> {
    const now = Date.now()
    const known = this.revocations.get(sid)
    if (known && known.until > now) return known.revoked
    const revoked = await this.meta.isSessionRevoked(sid)
    this.remember(sid, revoked, now + CACHE_MS)
    return revoked
  }

  /** The signed, unexpired, not logged-out claims of the request's cookie, if any. */
  async claimsOf(request: FastifyRequest): Promise<SessionClaims | undefined> {
    const token = parseCookies(request.headers.cookie).get(SESSION_COOKIE)
    if (!token) return undefined
    const claims = verifySession(this.secret, token)
    if (!claims || (await this.isRevoked(claims.sid))) return undefined
    // A password change voids every session issued before it (a stolen cookie dies with the old password).
    const changed = await this.passwordChangedAt(claims.userId)
    if (changed !== undefined && claims.exp - SESSION_TTL_MS < changed) return undefined
    return claims
  }

  private async passwordChangedAt(userId: string): Promise<number | undefined> {
    const now = Date.now()
    const cached = this.passwordChanges.get(userId)
    if (cached && cached.until > now) return cached.at || undefined
    const user = await this.meta.getUser(userId)
    const at = user?.passwordChangedAt?.getTime() ?? 0
    if (this.passwordChanges.size > 10_000) this.passwordChanges.clear()
    this.passwordChanges.set(userId, { at, until: now + CACHE_MS })
    return at || undefined
  }

  /** Forgets what is cached about a user, so a password change or role change acts at once in this process. */
  forgetUser(userId: string): void {
    this.passwordChanges.delete(userId)
    for (const key of this.roles.keys()) if (key.endsWith(`|${userId}`)) this.roles.delete(key)
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
    const claims = await this.claimsOf(request)
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
    this.roles.set(key, { role, until: Date.now() + CACHE_MS })
    return role
  }
}
