import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app.ts'

/** Journey and lifecycle analytics: `/api/...` (secret key or session). */
export function analyticsRoutes(_deps: AppDeps) {
  return async (_app: FastifyInstance) => {}
}
