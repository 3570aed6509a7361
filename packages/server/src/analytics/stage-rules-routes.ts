import type { FastifyInstance } from 'fastify'
import { Type, type Static } from '@sinclair/typebox'
import { DEFAULT_STAGE_RULES, stageRuleProblems, type StageRule } from '@touchstone/core/journey'
import type { AppDeps } from '../app.ts'
import { TouchstoneError } from '../errors.ts'
import { apiCaller } from '../routes/api-auth.ts'
import { SETTINGS_WRITERS, callerWith } from '../surveys/api-access.ts'
import { STAGE_RULES_SETTING, stageRulesOf, storedStageRules } from './stage-rules-source.ts'

const tags = ['journey']
const security = [{ secretKey: [] }]
/** More rules than anyone writes by hand; keeps the compiled multiIf and its parameters small. */
const MAX_RULES = 100
const MAX_VALUES = 500
const MAX_VALUE_LENGTH = 200

const Rule = Type.Object({
  stage: Type.String({ description: 'pre-awareness … loyalty' }),
  events: Type.Optional(Type.Array(Type.String())),
  touchpoints: Type.Optional(Type.Array(Type.String())),
  channels: Type.Optional(Type.Array(Type.String())),
})
const RulesAnswer = Type.Object({
  custom: Type.Boolean({ description: 'true when the workspace uses its own rules' }),
  rules: Type.Array(Rule),
  defaults: Type.Array(Rule),
})
const PutBody = Type.Object({
  // Items are checked by stageRuleProblems (each problem reported), not by the schema, so one
  // request lists every mistake at once.
  rules: Type.Array(Type.Unknown(), {
    maxItems: MAX_RULES,
    description:
      'Ordered rules, first match wins: { stage, events?, touchpoints?, channels? }; every given field must match',
  }),
})

/** Problems beyond stageRuleProblems' shape checks: sizes and unknown fields. */
function sizeProblems(rules: unknown[]): string[] {
  const problems: string[] = []
  rules.forEach((rule, i) => {
    if (typeof rule !== 'object' || rule === null) return
    for (const key of Object.keys(rule)) {
      if (!['stage', 'events', 'touchpoints', 'channels'].includes(key))
        problems.push(`rule ${i}: unknown field ${key}`)
    }
    for (const field of ['events', 'touchpoints', 'channels'] as const) {
      const list = (rule as Record<string, unknown>)[field]
      if (!Array.isArray(list)) continue
      if (list.length > MAX_VALUES) problems.push(`rule ${i}: ${field} may hold at most ${MAX_VALUES} values`)
      if (list.some((v) => typeof v === 'string' && (v.length === 0 || v.length > MAX_VALUE_LENGTH)))
        problems.push(`rule ${i}: ${field} values must be 1–${MAX_VALUE_LENGTH} characters`)
    }
  })
  return problems
}

/** Only the fields a rule has, in a fixed order (what is stored and answered). */
function normalised(rule: StageRule): Static<typeof Rule> {
  return {
    stage: rule.stage,
    ...(rule.events ? { events: [...rule.events] } : {}),
    ...(rule.touchpoints ? { touchpoints: [...rule.touchpoints] } : {}),
    ...(rule.channels ? { channels: [...rule.channels] } : {}),
  }
}

/** `GET/PUT/DELETE /api/journey/stage-rules`: the rules that place a workspace's events in stages. */
export function stageRulesRoutes(deps: AppDeps) {
  return async (app: FastifyInstance) => {
    const answer = async (workspaceId: string): Promise<Static<typeof RulesAnswer>> => {
      const custom = storedStageRules(await deps.meta.workspaceSettings(workspaceId)) !== undefined
      const rules = await stageRulesOf(deps.meta, workspaceId)
      return {
        custom: custom && rules !== DEFAULT_STAGE_RULES,
        rules: rules.map(normalised),
        defaults: DEFAULT_STAGE_RULES.map(normalised),
      }
    }

    app.get(
      '/api/journey/stage-rules',
      {
        config: { permission: 'analytics.read' },
        schema: {
          tags,
          security,
          summary: "The workspace's journey stage rules (its own, or the defaults) and the defaults",
          response: { 200: RulesAnswer },
        },
      },
      async (request) => answer((await apiCaller(request, deps.keys)).workspaceId),
    )

    app.put(
      '/api/journey/stage-rules',
      {
        config: { permission: 'settings.write' },
        schema: {
          tags,
          security,
          summary: 'Replaces the stage rules of the workspace (owner or admin); 400 lists every problem',
          body: PutBody,
          response: { 200: RulesAnswer },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(
          request,
          deps.keys,
          SETTINGS_WRITERS,
          'changing the stage rules',
        )
        const { rules } = request.body as Static<typeof PutBody>
        const problems = [...stageRuleProblems(rules), ...sizeProblems(rules)]
        if (problems.length > 0) {
          throw new TouchstoneError('TS_BAD_REQUEST', `invalid stage rules: ${problems.join('; ')}`, {
            problems,
          })
        }
        const stored = (rules as StageRule[]).map(normalised)
        await deps.meta.updateWorkspaceSettings(workspaceId, {
          [STAGE_RULES_SETTING]: { stageRules: stored },
        })
        return answer(workspaceId)
      },
    )

    app.delete(
      '/api/journey/stage-rules',
      {
        config: { permission: 'settings.write' },
        schema: {
          tags,
          security,
          summary: 'Returns the workspace to the default stage rules (owner or admin)',
          response: { 200: RulesAnswer },
        },
      },
      async (request) => {
        const { workspaceId } = await callerWith(
          request,
          deps.keys,
          SETTINGS_WRITERS,
          'changing the stage rules',
        )
        await deps.meta.updateWorkspaceSettings(workspaceId, { [STAGE_RULES_SETTING]: {} })
        return answer(workspaceId)
      },
    )
  }
}
