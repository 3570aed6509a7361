import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { LIFECYCLE_STATES } from '@touchstone/core/lifecycle'
import type { AppDeps } from '../app.ts'
import { TouchstoneError } from '../errors.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { Interval, parseRange, RangeQuery } from './analytics-params.ts'
import { BreakdownSource, parsePersonBreakdown, PersonOnlyBreakdownParam } from './breakdown-source.ts'
import { engagement } from './engagement-query.ts'
import { lifecycle } from './lifecycle-query.ts'
import { retentionByGroup } from './retention-group-query.ts'
import { retention } from './retention-query.ts'
import { stageRulesOf } from './stage-rules-source.ts'

const tags = ['lifecycle']
const security = [{ secretKey: [] }]
const Rate = Type.Object({
  numerator: Type.Number(),
  denominator: Type.Number(),
  rate: Type.Number(),
  lower: Type.Number(),
  upper: Type.Number(),
})
const ConversionEvent = Type.String({
  minLength: 1,
  maxLength: 200,
  default: 'Order Completed',
  description: 'The purchase event',
})

const RetentionQuery = Type.Object({
  ...RangeQuery,
  interval: Type.Union([Type.Literal('week'), Type.Literal('month')], { default: 'month' }),
  activity: Type.Union([Type.Literal('purchase'), Type.Literal('any')], {
    default: 'purchase',
    description: 'Retained = bought again (purchase) or had any contact (any)',
  }),
  event: ConversionEvent,
  breakdown: PersonOnlyBreakdownParam,
})
const StateName = Type.Union(LIFECYCLE_STATES.map((s) => Type.Literal(s)))
const LifecycleQuery = Type.Object({
  ...RangeQuery,
  churnDays: Type.Integer({
    minimum: 2,
    maximum: 3650,
    default: 90,
    description: 'Inactivity that counts as churned',
  }),
  atRiskDays: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3649, description: 'Default: churnDays / 2' }),
  ),
  newDays: Type.Integer({ minimum: 1, maximum: 3650, default: 30 }),
  churnEvents: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    maxItems: 20,
    default: ['Subscription Cancelled', 'Account Deleted'],
    description: 'Events that end the relationship explicitly',
  }),
  state: Type.Optional(StateName),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Persons listed for `state`' }),
  breakdown: PersonOnlyBreakdownParam,
})

const EngagementQuery = Type.Object({ ...RangeQuery, interval: Interval })
/** The aggregate's settings, so one person's state matches the state counted in /states. */
const PersonLifecycleQuery = Type.Omit(LifecycleQuery, ['state', 'limit', 'breakdown'])
const PersonParams = Type.Object({ id: Type.String({ format: 'uuid' }) })

