import type { FastifyRequest } from 'fastify'
import { bearerTokenOf } from '../auth/credentials.ts'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import type { Role } from '../stores/meta/meta-store.ts'
import { sessionsOf } from '../web/session-service.ts'

/** Who is calling the API: the workspace and role of their secret key or dashboard session. */
export interface ApiCaller {
  workspaceId: string
  role: Role
  /** The key's id, or `session:<userId>` for a dashboard session. */
  keyId: string
}

/**
 * Authenticates a `/api` request by its secret key (`Authorization: Bearer tss_…`) or, without
 * that header, by the dashboard's session cookie (mutations then need the CSRF header; see
 * web/session-service.ts). The workspace comes from the key or the session only.
 */
export async function apiCaller(request: FastifyRequest, keys: KeyService): Promise<ApiCaller> {
  if (request.headers.authorization === undefined) {
    const session = await sessionsOf(request)?.callerOf(request)
    if (session) return { workspaceId: session.workspaceId, role: session.role, keyId: session.keyId }
  }
  const key = await keys.authenticate(bearerTokenOf(request.headers.authorization), 'secret')
  if (!key) throw new TouchstoneError('TS_UNAUTHORIZED', 'unknown or revoked secret key')
  return { workspaceId: key.workspaceId, role: key.role, keyId: key.id }
}
