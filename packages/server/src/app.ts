import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import type { AuditLog } from './audit/audit-log.ts'
import { auditRoutes } from './audit/audit-routes.ts'
import { accessControl } from './auth/access-control.ts'
import type { KeyService } from './auth/api-keys.ts'
import { keyRoutes } from './auth/key-routes.ts'
import { memberRoutes } from './auth/member-routes.ts'
import type { Config } from './config.ts'
import type { IdentityRegistry } from './identity/identity-registry.ts'
import type { GroupCommitter } from './ingest/group-commit.ts'
import type { IngestService } from './ingest/ingest-service.ts'
import type { DedupWindow } from './ingest/dedup-window.ts'
import type { IngestPrivacy } from './privacy/ingest-privacy.ts'
import { privacyRoutes } from './privacy/privacy-routes.ts'
import type { BackupManifest } from './backup/backup-manifest.ts'
import { backupRoutes } from './backup/backup-routes.ts'
import { frameworkErrors, installErrorHandler } from './routes/error-handler.ts'
import { rejectNulText } from './routes/nul-guard.ts'
import { serializeEveryRecordKey } from './routes/record-keys.ts'
import { healthRoutes } from './routes/health-routes.ts'
import { ingestRoutes } from './routes/ingest-routes.ts'
import { personRoutes } from './routes/person-routes.ts'
import { homePage } from './routes/home-page.ts'
import { analyticsRoutes } from './analytics/analytics-routes.ts'
import { BreakdownSource } from './analytics/breakdown-source.ts'
import { surveyRoutes } from './surveys/survey-routes.ts'
import { dashboardRoutes } from './web/dashboard-routes.ts'
import { securityHeaders } from './web/security-headers.ts'
import type { SessionService } from './web/session-service.ts'
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
  /** Dashboard sessions: access control authenticates session cookies with it. */
  sessions: SessionService
  /** Consent registry, privacy settings cache (privacy/). */
  privacy: IngestPrivacy
  /** Takes a backup of the embedded stores (`touchstone backup` calls it through the API). */
  backup?: (target: string) => Promise<BackupManifest>
  /** The de-duplication window (an erasure forgets the erased events' ids). */
  dedup: DedupWindow
  /** The audit log of admin actions (audit/audit-log.ts). */
  audit: AuditLog
  /** Rate limits and cookie security; defaults when absent (tests). */
  config?: Pick<Config, 'rateLimits' | 'secureCookies'>
  demoStatus?: () => { state: string; events: number } | undefined
}

/** Builds the Fastify app without listening, so tests can `inject` requests. */
export async function buildApp(deps: AppDeps, options: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    // Keep-alive above common load-balancer idle timeouts avoids resets under steady traffic.
    keepAliveTimeout: 65_000,
    frameworkErrors,
    ...options,
  })
  installErrorHandler(app)
  rejectNulText(app)
  serializeEveryRecordKey(app)
  // First: the hooks must see every route registered after them.
  await app.register(securityHeaders({ secureCookies: deps.config?.secureCookies ?? 'auto' }))
  await app.register(
    accessControl({ keys: deps.keys, sessions: deps.sessions, limits: deps.config?.rateLimits }),
  )
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
  // One source of person breakdowns, so journey, lifecycle and survey metrics share persona fits.
  const breakdowns = new BreakdownSource(deps)
  await app.register(analyticsRoutes(deps, breakdowns))
  await app.register(surveyRoutes(deps, breakdowns))
  await app.register(keyRoutes(deps))
  await app.register(memberRoutes(deps))
  await app.register(auditRoutes(deps))
  await app.register(privacyRoutes(deps))
  if (deps.backup) await app.register(backupRoutes({ secret: deps.secret, backup: deps.backup }))
  await app.register(dashboardRoutes(deps))
  await app.register(homePage(deps))
  return app
}
