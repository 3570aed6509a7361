import { DEFAULT_STAGE_RULES, stageRuleProblems, type StageRule } from '@touchstone/core/journey'
import type { MetaStore } from '../stores/meta/meta-store.ts'

/** Where a workspace's own rules live in its settings document. */
export const STAGE_RULES_SETTING = 'journey'

/** The workspace's own stage rules as stored (valid or not), or undefined when it has none. */
export function storedStageRules(settings: Record<string, unknown> | undefined): unknown {
  const journey = settings?.[STAGE_RULES_SETTING] as { stageRules?: unknown } | undefined
  return journey?.stageRules
}

/**
 * The journey stage rules of a workspace: `settings.journey.stageRules` when the workspace
 * carries valid ones, else the defaults from packages/core. PUT /api/journey/stage-rules only
 * stores valid rules; rules that became invalid some other way (an older version, a hand edit)
 * fall back to the defaults instead of failing every journey query.
 */
export async function stageRulesOf(
  meta: Pick<MetaStore, 'workspaceSettings'>,
  workspaceId: string,
): Promise<readonly StageRule[]> {
  const rules = storedStageRules(await meta.workspaceSettings(workspaceId))
  if (rules !== undefined && stageRuleProblems(rules).length === 0) return rules as StageRule[]
  return DEFAULT_STAGE_RULES
}
