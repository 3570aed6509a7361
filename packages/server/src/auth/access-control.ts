import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import { TouchstoneError } from '../errors.ts'
import { authenticateCaller } from '../routes/api-auth.ts'
import { writeKeyOf } from './credentials.ts'
import type { KeyService } from './api-keys.ts'
import { can, isPermission, rolesWith, type RoutePermission } from './permissions.ts'
import type { SessionService } from '../web/session-service.ts'

/** Request budgets; 0 switches a limit off. */
export interface RateLimits {
  /** Ingestion requests per second per write key (a burst budget: Segment clients retry on 429). @default 2000 */
  ingestPerSecond: number
  /** `/api` requests per minute per secret key or dashboard session (per address before login). @default 600 */
  apiPerMinute: number
}

export const DEFAULT_RATE_LIMITS: RateLimits = { ingestPerSecond: 2000, apiPerMinute: 600 }

/** One `/api` route and the permission it declares (undefined: it declares none — a bug). */
export interface DeclaredRoute {
  method: string
  url: string
  permission: RoutePermission | undefined
}

const declared = new WeakMap<FastifyInstance, DeclaredRoute[]>()

/** Every `/api` route of an app built with access control, in registration order (HEAD twins left out). */
export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return declared.get(app) ?? []
}

function isApi(url: string | undefined): url is string {
  return url !== undefined && (url === '/api' || url.startsWith('/api/'))
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22)
}

/** Answers 429 with Retry-After and a message that says which budget ran out. */
function tooMany(reply: FastifyReply, seconds: number, what: string): never {
  void reply.header('retry-after', String(Math.max(1, seconds)))
  throw new TouchstoneError('TS_RATE_LIMITED', `${what}; retry in ${Math.max(1, seconds)} s`, {
    retryAfter: Math.max(1, seconds),
  })
}

/**
 * Access control for the whole app, installed before any route:
 * - every `/api` route must declare `config.permission` (auth/permissions.ts); one that does not
 *   answers 500 and is listed by `declaredRoutes`, so a test fails on it — deny by default;
 * - one `onRequest` hook authenticates the secret key or session, checks the permission against
 *   the caller's role and puts the caller on `request.caller`, before the body is even read;
 * - rate limits: `/api` per key or session, ingestion (`/v1/*`) per write key.
 * Not encapsulated, so the hooks see every route registered after it.
 */
export function accessControl(deps: { keys: KeyService; sessions: SessionService; limits?: RateLimits }) {
  const limits = deps.limits ?? DEFAULT_RATE_LIMITS
  const plugin = async (app: FastifyInstance) => {
    const routes: DeclaredRoute[] = []
    declared.set(app, routes)
    await app.register(rateLimit, { global: false })
    const apiLimit = app.createRateLimit({
      max: limits.apiPerMinute,
      timeWindow: 60_000,
      // After authentication: the budget belongs to the key or user, not to an address (offices share one).
      keyGenerator: (request) => (request.caller ? `k:${request.caller.keyId}` : `ip:${request.ip}`),
    })
    const ingestLimit = app.createRateLimit({
      max: limits.ingestPerSecond,
      timeWindow: 1_000,
      keyGenerator: (request) => {
        const key = writeKeyOf(request.headers.authorization, request.body)
        return key ? `w:${digest(key)}` : `ip:${request.ip}`
      },
    })
    app.decorateRequest('caller', null)

    app.addHook('onRoute', (route) => {
      if (!isApi(route.url)) return
      const permission = route.config?.permission
      if (permission !== undefined && permission !== 'public' && !isPermission(permission)) {
        throw new Error(
          `${String(route.method)} ${route.url}: unknown permission "${String(permission)}"; see auth/permissions.ts`,
        )
      }
      for (const method of ([] as string[]).concat(route.method)) {
        if (method !== 'HEAD') routes.push({ method, url: route.url, permission })
      }
    })

    app.addHook('onRequest', async (request, reply) => {
      const url = request.routeOptions.url
      if (!isApi(url)) return
      const permission = request.routeOptions.config.permission
      if (permission === undefined) {
        throw new TouchstoneError(
          'TS_INTERNAL',
          `${request.method} ${url} declares no permission (route config "permission", see auth/permissions.ts); it is closed until it does`,
        )
      }
      // Health checks (load balancers, orchestrators) must always get an answer.
      if (permission === 'public') return url === '/api/health' ? undefined : checkApiLimit(request, reply)
      const caller = await authenticateCaller(request, deps.keys, deps.sessions)
      request.caller = caller
      await checkApiLimit(request, reply)
      if (!can(caller.role, permission)) {
        throw new TouchstoneError(
          'TS_FORBIDDEN',
          `${request.method} ${url} needs the permission ${permission} (roles ${rolesWith(permission).join(', ')}); this ${caller.userId ? 'user' : 'key'} has role ${caller.role}`,
          { permission, role: caller.role },
        )
      }
    })

    async function checkApiLimit(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (limits.apiPerMinute <= 0) return
      const limit = await apiLimit(request)
      if (!limit.isAllowed && limit.isExceeded) {
        tooMany(
          reply,
          limit.ttlInSeconds,
          `more than ${limits.apiPerMinute} API requests per minute for this ${request.caller ? 'key or session' : 'address'}`,
        )
      }
    }

    // Ingestion: after the body is parsed, so a write key sent in the body counts too.
    app.addHook('preHandler', async (request, reply) => {
      if (limits.ingestPerSecond <= 0 || !request.routeOptions.url?.startsWith('/v1/')) return
      const limit = await ingestLimit(request)
      if (!limit.isAllowed && limit.isExceeded) {
        tooMany(
          reply,
          limit.ttlInSeconds,
          `more than ${limits.ingestPerSecond} ingestion requests per second for this write key; send larger batches (POST /v1/batch) or slow down`,
        )
      }
    })
  }
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'access-control',
  })
  return plugin
}
