import type { FastifyRequest } from 'fastify'
import { bearerTokenOf } from '../auth/credentials.ts'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import type { Role } from '../stores/meta/meta-store.ts'

/** Who is calling the API: the workspace and role of their secret key. */
export interface ApiCaller {
  workspaceId: string
  role: Role
  keyId: string
}

/** Authenticates a `/api` request by its secret key; the workspace comes from the key only. */
export async function apiCaller(request: FastifyRequest, keys: KeyService): Promise<ApiCaller> {
  const key = await keys.authenticate(bearerTokenOf(request.headers.authorization), 'secret')
  if (!key) throw new TouchstoneError('TS_UNAUTHORIZED', 'unknown or revoked secret key')
  return { workspaceId: key.workspaceId, role: key.role, keyId: key.id }
}
