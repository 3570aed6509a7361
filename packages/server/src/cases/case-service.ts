import type { MetaStore } from '../stores/meta/meta-store.ts'
import { caseRulesOf, readCxSettings, type CxSettings } from '../surveys/cx-settings.ts'
import type { ResponseRow } from '../surveys/response-store.ts'
import { caseReason, isScoreType, slaDueAt } from '@touchstone/core/surveys'
import type { CaseRecord } from './case-store.ts'

/** Who gets a new case: the touchpoint's owner, else the next agent in the round robin. */
export function assigneeFor(settings: CxSettings, touchpoint: string, casesSoFar: number): string | null {
  const owner = settings.touchpointOwners?.[touchpoint]
  if (owner) return owner
  const team = settings.assignees ?? []
  return team.length > 0 ? (team[casesSoFar % team.length] ?? null) : null
}

/**
 * Opens a case for an unhappy response under the workspace's rules (defaults NPS ≤ 6, CSAT ≤ 2,
 * CES ≥ 5, or a negative comment). At most one case per response: a retried submit finds it.
 */
export async function openCaseForResponse(
  meta: MetaStore,
  row: ResponseRow,
): Promise<CaseRecord | undefined> {
  const settings = readCxSettings(await meta.surveys.getSettings(row.workspaceId))
  const rules = caseRulesOf(settings)
  const reason = caseReason(
    {
      scoreType: isScoreType(row.scoreType) ? row.scoreType : undefined,
      score: row.score ?? undefined,
      sentimentLabel: (row.sentimentLabel || undefined) as 'negative' | 'neutral' | 'positive' | undefined,
    },
    rules,
  )
  if (!reason) return undefined
  const openedAt = new Date(row.updatedAt)
  return meta.cases.openCase(
    {
      workspaceId: row.workspaceId,
      responseId: row.responseId,
      surveyId: row.surveyId,
      personId: row.personId,
      scoreType: row.scoreType || null,
      score: row.score,
      comment: row.comment || null,
      touchpoint: row.touchpoint || null,
      channel: row.channel,
      reason,
      assignee: assigneeFor(settings, row.touchpoint, await meta.cases.countCases(row.workspaceId)),
      dueAt: slaDueAt(openedAt, rules),
      createdAt: openedAt,
    },
    'system',
  )
}
