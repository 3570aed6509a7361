/** The lifecycle states of a person (ARCHITECTURE.md vocabulary), in display order. */
export const LIFECYCLE_STATES = ['new', 'active', 'reactivated', 'at-risk', 'churned'] as const
export type LifecycleState = (typeof LIFECYCLE_STATES)[number]

/** Thresholds of the lifecycle rules, in days. */
export interface LifecycleThresholds {
  /** No activity for this long: churned. @default 90 */
  churnDays?: number
  /** No activity for this long (but less than churnDays): at risk. @default churnDays / 2 */
  atRiskDays?: number
  /** First seen, or back after a churn-length gap, this recently: new or reactivated. @default 30 */
  newDays?: number
}

/** What the rules need to know about a person's activity (epoch milliseconds). */
export interface PersonActivitySpan {
  firstSeen: number
  lastSeen: number
  /**
   * Start of the latest return after a gap of at least churnDays without activity, or null when
   * the person never had such a gap.
   */
  returnedAt: number | null
}

const DAY_MS = 86_400_000

/** Resolves the defaults and checks that the thresholds are ordered (new ≤ at risk < churn). */
export function lifecycleThresholds(t: LifecycleThresholds = {}): Required<LifecycleThresholds> {
  const churnDays = t.churnDays ?? 90
  const atRiskDays = t.atRiskDays ?? churnDays / 2
  const newDays = t.newDays ?? 30
  if (!(churnDays > 0)) throw new RangeError('churnDays must be > 0')
  if (!(atRiskDays > 0 && atRiskDays < churnDays))
    throw new RangeError('atRiskDays must be in (0, churnDays)')
  if (!(newDays > 0)) throw new RangeError('newDays must be > 0')
  return { churnDays, atRiskDays, newDays }
}

/**
 * A person's lifecycle state at `asOf`, by recency of activity: churned after churnDays without
 * activity, at risk after atRiskDays; otherwise new (first seen within newDays), reactivated
 * (came back within newDays after a churn-length gap), or active. Inactivity wins over newness:
 * a customer first seen 20 days ago and silent for 60 is at risk, not new.
 */
export function lifecycleState(
  person: PersonActivitySpan,
  asOf: number,
  thresholds: LifecycleThresholds = {},
): LifecycleState {
  const t = lifecycleThresholds(thresholds)
  const idleDays = (asOf - person.lastSeen) / DAY_MS
  if (idleDays >= t.churnDays) return 'churned'
  if (idleDays >= t.atRiskDays) return 'at-risk'
  if ((asOf - person.firstSeen) / DAY_MS < t.newDays) return 'new'
  if (person.returnedAt !== null && (asOf - person.returnedAt) / DAY_MS < t.newDays) return 'reactivated'
  return 'active'
}
