import type { FastifyRequest } from 'fastify'
import { bearerTokenOf } from '../auth/credentials.ts'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import type { Role } from '../stores/meta/meta-store.ts'
import type { SessionService } from '../web/session-service.ts'

/** Who is calling the API: the workspace and role of their secret key or dashboard session. */
export interface ApiCaller {
  workspaceId: string
  role: Role
  /** The key's id, or `session:<userId>` for a dashboard session (the audit log's actor). */
  keyId: string
  /** The signed-in user of a dashboard session; undefined for a key. */
  userId?: string
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by access control (auth/access-control.ts) before the handler of every non-public /api route. */
    caller: ApiCaller | null
  }
}

/**
 * Authenticates a `/api` request by its secret key (`Authorization: Bearer tss_…`) or, without
 * that header, by the dashboard's session cookie (mutations then need the CSRF header; see
 * web/session-service.ts). The workspace comes from the key or the session only.
 */
export async function authenticateCaller(
  request: FastifyRequest,
  keys: KeyService,
  sessions: SessionService | undefined,
): Promise<ApiCaller> {
  if (request.headers.authorization === undefined && sessions) {
    const session = await sessions.callerOf(request)
    if (session) {
      return {
        workspaceId: session.workspaceId,
        role: session.role,
        keyId: session.keyId,
        userId: session.userId,
      }
    }
  }
  const key = await keys.authenticate(bearerTokenOf(request.headers.authorization), 'secret')
  if (!key) throw new TouchstoneError('TS_UNAUTHORIZED', 'unknown or revoked secret key')
  return { workspaceId: key.workspaceId, role: key.role, keyId: key.id }
}

/**
 * The caller of an `/api` request. Access control has already authenticated it and checked the
 * route's permission; outside that (a route registered on a bare Fastify instance in a test) the
 * secret key is checked here.
 */
export async function apiCaller(request: FastifyRequest, keys: KeyService): Promise<ApiCaller> {
  const known = (request as { caller?: ApiCaller | null }).caller
  if (known) return known
  return authenticateCaller(request, keys, undefined)
}
