import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import type { AppDeps } from '../app.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { Interval, parseRange, RangeQuery } from './analytics-params.ts'
import { followerReport } from './follower-query.ts'
import { sessionReport } from './session-query.ts'

const tags = ['engagement']
const security = [{ secretKey: [] }]
const IntervalQuery = Type.Object({ ...RangeQuery, interval: Interval })
const Stats = {
  sessions: Type.Integer(),
  persons: Type.Integer(),
  sessionsPerPerson: Type.Number(),
  meanSeconds: Type.Number(),
  medianSeconds: Type.Number(),
  singleViewShare: Type.Number(),
}

/** Dwell time (`/api/engagement/sessions`) and social followers (`/api/social/followers`). */
export function activityRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/engagement/sessions',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary:
            'Sessions from page/screen views (30-minute inactivity rule): duration median/mean and sessions per person, by channel and period',
          querystring: IntervalQuery,
          response: {
            200: Type.Object({
              interval: Type.String(),
              gapMinutes: Type.Integer(),
              periods: Type.Array(Type.Object({ period: Type.String(), channel: Type.String(), ...Stats })),
              channels: Type.Array(Type.Object({ channel: Type.String(), ...Stats })),
              total: Type.Object(Stats),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof IntervalQuery>
        return sessionReport(deps.events, workspaceId, parseRange(q), q.interval)
      },
    )

    app.get(
      '/api/social/followers',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: 'Social followers per platform: follows, unfollows, net and running total per period',
          querystring: IntervalQuery,
          response: {
            200: Type.Object({
              interval: Type.String(),
              before: Type.Record(Type.String(), Type.Integer(), {
                description: 'Followers per platform at `from` (net of everything earlier)',
              }),
              periods: Type.Array(
                Type.Object({
                  period: Type.String(),
                  platform: Type.String(),
                  follows: Type.Integer(),
                  unfollows: Type.Integer(),
                  net: Type.Integer(),
                  followers: Type.Integer(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await apiCaller(request, deps.keys)
        const q = request.query as Static<typeof IntervalQuery>
        return followerReport(deps.events, workspaceId, parseRange(q), q.interval)
      },
    )
  }
}
