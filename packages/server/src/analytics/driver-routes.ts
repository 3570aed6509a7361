import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AppDeps } from '../app.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { parseRange, RangeQuery } from './analytics-params.ts'
import { experienceBreakpoints } from './experience-breakpoints.ts'
import { keyDrivers } from './key-drivers.ts'
import { npsOutcomes } from './nps-outcomes.ts'

const tags = ['drivers']
const security = [{ secretKey: [] }]
/** Drivers need respondents over months; the default range is a year. */
const DRIVER_DEFAULT_DAYS = 365

const WindowDays = Type.Integer({
  minimum: 1,
  maximum: 730,
  default: 90,
  description: 'Days after a response in which repurchase / any contact is looked for',
})
const PurchaseEvent = Type.String({
  minLength: 1,
  maxLength: 200,
  default: 'Order Completed',
  description: 'The purchase event',
})
const KeyDriverQuery = Type.Object({
  ...RangeQuery,
  outcome: Type.Union([Type.Literal('nps'), Type.Literal('repurchase'), Type.Literal('churn')], {
    default: 'nps',
    description: 'nps: latest NPS answer; repurchase / churn: bought again / no contact within windowDays',
  }),
  method: Type.Union([Type.Literal('relative-weights'), Type.Literal('shapley')], {
    default: 'relative-weights',
    description: "Johnson's relative weights, or Shapley value regression (at most 15 drivers)",
  }),
  minRespondents: Type.Integer({ minimum: 3, maximum: 100_000, default: 30 }),
  maxDrivers: Type.Integer({ minimum: 1, maximum: 40, default: 12 }),
  windowDays: WindowDays,
  event: PurchaseEvent,
})
const OutcomeQuery = Type.Object({ ...RangeQuery, windowDays: WindowDays, event: PurchaseEvent })
const BreakpointQuery = Type.Object({
  ...RangeQuery,
  minResponses: Type.Integer({ minimum: 1, maximum: 100_000, default: 10 }),
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
})
const OutcomeRate = Type.Object({
  category: Type.String(),
  successes: Type.Integer(),
  trials: Type.Integer(),
  rate: Type.Union([Type.Number(), Type.Null()]),
  lower: Type.Number(),
  upper: Type.Number(),
})
const Nullable = (t: ReturnType<typeof Type.Number>) => Type.Union([t, Type.Null()])

/** `/api/drivers/…`: what explains NPS and repurchase, outcomes by NPS category, experience breakpoints. */
export function driverRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/drivers/key-drivers',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Key-driver analysis: which touchpoint satisfaction scores and attributes explain NPS, repurchase or churn',
          querystring: KeyDriverQuery,
          response: {
            200: Type.Object({
              outcome: Type.String(),
              method: Type.String(),
              respondents: Type.Integer(),
              outcomeMean: Type.Number(),
              rSquared: Type.Number(),
              drivers: Type.Array(
                Type.Object({
                  driver: Type.String(),
                  kind: Type.String(),
                  respondents: Type.Integer(),
                  mean: Type.Number(),
                  correlation: Type.Number(),
                  rawWeight: Type.Number(),
                  share: Type.Number(),
                }),
              ),
              skipped: Type.Array(Type.Object({ driver: Type.String(), respondents: Type.Integer() })),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof KeyDriverQuery>
        return keyDrivers(deps.events, workspaceId, parseRange(q, DRIVER_DEFAULT_DAYS), q)
      },
    )

    app.get(
      '/api/drivers/nps-outcomes',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: 'Repurchase and churn rate of promoters, passives and detractors (Wilson 95 %)',
          querystring: OutcomeQuery,
          response: {
            200: Type.Object({
              windowDays: Type.Integer(),
              anchoredFrom: Type.String(),
              anchoredTo: Type.String(),
              respondents: Type.Integer(),
              repurchase: Type.Array(OutcomeRate),
              churn: Type.Array(OutcomeRate),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof OutcomeQuery>
        const result = await npsOutcomes(
          deps.events,
          workspaceId,
          parseRange(q, DRIVER_DEFAULT_DAYS),
          q.windowDays,
          q.event,
        )
        // JSON has no NaN: a category without respondents has rate null.
        const clean = (rates: typeof result.repurchase) =>
          rates.map((r) => ({ ...r, rate: Number.isNaN(r.rate) ? null : r.rate }))
        return { ...result, repurchase: clean(result.repurchase), churn: clean(result.churn) }
      },
    )

    app.get(
      '/api/drivers/breakpoints',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Experience breakpoints: touchpoints ranked by persons reached × (Wilson lower bound of the unhappy-response rate)',
          querystring: BreakpointQuery,
          response: {
            200: Type.Object({
              breakpoints: Type.Array(
                Type.Object({
                  touchpoint: Type.String(),
                  channel: Type.String(),
                  persons: Type.Integer(),
                  responses: Type.Integer(),
                  unhappy: Type.Integer(),
                  unhappyRate: Type.Number(),
                  unhappyLower: Type.Number(),
                  satisfaction: Nullable(Type.Number()),
                  sentiment: Nullable(Type.Number()),
                  score: Type.Number(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof BreakpointQuery>
        const all = await experienceBreakpoints(
          deps.events,
          workspaceId,
          parseRange(q, DRIVER_DEFAULT_DAYS),
          q.minResponses,
        )
        return { breakpoints: all.slice(0, q.limit) }
      },
    )
  }
}
