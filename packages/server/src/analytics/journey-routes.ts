import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AppDeps } from '../app.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { type Breakdown, Interval, parseRange, RangeQuery } from './analytics-params.ts'
import {
  BreakdownSource,
  parsePersonBreakdown,
  PersonBreakdownParam,
  PersonOnlyBreakdownParam,
} from './breakdown-source.ts'
import { funnelDropOffNext } from './funnel-next-query.ts'
import { funnel } from './funnel-query.ts'
import { stageDistribution, stageDropOffs, stageTransitions } from './journey-queries.ts'
import { paths } from './path-query.ts'
import { personJourney } from './person-journey-query.ts'
import { StageSatisfactionSchema } from './satisfaction-schema.ts'
import { stageDropOffsByGroup, stageTransitionsByGroup } from './stage-flow-group-query.ts'
import { stageDistributionByGroup } from './stage-group-query.ts'
import { stageRulesOf } from './stage-rules-source.ts'
import { stageSatisfaction } from './stage-satisfaction-query.ts'

const tags = ['journey']
const security = [{ secretKey: [] }]

const StagesQuery = Type.Object({ ...RangeQuery, interval: Interval, breakdown: PersonBreakdownParam })
const RangeOnly = Type.Object({ ...RangeQuery })
const FlowQuery = Type.Object({ ...RangeQuery, breakdown: PersonOnlyBreakdownParam })
const FunnelQuery = Type.Object({
  ...RangeQuery,
  steps: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    minItems: 2,
    maxItems: 10,
    description: 'Ordered steps (repeat the parameter): event names, or touchpoint:<id>',
  }),
  window: Type.Integer({
    minimum: 60,
    maximum: 31_536_000,
    default: 604_800,
    description: 'Conversion window from the first step, in seconds (default 7 days)',
  }),
  order: Type.Union([Type.Literal('loose'), Type.Literal('strict')], {
    default: 'loose',
    description: 'loose: other contacts may happen between steps; strict: none may',
  }),
  deduplicate: Type.Boolean({ default: false, description: 'A repeated step ends the attempt' }),
  breakdown: PersonBreakdownParam,
  next: Type.Boolean({
    default: false,
    description: 'Also what dropped-off persons did next (reads every contact of the range)',
  }),
})
const PathQuery = Type.Object({
  ...RangeQuery,
  event: Type.String({
    minLength: 1,
    maxLength: 200,
    description: 'Anchor event (a touchpoint id with node=touchpoint)',
  }),
  direction: Type.Union([Type.Literal('after'), Type.Literal('before')], { default: 'after' }),
  depth: Type.Integer({ minimum: 1, maximum: 10, default: 4 }),
  node: Type.Union([Type.Literal('event'), Type.Literal('touchpoint')], { default: 'event' }),
  nodesPerStep: Type.Integer({ minimum: 2, maximum: 30, default: 8 }),
})
const Sankey = Type.Object({
  nodes: Type.Array(Type.Object({ name: Type.String() })),
  links: Type.Array(Type.Object({ source: Type.String(), target: Type.String(), value: Type.Number() })),
})
const Rate = Type.Object({
  numerator: Type.Number(),
  denominator: Type.Number(),
  rate: Type.Number(),
  lower: Type.Number(),
  upper: Type.Number(),
})
const Stages = Type.Record(Type.String(), Type.Integer())
const Transitions = Type.Array(
  Type.Object({
    from: Type.String(),
    to: Type.String(),
    count: Type.Integer(),
    persons: Type.Integer(),
    medianHours: Type.Number(),
    direction: Type.String(),
  }),
)
const DropOffStages = Type.Array(
  Type.Object({
    stage: Type.String(),
    reached: Type.Integer(),
    progressed: Type.Integer(),
    droppedOff: Type.Integer(),
    dropOffRate: Type.Number(),
  }),
)
const FunnelGroup = Type.Object({
  breakdown: Type.String(),
  steps: Type.Array(
    Type.Object({
      step: Type.Integer(),
      name: Type.String(),
      persons: Type.Integer(),
      overall: Rate,
      fromPrevious: Rate,
    }),
  ),
  timeToConvert: Type.Object({
    quantiles: Type.Union([
      Type.Object({ p25: Type.Number(), median: Type.Number(), p75: Type.Number(), p90: Type.Number() }),
      Type.Null(),
    ]),
    histogram: Type.Array(Type.Object({ label: Type.String(), persons: Type.Integer() })),
  }),
})

