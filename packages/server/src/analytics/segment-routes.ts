import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { analyzeRfm, RFM_SEGMENT_LABELS } from '@touchstone/core/rfm'
import type { AppDeps } from '../app.ts'
import { TouchstoneError } from '../errors.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { parseRange, RangeQuery, type TimeRange } from './analytics-params.ts'
import { customerSummaries } from './customer-summaries.ts'
import { ModelCache } from './model-cache.ts'
import { personFeatures } from './person-features-query.ts'
import { fitPersonas, type PersonaModel } from './persona-service.ts'
import {
  alsoBought,
  fitRecommendations,
  itemNames,
  recommendFor,
  type RecommendationModel,
} from './recommendation-service.ts'
import { stageRulesOf } from './stage-rules-source.ts'

const security = [{ secretKey: [] }]
const DAY_MS = 86_400_000
/** Personas, RFM and co-purchases describe customers over a year by default. */
const SEGMENT_DEFAULT_DAYS = 365
const ConversionEvent = Type.String({ minLength: 1, maxLength: 200, default: 'Order Completed' })
const Bilingual = Type.Object({ de: Type.String(), en: Type.String() })
const PersonaQuery = Type.Object({
  ...RangeQuery,
  event: ConversionEvent,
  k: Type.Optional(
    Type.Integer({
      minimum: 2,
      maximum: 12,
      description: 'Fixed number of personas; default: by silhouette over 2..8',
    }),
  ),
  seed: Type.Integer({ minimum: 0, maximum: 2_147_483_647, default: 1 }),
  sampleSize: Type.Integer({
    minimum: 50,
    maximum: 20_000,
    default: 5_000,
    description: 'Persons the clustering is fitted on',
  }),
  points: Type.Integer({
    minimum: 0,
    maximum: 20_000,
    default: 1_000,
    description: 'Scatter points returned',
  }),
})
const PersonQuery = Type.Omit(PersonaQuery, ['points'])
const RfmQuery = Type.Object({
  ...RangeQuery,
  event: ConversionEvent,
  limit: Type.Integer({ minimum: 0, maximum: 5_000, default: 100, description: 'Customers listed' }),
})
const RecommendationQuery = Type.Object({
  ...RangeQuery,
  event: ConversionEvent,
  n: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
})
const Scored = Type.Array(Type.Object({ itemId: Type.String(), score: Type.Number() }))
const Persona = Type.Object({
  cluster: Type.Integer(),
  size: Type.Integer(),
  customerShare: Type.Number(),
  revenueShare: Type.Number(),
  nps: Type.Union([Type.Number(), Type.Null()]),
  csat: Type.Union([Type.Number(), Type.Null()]),
  trait: Type.String(),
  channel: Type.String(),
  cadence: Type.String(),
  name: Bilingual,
  description: Bilingual,
  summary: Bilingual,
  distinguishing: Type.Array(Type.Object({ feature: Type.String(), z: Type.Number() })),
})

