import { existsSync } from 'node:fs'
import { extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { AppDeps } from '../app.ts'
import { homePageHtml } from '../routes/home-page.ts'
import { sessionRoutes, type SecureCookies } from './session-routes.ts'
import { StaticFiles } from './static-files.ts'
import { eventCatalogRoutes } from './event-catalog-routes.ts'
import { workspaceRoutes } from './workspace-routes.ts'

/** Where `npm run build:web` puts the dashboard. */
export const DEFAULT_DIST_DIR = fileURLToPath(new URL('../../../web/dist/', import.meta.url))

export interface DashboardOptions {
  /** The built SPA. @default packages/web/dist */
  distDir?: string
  /** @default 'auto' (Secure when the request came over https) */
  secureCookies?: SecureCookies
}

/** Paths that belong to the API, ingestion, docs and survey pages: never answered with the SPA. */
const NOT_SPA = /^\/(api|v1|docs|s)(\/|$)/

/** Headers for the dashboard's HTML: no framing, no sniffing, scripts only from this origin. */
const HTML_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
}

/**
 * The dashboard: the built SPA at `/` (client routes fall back to index.html), its session login
 * (`/api/session`) and `/api/workspace`. The session service comes from the app's dependencies
 * (access control authenticates session cookies on every `/api` route with it).
 */
export function dashboardRoutes(deps: AppDeps, options: DashboardOptions = {}) {
  const distDir = options.distDir ?? DEFAULT_DIST_DIR
  const files = new StaticFiles(distDir)

  async function send(request: FastifyRequest, reply: FastifyReply, path: string): Promise<boolean> {
    const file = await files.get(path)
    if (!file) return false
    void reply.header('content-type', file.contentType)
    void reply.header('cache-control', file.cacheControl)
    void reply.header('etag', file.etag)
    if (file.contentType.startsWith('text/html')) void reply.headers(HTML_HEADERS)
    else void reply.header('x-content-type-options', 'nosniff')
    if (request.headers['if-none-match'] === file.etag) {
      void reply.status(304).send()
      return true
    }
    const accepts = String(request.headers['accept-encoding'] ?? '')
    void reply.header('vary', 'accept-encoding')
    if (file.gzip && /\bgzip\b/.test(accepts)) {
      void reply.header('content-encoding', 'gzip').send(file.gzip)
    } else {
      void reply.send(file.body)
    }
    return true
  }

  async function spa(request: FastifyRequest, reply: FastifyReply) {
    const path = request.url.split('?')[0] ?? '/'
    if (NOT_SPA.test(path)) return reply.callNotFound()
    if (path !== '/' && (await send(request, reply, path))) return reply
    // A path with an extension names a file: missing means 404, not the app (and never `..`).
    if (extname(path) !== '' || path.includes('..') || /%2e|%2f|%5c/i.test(path)) return reply.callNotFound()
    if (await send(request, reply, '/index.html')) return reply
    // Not built (e.g. a server started without `npm start`): say how to build it.
    void reply.status(503).type('text/html; charset=utf-8').headers(HTML_HEADERS)
    return homePageHtml(deps.version, existsSync(distDir) ? 'incomplete' : 'missing')
  }

  const plugin = async (app: FastifyInstance) => {
    await app.register(
      sessionRoutes({
        meta: deps.meta,
        sessions: deps.sessions,
        secureCookies: options.secureCookies ?? deps.config?.secureCookies ?? 'auto',
      }),
    )
    await app.register(workspaceRoutes(deps))
    await app.register(eventCatalogRoutes(deps))
    app.get('/', { schema: { hide: true } }, spa)
    app.get('/*', { schema: { hide: true } }, spa)
  }
  // Same effect as wrapping in fastify-plugin: register into the parent (root) context.
  Object.assign(plugin, {
    [Symbol.for('skip-override')]: true,
    [Symbol.for('fastify.display-name')]: 'dashboard',
  })
  return plugin
}
