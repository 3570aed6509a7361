/** Workspace rule against over-surveying. */
export interface FatigueRule {
  /** A person is invited at most once per this many days, across all surveys. @default 30 */
  quietDays: number
}

export const DEFAULT_FATIGUE_RULE: FatigueRule = { quietDays: 30 }

/**
 * Whether a person may be invited now: never twice for the same trigger (e.g. one order), and
 * not within `quietDays` of their last invitation to any survey.
 * @example mayInvite({ lastInvitedAt: daysAgo(3), sameTriggerInvited: false }, now) → false
 */
export function mayInvite(
  person: { lastInvitedAt: Date | undefined; sameTriggerInvited: boolean },
  now: Date,
  rule: FatigueRule = DEFAULT_FATIGUE_RULE,
): { ok: true } | { ok: false; reason: string } {
  if (person.sameTriggerInvited) return { ok: false, reason: 'already invited for this trigger' }
  if (person.lastInvitedAt && now.getTime() - person.lastInvitedAt.getTime() < rule.quietDays * 86_400_000)
    return { ok: false, reason: `invited within the last ${rule.quietDays} days` }
  return { ok: true }
}
