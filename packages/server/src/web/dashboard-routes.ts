import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app.ts'

/** The dashboard (static SPA) and its session login. */
export function dashboardRoutes(_deps: AppDeps) {
  return async (_app: FastifyInstance) => {}
}
