import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app.ts'
import { journeyRoutes } from './journey-routes.ts'
import { lifecycleRoutes } from './lifecycle-routes.ts'
import { segmentRoutes } from './segment-routes.ts'
import { valueRoutes } from './value-routes.ts'

/** Journey and lifecycle analytics: `/api/...` (secret key), one plugin per family of analyses. */
export function analyticsRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    await app.register(journeyRoutes(deps))
    await app.register(lifecycleRoutes(deps))
    await app.register(valueRoutes(deps))
    await app.register(segmentRoutes(deps))
  }
}
