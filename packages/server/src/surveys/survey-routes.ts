import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app.ts'

/** Surveys, responses, survey metrics and closed-loop cases. */
export function surveyRoutes(_deps: AppDeps) {
  return async (_app: FastifyInstance) => {}
}
