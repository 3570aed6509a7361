import type { FastifyRequest } from 'fastify'
import type { KeyService } from '../auth/api-keys.ts'
import { rolesWith } from '../auth/permissions.ts'
import { TouchstoneError } from '../errors.ts'
import { apiCaller, type ApiCaller } from '../routes/api-auth.ts'
import type { Role } from '../stores/meta/meta-store.ts'

// The route's declared permission is enforced before the handler (auth/access-control.ts); these
// lists come from the same matrix and only repeat the check inside handlers.
/** Roles that may create and edit surveys and invitations. */
export const SURVEY_WRITERS: readonly Role[] = rolesWith('surveys.write')
/** Roles that may work cases and record answers taken by phone. */
export const CASE_WORKERS: readonly Role[] = rolesWith('cases.work')
/** Roles that may change workspace-wide survey settings. */
export const SETTINGS_WRITERS: readonly Role[] = rolesWith('settings.write')

/** The caller of the request (authenticated by access control) and, when `roles` is given, requires one of them. */
export async function callerWith(
  request: FastifyRequest,
  keys: KeyService,
  roles?: readonly Role[],
  action = 'this',
): Promise<ApiCaller> {
  const caller = await apiCaller(request, keys)
  if (roles && !roles.includes(caller.role)) {
    throw new TouchstoneError(
      'TS_FORBIDDEN',
      `${action} needs a key with role ${roles.join(', ')}; this key is ${caller.role}`,
    )
  }
  return caller
}

/** Parses an ISO date/time query parameter; a clear 400 otherwise. */
export function parseDateParam(value: string | undefined, name: string, fallback: Date): Date {
  if (value === undefined || value === '') return fallback
  const ms = Date.parse(value)
  if (!Number.isFinite(ms))
    throw new TouchstoneError('TS_BAD_REQUEST', `${name}: "${value}" is not an ISO date`)
  return new Date(ms)
}
