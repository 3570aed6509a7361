import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AppDeps } from '../app.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { parseRange, RangeQuery, type TimeRange } from './analytics-params.ts'
import { attribution } from './attribution-query.ts'
import { BreakdownSource, parsePersonBreakdown, PersonOnlyBreakdownParam } from './breakdown-source.ts'
import {
  atRiskCustomers,
  clvDistribution,
  clvGroups,
  fitClv,
  topCustomers,
  type ClvModel,
  type ClvOptions,
} from './clv-service.ts'
import { ModelCache } from './model-cache.ts'

const security = [{ secretKey: [] }]
/** Lifetime models want long histories: by default the last three years. */
const CLV_DEFAULT_DAYS = 1096
const ConversionEvent = Type.String({ minLength: 1, maxLength: 200, default: 'Order Completed' })

const AttributionQuery = Type.Object({
  ...RangeQuery,
  event: ConversionEvent,
  level: Type.Union([Type.Literal('channel'), Type.Literal('touchpoint')], { default: 'channel' }),
  lookbackDays: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
  halfLifeDays: Type.Number({
    exclusiveMinimum: 0,
    maximum: 365,
    default: 7,
    description: 'Time-decay half-life',
  }),
})
const ClvQuery = Type.Object({
  ...RangeQuery,
  event: ConversionEvent,
  horizonMonths: Type.Integer({ minimum: 1, maximum: 120, default: 12 }),
  discountRate: Type.Number({ minimum: 0, maximum: 0.5, default: 0.01, description: 'Per month' }),
  limit: Type.Integer({
    minimum: 1,
    maximum: 500,
    default: 20,
    description: 'Length of the top and at-risk lists',
  }),
  breakdown: PersonOnlyBreakdownParam,
})
const ClvGroup = Type.Object({
  breakdown: Type.String(),
  customers: Type.Integer(),
  totalClv: Type.Number(),
  meanClv: Type.Number(),
  medianClv: Type.Number(),
  meanProbabilityAlive: Type.Number(),
  revenue: Type.Number({ description: 'Past revenue in the range' }),
})
const Credit = Type.Array(
  Type.Object({
    channel: Type.String(),
    conversions: Type.Number(),
    value: Type.Number(),
    share: Type.Number(),
  }),
)
const CustomerValue = Type.Object({
  personId: Type.String(),
  orders: Type.Integer(),
  revenue: Type.Number(),
  frequency: Type.Integer(),
  recencyWeeks: Type.Number(),
  ageWeeks: Type.Number(),
  monetaryValue: Type.Number(),
  probabilityAlive: Type.Number(),
  expectedPurchases: Type.Number(),
  expectedSpend: Type.Number(),
  clv: Type.Number(),
})
const Fit = (params: ReturnType<typeof Type.Object>) =>
  Type.Object({ params, logLikelihood: Type.Number(), converged: Type.Boolean() })

