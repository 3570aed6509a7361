import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app.ts'
import { activityRoutes } from './activity-routes.ts'
import { BreakdownSource } from './breakdown-source.ts'
import { driverRoutes } from './driver-routes.ts'
import { journeyRoutes } from './journey-routes.ts'
import { lifecycleRoutes } from './lifecycle-routes.ts'
import { reachabilityRoutes } from './reachability-routes.ts'
import { segmentRoutes } from './segment-routes.ts'
import { stageRulesRoutes } from './stage-rules-routes.ts'
import { touchpointMatrixRoutes } from './touchpoint-matrix-routes.ts'
import { valueRoutes } from './value-routes.ts'

/** Journey and lifecycle analytics: `/api/...` (secret key), one plugin per family of analyses. */
export function analyticsRoutes(deps: AppDeps, breakdowns = new BreakdownSource(deps)) {
  return async (app: FastifyInstance) => {
    await app.register(journeyRoutes(deps, breakdowns))
    await app.register(lifecycleRoutes(deps, breakdowns))
    await app.register(valueRoutes(deps, breakdowns))
    await app.register(segmentRoutes(deps))
    await app.register(driverRoutes(deps))
    await app.register(activityRoutes(deps))
    await app.register(stageRulesRoutes(deps))
    await app.register(reachabilityRoutes(deps))
    await app.register(touchpointMatrixRoutes(deps))
  }
}
