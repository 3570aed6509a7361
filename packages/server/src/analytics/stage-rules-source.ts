import { DEFAULT_STAGE_RULES, stageRuleProblems, type StageRule } from '@touchstone/core/journey'
import type { MetaStore } from '../stores/meta/meta-store.ts'

/**
 * The journey stage rules of a workspace: `settings.journey.stageRules` when the workspace
 * carries valid ones, else the defaults from packages/core. The meta store has no settings
 * accessor yet, so this reads the field only if `getWorkspace` returns it; invalid rules fall
 * back to the defaults instead of failing every journey query.
 */
export async function stageRulesOf(
  meta: Pick<MetaStore, 'getWorkspace'>,
  workspaceId: string,
): Promise<readonly StageRule[]> {
  const workspace = (await meta.getWorkspace(workspaceId)) as { settings?: unknown } | undefined
  const settings = workspace?.settings as { journey?: { stageRules?: unknown } } | undefined
  const rules = settings?.journey?.stageRules
  if (rules !== undefined && stageRuleProblems(rules).length === 0) return rules as StageRule[]
  return DEFAULT_STAGE_RULES
}
