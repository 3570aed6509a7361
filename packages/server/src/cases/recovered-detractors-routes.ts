import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { recoveredDetractors, type DetractorFollowUp } from '@touchstone/core/surveys'
import type { KeyService } from '../auth/api-keys.ts'
import { TouchstoneError } from '../errors.ts'
import type { MetaStore } from '../stores/meta/meta-store.ts'
import { callerWith, parseDateParam } from '../surveys/api-access.ts'
import type { ResponseStore } from '../surveys/response-store.ts'
import { followUpTrigger } from './follow-up-service.ts'

/** NPS scores of 0–6 make a detractor (the standard NPS definition). */
const DETRACTOR_AT_MOST = 6
/** Enough for any workspace's resolved detractor cases of a period; more is refused, not truncated. */
const MAX_CASES = 100_000

const Interval = Type.Object({ lower: Type.Number(), upper: Type.Number(), confidence: Type.Number() })

/**
 * `GET /api/metrics/recovered-detractors`: of NPS detractor cases resolved in [from, to) whose
 * follow-up survey was answered, the share whose follow-up NPS is 7–10 (passive or promoter),
 * with its Wilson 95 % interval — and how many follow-ups went out and came back.
 */
export function recoveredDetractorRoutes(deps: {
  keys: KeyService
  meta: MetaStore
  responses: ResponseStore
}) {
  return async (app: FastifyInstance) => {
    app.get(
      '/api/metrics/recovered-detractors',
      {
        config: { permission: 'analytics.read' } as const,
        schema: {
          tags: ['metrics'],
          security: [{ secretKey: [] }],
          summary: 'Share of resolved NPS detractors whose follow-up score is 7–10, with a Wilson interval',
          querystring: Type.Object({
            from: Type.Optional(Type.String({ description: 'ISO; default 90 days before `to`' })),
            to: Type.Optional(Type.String({ description: 'ISO; default now' })),
          }),
          response: {
            200: Type.Object({
              from: Type.String(),
              to: Type.String(),
              detractorCasesResolved: Type.Integer(),
              followUpsSent: Type.Integer(),
              followUpsAnswered: Type.Integer(),
              n: Type.Integer(),
              recovered: Type.Integer(),
              share: Type.Union([Type.Number(), Type.Null()]),
              interval: Interval,
              tooFewResponses: Type.Boolean(),
            }),
          },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(request, deps.keys)
        const q = request.query as { from?: string; to?: string }
        const to = parseDateParam(q.to, 'to', new Date())
        const from = parseDateParam(q.from, 'from', new Date(to.getTime() - 90 * 86_400_000))
        if (from >= to) throw new TouchstoneError('TS_BAD_REQUEST', 'from must be before to')
        const cases = await deps.meta.cases.listCases(workspaceId, {
          resolvedFrom: from,
          resolvedTo: to,
          scoreType: 'nps',
          maxScore: DETRACTOR_AT_MOST,
          limit: MAX_CASES + 1,
          offset: 0,
        })
        if (cases.total > MAX_CASES)
          throw new TouchstoneError(
            'TS_BAD_REQUEST',
            `more than ${MAX_CASES} cases in the period; choose a shorter one`,
          )
        const invitations = await deps.meta.surveys.invitationsByTrigger(
          workspaceId,
          cases.items.map((c) => followUpTrigger(c.id)),
        )
        const byTrigger = new Map(invitations.map((i) => [i.trigger, i]))
        const answeredIds = invitations.filter((i) => i.status === 'answered').map((i) => i.id)
        const scores = new Map<string, number>()
        if (answeredIds.length > 0) {
          // The follow-up answer is the response whose id is the invitation's (FINAL: the complete row wins).
          const rows = await deps.responses.query<{ response_id: string; score: number | null }>(
            `SELECT response_id, score FROM responses FINAL
             WHERE workspace_id = {ws:String} AND response_id IN {ids:Array(String)}
               AND complete = 1 AND score_type = 'nps'`,
            { ws: workspaceId, ids: answeredIds },
          )
          for (const r of rows) if (r.score !== null) scores.set(r.response_id, Number(r.score))
        }
        const followUps: DetractorFollowUp[] = cases.items.map((c) => {
          const inv = byTrigger.get(followUpTrigger(c.id))
          return {
            sent: inv !== undefined && inv.status !== 'failed',
            score: inv ? (scores.get(inv.id) ?? null) : null,
          }
        })
        const r = recoveredDetractors(followUps)
        return {
          from: from.toISOString(),
          to: to.toISOString(),
          detractorCasesResolved: r.cases,
          followUpsSent: r.followUpsSent,
          followUpsAnswered: invitations.filter((i) => i.status === 'answered').length,
          n: r.n,
          recovered: r.recovered,
          share: r.share,
          interval: r.interval,
          tooFewResponses: r.tooFewResponses,
        }
      },
    )
  }
}