/** Personas, RFM segments and recommendations: `/api/personas…`, `/api/rfm`, `/api/recommendations…`. */
export function segmentRoutes(deps: AppDeps) {
  const personaModels = new ModelCache<PersonaModel>()
  const recommendationModels = new ModelCache<RecommendationModel>()
  const range = (q: { from?: string; to?: string }) =>
    parseRange(q, SEGMENT_DEFAULT_DAYS, Math.floor(Date.now() / 60_000) * 60_000)
  const personas = async (ws: string, r: TimeRange, q: Static<typeof PersonQuery>) =>
    personaModels.get(`${ws}|${r.from}|${r.to}|${q.event}|${q.k}|${q.seed}|${q.sampleSize}`, async () => {
      const features = await personFeatures(deps.events, ws, r, await stageRulesOf(deps.meta, ws), q.event)
      if (features.length < 3)
        throw new TouchstoneError('TS_BAD_REQUEST', 'too few persons in the range for personas')
      const fitted = Math.min(features.length, q.sampleSize)
      if (q.k !== undefined && q.k > fitted)
        throw new TouchstoneError(
          'TS_BAD_REQUEST',
          `k = ${q.k} personas need at least ${q.k} persons; the range has ${features.length} and sampleSize is ${q.sampleSize}`,
        )
      return fitPersonas(features, { seed: q.seed, sampleSize: q.sampleSize, ...(q.k ? { k: q.k } : {}) })
    })
  const recommendations = (ws: string, r: TimeRange, event: string) =>
    recommendationModels.get(`${ws}|${r.from}|${r.to}|${event}`, () =>
      fitRecommendations(deps.events, ws, r, event),
    )

  return async (app: FastifyInstance) => {
    app.get(
      '/api/personas',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['personas'],
          security,
          summary:
            'Personas discovered by k-means++ (k by silhouette), with names and descriptions in German and English',
          querystring: PersonaQuery,
          response: {
            200: Type.Object({
              k: Type.Integer(),
              silhouette: Type.Number(),
              scores: Type.Array(
                Type.Object({ k: Type.Integer(), silhouette: Type.Number(), inertia: Type.Number() }),
              ),
              persons: Type.Integer(),
              fittedOn: Type.Integer(),
              personas: Type.Array(Persona),
              points: Type.Array(
                Type.Object({
                  personId: Type.String(),
                  cluster: Type.Integer(),
                  x: Type.Number(),
                  y: Type.Number(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof PersonaQuery>
        const model = await personas(workspaceId, range(q), q)
        const { assignments: _assignments, points, ...rest } = model
        return { ...rest, points: points.slice(0, q.points) }
      },
    )

    app.get(
      '/api/personas/persons/:id',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['personas'],
          security,
          summary: 'The persona of one person',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: PersonQuery,
          response: { 200: Type.Object({ personId: Type.String(), persona: Persona }) },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof PersonQuery>
        const personId = await deps.events.survivingPersonId(
          workspaceId,
          (request.params as { id: string }).id,
        )
        const model = await personas(workspaceId, range(q), q)
        const cluster = model.assignments.get(personId)
        const persona = model.personas.find((p) => p.cluster === cluster)
        if (cluster === undefined || !persona) {
          throw new TouchstoneError('TS_NOT_FOUND', `person ${personId} has no contact in the range`)
        }
        return { personId, persona }
      },
    )

    app.get(
      '/api/rfm',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['personas'],
          security,
          summary:
            'RFM scores (quintiles) and segments (Champions, Loyal, At risk, Hibernating …) of the customers',
          querystring: RfmQuery,
          response: {
            200: Type.Object({
              segments: Type.Array(
                Type.Object({
                  segment: Type.String(),
                  label: Bilingual,
                  customers: Type.Integer(),
                  customerShare: Type.Number(),
                  revenue: Type.Number(),
                  revenueShare: Type.Number(),
                }),
              ),
              customers: Type.Array(
                Type.Object({
                  personId: Type.String(),
                  r: Type.Integer(),
                  f: Type.Integer(),
                  m: Type.Integer(),
                  segment: Type.String(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof RfmQuery>
        const r = range(q)
        const summaries = await customerSummaries(deps.events, workspaceId, r, q.event)
        const analysis = analyzeRfm(
          summaries.map((s) => ({
            personId: s.customerId,
            recencyDays: (r.toMs - s.lastPurchase) / DAY_MS,
            frequency: s.orders,
            monetary: s.revenue,
          })),
        )
        return {
          segments: analysis.segments.map((s) => ({ ...s, label: labelOf(s.segment) })),
          customers: analysis.customers.slice(0, q.limit),
        }
      },
    )

    app.get(
      '/api/recommendations/persons/:id',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['recommendations'],
          security,
          summary:
            'Items to recommend to a person (item-to-item co-purchase similarity; owned items excluded)',
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: RecommendationQuery,
          response: {
            200: Type.Object({
              personId: Type.String(),
              owned: Type.Array(Type.String()),
              items: Scored,
              names: Type.Record(Type.String(), Type.String(), {
                description:
                  'Product names (products[].name) of the owned and recommended items that have one',
              }),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof RecommendationQuery>
        const personId = await deps.events.survivingPersonId(
          workspaceId,
          (request.params as { id: string }).id,
        )
        const r = range(q)
        const model = await recommendations(workspaceId, r, q.event)
        const found = recommendFor(model, personId, q.n)
        const ids = [...found.owned, ...found.items.map((i) => i.itemId)]
        const names = await itemNames(deps.events, workspaceId, r, q.event, ids)
        return { personId, ...found, names }
      },
    )

    app.get(
      '/api/recommendations/items/:itemId',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags: ['recommendations'],
          security,
          summary: 'Customers who bought this item also bought …',
          params: Type.Object({ itemId: Type.String({ minLength: 1, maxLength: 200 }) }),
          querystring: RecommendationQuery,
          response: { 200: Type.Object({ itemId: Type.String(), buyers: Type.Integer(), items: Scored }) },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof RecommendationQuery>
        const { itemId } = request.params as { itemId: string }
        const model = await recommendations(workspaceId, range(q), q.event)
        const buyers = model.popular.find((p) => p.itemId === itemId)?.score ?? 0
        if (buyers === 0)
          throw new TouchstoneError('TS_NOT_FOUND', `nobody bought item "${itemId}" in the range`)
        return { itemId, buyers, items: alsoBought(model, itemId, q.n) }
      },
    )
  }
}

function labelOf(segment: string) {
  const label = (RFM_SEGMENT_LABELS as Record<string, { de: string; en: string }>)[segment]
  return { de: label?.de ?? segment, en: label?.en ?? segment }
}
