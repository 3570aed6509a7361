import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { KeyService } from './auth/api-keys.ts'
import type { IdentityRegistry } from './identity/identity-registry.ts'
import type { GroupCommitter } from './ingest/group-commit.ts'
import type { IngestService } from './ingest/ingest-service.ts'
import { installErrorHandler } from './routes/error-handler.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { ingestRoutes } from './routes/ingest-routes.ts'
import { personRoutes } from './routes/person-routes.ts'
import { homePage } from './routes/home-page.ts'
import { analyticsRoutes } from './analytics/analytics-routes.ts'
import { surveyRoutes } from './surveys/survey-routes.ts'
import { dashboardRoutes } from './web/dashboard-routes.ts'
import type { EventStore } from './stores/events/event-store.ts'
import type { MetaStore } from './stores/meta/meta-store.ts'

/** Everything the HTTP app needs; built by the composition root (runtime.ts) or by tests. */
export interface AppDeps {
  events: EventStore
  meta: MetaStore
  keys: KeyService
  ingest: IngestService
  identities: IdentityRegistry
  committer: GroupCommitter
  version: string
  /** Signs session cookies and survey link tokens (server-secret.ts). */
  secret: string
  demoStatus?: () => { state: string; events: number } | undefined
}

/** Builds the Fastify app without listening, so tests can `inject` requests. */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // Keep-alive above common load-balancer idle timeouts avoids resets under steady traffic.
    keepAliveTimeout: 65_000,
    ...options,
  })
  installErrorHandler(app)
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Touchstone API',
        version: deps.version,
        description:
          'Ingestion speaks the Segment Tracking API (write key as HTTP Basic user name). ' +
          'The /api routes take a secret key as "Authorization: Bearer tss_…".',
      },
      components: {
        securitySchemes: {
          writeKey: { type: 'http', scheme: 'basic', description: 'Write key as user name, empty password' },
          secretKey: { type: 'http', scheme: 'bearer', description: 'Secret API key (tss_…)' },
        },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
  await app.register(ingestRoutes(deps))
  await app.register(healthRoutes(deps))
  await app.register(personRoutes(deps))
  await app.register(analyticsRoutes(deps))
  await app.register(surveyRoutes(deps))
  await app.register(dashboardRoutes(deps))
  await app.register(homePage(deps))
  return app
}