/** Retention cohorts, repeat purchases, churn, lifecycle states, engagement: `/api/lifecycle/…`. */
export function lifecycleRoutes(deps: AppDeps, breakdowns = new BreakdownSource(deps)) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/lifecycle/retention',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: 'Retention cohorts by first purchase week or month, and the repeat-purchase rate',
          querystring: RetentionQuery,
          response: {
            200: Type.Object({
              interval: Type.String(),
              activity: Type.String(),
              cohorts: Type.Array(
                Type.Object({
                  cohort: Type.String(),
                  size: Type.Integer(),
                  retained: Type.Array(Type.Number()),
                  persons: Type.Array(Type.Integer()),
                }),
              ),
              repeatPurchaseRate: Rate,
              groups: Type.Optional(
                Type.Array(
                  Type.Object({
                    group: Type.String(),
                    cohorts: Type.Array(
                      Type.Object({
                        cohort: Type.String(),
                        size: Type.Integer(),
                        retained: Type.Array(Type.Number()),
                        persons: Type.Array(Type.Integer()),
                      }),
                    ),
                    repeatPurchaseRate: Rate,
                  }),
                ),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof RetentionQuery>
        const range = parseRange(q)
        const options = { conversionEvent: q.event, interval: q.interval, activity: q.activity }
        const byPerson = parsePersonBreakdown(q.breakdown)
        const [total, groups] = await Promise.all([
          retention(deps.events, workspaceId, range, options),
          byPerson &&
            breakdowns
              .groups(workspaceId, range, byPerson)
              .then(async (g) => retentionByGroup(deps.events, workspaceId, range, options, await g.map())),
        ])
        return groups ? { ...total, groups } : total
      },
    )

    app.get(
      '/api/lifecycle/engagement',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Returning-visitor share per period and cross-channel overlap (persons who used both channels)',
          querystring: EngagementQuery,
          response: {
            200: Type.Object({
              interval: Type.String(),
              returning: Type.Array(
                Type.Object({ period: Type.String(), active: Type.Integer(), returning: Rate }),
              ),
              channels: Type.Array(Type.Object({ channel: Type.String(), persons: Type.Integer() })),
              overlap: Type.Array(
                Type.Object({ a: Type.String(), b: Type.String(), persons: Type.Integer() }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof EngagementQuery>
        return engagement(deps.events, workspaceId, parseRange(q), q.interval)
      },
    )

    app.get(
      '/api/lifecycle/states',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Lifecycle state per person as of `to` (new, active, reactivated, at risk, churned) and churn rate',
          querystring: LifecycleQuery,
          response: {
            200: Type.Object({
              asOf: Type.String(),
              thresholds: Type.Object({
                churnDays: Type.Number(),
                atRiskDays: Type.Number(),
                newDays: Type.Number(),
              }),
              states: Type.Array(
                Type.Object({ state: Type.String(), persons: Type.Integer(), share: Type.Number() }),
              ),
              churnRate: Rate,
              persons: Type.Array(
                Type.Object({
                  personId: Type.String(),
                  state: Type.String(),
                  firstSeen: Type.String(),
                  lastSeen: Type.String(),
                }),
              ),
              groups: Type.Optional(
                Type.Array(
                  Type.Object({
                    group: Type.String(),
                    persons: Type.Integer(),
                    states: Type.Array(
                      Type.Object({ state: Type.String(), persons: Type.Integer(), share: Type.Number() }),
                    ),
                    churnRate: Rate,
                  }),
                ),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof LifecycleQuery>
        if (q.atRiskDays !== undefined && q.atRiskDays >= q.churnDays) {
          throw new TouchstoneError('TS_BAD_REQUEST', 'atRiskDays must be less than churnDays')
        }
        const range = parseRange(q)
        const byPerson = parsePersonBreakdown(q.breakdown)
        const groups = byPerson && (await (await breakdowns.groups(workspaceId, range, byPerson)).map())
        return lifecycle(deps.events, workspaceId, range, await stageRulesOf(deps.meta, workspaceId), {
          churnDays: q.churnDays,
          ...(q.atRiskDays !== undefined ? { atRiskDays: q.atRiskDays } : {}),
          newDays: q.newDays,
          churnEvents: q.churnEvents,
          ...(q.state ? { state: q.state } : {}),
          limit: q.limit,
          ...(groups ? { groups } : {}),
        })
      },
    )

    app.get(
      '/api/lifecycle/persons/:id',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Lifecycle state of one person as of `to`, with the same settings and rules as /api/lifecycle/states',
          params: PersonParams,
          querystring: PersonLifecycleQuery,
          response: {
            200: Type.Object({
              personId: Type.String(),
              asOf: Type.String(),
              thresholds: Type.Object({
                churnDays: Type.Number(),
                atRiskDays: Type.Number(),
                newDays: Type.Number(),
              }),
              state: Type.Union([StateName, Type.Null()], {
                description: 'null: no contact the journey rules place in a stage before `to`',
              }),
              firstSeen: Type.Union([Type.String(), Type.Null()]),
              lastSeen: Type.Union([Type.String(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const { id } = request.params as Static<typeof PersonParams>
        const q = request.query as Static<typeof PersonLifecycleQuery>
        if (q.atRiskDays !== undefined && q.atRiskDays >= q.churnDays) {
          throw new TouchstoneError('TS_BAD_REQUEST', 'atRiskDays must be less than churnDays')
        }
        const personId = await deps.events.survivingPersonId(workspaceId, id)
        const result = await lifecycle(
          deps.events,
          workspaceId,
          parseRange(q),
          await stageRulesOf(deps.meta, workspaceId),
          {
            churnDays: q.churnDays,
            ...(q.atRiskDays !== undefined ? { atRiskDays: q.atRiskDays } : {}),
            newDays: q.newDays,
            churnEvents: q.churnEvents,
            personIds: await deps.events.mergedPersonIds(workspaceId, personId),
            limit: 1,
          },
        )
        const found = result.persons[0]
        return {
          personId,
          asOf: result.asOf,
          thresholds: result.thresholds,
          state: found?.state ?? null,
          firstSeen: found?.firstSeen ?? null,
          lastSeen: found?.lastSeen ?? null,
        }
      },
    )
  }
}
