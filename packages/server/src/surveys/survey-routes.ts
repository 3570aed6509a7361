import type { FastifyInstance } from 'fastify'
import type { AppDeps } from '../app.ts'
import { BreakdownSource } from '../analytics/breakdown-source.ts'
import { caseRoutes } from '../cases/case-routes.ts'
import { recoveredDetractorRoutes } from '../cases/recovered-detractors-routes.ts'
import { webhookRoutes } from '../webhooks/webhook-routes.ts'
import { invitationRoutes } from './invitation-routes.ts'
import { keyphraseRoutes } from './keyphrase-routes.ts'
import { linkRoutes } from './link-routes.ts'
import { metricsRoutes } from './metrics-routes.ts'
import { previewRoutes } from './preview-routes.ts'
import { responseRoutes } from './response-routes.ts'
import { ResponseStore } from './response-store.ts'
import { surveyApiRoutes } from './survey-api-routes.ts'
import { topicRoutes } from './topic-routes.ts'
import { startTriggerJob } from './trigger-job.ts'
import { triggerRoutes } from './trigger-routes.ts'
import { widgetRoutes } from './widget-routes.ts'

/** Surveys, responses, survey metrics and closed-loop cases. */
export function surveyRoutes(deps: AppDeps, breakdowns = new BreakdownSource(deps)) {
  const responses = new ResponseStore(deps.events)
  const service = { meta: deps.meta, responses, ingest: deps.ingest, identities: deps.identities }
  return async (app: FastifyInstance) => {
    await app.register(surveyApiRoutes(deps))
    await app.register(previewRoutes(deps))
    await app.register(invitationRoutes(deps))
    await app.register(linkRoutes({ ...service, secret: deps.secret }))
    await app.register(responseRoutes({ ...service, keys: deps.keys }))
    await app.register(
      metricsRoutes({ keys: deps.keys, meta: deps.meta, events: deps.events, responses, breakdowns }),
    )
    await app.register(keyphraseRoutes({ keys: deps.keys, responses }))
    await app.register(topicRoutes({ ...deps, responses }))
    await app.register(caseRoutes(deps))
    await app.register(recoveredDetractorRoutes({ keys: deps.keys, meta: deps.meta, responses }))
    await app.register(webhookRoutes(deps))
    await app.register(widgetRoutes(deps))
    await app.register(triggerRoutes(deps))
    // Survey triggers run in the server process; the timer stops with the app.
    let stop: (() => void) | undefined
    app.addHook('onReady', async () => {
      stop = startTriggerJob(deps, 60_000, (error) => app.log.error({ err: error }, 'survey triggers failed'))
    })
    app.addHook('onClose', async () => stop?.())
  }
}
