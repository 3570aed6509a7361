// The closed-loop workflow. Kept as an explicit transition table so the API, the dashboard and
// the audit trail agree on what "resolved" means.

export const CASE_STATUSES = ['new', 'in_progress', 'waiting_for_customer', 'resolved', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** How a case ended. */
export const CASE_OUTCOMES = [
  'called_back',
  'refund',
  'replacement',
  'fixed',
  'explained',
  'not_reached',
  'no_action_needed',
] as const
export type CaseOutcome = (typeof CASE_OUTCOMES)[number]

const NEXT: Record<CaseStatus, readonly CaseStatus[]> = {
  new: ['in_progress', 'resolved', 'closed'],
  in_progress: ['waiting_for_customer', 'resolved'],
  waiting_for_customer: ['in_progress', 'resolved'],
  // Reopening is allowed until the case is closed: the customer may answer after all.
  resolved: ['in_progress', 'closed'],
  closed: [],
}

/** Statuses reachable from `from` in one step. */
export function nextCaseStatuses(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from]
}

/** Why `from → to` is not allowed, or undefined when it is. Resolving needs an outcome. */
export function caseTransitionError(
  from: CaseStatus,
  to: CaseStatus,
  outcome: string | null | undefined,
): string | undefined {
  if (!NEXT[from].includes(to)) {
    const allowed = NEXT[from]
    return `a ${from} case cannot become ${to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (closed)'}`
  }
  if ((to === 'resolved' || to === 'closed') && !outcome)
    return `set an outcome before the case becomes ${to}`
  return undefined
}

/** True when a case is still open (counts for SLA and the overdue list). */
export function isOpenCase(status: CaseStatus): boolean {
  return status !== 'resolved' && status !== 'closed'
}