/** Attribution and customer lifetime value: `/api/attribution`, `/api/clv…`. */
export function valueRoutes(deps: AppDeps, breakdowns = new BreakdownSource(deps)) {
  const models = new ModelCache<ClvModel>()
  const clvModel = (ws: string, range: TimeRange, o: ClvOptions) =>
    models.get(
      `${ws}|${range.from}|${range.to}|${o.conversionEvent}|${o.horizonMonths}|${o.monthlyDiscountRate}`,
      () => fitClv(deps.events, ws, range, o),
    )
  // A default `to` of "now" would never hit the cache; a minute's resolution is fresh enough.
  const clvRange = (q: { from?: string; to?: string }) =>
    parseRange(q, CLV_DEFAULT_DAYS, Math.floor(Date.now() / 60_000) * 60_000)

  return async (app: FastifyInstance) => {
    app.get(
      '/api/attribution',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['attribution'],
          security,
          summary:
            'Multi-touch attribution of a conversion: first/last touch, linear, time decay, position based, Markov',
          querystring: AttributionQuery,
          response: {
            200: Type.Object({
              conversionEvent: Type.String(),
              level: Type.String(),
              conversions: Type.Number(),
              revenue: Type.Number(),
              nonConvertingPaths: Type.Number(),
              models: Type.Record(Type.String(), Credit),
              markov: Type.Object({
                conversionProbability: Type.Number(),
                removalEffects: Type.Array(
                  Type.Object({
                    channel: Type.String(),
                    removalEffect: Type.Number(),
                    conversionProbabilityWithout: Type.Number(),
                  }),
                ),
              }),
              origins: Type.Array(
                Type.Object({ name: Type.String(), persons: Type.Integer(), share: Type.Number() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof AttributionQuery>
        return attribution(deps.events, workspaceId, parseRange(q), {
          conversionEvent: q.event,
          level: q.level,
          lookbackDays: q.lookbackDays,
          halfLifeDays: q.halfLifeDays,
        })
      },
    )

    app.get(
      '/api/clv',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['clv'],
          security,
          summary:
            'BG/NBD + Gamma-Gamma fit on the purchases: parameters, CLV distribution, top and at-risk customers; by persona or trait',
          querystring: ClvQuery,
          response: {
            200: Type.Object({
              customers: Type.Integer(),
              repeatCustomers: Type.Integer(),
              bgNbd: Fit(
                Type.Object({ r: Type.Number(), alpha: Type.Number(), a: Type.Number(), b: Type.Number() }),
              ),
              gammaGamma: Type.Union([
                Fit(Type.Object({ p: Type.Number(), q: Type.Number(), v: Type.Number() })),
                Type.Null(),
              ]),
              distribution: Type.Object({
                total: Type.Number(),
                mean: Type.Number(),
                quantiles: Type.Record(Type.String(), Type.Number()),
                deciles: Type.Array(
                  Type.Object({
                    decile: Type.Integer(),
                    customers: Type.Integer(),
                    min: Type.Number(),
                    max: Type.Number(),
                    valueShare: Type.Number(),
                  }),
                ),
                histogram: Type.Array(
                  Type.Object({
                    from: Type.Number(),
                    to: Type.Union([Type.Number(), Type.Null()], { description: 'null: open-ended' }),
                    customers: Type.Integer(),
                  }),
                  { description: 'Equal-width bins from 0 to the 99th percentile; the last holds the rest' },
                ),
              }),
              top: Type.Array(CustomerValue),
              atRisk: Type.Array(CustomerValue),
              fittedAt: Type.String(),
              fitMs: Type.Number(),
              groups: Type.Optional(
                Type.Array(ClvGroup, {
                  description: 'With a breakdown: the customers per persona or trait value, largest first',
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof ClvQuery>
        const range = clvRange(q)
        const byPerson = parsePersonBreakdown(q.breakdown)
        const [model, groups] = await Promise.all([
          clvModel(workspaceId, range, {
            conversionEvent: q.event,
            horizonMonths: q.horizonMonths,
            monthlyDiscountRate: q.discountRate,
          }),
          byPerson && breakdowns.groups(workspaceId, range, byPerson).then((g) => g.map()),
        ])
        return {
          customers: model.customers,
          repeatCustomers: model.repeatCustomers,
          bgNbd: model.bgNbd,
          gammaGamma: model.gammaGamma,
          distribution: clvDistribution(model.values),
          top: topCustomers(model.values, q.limit),
          atRisk: atRiskCustomers(model.values, q.limit),
          fittedAt: model.fittedAt,
          fitMs: model.fitMs,
          ...(groups ? { groups: clvGroups(model.values, groups) } : {}),
        }
      },
    )

    app.get(
      '/api/clv/persons/:id',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['clv'],
          security,
          summary:
            "A person's P(alive), expected purchases and spend, and CLV (customer: false if they never bought)",
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: Type.Omit(ClvQuery, ['limit', 'breakdown']),
          response: {
            200: Type.Object({
              personId: Type.String(),
              customer: Type.Boolean(),
              value: Type.Union([CustomerValue, Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof ClvQuery>
        const personId = await deps.events.survivingPersonId(
          workspaceId,
          (request.params as { id: string }).id,
        )
        const model = await clvModel(workspaceId, clvRange(q), {
          conversionEvent: q.event,
          horizonMonths: q.horizonMonths,
          monthlyDiscountRate: q.discountRate,
        })
        const value = model.values.find((v) => v.personId === personId) ?? null
        return { personId, customer: value !== null, value }
      },
    )
  }
}