/** Journey stages, transitions, drop-off, funnels and paths: `/api/journey/…`, `/api/funnels`, `/api/paths`. */
export function journeyRoutes(deps: AppDeps, breakdowns = new BreakdownSource(deps)) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/journey/stages',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: 'Persons per journey stage over time (stage of their latest contact per period) and now',
          querystring: StagesQuery,
          response: {
            200: Type.Object({
              interval: Type.String(),
              periods: Type.Array(
                Type.Object({
                  period: Type.String(),
                  breakdown: Type.String(),
                  stages: Stages,
                  persons: Type.Integer(),
                }),
              ),
              current: Type.Array(
                Type.Object({ breakdown: Type.String(), stages: Stages, persons: Type.Integer() }),
              ),
              satisfaction: StageSatisfactionSchema,
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof StagesQuery>
        const range = parseRange(q)
        const rules = await stageRulesOf(deps.meta, workspaceId)
        const byPerson = parsePersonBreakdown(q.breakdown)
        const distribution = byPerson
          ? breakdowns
              .groups(workspaceId, range, byPerson)
              .then((groups) =>
                stageDistributionByGroup(deps.events, workspaceId, range, rules, q.interval, groups),
              )
          : stageDistribution(deps.events, workspaceId, range, rules, q.interval, q.breakdown as Breakdown)
        const [stages, satisfaction] = await Promise.all([
          distribution,
          stageSatisfaction(deps.events, workspaceId, range),
        ])
        return { ...stages, satisfaction }
      },
    )

    app.get(
      '/api/journey/transitions',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Stage-to-stage moves with counts and median time; a Sankey of the forward moves; by persona or trait',
          querystring: FlowQuery,
          response: {
            200: Type.Object({
              transitions: Transitions,
              sankey: Sankey,
              groups: Type.Optional(
                Type.Array(
                  Type.Object({ breakdown: Type.String(), transitions: Transitions, sankey: Sankey }),
                  {
                    description: 'With a breakdown: the moves per persona or trait value',
                  },
                ),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof FlowQuery>
        const range = parseRange(q)
        const byPerson = parsePersonBreakdown(q.breakdown)
        const rules = await stageRulesOf(deps.meta, workspaceId)
        if (!byPerson) return stageTransitions(deps.events, workspaceId, range, rules)
        const groups = await breakdowns.groups(workspaceId, range, byPerson)
        return stageTransitionsByGroup(deps.events, workspaceId, range, rules, groups)
      },
    )

    app.get(
      '/api/journey/persons/:id',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            "A person's current journey stage and stage history (a merged id answers for the survivor)",
          params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
          querystring: RangeOnly,
          response: {
            200: Type.Object({
              personId: Type.String(),
              current: Type.Union([Type.String(), Type.Null()]),
              visits: Type.Array(
                Type.Object({
                  stage: Type.String(),
                  from: Type.String(),
                  to: Type.String(),
                  contacts: Type.Integer(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const range = parseRange(request.query as Static<typeof RangeOnly>)
        const personId = await deps.events.survivingPersonId(
          workspaceId,
          (request.params as { id: string }).id,
        )
        const rules = await stageRulesOf(deps.meta, workspaceId)
        const history = await personJourney(deps.events, workspaceId, personId, range, rules)
        return {
          personId,
          current: history.current,
          visits: history.visits.map((v) => ({
            ...v,
            from: new Date(v.from).toISOString(),
            to: new Date(v.to).toISOString(),
          })),
        }
      },
    )

    app.get(
      '/api/journey/drop-off',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Per stage: persons who reached it, moved on to a later stage, or dropped off; by persona or trait',
          querystring: FlowQuery,
          response: {
            200: Type.Object({
              stages: DropOffStages,
              satisfaction: StageSatisfactionSchema,
              groups: Type.Optional(
                Type.Array(Type.Object({ breakdown: Type.String(), stages: DropOffStages }), {
                  description: 'With a breakdown: the drop-off per persona or trait value',
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof FlowQuery>
        const range = parseRange(q)
        const byPerson = parsePersonBreakdown(q.breakdown)
        const rules = await stageRulesOf(deps.meta, workspaceId)
        const [dropOff, satisfaction] = await Promise.all([
          byPerson
            ? breakdowns
                .groups(workspaceId, range, byPerson)
                .then((groups) => stageDropOffsByGroup(deps.events, workspaceId, range, rules, groups))
            : stageDropOffs(deps.events, workspaceId, range, rules).then((stages) => ({ stages })),
          stageSatisfaction(deps.events, workspaceId, range),
        ])
        return { ...dropOff, satisfaction }
      },
    )

    app.get(
      '/api/funnels',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Ordered funnel with a conversion window: conversion per step (Wilson 95 %), time to convert; by channel or touchpoint of the first step, persona or trait',
          querystring: FunnelQuery,
          response: {
            200: Type.Object({
              steps: Type.Array(Type.String()),
              windowSeconds: Type.Integer(),
              order: Type.String(),
              deduplicate: Type.Boolean(),
              total: FunnelGroup,
              groups: Type.Array(FunnelGroup),
              droppedNext: Type.Optional(
                Type.Array(
                  Type.Object({
                    step: Type.Integer({ description: 'The last step they reached' }),
                    persons: Type.Integer(),
                    next: Type.Array(Type.Object({ event: Type.String(), persons: Type.Integer() }), {
                      description:
                        'Their first contact after their first contact of that step, most frequent first (top 5); "" = none in the range',
                    }),
                  }),
                  { description: 'With next=true: per step but the last, the persons who stopped there' },
                ),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof FunnelQuery>
        const range = parseRange(q)
        const byPerson = parsePersonBreakdown(q.breakdown)
        const personGroups = byPerson && (await breakdowns.groups(workspaceId, range, byPerson))
        const shape = { steps: q.steps, windowSeconds: q.window, order: q.order, deduplicate: q.deduplicate }
        const [result, droppedNext] = await Promise.all([
          funnel(deps.events, workspaceId, range, {
            ...shape,
            breakdown: byPerson ? 'none' : (q.breakdown as Breakdown),
            ...(personGroups ? { personGroups } : {}),
          }),
          q.next ? funnelDropOffNext(deps.events, workspaceId, range, shape) : undefined,
        ])
        return droppedNext ? { ...result, droppedNext } : result
      },
    )

    app.get(
      '/api/paths',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: 'Most frequent paths after or before an event, as a Sankey (repeats collapsed)',
          querystring: PathQuery,
          response: {
            200: Type.Object({
              anchor: Type.String(),
              direction: Type.String(),
              persons: Type.Integer(),
              sankey: Sankey,
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof PathQuery>
        return paths(deps.events, workspaceId, parseRange(q), q)
      },
    )
  }
}
