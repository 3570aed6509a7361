import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { KeyService } from '../auth/api-keys.ts'
import { callerWith, SETTINGS_WRITERS } from './api-access.ts'
import { runSurveyTriggers, type TriggerDeps } from './trigger-job.ts'

/** `POST /api/survey-triggers/run`: runs the workspace's survey triggers now (they also run every minute). */
export function triggerRoutes(deps: TriggerDeps & { keys: KeyService }) {
  return async (app: FastifyInstance) => {
    app.post(
      '/api/survey-triggers/run',
      {
        config: { permission: 'settings.write' },
        schema: {
          tags: ['surveys'],
          security: [{ secretKey: [] }],
          summary: 'Run the survey triggers of this workspace now (settings.triggers); idempotent',
          response: { 200: Type.Object({ invited: Type.Integer(), skipped: Type.Integer() }) },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(
          request,
          deps.keys,
          SETTINGS_WRITERS,
          'running survey triggers',
        )
        return runSurveyTriggers(deps, workspaceId)
      },
    )
  }
}
